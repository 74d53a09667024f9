import type { MongoClient } from 'mongodb';
import type { Caller } from '../../../src/auth/caller';
import { identityCollections, type IdentityCollections } from '../../../src/identity/store';
import type { SubgraphSettings } from '../../common/src/subgraph';
import { createLoaders, type IdentityLoaders } from './loaders';

export interface IdentityContext {
  client: MongoClient;
  identity: IdentityCollections;
  loaders: IdentityLoaders;
  /** Who is asking, as the gateway vouched for it. */
  caller: Caller;
  /** Keys the suppression list of forgotten customers; absent where privacy rights are not served. */
  privacySecret?: string;
}

/** A fresh context for one request: the shared client, new DataLoaders, the caller. */
export function createIdentityContext(client: MongoClient, caller: Caller, settings: SubgraphSettings = {}): IdentityContext {
  const identity = identityCollections(client);
  return { client, identity, loaders: createLoaders(identity), caller, ...(settings.privacySecret ? { privacySecret: settings.privacySecret } : {}) };
}
