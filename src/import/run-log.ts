import type { Db } from 'mongodb';
import { COLLECTIONS } from '../contract/documents';
import type { ImportRunStatus } from '../contract/import-log';
import type { ImportReport } from './report';

/** A run's entry in `omnidex.imports`: its report once it has finished (see `ImportRunStatus`). */
type ImportLogDoc = Partial<ImportReport> & {
  _id: string;
  importId: string;
  dir: string;
  startedAt: Date;
  status: ImportRunStatus;
  completedBy?: string;
};

/** An earlier run that never finished: killed, or stopped by a database failure. */
export interface InterruptedRun {
  importId: string;
  startedAt: Date;
}

function importLog(omnidex: Db) {
  return omnidex.collection<ImportLogDoc>(COLLECTIONS.omnidex.imports);
}

/**
 * Logs the run as `running` before it writes anything, and returns the runs that were left
 * `running` (imports do not run concurrently, so those were interrupted).
 */
export async function startImportRun(omnidex: Db, run: InterruptedRun & { dir: string }): Promise<InterruptedRun[]> {
  await importLog(omnidex).replaceOne(
    { _id: run.importId },
    { importId: run.importId, dir: run.dir, startedAt: run.startedAt, status: 'running' },
    { upsert: true },
  );
  const found = await importLog(omnidex)
    .find({ status: 'running', _id: { $ne: run.importId } }, { projection: { startedAt: 1 } })
    .sort({ startedAt: 1 })
    .toArray();
  return found.map((doc) => ({ importId: doc._id, startedAt: doc.startedAt }));
}

/**
 * Marks the interrupted runs as completed by this one, then replaces its own entry by its report.
 * In that order: until the report is written this run is itself `running`, so a kill in between
 * leaves the next run to take over.
 */
export async function finishImportRun(omnidex: Db, report: ImportReport, interrupted: readonly InterruptedRun[]): Promise<void> {
  if (interrupted.length > 0) {
    await importLog(omnidex).updateMany(
      { _id: { $in: interrupted.map((run) => run.importId) } },
      { $set: { status: 'interrupted', completedBy: report.importId } },
    );
  }
  await importLog(omnidex).replaceOne({ _id: report.importId }, { ...report, status: 'finished' }, { upsert: true });
}
