import { DATABASES } from '../../../src/contract/documents';
import { ensureIdentityIndexes } from '../../../src/identity/store';
import type { SubgraphModule } from '../../common/src/subgraph';
import { createIdentityContext, type IdentityContext } from './context';
import { createIdentityServer, IDENTITY_SCHEMA_PATH } from './server';

export type { IdentityContext } from './context';

/** Customers: the persistent ids `omnidex resolve` assigns, their identifiers, links and timeline. */
export const identitySubgraph: SubgraphModule<IdentityContext> = {
  name: 'identity',
  schemaPath: IDENTITY_SCHEMA_PATH,
  databaseName: DATABASES.identity,
  createServer: (options) => createIdentityServer(options),
  createContext: createIdentityContext,
  ensureIndexes: ensureIdentityIndexes,
};
