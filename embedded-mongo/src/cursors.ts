import { BSON, Long, type Document } from 'bson';
import { CommandError } from './errors';
import { RawDocuments } from './wire/protocol';

// mongod's defaults: 101 documents in a first batch, replies up to 16 MiB, 10 minutes idle.
export const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Where a cursor's documents come from: read on demand, so a cursor holds only what its client
 * has not asked for yet (a position, or the result of a blocking stage), never a whole collection.
 */
export interface DocumentSource {
  /**
   * Hands documents (as BSON) to `take` until it returns false or none remain; resolves to true
   * once none remain. Long reads yield to the event loop.
   */
  pull(take: (document: Uint8Array) => boolean): Promise<boolean>;
}

/** A source over documents already in memory (listIndexes, listCollections, aggregation results). */
export class ArraySource implements DocumentSource {
  private position = 0;

  constructor(private readonly docs: readonly Document[]) {}

  async pull(take: (document: Uint8Array) => boolean): Promise<boolean> {
    while (this.position < this.docs.length) {
      const doc = this.docs[this.position++] as Document;
      if (!take(BSON.serialize(doc, { ignoreUndefined: true }))) break;
    }
    return this.position >= this.docs.length;
  }
}

interface OpenCursor {
  ns: string;
  source: DocumentSource;
  /** A document pulled for the previous batch that did not fit in it. */
  carried: Uint8Array | undefined;
  lastUsed: number;
  busy: boolean;
}

/** Server-side cursors: the documents of a find or aggregate, handed out batch by batch. */
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
    const cursor: OpenCursor = { ns, source, carried: undefined, lastUsed: this.now(), busy: false };
    const size = batchSize === undefined || batchSize <= 0 ? DEFAULT_FIRST_BATCH : batchSize;
    const { batch, exhausted } = batchSize === 0 ? { batch: [], exhausted: false } : await takeBatch(cursor, size);
    let id = 0n;
    if (!singleBatch && !exhausted) {
      id = this.nextId++;
      this.cursors.set(id, cursor);
    }
    return { id: Long.fromBigInt(id), ns, firstBatch: new RawDocuments(batch) };
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
    let result: { batch: Uint8Array[]; exhausted: boolean };
    try {
      result = await takeBatch(cursor, batchSize && batchSize > 0 ? batchSize : Infinity);
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
    }
    return { id: Long.fromBigInt(nextId), ns: cursor.ns, nextBatch: new RawDocuments(result.batch) };
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
}

/**
 * Pulls up to `count` documents, stopping before the batch would pass 16 MiB (a document that
 * does not fit is carried to the next batch; one alone in a batch always fits).
 */
async function takeBatch(cursor: OpenCursor, count: number): Promise<{ batch: Uint8Array[]; exhausted: boolean }> {
  const batch: Uint8Array[] = [];
  let bytes = 0;
  const take = (document: Uint8Array): boolean => {
    if (batch.length > 0 && bytes + document.length > MAX_BATCH_BYTES) {
      cursor.carried = document;
      return false;
    }
    batch.push(document);
    bytes += document.length;
    return batch.length < count;
  };
  const carried = cursor.carried;
  cursor.carried = undefined;
  if (carried && !take(carried)) return { batch, exhausted: false };
  const exhausted = await cursor.source.pull(take);
  return { batch, exhausted: exhausted && cursor.carried === undefined };
}
