import { DATABASES } from '../../../src/contract/documents';
import type { SubgraphModule } from '../../common/src/subgraph';
import { createWebContext, type WebContext } from './context';
import { ensureWebIndexes } from './loaders';
import { WEB_SCHEMA_PATH, createWebServer } from './server';

export type { WebContext } from './context';

/** The web shop channel: visitors (cookies), their sessions and events, online orders. */
export const webSubgraph: SubgraphModule<WebContext> = {
  name: 'web',
  schemaPath: WEB_SCHEMA_PATH,
  databaseName: DATABASES.web,
  createServer: (options) => createWebServer(options),
  createContext: createWebContext,
  ensureIndexes: (client) => ensureWebIndexes(client.db(DATABASES.web)),
};
