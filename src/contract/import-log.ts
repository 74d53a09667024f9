import type { Db } from 'mongodb';
import { COLLECTIONS } from './documents';

/**
 * When the latest import began, from the importer's log in the `omnidex` database; undefined when
 * nothing was ever imported. Resolve reads it as its watermark: rows carry their import's start.
 */
export async function latestImportStartedAt(omnidex: Db): Promise<Date | undefined> {
  const latest = await omnidex
    .collection<{ startedAt: Date }>(COLLECTIONS.omnidex.imports)
    .find({}, { projection: { startedAt: 1 } })
    .sort({ startedAt: -1 })
    .limit(1)
    .next();
  return latest?.startedAt;
}
