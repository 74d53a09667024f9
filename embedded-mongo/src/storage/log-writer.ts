import type { FileHandle } from 'node:fs/promises';
import { JournalFailedError } from './errors';

interface PendingRecord {
  kind: 'record';
  bytes: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface PendingSwitch {
  kind: 'switch';
  run: () => Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface LogFile {
  path: string;
  handle: FileHandle;
  /** Where the next record is written. */
  size: number;
}

/**
 * Appends records to the current log file with group commit: while one write + fdatasync is in
 * flight, new records queue up, and the next round writes all of them with one write and one
 * fdatasync. A record's promise resolves only after the sync that covers it. An idle writer
 * starts a round at once; there is no timer.
 *
 * Switching to a new log file is queued like a record, so every record before the switch is on
 * disk before the new file exists, and every record after it goes to the new file.
 */
export class LogWriter {
  private readonly queue: (PendingRecord | PendingSwitch)[] = [];
  private running = false;
  private idle: (() => void)[] = [];
  private failure: JournalFailedError | undefined;
  /** fdatasync calls made, and records they covered; group commit shows as records > syncs. */
  syncs = 0;
  records = 0;

  constructor(
    private file: LogFile,
    private readonly maxGroupBytes: number,
  ) {}

  get current(): LogFile {
    return this.file;
  }

  append(bytes: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'record', bytes, resolve, reject });
      this.kick();
    });
  }

  /** Queues `open` (which must set up the next file and return it) behind every record so far. */
  switchTo(open: () => Promise<LogFile>): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const run = async () => {
        const next = await open();
        const previous = this.file;
        this.file = next;
        await previous.handle.close();
      };
      this.queue.push({ kind: 'switch', run, resolve, reject });
      this.kick();
    });
  }

  /** Resolves once everything queued so far is written (or has failed). */
  drained(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.kind === 'switch') {
        this.queue.shift();
        try {
          await head.run();
          head.resolve();
        } catch (error) {
          // The old file is intact and still current: later records can keep going to it.
          head.reject(error as Error);
        }
        continue;
      }
      const group = this.takeGroup();
      try {
        await this.writeGroup(group);
        this.syncs += 1;
        this.records += group.length;
        for (const record of group) record.resolve();
      } catch (error) {
        this.failure = new JournalFailedError(this.file.path, error);
        for (const pending of [...group, ...this.queue.splice(0)]) pending.reject(this.failure);
      }
    }
    this.running = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private takeGroup(): PendingRecord[] {
    let count = 0;
    let bytes = 0;
    for (const next of this.queue) {
      if (next.kind !== 'record' || (count > 0 && bytes + next.bytes.length > this.maxGroupBytes)) break;
      count += 1;
      bytes += next.bytes.length;
    }
    return this.queue.splice(0, count) as PendingRecord[];
  }

  private async writeGroup(group: PendingRecord[]): Promise<void> {
    const bytes = group.length === 1 ? group[0]!.bytes : Buffer.concat(group.map((record) => record.bytes));
    const { handle } = this.file;
    let written = 0;
    while (written < bytes.length) {
      const result = await handle.write(bytes, written, bytes.length - written, this.file.size + written);
      written += result.bytesWritten;
    }
    await handle.datasync();
    this.file.size += bytes.length;
  }
}
