import { once } from 'node:events';
import type { Collection, Filter } from 'mongodb';
import { CHANNELS, QUARANTINE_COLLECTION, type QuarantineDoc } from '../contract/documents';
import type { Databases } from '../db';
import { createPrivateFile } from '../secret-file';
import { channelOfFile } from './import-directory';

/** The quarantines: one in each channel's database, for the rows of that channel's files. */
export type QuarantineDatabases = Pick<Databases, 'crm' | 'web' | 'pos'>;

export interface QuarantineFilter {
  /** File path relative to the import directory, e.g. `pos/transactions.csv`. */
  file?: string;
  importId?: string;
}

function toFilter(filter: QuarantineFilter): Filter<QuarantineDoc> {
  const query: Filter<QuarantineDoc> = {};
  if (filter.file !== undefined) query.file = filter.file;
  if (filter.importId !== undefined) query.importId = filter.importId;
  return query;
}

/** The quarantines a filter can match: the file's channel's alone when it names a file. */
function collections(dbs: QuarantineDatabases, filter: QuarantineFilter): Collection<QuarantineDoc>[] {
  const channels = filter.file !== undefined ? [channelOfFile(filter.file)].filter((c) => CHANNELS.includes(c)) : CHANNELS;
  return channels.map((channel) => dbs[channel].collection<QuarantineDoc>(QUARANTINE_COLLECTION));
}

const byImportFileLine = (a: QuarantineDoc, b: QuarantineDoc) =>
  a.importId.localeCompare(b.importId) || a.file.localeCompare(b.file) || a.line - b.line;

/** Rejected rows, in file and line order within each import. */
export async function listQuarantine(
  dbs: QuarantineDatabases,
  options: QuarantineFilter & { limit?: number } = {},
): Promise<QuarantineDoc[]> {
  const limit = options.limit ?? 100;
  const found = await Promise.all(
    collections(dbs, options).map((c) => c.find(toFilter(options)).sort({ importId: 1, file: 1, line: 1 }).limit(limit).toArray()),
  );
  return found.flat().sort(byImportFileLine).slice(0, limit);
}

/**
 * Writes the matching quarantined rows to `outFile` as JSON Lines
 * (`{"importId","file","line","reason","raw","rawBytes"?,"quarantinedAt"}`), streamed from the
 * cursor, so that they can be inspected, fixed and fed again. Returns how many were written. The
 * rows are personal data: the file is readable by its owner alone (mode 0600), even one that existed.
 */
export async function exportQuarantine(dbs: QuarantineDatabases, outFile: string, filter: QuarantineFilter = {}): Promise<number> {
  const file = createPrivateFile(outFile);
  const out = file.stream;
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  // Raced below; this keeps a write error from counting as unhandled before the race is reached.
  failed.catch(() => {});
  let count = 0;
  try {
    // One channel after the other: each channel's rows in import, file and line order.
    const cursors = collections(dbs, filter).map((c) => c.find(toFilter(filter)).sort({ importId: 1, file: 1, line: 1 }));
    for (const cursor of cursors) for await (const doc of cursor) {
      const line = JSON.stringify({
        importId: doc.importId,
        file: doc.file,
        line: doc.line,
        reason: doc.reason,
        raw: doc.raw,
        ...(doc.rawBytes !== undefined ? { rawBytes: doc.rawBytes } : {}),
        quarantinedAt: doc.quarantinedAt,
      });
      count += 1;
      if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), failed]);
    }
    await Promise.race([file.close(), failed]);
  } catch (error) {
    await file.discard();
    throw error;
  }
  return count;
}
