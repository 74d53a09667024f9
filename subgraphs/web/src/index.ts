import path from 'node:path';
import { defineSubgraph } from '../../common/src/subgraph';
import { createLoaders, ensureIndexes } from './loaders';
import { webRecordOperations } from './models/records';
import { resolvers } from './resolvers';

/** The web shop channel: visitors (cookies), their sessions and events, online orders. */
export const webSubgraph = defineSubgraph({
  name: 'web',
  schemaPath: path.resolve(__dirname, '..', 'schema.graphql'),
  database: 'web',
  resolvers,
  createLoaders,
  ensureIndexes,
  internal: webRecordOperations,
});
