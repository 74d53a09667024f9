import path from 'node:path';
import { identityCollections } from '../../../src/identity/store';
import { sharedCustomerEventTail } from '../../../src/live/events';
import { suppressionHashList } from '../../../src/privacy/suppression';
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
  internal: {
    // The channels check ingested rows against the forgotten customers' identifiers.
    async 'suppression-list'(_input, { db, runtime }) {
      if (!runtime.privacySecret) throw new Error('the identity subgraph was started without a privacy secret (OMNIDEX_PRIVACY_SECRET)');
      return { hashes: await suppressionHashList(db, runtime.privacySecret) };
    },
  },
  contextFrom: (db, runtime) => ({
    identity: identityCollections(db),
    services: runtime.services ?? {},
    events: sharedCustomerEventTail(db),
    ...(runtime.privacySecret ? { privacySecret: runtime.privacySecret } : {}),
  }),
});
