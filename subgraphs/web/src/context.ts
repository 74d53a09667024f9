import type { Db, MongoClient } from 'mongodb';
import { DATABASES } from '../../../src/contract/documents';
import { createLoaders, type WebLoaders } from './loaders';

export interface WebContext {
  db: Db;
  loaders: WebLoaders;
}

/** A fresh context for one request: the shared client, new DataLoaders. */
export function createWebContext(client: MongoClient): WebContext {
  const db = client.db(DATABASES.web);
  return { db, loaders: createLoaders(db) };
}
