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
 * How far resolve may read (rows carry their import's start, `imported.importedAt`), from the
 * importer's log in the `omnidex` database: when the latest finished import began; before any has
 * finished, just before the first one began, so that the rows of one still running (or
 * interrupted) wait for it; undefined when nothing was ever imported.
 */
export async function importWatermark(omnidex: Db): Promise<Date | undefined> {
  const log = omnidex.collection<{ startedAt: Date }>(COLLECTIONS.omnidex.imports);
  const projection = { startedAt: 1 };
  const latest = await log.find({ finishedAt: { $exists: true } }, { projection }).sort({ startedAt: -1 }).limit(1).next();
  if (latest) return latest.startedAt;
  const first = await log.find({}, { projection }).sort({ startedAt: 1 }).limit(1).next();
  return first ? new Date(first.startedAt.getTime() - 1) : undefined;
}
