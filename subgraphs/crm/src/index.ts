import { DATABASES } from '../../../src/contract/documents';
import type { SubgraphModule } from '../../common/src/subgraph';
import { createCrmContext, type CrmContext } from './context';
import { ensureCrmIndexes } from './loaders';
import { CRM_SCHEMA_PATH, createCrmServer } from './server';

export type { CrmContext } from './context';

/** The CRM channel: contacts, their service cases and transcripts. */
export const crmSubgraph: SubgraphModule<CrmContext> = {
  name: 'crm',
  schemaPath: CRM_SCHEMA_PATH,
  databaseName: DATABASES.crm,
  createServer: (options) => createCrmServer(options),
  createContext: createCrmContext,
  ensureIndexes: (client) => ensureCrmIndexes(client.db(DATABASES.crm)),
};
