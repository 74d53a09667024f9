import { DATABASES } from '../../../src/contract/documents';
import type { SubgraphModule } from '../../common/src/subgraph';
import { createPosContext, type PosContext } from './context';
import { ensurePosIndexes } from './loaders';
import { POS_SCHEMA_PATH, createPosServer } from './server';

export type { PosContext } from './context';

/** The stores' point of sale: shoppers (loyalty card, payment card or receipt), receipts, returns. */
export const posSubgraph: SubgraphModule<PosContext> = {
  name: 'pos',
  schemaPath: POS_SCHEMA_PATH,
  databaseName: DATABASES.pos,
  createServer: (options) => createPosServer(options),
  createContext: createPosContext,
  ensureIndexes: (client) => ensurePosIndexes(client.db(DATABASES.pos)),
};
