import type { Db, MongoClient } from 'mongodb';
import { DATABASES } from '../../../src/contract/documents';
import { createLoaders, type CrmLoaders } from './loaders';

export interface CrmContext {
  db: Db;
  loaders: CrmLoaders;
}

/** A fresh context for one request: the shared client, new DataLoaders. */
export function createCrmContext(client: MongoClient): CrmContext {
  const db = client.db(DATABASES.crm);
  return { db, loaders: createLoaders(db) };
}
