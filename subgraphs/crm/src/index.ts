import path from 'node:path';
import { channelIngestOperations, INGEST_REQUEST_BYTES } from '../../common/src/ingest-operation';
import { defineSubgraph } from '../../common/src/subgraph';
import { createLoaders, ensureIndexes } from './loaders';
import { crmRecordOperations } from './models/records';
import { resolvers } from './resolvers';

/** The CRM channel: contacts, their service cases and transcripts. */
export const crmSubgraph = defineSubgraph({
  name: 'crm',
  schemaPath: path.resolve(__dirname, '..', 'schema.graphql'),
  database: 'crm',
  resolvers,
  createLoaders,
  ensureIndexes,
  internal: { ...crmRecordOperations, ...channelIngestOperations('crm') },
  // Ingest bodies (OMNIDEX_MAX_INGEST_KB, 4 MiB by default) arrive as one internal request from the gateway.
  internalRequestBytesLimit: INGEST_REQUEST_BYTES,
});
