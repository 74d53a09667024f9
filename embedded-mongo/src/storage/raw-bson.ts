import { isUtf8 } from 'node:buffer';
import { ObjectId, deserialize, onDemand, type Document } from 'bson';

const { ByteUtils, NumberUtils } = onDemand;

/**
 * Reading stored documents without decoding them whole. A filter that tests a few top-level
 * fields, an index build and a projection of top-level fields read just those from the stored
 * BSON, which for a million documents is several times cheaper than `deserialize` of every one
 * of them and leaves no garbage behind.
 *
 * The value types whose decoding is a few lines (and that make up nearly all `_id`s, indexed and
 * filtered fields) are read by hand, exactly as `bson` decodes them with the engine's options
 * (engine/documents.ts); any other value is decoded by `bson` from a copy of its element. Only a
 * type unknown to this module (`UNREAD`) makes the callers decode the whole document. Nothing
 * returned refers to the bytes read, so they may be a reused buffer.
 */

/**
 * How stored BSON is decoded, and what the values read by hand here match: the engine's
 * representation. Numbers are plain JS numbers and Long stays a Long; everything else (Date,
 * Decimal128, Binary, ObjectId, Timestamp, ...) is a class instance. Stored documents were
 * validated when the wire protocol decoded them, so their UTF-8 is not checked again.
 */
export const STORED_DOCUMENT_OPTIONS = { promoteLongs: false, validation: { utf8: false as const } };

/**
 * A projection of top-level fields applied to the stored document at `bytes[at]`, written at
 * `target[to]`: the document's elements that are kept, copied as they are (so every value keeps
 * its exact BSON type), in their stored order. With `include`, `_id` (unless `keepId` is false)
 * and the `names` fields are kept; without, all but those. Returns the projected document's size
 * (never more than the stored one's), or -1 when an element has a type unknown to this module
 * (decode the document instead).
 */
export function projectTopLevel(
  bytes: Uint8Array,
  at: number,
  names: readonly FieldName[],
  include: boolean,
  keepId: boolean,
  target: Uint8Array,
  to: number,
): number {
  const end = at + NumberUtils.getInt32LE(bytes, at) - 1;
  let out = to + 4;
  let position = at + 4;
  while (position < end) {
    const start = position;
    const type = bytes[position] as number;
    const nameStart = position + 1;
    let nameEnd = nameStart;
    while (bytes[nameEnd] !== 0) nameEnd += 1;
    const size = valueSize(bytes, type, nameEnd + 1);
    if (size < 0) return -1;
    position = nameEnd + 1 + size;
    const nameLength = nameEnd - nameStart;
    const isId = nameLength === 3 && bytes[nameStart] === 0x5f && bytes[nameStart + 1] === 0x69 && bytes[nameStart + 2] === 0x64;
    let keep: boolean;
    if (isId) {
      keep = keepId;
    } else {
      let named = false;
      for (let i = 0; i < names.length && !named; i++) {
        const name = (names[i] as FieldName).bytes;
        named = name.length === nameLength && sameBytes(bytes, nameStart, name);
      }
      keep = include === named;
    }
    if (!keep) continue;
    if (position - start > 32) {
      target.set(bytes.subarray(start, position), out);
      out += position - start;
    } else {
      // Elements are mostly short: a loop costs less than making a view to copy from.
      for (let i = start; i < position; i++) target[out++] = bytes[i] as number;
    }
  }
  target[out++] = 0;
  NumberUtils.setInt32LE(target, to, out - to);
  return out - to;
}

/** Returned by `readTopLevelField` for a field of a type unknown to this module (newer than it): decode the document. */
export const UNREAD = Symbol('needs a full decode');

/**
 * The value of the top-level field `name` of the stored document at `bytes[at]`: `undefined` if
 * the document has no such field, `UNREAD` if its type is unknown to this module. The bytes are
 * trusted (written by `bson`, or validated when the wire protocol decoded them): the walk checks
 * only that it stays inside the document.
 */
export function readTopLevelField(bytes: Uint8Array, at: number, name: Uint8Array): unknown {
  const element = findTopLevelField(bytes, at, name);
  if (element === NOT_FOUND) return undefined;
  if (element === UNKNOWN_TYPE) return UNREAD;
  const type = bytes[element] as number;
  const valueAt = element + name.length + 2;
  const value = readValue(bytes, type, valueAt);
  return value === UNREAD ? readValueWithBson(bytes, type, valueAt) : value;
}

/**
 * Whether the top-level field `name` of the BSON document at `bytes[at]` is the string whose
 * UTF-8 bytes are `utf8`, compared without decoding: false for an absent field or another
 * scalar, undefined when only a decode can tell (an array, one of whose elements may be it; a
 * symbol, which compares as a string; a type this module does not know).
 */
export function topLevelStringIs(bytes: Uint8Array, at: number, name: Uint8Array, utf8: Uint8Array): boolean | undefined {
  const element = findTopLevelField(bytes, at, name);
  if (element === NOT_FOUND) return false;
  if (element === UNKNOWN_TYPE) return undefined;
  const type = bytes[element] as number;
  if (type === ARRAY || type === SYMBOL) return undefined;
  if (type !== STRING) return false;
  const valueAt = element + name.length + 2;
  return NumberUtils.getInt32LE(bytes, valueAt) === utf8.length + 1 && sameBytes(bytes, valueAt + 4, utf8);
}

/** `findTopLevelField`'s answers when it finds no element. */
export const NOT_FOUND = -1;
export const UNKNOWN_TYPE = -2;

/**
 * Where the top-level element `name` of the stored document at `bytes[at]` starts (its type
 * byte; the value follows the name and its terminating zero), or NOT_FOUND, or UNKNOWN_TYPE when
 * an element before it has a type this walker cannot step over.
 */
export function findTopLevelField(bytes: Uint8Array, at: number, name: Uint8Array): number {
  const end = at + NumberUtils.getInt32LE(bytes, at) - 1;
  let position = at + 4;
  while (position < end) {
    const type = bytes[position] as number;
    const nameStart = position + 1;
    let nameEnd = nameStart;
    while (bytes[nameEnd] !== 0) nameEnd += 1;
    if (nameEnd - nameStart === name.length && sameBytes(bytes, nameStart, name)) return position;
    const valueAt = nameEnd + 1;
    const size = valueSize(bytes, type, valueAt);
    if (size < 0) return UNKNOWN_TYPE;
    position = valueAt + size;
  }
  return NOT_FOUND;
}

/**
 * The named top-level fields of a stored document, as a document holding only those (absent
 * ones absent), or `UNREAD` when one of them has a type unknown to this module.
 */
export function readTopLevelFields(bytes: Uint8Array, at: number, names: readonly FieldName[]): Document | typeof UNREAD {
  // One walk over the elements for all the names (the first element of a name counts, as for
  // `findTopLevelField`).
  const out: Document = {};
  let missing = names.length;
  const end = at + NumberUtils.getInt32LE(bytes, at) - 1;
  let position = at + 4;
  while (position < end && missing > 0) {
    const type = bytes[position] as number;
    const nameStart = position + 1;
    let nameEnd = nameStart;
    while (bytes[nameEnd] !== 0) nameEnd += 1;
    const valueAt = nameEnd + 1;
    const nameLength = nameEnd - nameStart;
    for (let i = 0; i < names.length; i++) {
      const { name, bytes: encoded } = names[i] as FieldName;
      if (encoded.length !== nameLength || !sameBytes(bytes, nameStart, encoded) || Object.hasOwn(out, name)) continue;
      const value = readValue(bytes, type, valueAt);
      const read = value === UNREAD ? readValueWithBson(bytes, type, valueAt) : value;
      if (read === UNREAD) return UNREAD;
      out[name] = read;
      missing--;
      break;
    }
    const size = valueSize(bytes, type, valueAt);
    if (size < 0) return missing > 0 ? UNREAD : out;
    position = valueAt + size;
  }
  return out;
}

/** A field name with its UTF-8 encoding, prepared once for many documents. */
export interface FieldName {
  name: string;
  bytes: Uint8Array;
}

export function fieldName(name: string): FieldName {
  return { name, bytes: ByteUtils.fromUTF8(name) };
}

function sameBytes(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  for (let i = 0; i < expected.length; i += 1) if (bytes[at + i] !== expected[i]) return false;
  return true;
}

// BSON element types (https://bsonspec.org/spec.html).
const DOUBLE = 0x01;
const STRING = 0x02;
const DOCUMENT = 0x03;
const ARRAY = 0x04;
const BINARY = 0x05;
const UNDEFINED = 0x06;
export const OBJECT_ID = 0x07;
const BOOLEAN = 0x08;
const DATE = 0x09;
const NULL = 0x0a;
const REGEX = 0x0b;
const DB_POINTER = 0x0c;
const CODE = 0x0d;
const SYMBOL = 0x0e;
const CODE_WITH_SCOPE = 0x0f;
const INT32 = 0x10;
const TIMESTAMP = 0x11;
const INT64 = 0x12;
const DECIMAL128 = 0x13;
const MIN_KEY = 0xff;
const MAX_KEY = 0x7f;

/** The value at `bytes[at]`, decoded as `bson` decodes it with STORED_DOCUMENT_OPTIONS, or UNREAD. */
function readValue(bytes: Uint8Array, type: number, at: number): unknown {
  switch (type) {
    case STRING: {
      const length = NumberUtils.getInt32LE(bytes, at);
      return ByteUtils.toUTF8(bytes, at + 4, at + 4 + length - 1, false);
    }
    case OBJECT_ID:
      return new ObjectId(bytes.subarray(at, at + 12));
    case INT32:
      return NumberUtils.getInt32LE(bytes, at);
    case DOUBLE:
      return NumberUtils.getFloat64LE(bytes, at);
    case BOOLEAN:
      return bytes[at] === 1;
    case NULL:
      return null;
    case DATE:
      // bson: new Date(new Long(low, high).toNumber()), i.e. high * 2^32 + unsigned low.
      return new Date(NumberUtils.getInt32LE(bytes, at + 4) * 4294967296 + NumberUtils.getUint32LE(bytes, at));
    default:
      return UNREAD;
  }
}

/**
 * Any other value (subdocuments and arrays, as multikey and dotted-path indexes need, Long,
 * Decimal128, ...), decoded by `bson` itself: the element is copied, under a one-letter name,
 * into a document of its own.
 */
function readValueWithBson(bytes: Uint8Array, type: number, at: number): unknown {
  const size = valueSize(bytes, type, at);
  if (size < 0) return UNREAD;
  const document = new Uint8Array(4 + 3 + size + 1);
  NumberUtils.setInt32LE(document, 0, document.length);
  document[4] = type;
  document[5] = 0x76; // "v"
  document[6] = 0;
  document.set(bytes.subarray(at, at + size), 7);
  document[document.length - 1] = 0;
  return deserialize(document, STORED_DOCUMENT_OPTIONS).v;
}

/** Bytes taken by a value of `type` at `bytes[at]`, or -1 for a type this walker does not know. */
function valueSize(bytes: Uint8Array, type: number, at: number): number {
  switch (type) {
    case DOUBLE:
    case DATE:
    case TIMESTAMP:
    case INT64:
      return 8;
    case STRING:
    case CODE:
    case SYMBOL:
      return 4 + NumberUtils.getInt32LE(bytes, at);
    case DOCUMENT:
    case ARRAY:
    case CODE_WITH_SCOPE:
      return NumberUtils.getInt32LE(bytes, at);
    case BINARY:
      return 5 + NumberUtils.getInt32LE(bytes, at);
    case OBJECT_ID:
      return 12;
    case BOOLEAN:
      return 1;
    case INT32:
      return 4;
    case DECIMAL128:
      return 16;
    case UNDEFINED:
    case NULL:
    case MIN_KEY:
    case MAX_KEY:
      return 0;
    case REGEX: {
      let end = at;
      while (bytes[end] !== 0) end += 1;
      end += 1;
      while (bytes[end] !== 0) end += 1;
      return end + 1 - at;
    }
    case DB_POINTER:
      return 4 + NumberUtils.getInt32LE(bytes, at) + 12;
    default:
      return -1;
  }
}

const isAscii = (bytes: Uint8Array, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if ((bytes[i] as number) > 0x7f) return false;
  return true;
};

/**
 * True when the BSON document of `size` bytes at `bytes[at]` is certainly one `bson` decodes
 * without an error, with the wire protocol's options, into the same values this module reads
 * from it: sizes and terminators consistent, string values valid UTF-8, booleans 0 or 1. Only
 * the common types are known; anything else (and any `$`-prefixed name, which might make a
 * DBRef) answers false, which means "let `bson` decide", never "invalid". Used to store an
 * inserted document as sent without decoding it whole.
 */
export function isPlainValidBson(bytes: Uint8Array, at: number, size: number, depth = 0): boolean {
  if (depth > 100 || size < 5 || at + size > bytes.length || NumberUtils.getInt32LE(bytes, at) !== size) return false;
  const end = at + size - 1;
  if (bytes[end] !== 0) return false;
  let p = at + 4;
  while (p < end) {
    const type = bytes[p++] as number;
    if (bytes[p] === 0x24) return false; // `$`: a DBRef's $ref/$id, or an operator-looking name
    while (p < end && bytes[p] !== 0) p++;
    if (p >= end) return false;
    p++;
    switch (type) {
      case DOUBLE:
      case DATE:
      case INT64:
      case TIMESTAMP:
        p += 8;
        break;
      case INT32:
        p += 4;
        break;
      case OBJECT_ID:
        p += 12;
        break;
      case DECIMAL128:
        p += 16;
        break;
      case NULL:
      case MIN_KEY:
      case MAX_KEY:
        break;
      case BOOLEAN:
        if (bytes[p] !== 0 && bytes[p] !== 1) return false;
        p += 1;
        break;
      case STRING: {
        if (p + 4 > end) return false;
        const length = NumberUtils.getInt32LE(bytes, p);
        const from = p + 4;
        const to = from + length - 1;
        if (length < 1 || to >= end || bytes[to] !== 0) return false;
        if (!isAscii(bytes, from, to) && !isUtf8(bytes.subarray(from, to))) return false;
        p = to + 1;
        break;
      }
      case DOCUMENT:
      case ARRAY: {
        if (p + 4 > end) return false;
        const length = NumberUtils.getInt32LE(bytes, p);
        if (p + length > end || !isPlainValidBson(bytes, p, length, depth + 1)) return false;
        p += length;
        break;
      }
      case BINARY: {
        if (p + 5 > end) return false;
        const length = NumberUtils.getInt32LE(bytes, p);
        // Subtype 2 (old binary) has a length of its own, which bson checks.
        if (length < 0 || bytes[p + 4] === 2) return false;
        p += 5 + length;
        break;
      }
      default:
        return false;
    }
  }
  return p === end;
}

/**
 * The `_id` of a document checked by `isPlainValidBson`, when it is its first field and of a
 * type read here directly (string, ObjectId, number, Date, boolean, null); otherwise UNREAD
 * (decode the document: `_id` is missing or elsewhere, or a type that needs more checks).
 */
export function leadingScalarId(bytes: Uint8Array): unknown {
  if (bytes[5] !== 0x5f || bytes[6] !== 0x69 || bytes[7] !== 0x64 || bytes[8] !== 0) return UNREAD;
  const type = bytes[4] as number;
  return type === STRING || type === OBJECT_ID || type === INT32 || type === DOUBLE || type === DATE || type === BOOLEAN || type === NULL
    ? readValue(bytes, type, 9)
    : UNREAD;
}
