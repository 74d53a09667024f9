import type { Db } from 'mongodb';
import { COLLECTIONS } from './documents';

/**
 * A run in the importer's log (`omnidex.imports`, `_id` its import id): written `running` as it
 * starts and replaced by its report (`finished`) when it ends. A run found still `running` by the
 * next one was interrupted: the next run completes its work and marks it `interrupted`, naming
 * itself in `completedBy`. Logs written before runs had a status hold finished runs only.
 */
export type ImportRunStatus = 'running' | 'finished' | 'interrupted';

/**
 * When the latest finished import began, from the importer's log in the `omnidex` database;
 * undefined when none ever finished. Resolve reads it as its watermark: rows carry their import's start.
 */
export async function latestImportStartedAt(omnidex: Db): Promise<Date | undefined> {
  const latest = await omnidex
    .collection<{ startedAt: Date }>(COLLECTIONS.omnidex.imports)
    .find({ finishedAt: { $exists: true } }, { projection: { startedAt: 1 } })
    .sort({ startedAt: -1 })
    .limit(1)
    .next();
  return latest?.startedAt;
}
