import type { Db, MongoClient } from 'mongodb';
import { DATABASES } from '../../../src/contract/documents';
import { createLoaders, type PosLoaders } from './loaders';

export interface PosContext {
  db: Db;
  loaders: PosLoaders;
}

/** A fresh context for one request: the shared client, new DataLoaders. */
export function createPosContext(client: MongoClient): PosContext {
  const db = client.db(DATABASES.pos);
  return { db, loaders: createLoaders(db) };
}
