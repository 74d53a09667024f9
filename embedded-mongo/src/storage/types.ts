import type { Document } from 'bson';

/**
 * The contract between the engine (collections, indexes, commands) and durable storage
 * (write-ahead log, snapshots, recovery, lock file).
 *
 * The engine logs *physical* mutations: the whole document as it is after a write, or the
 * deletion of an `_id`. Replaying them is deterministic whatever operators produced them, and
 * every BSON type (Date, Decimal128, Long, Binary, ObjectId, any `_id`) is stored by the `bson`
 * serializer exactly as it came.
 */
export type Mutation =
  | { op: 'put'; db: string; coll: string; doc: Document }
  /**
   * A put of a document still held as its stored BSON (see StoredRecord), written as it is, so a
   * snapshot taken after recovery does not decode and re-encode documents nobody has read. On
   * disk it is an ordinary put.
   */
  | { op: 'putStored'; db: string; coll: string; bytes: Uint8Array }
  | { op: 'delete'; db: string; coll: string; id: unknown }
  | { op: 'createCollection'; db: string; coll: string; options?: Document }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string };

/** An index as `createIndexes` describes it (the `_id_` index is implicit and never logged). */
export interface IndexSpec {
  name: string;
  key: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
}

export interface CollectionState {
  options: Document;
  indexes: IndexSpec[];
  /** One document per `_id`, in insertion order (an update keeps its place). */
  docs: Document[];
}

/** Everything recovered from a data directory: db name → collection name → state. */
export type RecoveredState = Map<string, Map<string, CollectionState>>;

export interface Journal {
  /**
   * Appends one batch (one command's writes) and resolves only once it is on disk (fdatasync).
   * Batches from concurrent callers are group-committed: one sync acknowledges all of them.
   * Batches are applied at recovery all or nothing.
   */
  append(batch: Mutation[]): Promise<void>;
  /**
   * Writes a snapshot of the full state (as the engine streams it) and starts a fresh log, so
   * recovery reads the snapshot plus only what came after. Safe against a crash at any point.
   *
   * The log switches to a new generation synchronously, when `compact` is called: batches
   * appended before the call are in the old log, later ones in the new. `dump` is then iterated
   * lazily, a chunk per event-loop turn, so it may observe writes made after the call; that is
   * safe because those writes are also in the new log and replaying a physical mutation twice
   * gives the same result (a "fuzzy" snapshot). The iterator must therefore tolerate writes
   * between two of its steps (a `Map` iterator does), and the engine must not yield to the event
   * loop half-way through applying one batch in memory. A call while a compaction runs joins it.
   */
  compact(dump: () => Iterable<Mutation>): Promise<void>;
  /** Bytes of log that recovery would replay (since the last snapshot); compact when large. */
  readonly logBytes: number;
  /** Flushes and releases the lock file. */
  close(): Promise<void>;
}

export interface OpenedStorage {
  state: RecoveredState;
  journal: Journal;
}

/** Thrown when another live process holds the data directory's lock. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    readonly ownerPort: number | undefined,
  ) {
    super(
      `data directory ${dataDir} is in use by process ${ownerPid}` +
        (ownerPort ? ` (serving on port ${ownerPort})` : ''),
    );
    this.name = 'DataDirLockedError';
  }
}
