import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DeserializeOptions } from 'bson';
import { decodePayload, type MutationSink } from './codec';
import { DEFAULT_DESERIALIZE_OPTIONS } from './raw-bson';
import { CorruptDataError } from './errors';
import { classifyDataDirEntries, logFileName, snapshotFileName, syncDirectory } from './files';
import { FileJournal, createLogFile, type CompactionStep } from './journal';
import { acquireLock, canonicalDir, readOwner, recordPortInLock, releaseLock } from './lock';
import type { LogFile } from './log-writer';
import { LOG_MAGIC, FILE_HEADER_BYTES, scanRecords } from './records';
import { readSnapshot } from './snapshot';
import { StateBuilder } from './state';
import type { OpenedStorage } from './types';

export * from './types';
export type { MutationSink } from './codec';
export { CorruptDataError, JournalClosedError, JournalFailedError } from './errors';
export type { CompactionStep, FileJournal, JournalStats } from './journal';

export interface StorageOptions {
  /**
   * How recovered documents are deserialized. Use the options the wire protocol decodes client
   * documents with, so a recovered document has exactly the representation the engine stored
   * (e.g. `promoteValues: false` keeps Int32 and Double apart, `promoteLongs: false` keeps Long).
   */
  deserializeOptions?: DeserializeOptions;
  /** Upper bound of one group commit's write; the rest waits for the next round. Default 16 MiB. */
  maxGroupBytes?: number;
  /** Called at each step of a compaction; crash tests kill the process here. */
  onCompactionStep?: (step: CompactionStep) => void;
}

export { DEFAULT_DESERIALIZE_OPTIONS, decodeStoredDocument } from './raw-bson';

export interface OpenedFileStorage extends OpenedStorage {
  journal: FileJournal;
}

/**
 * Opens a data directory: creates it if needed, takes its lock (DataDirLockedError when a live
 * process holds it; a lock left by a dead process is taken over), and recovers the state from the
 * latest snapshot plus every complete batch logged after it. A torn last record is cut off; damage
 * anywhere else is a CorruptDataError, never silent loss.
 */
export async function openStorage(dataDir: string, options: StorageOptions = {}): Promise<OpenedFileStorage> {
  const builder = new StateBuilder();
  const { journal } = await openStorageInto(dataDir, builder, options);
  return { state: builder.build(), journal };
}

/**
 * `openStorage` for a caller that keeps its own state: the recovered mutations are replayed into
 * `sink`, in log order, instead of being gathered into a RecoveredState first. The engine uses it
 * to build its collections directly, so a large recovery does not hold every document twice.
 * `sink` must give the same result as StateBuilder: every mutation idempotent, the last one for
 * an `_id` winning. On failure the lock is released and whatever reached `sink` must be discarded.
 */
export async function openStorageInto(dataDir: string, sink: MutationSink, options: StorageOptions = {}): Promise<{ journal: FileJournal }> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
  }
  if (!(await stat(dataDir)).isDirectory()) throw new Error(`data directory ${dataDir} exists and is not a directory`);
  const dir = await canonicalDir(dataDir);
  const lock = await acquireLock(dir);
  try {
    // Every payload passed a CRC32 check and was written by the bson serializer from JS strings,
    // so re-validating its UTF-8 would only cost time.
    const deserializeOptions = { ...(options.deserializeOptions ?? DEFAULT_DESERIALIZE_OPTIONS), validation: { utf8: false as const } };
    // Stored documents are decoded later with the default options only (decodeStoredDocument).
    const keepStored = sink.putStored !== undefined && options.deserializeOptions === undefined;
    const current = await recover(dir, deserializeOptions, sink, keepStored);
    const journal = new FileJournal(dir, lock, current, {
      maxGroupBytes: options.maxGroupBytes ?? 16 * 1024 * 1024,
      onCompactionStep: options.onCompactionStep,
    });
    return { journal };
  } catch (error) {
    await releaseLock(dir, lock);
    throw error;
  }
}

/** The owner writes the port it serves on into the lock, for `readDataDirOwner`. */
export async function recordServingPort(dataDir: string, port: number): Promise<void> {
  await recordPortInLock(dataDir, port);
}

/** The live process holding a data directory (and its port once recorded), or undefined. */
export async function readDataDirOwner(dataDir: string): Promise<{ pid: number; port?: number } | undefined> {
  return readOwner(dataDir);
}

/**
 * Recovery proper. Files: `snapshot-S.bson` (the latest one) and `log-G.wal` for every G >= S,
 * consecutive; a compaction interrupted before its snapshot was renamed leaves two logs, both
 * replayed. Older files are leftovers of a compaction interrupted after the rename: deleted.
 */
async function recover(dir: string, deserializeOptions: DeserializeOptions, builder: MutationSink, keepStored: boolean) {
  const listing = classifyDataDirEntries(await readdir(dir));
  for (const temp of listing.temps) await unlink(path.join(dir, temp));

  const snapshotGeneration = listing.snapshots.at(-1) ?? 0;
  if (snapshotGeneration > 0) {
    await readSnapshot(path.join(dir, snapshotFileName(snapshotGeneration)), snapshotGeneration, deserializeOptions, builder, keepStored);
  }

  const logs = listing.logs.filter((g) => g >= snapshotGeneration);
  const expectedFirst = snapshotGeneration || 1;
  logs.forEach((generation, i) => {
    if (generation !== expectedFirst + i) {
      throw new CorruptDataError(
        path.join(dir, logFileName(expectedFirst + i)),
        undefined,
        `missing: the directory has ${describe(listing)}, the logs after the newest snapshot must be consecutive`,
      );
    }
  });
  if (snapshotGeneration > 0 && logs.length === 0) {
    throw new CorruptDataError(path.join(dir, logFileName(snapshotGeneration)), undefined, `missing: the directory has ${describe(listing)}`);
  }

  let olderLogBytes = 0;
  let current: { file: LogFile; generation: number } | undefined;
  for (const [i, generation] of logs.entries()) {
    const file = path.join(dir, logFileName(generation));
    const scan = await scanRecords(file, LOG_MAGIC, generation, (payload, offset) =>
      decodePayload(payload, deserializeOptions, { file, offset }, builder, keepStored),
    );
    const isLast = i === logs.length - 1;
    if (!isLast) {
      // Every record of an older log was synced before the next log was created.
      if (scan.end !== scan.fileSize) throw new CorruptDataError(file, scan.end, 'damaged records before the end of a log that a newer log follows');
      olderLogBytes += scan.end - FILE_HEADER_BYTES;
      continue;
    }
    const handle = await open(file, 'r+');
    try {
      if (scan.end !== scan.fileSize) {
        // A torn last batch was never acknowledged: cut it off so new records follow intact ones.
        await handle.truncate(scan.end);
        await handle.sync();
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    current = { file: { path: file, handle, size: scan.end }, generation };
  }
  current ??= { file: await createLogFile(dir, 1), generation: 1 };

  const obsolete = [
    ...listing.logs.filter((g) => g < snapshotGeneration).map(logFileName),
    ...listing.snapshots.filter((g) => g < snapshotGeneration).map(snapshotFileName),
  ];
  for (const name of obsolete) await unlink(path.join(dir, name));
  if (obsolete.length > 0 || listing.temps.length > 0) await syncDirectory(dir);

  return { ...current, olderLogBytes };
}

function describe(listing: { logs: number[]; snapshots: number[] }): string {
  const names = [...listing.snapshots.map(snapshotFileName), ...listing.logs.map(logFileName)];
  return names.length > 0 ? names.join(', ') : 'no data files';
}
