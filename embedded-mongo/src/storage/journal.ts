import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PayloadEncoder } from './codec';
import { JournalClosedError } from './errors';
import { TEMP_SUFFIX, classifyDataDirEntries, logFileName, snapshotFileName, syncDirectory } from './files';
import { releaseLock, type LockInfo } from './lock';
import { LogWriter, type LogFile } from './log-writer';
import { FILE_HEADER_BYTES, LOG_MAGIC, encodeFileHeader, encodeRecord } from './records';
import { writeSnapshot } from './snapshot';
import type { Journal, Mutation } from './types';

/**
 * The points of a compaction between which a crash leaves a different set of files. Crash tests
 * kill the process at each of them (see `onCompactionStep`); recovery must work from every one.
 */
export type CompactionStep =
  /** The new log exists and receives appends; the snapshot is not started. */
  | 'log-switched'
  /** The snapshot is complete and synced under its temporary name. */
  | 'snapshot-written'
  /** The snapshot has its final name; the files it replaces are still there. */
  | 'snapshot-renamed'
  /** The replaced log and snapshot files are deleted. */
  | 'old-files-deleted';

export interface JournalStats {
  /** Batches appended (each one record). */
  records: number;
  /** fdatasync calls that acknowledged them: fewer than `records` when group commit worked. */
  syncs: number;
  /** Generation of the log now appended to. */
  generation: number;
}

export interface FileJournalOptions {
  maxGroupBytes: number;
  onCompactionStep: ((step: CompactionStep) => void) | undefined;
}

/**
 * Creates `log-<generation>.wal` holding only its header, durably, and opens it for appending.
 * On failure it leaves no such file: appends then continue in the previous log, which must stay
 * the newest one.
 */
export async function createLogFile(dir: string, generation: number): Promise<LogFile> {
  const target = path.join(dir, logFileName(generation));
  const temp = `${target}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(encodeFileHeader(LOG_MAGIC, generation));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    await syncDirectory(dir);
    return { path: target, handle: await open(target, 'r+'), size: FILE_HEADER_BYTES };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    await unlink(target).catch(() => undefined);
    throw error;
  }
}

/** The Journal of a data directory: a log writer, compaction into snapshots, and the lock. */
export class FileJournal implements Journal {
  private readonly writer: LogWriter;
  private generation: number;
  /** Record bytes of older logs that recovery still needs (until a snapshot replaces them). */
  private olderLogBytes: number;
  private compaction: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    readonly dataDir: string,
    private readonly lock: LockInfo,
    current: { file: LogFile; generation: number; olderLogBytes: number },
    private readonly options: FileJournalOptions,
  ) {
    this.writer = new LogWriter(current.file, options.maxGroupBytes);
    this.generation = current.generation;
    this.olderLogBytes = current.olderLogBytes;
  }

  get logBytes(): number {
    return this.olderLogBytes + this.writer.current.size - FILE_HEADER_BYTES;
  }

  get stats(): JournalStats {
    return { records: this.writer.records, syncs: this.writer.syncs, generation: this.generation };
  }

  append(batch: Mutation[]): Promise<void> {
    if (this.closing) return Promise.reject(new JournalClosedError(this.dataDir));
    if (batch.length === 0) return Promise.resolve();
    let record: Buffer;
    try {
      // Encoded now, not when the write happens: the engine may change these objects right after.
      const encoder = new PayloadEncoder();
      for (const mutation of batch) encoder.add(mutation);
      record = encodeRecord(encoder.take());
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.append(record);
  }

  compact(dump: () => Iterable<Mutation>): Promise<void> {
    if (this.closing) return Promise.reject(new JournalClosedError(this.dataDir));
    this.compaction ??= this.runCompaction(dump).finally(() => {
      this.compaction = undefined;
    });
    return this.compaction;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.compaction?.catch(() => undefined);
      await this.writer.drained();
      await this.writer.current.handle.close();
      await releaseLock(this.dataDir, this.lock);
    })();
    return this.closing;
  }

  private async runCompaction(dump: () => Iterable<Mutation>): Promise<void> {
    const generation = this.generation + 1;
    // Queued now, synchronously: batches appended before this call land in the old log, later
    // ones in the new log, whatever the snapshot below ends up seeing of them.
    await this.writer.switchTo(async () => {
      const next = await createLogFile(this.dataDir, generation);
      this.olderLogBytes += this.writer.current.size - FILE_HEADER_BYTES;
      this.generation = generation;
      return next;
    });
    this.step('log-switched');
    await writeSnapshot(this.dataDir, generation, dump(), () => this.step('snapshot-written'));
    this.step('snapshot-renamed');
    this.olderLogBytes = 0;
    const listing = classifyDataDirEntries(await readdir(this.dataDir));
    const replaced = [
      ...listing.logs.filter((g) => g < generation).map(logFileName),
      ...listing.snapshots.filter((g) => g < generation).map(snapshotFileName),
    ];
    for (const name of replaced) await unlink(path.join(this.dataDir, name));
    await syncDirectory(this.dataDir);
    this.step('old-files-deleted');
  }

  private step(step: CompactionStep): void {
    this.options.onCompactionStep?.(step);
  }
}
