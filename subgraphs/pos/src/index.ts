import path from 'node:path';
import { defineSubgraph } from '../../common/src/subgraph';
import { createLoaders, ensureIndexes } from './loaders';
import { posRecordOperations } from './models/records';
import { resolvers } from './resolvers';

/** The stores' point of sale: shoppers (loyalty card, payment card or receipt), receipts, returns. */
export const posSubgraph = defineSubgraph({
  name: 'pos',
  schemaPath: path.resolve(__dirname, '..', 'schema.graphql'),
  database: 'pos',
  resolvers,
  createLoaders,
  ensureIndexes,
  internal: posRecordOperations,
});
