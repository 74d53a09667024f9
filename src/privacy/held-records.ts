import type { Db, ObjectId } from 'mongodb';
import { QUARANTINE_COLLECTION, type QuarantineDoc } from '../contract/documents';
import { chunks } from '../identity/store/collections';
import { createSuppressionCheck } from './suppression';

/** Ids per `$in`: large enough that round trips stay few, small enough for one 16 MiB command. */
export const IN_BATCH = 5_000;

/** Runs `deleteMany` over `ids` a batch at a time; returns how many documents went. */
export async function deleteByIds(
  collection: { deleteMany(filter: object): Promise<{ deletedCount: number }> },
  field: string,
  ids: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (const batch of chunks(ids, IN_BATCH)) deleted += (await collection.deleteMany({ [field]: { $in: batch } })).deletedCount;
  return deleted;
}

/**
 * Rejected rows hold the raw text of the person's records: those in `db`'s quarantine carrying a
 * forgotten identifier (one of `hashes`, the suppression list's keyed hashes) go.
 */
export async function scrubQuarantine(db: Db, secret: string, hashes: readonly string[]): Promise<number> {
  if (hashes.length === 0) return 0;
  const check = createSuppressionCheck(secret, new Set(hashes));
  // Rows quarantined by older importers have ObjectIds.
  const quarantine = db.collection<Omit<QuarantineDoc, '_id'> & { _id: string | ObjectId }>(QUARANTINE_COLLECTION);
  const doomed: (string | ObjectId)[] = [];
  for await (const row of quarantine.find({}, { projection: { file: 1, raw: 1 } })) {
    if (check.checkRaw(row.file, row.raw)) doomed.push(row._id);
  }
  let deleted = 0;
  for (const batch of chunks(doomed, IN_BATCH)) deleted += (await quarantine.deleteMany({ _id: { $in: batch } })).deletedCount;
  return deleted;
}
