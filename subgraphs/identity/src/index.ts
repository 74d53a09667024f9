import path from 'node:path';
import { identityCollections } from '../../../src/identity/store';
import { defineSubgraph } from '../../common/src/subgraph';
import { createLoaders, ensureIndexes } from './loaders';
import { resolvers } from './resolvers';

/** Customers: the persistent ids `omnidex resolve` assigns, their identifiers, links and timeline. */
export const identitySubgraph = defineSubgraph({
  name: 'identity',
  schemaPath: path.resolve(__dirname, '..', 'schema.graphql'),
  database: 'identity',
  resolvers,
  createLoaders,
  ensureIndexes,
  contextFrom: (db, runtime) => ({
    identity: identityCollections(db),
    services: runtime.services ?? {},
    ...(runtime.privacySecret ? { privacySecret: runtime.privacySecret } : {}),
  }),
});
