import { once } from 'node:events';
import fs from 'node:fs';
import type { Filter, MongoClient } from 'mongodb';
import { COLLECTIONS, DATABASES, type QuarantineDoc } from '../contract/documents';

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

function collection(client: MongoClient) {
  return client.db(DATABASES.omnidex).collection<QuarantineDoc>(COLLECTIONS.omnidex.quarantine);
}

/** Rejected rows, in file and line order within each import. */
export async function listQuarantine(
  client: MongoClient,
  options: QuarantineFilter & { limit?: number } = {},
): Promise<QuarantineDoc[]> {
  return collection(client)
    .find(toFilter(options))
    .sort({ importId: 1, file: 1, line: 1 })
    .limit(options.limit ?? 100)
    .toArray();
}

/**
 * Writes the matching quarantined rows to `outFile` as JSON Lines
 * (`{"importId","file","line","reason","raw","quarantinedAt"}`), streamed from the cursor, so that
 * they can be inspected, fixed and fed again. Returns how many were written.
 */
export async function exportQuarantine(client: MongoClient, outFile: string, filter: QuarantineFilter = {}): Promise<number> {
  const out = fs.createWriteStream(outFile, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  // Raced below; this keeps a write error from counting as unhandled before the race is reached.
  failed.catch(() => {});
  let count = 0;
  try {
    const cursor = collection(client).find(toFilter(filter)).sort({ importId: 1, file: 1, line: 1 });
    for await (const doc of cursor) {
      const line = JSON.stringify({
        importId: doc.importId,
        file: doc.file,
        line: doc.line,
        reason: doc.reason,
        raw: doc.raw,
        quarantinedAt: doc.quarantinedAt,
      });
      count += 1;
      if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), failed]);
    }
  } finally {
    out.end();
  }
  await Promise.race([once(out, 'finish'), failed]);
  return count;
}
