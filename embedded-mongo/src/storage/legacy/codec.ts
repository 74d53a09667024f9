import { deserialize, type Document } from 'bson';
import { CorruptDataError } from '../errors';
import type { IndexSpec } from '../types';

/**
 * What the old format logged: physical mutations, the whole document after a write or the
 * deletion of an `_id`, replayed in order (each idempotent, the last one for an `_id` winning).
 */
export type Mutation =
  | { op: 'put'; db: string; coll: string; doc: Document }
  | { op: 'delete'; db: string; coll: string; id: unknown }
  | { op: 'createCollection'; db: string; coll: string; options?: Document }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string };

/** Every mutation but the puts, which a MutationSink receives as their stored bytes. */
export type OtherMutation = Exclude<Mutation, { op: 'put' }>;

/** Where decoded mutations go, in log order. */
export interface MutationSink {
  /**
   * A put: its document is the BSON starting at `bytes[at]`, left undecoded. `bytes` is never
   * reused or changed afterwards, so the sink may keep it.
   */
  put(db: string, coll: string, bytes: Buffer, at: number): void;
  apply(mutation: OtherMutation): void;
  /** Documents with an op that is not a mutation (the snapshot's end record); default: corrupt. */
  other?(document: Document): void;
}

const OPS = new Set<string>(['delete', 'createCollection', 'dropCollection', 'dropDatabase', 'createIndex', 'dropIndex']);
// Every payload passed a CRC32 check and was written by the bson serializer from JS strings.
const OPTIONS = { promoteLongs: false, validation: { utf8: false as const }, allowObjectSmallerThanBufferSize: true };

/**
 * Decodes a record's payload into `sink`, in order. A payload is a plain sequence of BSON
 * documents: one per mutation, except that consecutive puts to one collection are a header
 * `{ op: 'put', db, coll, count }` followed by the `count` documents themselves.
 */
export function decodePayload(payload: Buffer, where: { file: string; offset: number }, sink: MutationSink): void {
  let at = 0;
  const sizeAt = (): number => {
    const size = at + 4 <= payload.length ? payload.readInt32LE(at) : -1;
    if (size < 5 || at + size > payload.length || payload[at + size - 1] !== 0) {
      throw new CorruptDataError(where.file, where.offset, `record payload is not a sequence of BSON documents (at payload byte ${at})`);
    }
    return size;
  };
  while (at < payload.length) {
    const size = sizeAt();
    const document = deserialize(payload, { ...OPTIONS, index: at });
    at += size;
    const { op, db } = document;
    if (op === 'put' && typeof db === 'string' && typeof document.coll === 'string') {
      for (let i = Number(document.count); i > 0; i -= 1) {
        if (at >= payload.length) throw new CorruptDataError(where.file, where.offset, `a run of ${document.count} puts is cut short`);
        const putSize = sizeAt();
        sink.put(db, document.coll, payload, at);
        at += putSize;
      }
    } else if (OPS.has(op) && typeof db === 'string') {
      sink.apply(document as OtherMutation);
    } else if (sink.other) {
      sink.other(document);
    } else {
      throw new CorruptDataError(where.file, where.offset, `not a mutation: ${JSON.stringify(document).slice(0, 200)}`);
    }
  }
}
