import { deserialize, serialize, type DeserializeOptions, type Document } from 'bson';
import { CorruptDataError } from './errors';
import type { Mutation } from './types';

/**
 * A record's payload is a plain sequence of BSON documents. Most mutations are one document
 * each, as the engine gave them. Puts, by far the most numerous, are grouped: consecutive puts to
 * one collection become a header `{ op: 'put', db, coll, count }` followed by the `count`
 * documents themselves, so recovery of a million documents decodes a million documents and not
 * also a million wrappers (in our 1M-document measurement, a quarter less memory at peak).
 */
export class PayloadEncoder {
  private readonly parts: Uint8Array[] = [];
  private run: { db: string; coll: string; docs: Uint8Array[] } | undefined;
  /** Bytes encoded so far. */
  bytes = 0;
  /** Mutations added so far. */
  mutations = 0;

  add(mutation: Mutation): void {
    this.mutations += 1;
    if (mutation.op === 'put' || mutation.op === 'putStored') {
      if (!this.run || this.run.db !== mutation.db || this.run.coll !== mutation.coll) {
        this.endRun();
        this.run = { db: mutation.db, coll: mutation.coll, docs: [] };
      }
      this.push(this.run.docs, mutation.op === 'put' ? serialize(mutation.doc) : mutation.bytes);
      return;
    }
    this.endRun();
    this.push(this.parts, serialize(mutation));
  }

  /** The payload's parts, in order; the encoder is empty again afterwards. */
  take(): Uint8Array[] {
    this.endRun();
    const parts = this.parts.splice(0);
    this.bytes = 0;
    this.mutations = 0;
    return parts;
  }

  private push(into: Uint8Array[], bytes: Uint8Array): void {
    into.push(bytes);
    this.bytes += bytes.byteLength;
  }

  private endRun(): void {
    if (!this.run) return;
    const { db, coll, docs } = this.run;
    this.run = undefined;
    this.push(this.parts, serialize({ op: 'put', db, coll, count: docs.length }));
    for (const doc of docs) this.parts.push(doc);
  }
}

/** Every mutation but the puts, which a MutationSink receives through its own methods. */
export type OtherMutation = Exclude<Mutation, { op: 'put' | 'putStored' }>;

/** Where decoded mutations go; puts separately, to spare building a Mutation per document. */
export interface MutationSink {
  put(db: string, coll: string, doc: Document): void;
  /**
   * A put whose document is left as stored: the BSON document starting at `bytes[at]`, to be
   * decoded with `decodeStoredDocument` (raw-bson.ts) when needed. `bytes` is never reused or
   * changed afterwards, so the sink may keep it. When a sink has this, recovery with the default
   * deserialize options calls it instead of `put`.
   */
  putStored?(db: string, coll: string, bytes: Buffer, at: number): void;
  apply(mutation: OtherMutation): void;
  /** Documents with an op that is not a mutation (the snapshot's end record); default: corrupt. */
  other?(document: Document): void;
}

const OPS = new Set<string>(['delete', 'createCollection', 'dropCollection', 'dropDatabase', 'createIndex', 'dropIndex']);

/**
 * Decodes a payload written by PayloadEncoder into `sink`, in order. With `keepStored`, the
 * documents of puts are handed to `sink.putStored` undecoded.
 */
export function decodePayload(
  payload: Buffer,
  options: DeserializeOptions,
  where: { file: string; offset: number },
  sink: MutationSink,
  keepStored = false,
): void {
  let at = 0;
  // One options object for the whole payload, moved along it: no per-document slice or copy.
  const positioned = { ...options, allowObjectSmallerThanBufferSize: true, index: 0 };
  const sizeAt = (): number => {
    const size = at + 4 <= payload.length ? payload.readInt32LE(at) : -1;
    if (size < 5 || at + size > payload.length || payload[at + size - 1] !== 0) {
      throw new CorruptDataError(where.file, where.offset, `record payload is not a sequence of BSON documents (at payload byte ${at})`);
    }
    return size;
  };
  const next = (): Document => {
    const size = sizeAt();
    positioned.index = at;
    const document = deserialize(payload, positioned);
    at += size;
    return document;
  };
  const putStored = keepStored ? sink.putStored?.bind(sink) : undefined;
  while (at < payload.length) {
    const document = next();
    const { op, db } = document;
    if (op === 'put' && typeof db === 'string' && typeof document.coll === 'string') {
      const { coll } = document;
      for (let i = Number(document.count); i > 0; i -= 1) {
        if (at >= payload.length) throw new CorruptDataError(where.file, where.offset, `a run of ${document.count} puts is cut short`);
        if (putStored) {
          const size = sizeAt();
          putStored(db, coll, payload, at);
          at += size;
        } else {
          sink.put(db, coll, next());
        }
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
