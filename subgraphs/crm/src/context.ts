import type { Db, MongoClient } from 'mongodb';
import type { Caller } from '../../../src/auth/caller';
import { DATABASES } from '../../../src/contract/documents';
import { createLoaders, type CrmLoaders } from './loaders';

export interface CrmContext {
  db: Db;
  loaders: CrmLoaders;
  /** Who is asking, as the gateway vouched for it. */
  caller: Caller;
}

/** A fresh context for one request: the shared client, new DataLoaders, the caller. */
export function createCrmContext(client: MongoClient, caller: Caller): CrmContext {
  const db = client.db(DATABASES.crm);
  return { db, loaders: createLoaders(db), caller };
}
