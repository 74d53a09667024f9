import { ObjectId, onDemand, type Document } from 'bson';
import {
  OBJECT_ID,
  UNREAD,
  decodeStoredDocument,
  fieldName,
  findTopLevelField,
  readTopLevelField,
  readTopLevelFields,
  type FieldName,
} from '../storage/raw-bson';
import type { DocRecord } from './indexes';
import { recordKey } from './keys';

const { NumberUtils } = onDemand;

const ID_FIELD = fieldName('_id');

/**
 * A recovered document, kept as the BSON bytes it was stored as (a view into the data file's read
 * buffer) until something reads `doc`, which decodes it once. Recovering a million documents then
 * costs reading their `_id`s and indexed fields rather than decoding and garbage-collecting every
 * one of them, and a document nobody reads stays several times smaller in memory than decoded.
 *
 * To the rest of the engine it is an ordinary record: `doc` can be read and assigned as usual.
 */
export class StoredRecord implements DocRecord {
  view: Document | undefined = undefined;
  private decoded: Document | undefined = undefined;

  constructor(
    readonly rid: number,
    private bytes: Uint8Array | undefined,
    private at: number,
  ) {}

  get doc(): Document {
    if (this.decoded === undefined) {
      this.decoded = decodeStoredDocument(this.bytes as Uint8Array, this.at);
      this.bytes = undefined;
    }
    return this.decoded;
  }

  set doc(doc: Document) {
    this.decoded = doc;
    this.bytes = undefined;
    this.view = undefined;
  }

  /** False while the document is held as its stored bytes only. */
  get isDecoded(): boolean {
    return this.decoded !== undefined;
  }

  /** The document's stored BSON while it is not decoded (for a snapshot to copy as it is). */
  storedBytes(): Uint8Array | undefined {
    const { bytes, at } = this;
    return bytes?.subarray(at, at + NumberUtils.getInt32LE(bytes, at));
  }

  /** Recovery: a later version of the document, also as stored bytes. */
  restore(bytes: Uint8Array, at: number): void {
    this.bytes = bytes;
    this.at = at;
    this.decoded = undefined;
    this.view = undefined;
  }

  /**
   * A document holding (at least) the named top-level fields, for index keys: read from the bytes
   * while the document is not decoded, else the document itself.
   */
  fields(names: readonly FieldName[]): Document {
    if (this.bytes === undefined) return this.doc;
    const fields = readTopLevelFields(this.bytes, this.at, names);
    return fields === UNREAD ? this.doc : fields;
  }
}

/** The `_id` of the stored document at `bytes[at]` (undefined if it has none). */
export function storedId(bytes: Uint8Array, at: number): unknown {
  const id = readTopLevelField(bytes, at, ID_FIELD.bytes);
  return id === UNREAD ? decodeStoredDocument(bytes, at)._id : id;
}

/**
 * `recordKey(storedId(bytes, at))`, made faster for ObjectIds. Their key is the ObjectId type tag
 * and the 24 hex digits; built by concatenation it is a tree of a dozen small strings, which for a
 * million recovered documents the garbage collector copied and kept alive for seconds. Written
 * into a buffer and read back, it is one flat string.
 */
export function storedRecordKey(bytes: Uint8Array, at: number): string {
  const element = findTopLevelField(bytes, at, ID_FIELD.bytes);
  if (element >= 0 && bytes[element] === OBJECT_ID && objectIdKey) {
    const valueAt = element + ID_FIELD.bytes.length + 2;
    for (let i = 0; i < 12; i += 1) {
      const byte = bytes[valueAt + i] as number;
      objectIdKey[1 + 2 * i] = HEX_DIGITS[byte >> 4] as number;
      objectIdKey[2 + 2 * i] = HEX_DIGITS[byte & 15] as number;
    }
    return objectIdKey.toString('latin1');
  }
  return recordKey(storedId(bytes, at));
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The scratch buffer of an ObjectId key, its first byte the tag, if keys.ts still builds keys of
 * ObjectIds as tag + hex digits; checked here so that a change there switches the shortcut off
 * instead of making keys that no lookup finds.
 */
const objectIdKey = ((): Buffer | undefined => {
  const sample = new ObjectId('0123456789abcdef01234567');
  const key = recordKey(sample);
  if (key.length !== 25 || key.slice(1) !== sample.toHexString() || key.charCodeAt(0) > 0x7f) return undefined;
  const scratch = Buffer.alloc(25);
  scratch[0] = key.charCodeAt(0);
  return scratch;
})();
