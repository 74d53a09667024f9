import type { MongoClient } from 'mongodb';
import { identityCollections, type IdentityCollections } from '../../../src/identity/store';
import { createLoaders, type IdentityLoaders } from './loaders';

export interface IdentityContext {
  client: MongoClient;
  identity: IdentityCollections;
  loaders: IdentityLoaders;
}

/** A fresh context for one request: the shared client, new DataLoaders. */
export function createIdentityContext(client: MongoClient): IdentityContext {
  const identity = identityCollections(client);
  return { client, identity, loaders: createLoaders(identity) };
}
