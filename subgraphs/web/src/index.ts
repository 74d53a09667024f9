import path from 'node:path';
import { channelIngestOperations, INGEST_REQUEST_BYTES } from '../../common/src/ingest-operation';
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
  internal: { ...webRecordOperations, ...channelIngestOperations('web') },
  // Ingest bodies (OMNIDEX_MAX_INGEST_KB, 4 MiB by default) arrive as one internal request from the gateway.
  internalRequestBytesLimit: INGEST_REQUEST_BYTES,
});
