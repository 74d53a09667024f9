import type { Db, MongoClient } from 'mongodb';
import type { Caller } from '../../../src/auth/caller';
import { DATABASES } from '../../../src/contract/documents';
import { createLoaders, type WebLoaders } from './loaders';

export interface WebContext {
  db: Db;
  loaders: WebLoaders;
  /** Who is asking, as the gateway vouched for it. */
  caller: Caller;
}

/** A fresh context for one request: the shared client, new DataLoaders, the caller. */
export function createWebContext(client: MongoClient, caller: Caller): WebContext {
  const db = client.db(DATABASES.web);
  return { db, loaders: createLoaders(db), caller };
}
