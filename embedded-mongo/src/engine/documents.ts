import { deserialize, type Document } from 'bson';
import { readTopLevelFields, STORED_DOCUMENT_OPTIONS, UNREAD, type FieldName } from '../storage/raw-bson';
import { toMatchable } from './values';

/** A document as the engine's matching sees it. `view` is what mingo matches against (see `viewOf`). */
export interface DocRecord {
  readonly doc: Document;
  view?: Document | undefined;
}

/** The record's document as mingo should see it (`toMatchable`), computed once and cached. */
export function viewOf(record: DocRecord): Document {
  return (record.view ??= toMatchable(record.doc) as Document);
}

export function decodeStored(bytes: Uint8Array): Document {
  return deserialize(bytes, STORED_DOCUMENT_OPTIONS);
}

/** Bytes of a document value before its BSON: the record id that gives the natural order. */
export const RID_BYTES = 8;

/**
 * One stored document: its `_id` key, its record id (insertion order, the natural order) and its
 * BSON exactly as stored, decoded only when something reads `doc`.
 */
export class StoredDocument implements DocRecord {
  view: Document | undefined = undefined;
  private decoded: Document | undefined = undefined;

  constructor(
    /** The order-preserving key of its `_id` (keys.ts). */
    readonly key: Buffer,
    readonly rid: number,
    /** The document's BSON; never changed (a write stores a new value). */
    readonly bytes: Uint8Array,
  ) {}

  /** A document from its stored value (record id, then BSON), which must be a buffer of its own. */
  static fromValue(key: Buffer, value: Buffer): StoredDocument {
    return new StoredDocument(key, readRid(value), value.subarray(RID_BYTES));
  }

  /**
   * A document from a stored value that may be a view of LMDB's read buffer: its bytes are
   * copied. (That buffer's `length` is the value's, but the typed array behind it is much
   * longer: the end must be given.)
   */
  static copy(key: Buffer, value: Buffer): StoredDocument {
    return new StoredDocument(key, readRid(value), Uint8Array.prototype.slice.call(value, RID_BYTES, value.length));
  }

  get doc(): Document {
    return (this.decoded ??= decodeStored(this.bytes));
  }

  /**
   * A document holding only the named top-level fields (those present), read from the bytes
   * without decoding the rest; the whole document if it is decoded already or a field's type is
   * unknown to the byte reader.
   */
  fields(names: readonly FieldName[]): Document {
    if (this.decoded !== undefined) return this.decoded;
    const fields = readTopLevelFields(this.bytes, 0, names);
    return fields === UNREAD ? this.doc : fields;
  }
}

/** A stored value: the record id, then the document's BSON. */
export function storedValue(rid: number, bson: Uint8Array): Buffer {
  const value = Buffer.allocUnsafe(RID_BYTES + bson.length);
  writeRid(value, rid);
  value.set(bson, RID_BYTES);
  return value;
}

let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * `storedValue` written into one buffer reused by every call, for an LMDB put, which copies it
 * at once (writes happen in a synchronous transaction): no allocation per document written.
 * Valid until the next call.
 */
export function storedValueView(rid: number, bson: Uint8Array): Buffer {
  const size = RID_BYTES + bson.length;
  if (size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(size, scratch.length * 2));
  writeRid(scratch, rid);
  scratch.set(bson, RID_BYTES);
  return scratch.subarray(0, size);
}

export function writeRid(target: Buffer, rid: number, at = 0): void {
  target.writeUInt32BE(Math.floor(rid / 0x100000000), at);
  target.writeUInt32BE(rid >>> 0, at + 4);
}

export function readRid(source: Buffer, at = 0): number {
  return source.readUInt32BE(at) * 0x100000000 + source.readUInt32BE(at + 4);
}
