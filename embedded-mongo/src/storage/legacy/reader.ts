import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'bson';
import { CorruptDataError } from '../errors';
import { decodePayload, type MutationSink, type OtherMutation } from './codec';
import { LOG_MAGIC, RECORD_HEADER_BYTES, SNAPSHOT_MAGIC, scanRecords } from './records';

/**
 * Reading a data directory of the storage format before LMDB (write-ahead log and snapshots),
 * once, to migrate it. The checks are the ones the old recovery made: a torn last record of the
 * newest log was never acknowledged and is left out; any other damage is a CorruptDataError
 * naming the file and offset, and nothing is migrated.
 */

const LOG_NAME = /^log-(\d{12})\.wal$/;
const SNAPSHOT_NAME = /^snapshot-(\d{12})\.bson$/;
/** The last record of a snapshot: proof that it is complete. */
const END_OP = '$end';

export function logFileName(generation: number): string {
  return `log-${String(generation).padStart(12, '0')}.wal`;
}

export function snapshotFileName(generation: number): string {
  return `snapshot-${String(generation).padStart(12, '0')}.bson`;
}

/** The files of the old format in a directory listing: logs and snapshots, and leftovers of their writing (`*.tmp`). */
export function legacyFileNames(names: readonly string[]): string[] {
  return names.filter(
    (name) => LOG_NAME.test(name) || SNAPSHOT_NAME.test(name) || (name.endsWith('.tmp') && (name.startsWith('log-') || name.startsWith('snapshot-'))),
  );
}

/**
 * Progress of a read: bytes of the files read so far, out of all of them. Called as each record
 * starts, with where its payload starts (a put's `at` is relative to it), and as it ends.
 */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * Replays the directory's state into `sink`: the newest snapshot, then every log from its
 * generation on, in order.
 */
export async function readLegacyDataDir(dir: string, sink: MutationSink, progress: ReadProgress): Promise<void> {
  const names = await readdir(dir);
  const logs = generations(names, LOG_NAME);
  const snapshots = generations(names, SNAPSHOT_NAME);
  const snapshot = snapshots.at(-1) ?? 0;
  const replayed = logs.filter((g) => g >= snapshot);
  const expectedFirst = snapshot || 1;
  replayed.forEach((generation, i) => {
    if (generation !== expectedFirst + i) {
      throw new CorruptDataError(path.join(dir, logFileName(expectedFirst + i)), undefined, `missing: the logs after the newest snapshot must be consecutive (the directory has ${names.join(', ')})`);
    }
  });
  if (snapshot > 0 && replayed.length === 0) {
    throw new CorruptDataError(path.join(dir, logFileName(snapshot)), undefined, `missing: the directory has ${names.join(', ')}`);
  }
  const files = [...(snapshot > 0 ? [snapshotFileName(snapshot)] : []), ...replayed.map(logFileName)].map((name) => path.join(dir, name));
  let totalBytes = 0;
  for (const file of files) totalBytes += (await stat(file)).size;
  let doneBytes = 0;
  const report = (file: number) => (offset: number) => progress(doneBytes + Math.min(offset, file), totalBytes);

  if (snapshot > 0) {
    const file = files[0] as string;
    const size = (await stat(file)).size;
    await readSnapshot(file, snapshot, sink, report(size));
    doneBytes += size;
  }
  for (const [i, generation] of replayed.entries()) {
    const file = path.join(dir, logFileName(generation));
    const size = (await stat(file)).size;
    const at = report(size);
    const scan = await scanRecords(file, LOG_MAGIC, generation, (payload, offset) => {
      at(offset + RECORD_HEADER_BYTES);
      decodePayload(payload, { file, offset }, sink);
      at(offset + RECORD_HEADER_BYTES + payload.length);
    });
    // Every record of an older log was synced before the next log was created; only the newest
    // may end in a torn write, which was never acknowledged.
    if (i < replayed.length - 1 && scan.end !== scan.fileSize) {
      throw new CorruptDataError(file, scan.end, 'damaged records before the end of a log that a newer log follows');
    }
    doneBytes += size;
  }
  progress(totalBytes, totalBytes);
}

function generations(names: readonly string[], pattern: RegExp): number[] {
  return names
    .map((name) => pattern.exec(name)?.[1])
    .filter((g): g is string => g !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Reads a snapshot. A snapshot is complete by construction (it only got its name once synced),
 * so any damage, or a missing end record, is corruption, not a torn tail.
 */
async function readSnapshot(file: string, generation: number, into: MutationSink, progress: (offset: number) => void): Promise<void> {
  let count = 0;
  let ended = false;
  let offset = 0;
  const checkNotEnded = () => {
    if (ended) throw new CorruptDataError(file, offset, 'data follows the end record');
  };
  const sink: MutationSink = {
    put: (db, coll, bytes, at) => {
      checkNotEnded();
      into.put(db, coll, bytes, at);
      count += 1;
    },
    apply: (mutation: OtherMutation) => {
      checkNotEnded();
      into.apply(mutation);
      count += 1;
    },
    other: (document: Document) => {
      if (document.op !== END_OP || ended) throw new CorruptDataError(file, offset, `not a mutation: ${JSON.stringify(document).slice(0, 200)}`);
      if (Number(document.mutations) !== count) {
        throw new CorruptDataError(file, offset, `the end record counts ${document.mutations} mutations, the file holds ${count}`);
      }
      ended = true;
    },
  };
  const scan = await scanRecords(file, SNAPSHOT_MAGIC, generation, (payload, at) => {
    offset = at;
    progress(at + RECORD_HEADER_BYTES);
    decodePayload(payload, { file, offset }, sink);
    progress(at + RECORD_HEADER_BYTES + payload.length);
  });
  if (scan.end !== scan.fileSize || !ended) {
    throw new CorruptDataError(file, scan.end, 'the snapshot is incomplete (no intact end record)');
  }
}
