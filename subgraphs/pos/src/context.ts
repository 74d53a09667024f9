import type { Db, MongoClient } from 'mongodb';
import type { Caller } from '../../../src/auth/caller';
import { DATABASES } from '../../../src/contract/documents';
import { createLoaders, type PosLoaders } from './loaders';

export interface PosContext {
  db: Db;
  loaders: PosLoaders;
  /** Who is asking, as the gateway vouched for it. */
  caller: Caller;
}

/** A fresh context for one request: the shared client, new DataLoaders, the caller. */
export function createPosContext(client: MongoClient, caller: Caller): PosContext {
  const db = client.db(DATABASES.pos);
  return { db, loaders: createLoaders(db), caller };
}
