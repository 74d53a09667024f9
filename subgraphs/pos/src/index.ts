import path from 'node:path';
import { channelIngestOperations, INGEST_REQUEST_BYTES } from '../../common/src/ingest-operation';
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
  internal: { ...posRecordOperations, ...channelIngestOperations('pos') },
  // Ingest bodies (OMNIDEX_MAX_INGEST_KB, 4 MiB by default) arrive as one internal request from the gateway.
  internalRequestBytesLimit: INGEST_REQUEST_BYTES,
});
