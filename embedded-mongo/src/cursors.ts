import { BSON, Long, type Document } from 'bson';
import { CommandError } from './errors';
import { RawDocuments } from './wire/protocol';

// mongod's defaults: 101 documents in a first batch, replies up to 16 MiB, 10 minutes idle.
export const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

/** Server-side cursors: a result materialised by find/aggregate, handed out batch by batch. */
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
   * continue with when documents remain (0 otherwise).
   */
  open(ns: string, docs: Document[], batchSize: number | undefined, singleBatch = false): Document {
    const size = batchSize === undefined || batchSize <= 0 ? DEFAULT_FIRST_BATCH : batchSize;
    const firstBatch = takeBatch(docs, 0, batchSize === 0 ? 0 : size);
    let id = 0n;
    if (!singleBatch && firstBatch.docs.length < docs.length) {
      id = this.nextId++;
      this.cursors.set(id, { ns, docs, position: firstBatch.docs.length, lastUsed: this.now() });
    }
    return { id: Long.fromBigInt(id), ns, firstBatch };
  }

  getMore(id: bigint, collection: string, db: string, batchSize: number | undefined): Document {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    const [cursorDb] = cursor.ns.split('.', 1);
    if (cursorDb !== db || (cursor.ns !== `${db}.${collection}` && !cursor.ns.startsWith(`${db}.$cmd`))) {
      throw new CommandError('Unauthorized', `cursor id ${id} belongs to namespace ${cursor.ns}, not ${db}.${collection}`);
    }
    const batch = takeBatch(cursor.docs, cursor.position, batchSize && batchSize > 0 ? batchSize : Infinity);
    cursor.position += batch.docs.length;
    cursor.lastUsed = this.now();
    let nextId = id;
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(id);
      nextId = 0n;
    }
    return { id: Long.fromBigInt(nextId), ns: cursor.ns, nextBatch: batch };
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
    for (const [id, cursor] of this.cursors) if (cursor.lastUsed < cutoff) this.cursors.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.cursors.clear();
  }
}

/** Serializes up to `count` documents from `from`, stopping before the batch would pass 16 MiB. */
function takeBatch(docs: Document[], from: number, count: number): RawDocuments {
  const batch: Uint8Array[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && batch.length < count; i++) {
    const serialized = BSON.serialize(docs[i] as Document, { ignoreUndefined: true });
    bytes += serialized.length;
    if (bytes > MAX_BATCH_BYTES && batch.length > 0) break;
    batch.push(serialized);
  }
  return new RawDocuments(batch);
}
