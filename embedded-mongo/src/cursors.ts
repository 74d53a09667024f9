import { BSON, Long, type Document } from 'bson';
import { CommandError } from './errors';
import { BatchWriter, RawBatch } from './wire/protocol';

// mongod's defaults: 101 documents in a first batch, replies up to 16 MiB, 10 minutes idle.
export const DEFAULT_FIRST_BATCH = 101;
/**
 * What a getMore that names no batchSize returns: about 512 KiB, where mongod fills up to
 * 16 MiB. The official driver keeps, for each document of the batch it iterates, a parsed view
 * until the whole batch is consumed: with 16 MiB batches (170,000 small documents) those views
 * live long enough to reach the old generation, and a scan of a million documents spent 20-30%
 * more client CPU, mostly in GC, than with 512 KiB batches. Prefetching hides the extra round trips.
 */
export const DEFAULT_GETMORE_BYTES = 512 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Where a cursor's documents come from: read on demand, so a cursor holds only what its client
 * has not asked for yet (a position, or the result of a blocking stage), never a whole collection.
 */
export interface DocumentSource {
  /**
   * Writes documents into `batch` until it is full or none remain; resolves to true once none
   * remain. Long reads yield to the event loop.
   */
  pull(batch: BatchWriter): Promise<boolean>;
}

/** A source over documents already in memory (listIndexes, listCollections, aggregation results). */
export class ArraySource implements DocumentSource {
  private position = 0;

  constructor(private readonly docs: readonly Document[]) {}

  async pull(batch: BatchWriter): Promise<boolean> {
    while (this.position < this.docs.length) {
      const doc = this.docs[this.position++] as Document;
      if (!batch.add(BSON.serialize(doc, { ignoreUndefined: true }))) break;
    }
    return this.position >= this.docs.length;
  }
}

interface Filled {
  batch: BatchWriter;
  /** True when neither the source nor the documents carried over have any more. */
  exhausted: boolean;
}

interface OpenCursor {
  ns: string;
  source: DocumentSource;
  /** Documents pulled for earlier batches that were not handed out (did not fit, or a prefetched batch was too large). */
  carried: Uint8Array[];
  sourceDone: boolean;
  /** The batch size the cursor was opened with: what its getMores ask for, usually. */
  batchSize: number | undefined;
  /** The next batch, filled ahead after a reply was sent, and the size it was filled to. */
  prefetch: { count: number; filled: Promise<Filled> } | undefined;
  lastUsed: number;
  busy: boolean;
}

/**
 * Server-side cursors: the documents of a find or aggregate, handed out batch by batch. Once a
 * batch is sent, the next one is filled ahead of the getMore that will ask for it, so that
 * while a client decodes a batch, the server reads the next (with the server in a process of
 * its own, a long scan then takes about the longer of the two, not their sum).
 */
export class CursorStore {
  private readonly cursors = new Map<bigint, OpenCursor>();
  private nextId = 1n;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /**
   * Builds the `cursor` part of a find/aggregate reply: the first batch, and a cursor id to
   * continue with when documents may remain (0 otherwise).
   */
  async open(ns: string, source: DocumentSource, batchSize: number | undefined, singleBatch = false): Promise<Document> {
    const cursor: OpenCursor = {
      ns,
      source,
      carried: [],
      sourceDone: false,
      batchSize: batchSize === undefined || batchSize <= 0 ? undefined : batchSize,
      prefetch: undefined,
      lastUsed: this.now(),
      busy: false,
    };
    const { batch, exhausted } = batchSize === 0 ? { batch: new BatchWriter(0), exhausted: false } : await fill(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0n;
    if (!singleBatch && !exhausted) {
      id = this.nextId++;
      this.cursors.set(id, cursor);
      this.fillAhead(cursor);
    }
    return { id: Long.fromBigInt(id), ns, firstBatch: new RawBatch(batch.toBson()) };
  }

  async getMore(id: bigint, collection: string, db: string, batchSize: number | undefined): Promise<Document> {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    const [cursorDb] = cursor.ns.split('.', 1);
    if (cursorDb !== db || (cursor.ns !== `${db}.${collection}` && !cursor.ns.startsWith(`${db}.$cmd`))) {
      throw new CommandError('Unauthorized', `cursor id ${id} belongs to namespace ${cursor.ns}, not ${db}.${collection}`);
    }
    if (cursor.busy) throw new CommandError('BadValue', `cursor id ${id} is already in use by another getMore`);
    cursor.busy = true;
    const count = batchSize && batchSize > 0 ? batchSize : Infinity;
    let result: Filled;
    try {
      const prefetch = cursor.prefetch;
      cursor.prefetch = undefined;
      if (prefetch) {
        result = await prefetch.filled;
        if (prefetch.count !== count) {
          // Filled for another batch size: its documents go back in front of the rest.
          cursor.carried.unshift(...result.batch.documents());
          result = await fill(cursor, count);
        }
      } else {
        result = await fill(cursor, count);
      }
    } catch (error) {
      this.cursors.delete(id);
      throw error;
    } finally {
      cursor.busy = false;
    }
    cursor.lastUsed = this.now();
    let nextId = id;
    if (result.exhausted) {
      this.cursors.delete(id);
      nextId = 0n;
    } else {
      this.fillAhead(cursor);
    }
    return { id: Long.fromBigInt(nextId), ns: cursor.ns, nextBatch: new RawBatch(result.batch.toBson()) };
  }

  kill(ids: bigint[]): { killed: bigint[]; notFound: bigint[] } {
    const killed: bigint[] = [];
    const notFound: bigint[] = [];
    for (const id of ids) (this.cursors.delete(id) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  get openCount(): number {
    return this.cursors.size;
  }

  sweep(): void {
    const cutoff = this.now() - IDLE_TIMEOUT_MS;
    for (const [id, cursor] of this.cursors) if (cursor.lastUsed < cutoff && !cursor.busy) this.cursors.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.cursors.clear();
  }

  /** Starts filling the cursor's next batch once the reply being built is sent. */
  private fillAhead(cursor: OpenCursor): void {
    const count = cursor.batchSize ?? Infinity;
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    const filled = started.then(() => fill(cursor, count));
    // Its failure is the next getMore's; until then it must not count as unhandled.
    filled.catch(() => undefined);
    cursor.prefetch = { count, filled };
    setImmediate(start);
  }
}

/**
 * Fills a batch of up to `count` documents, stopping before it would pass 16 MiB (512 KiB for a
 * getMore without batchSize): a document that does not fit is carried to the next batch; one
 * alone in a batch always fits.
 */
async function fill(cursor: OpenCursor, count: number): Promise<Filled> {
  const batch = new BatchWriter(count, count === Infinity ? DEFAULT_GETMORE_BYTES : undefined);
  while (cursor.carried.length > 0 && batch.add(cursor.carried.shift() as Uint8Array));
  if (!batch.full && !cursor.sourceDone) cursor.sourceDone = await cursor.source.pull(batch);
  if (batch.overflow) cursor.carried.unshift(batch.overflow);
  return { batch, exhausted: cursor.sourceDone && cursor.carried.length === 0 };
}
