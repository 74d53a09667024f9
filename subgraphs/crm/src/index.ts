import path from 'node:path';
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
  internal: crmRecordOperations,
});
