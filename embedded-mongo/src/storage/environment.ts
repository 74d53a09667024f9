import { mkdtempSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { open, type Database, type RootDatabase, type RootDatabaseOptionsWithPath } from 'lmdb';

/** The LMDB environment's file in a data directory (LMDB adds `omnidex.mdb-lock` beside it). */
export const DATA_FILE = 'omnidex.mdb';

/** A named LMDB database of raw bytes: keys and values are Buffers, compared as bytes. */
export type Store = Database<Buffer, Buffer>;

const STORE_OPTIONS = { keyEncoding: 'binary', encoding: 'binary' } as const;

/**
 * Every collection and every index is a named LMDB database of its own; LMDB needs to know how
 * many there can be. Each open one costs a little per transaction, not per maximum.
 */
const MAX_DATABASES = 10_000;

/**
 * One LMDB environment (one file): where a data directory keeps everything, or a temporary one
 * for the in-memory server. Writes happen only inside `write`, one LMDB transaction each.
 */
export class Environment {
  private readonly stores = new Map<string, Store>();
  private writing = false;
  private committed: Array<() => void> = [];
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly root: RootDatabase<Buffer, Buffer>,
    /** Where the environment's file is, or undefined for a temporary environment. */
    readonly file: string | undefined,
    /** The directory of a temporary environment, removed on close. */
    private readonly temporaryDir?: string,
  ) {}

  /** Opens (creating if needed) the environment file at `file`, whose writes are durable. */
  static async open(file: string): Promise<Environment> {
    await mkdir(path.dirname(file), { recursive: true });
    return new Environment(open<Buffer, Buffer>({ path: file, noSubdir: true, maxDbs: MAX_DATABASES, ...STORE_OPTIONS }), file);
  }

  /**
   * A temporary environment, for the in-memory server: a file in a directory of its own in the
   * OS temporary directory, removed on close, and never synced (nothing in it has to survive the
   * process; lmdb-js also deletes the file if the process exits without closing it).
   */
  static temporary(): Environment {
    const dir = mkdtempSync(path.join(tmpdir(), 'omnidex-memory-'));
    // `deleteOnClose` is an lmdb-js option its type declarations leave out.
    const options: RootDatabaseOptionsWithPath & { deleteOnClose: boolean } = {
      path: path.join(dir, DATA_FILE),
      noSubdir: true,
      maxDbs: MAX_DATABASES,
      noSync: true,
      deleteOnClose: true,
      ...STORE_OPTIONS,
    };
    return new Environment(open<Buffer, Buffer>(options), undefined, dir);
  }

  /** True inside `write`: the only place where stores may be written. */
  get inWrite(): boolean {
    return this.writing;
  }

  /** The named database `name`, created if it does not exist (inside `write`, by that transaction). */
  store(name: string): Store {
    let store = this.stores.get(name);
    if (!store) {
      store = this.root.openDB(name, STORE_OPTIONS) as Store;
      this.stores.set(name, store);
    }
    return store;
  }

  /** The names of the named databases in the file. */
  storeNames(): string[] {
    // LMDB keeps each named database as an entry of the main one, its name NUL-terminated.
    return [...this.root.getKeys({})].map((key) => key.toString('utf8').replace(/\0$/, ''));
  }

  /**
   * Runs `body` in one write transaction and commits it; if `body` throws, nothing it wrote
   * remains. Synchronous: a transaction never spans a turn of the event loop, so it never sees
   * another command's half-done work. The commit is durable once `durable()` resolves.
   */
  write<T>(body: () => T): T {
    if (this.writing) return body();
    let result!: T;
    this.writing = true;
    try {
      // The callback must not return a thenable: lmdb-js would then wait for it and never close.
      this.root.transactionSync(() => {
        result = body();
      });
    } catch (error) {
      this.committed = [];
      throw error;
    } finally {
      this.writing = false;
    }
    for (const callback of this.committed.splice(0)) callback();
    return result;
  }

  /** Runs `callback` once the current write transaction has committed (never if it aborts). */
  afterCommit(callback: () => void): void {
    if (!this.writing) throw new Error('afterCommit outside a write transaction');
    this.committed.push(callback);
  }

  /**
   * Deletes a named database now, in a transaction of its own: after the commit that stopped
   * using it (its name is never reused), or a leftover found at open.
   */
  dropNow(name: string): void {
    const store = this.store(name);
    this.stores.delete(name);
    store.dropSync();
  }

  /**
   * Resolves once every committed write is on disk. LMDB commits write the data pages and
   * schedule the sync, which later commits share (group commit); a temporary environment has
   * nothing to wait for.
   */
  async durable(): Promise<void> {
    if (this.file !== undefined) await this.root.flushed;
  }

  /** Bytes the file's pages take, for `listDatabases`. */
  storeBytes(name: string): number {
    const stats = this.store(name).getStats() as Record<string, number>;
    const pages = (stats.treeBranchPageCount ?? 0) + (stats.treeLeafPageCount ?? 0) + (stats.overflowPages ?? 0);
    return pages * (stats.pageSize ?? 4096);
  }

  entryCount(name: string): number {
    return (this.store(name).getStats() as Record<string, number>).entryCount ?? 0;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.durable();
      await this.root.close();
      if (this.temporaryDir !== undefined) await rm(this.temporaryDir, { recursive: true, force: true });
    })();
    return this.closing;
  }
}

/** True when `dir` exists and is not a directory (a data directory path pointing at a file). */
export async function isNotADirectory(dir: string): Promise<boolean> {
  try {
    return !(await stat(dir)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
