import type { Binary, Document, ObjectId, Timestamp } from 'bson';
import { isPlainObject, toDouble, typeRank, TypeRank } from './values';

/**
 * Order-preserving string encoding of BSON values for index keys: comparing two encodings with
 * `<` orders them as MongoDB orders the values (type rank first, then value), so a BTree keyed by
 * these strings answers equality and range lookups.
 *
 * Every encoding is self-delimiting (fixed width, or terminated by a code unit lower than any
 * content), so compound keys are plain concatenations and a key prefix selects exactly the
 * entries whose leading fields equal it.
 *
 * Numbers of every BSON width share one encoding through their double value, so 5, Long(5) and
 * Decimal128("5") are the same key. Values a double cannot tell apart (64-bit integers beyond
 * 2^53, 34-digit decimals) share a key: lookups then return a superset, and the query's full
 * filter, applied to every candidate, removes the extra ones.
 */

const TAG_BASE = 0x40;
const tag = (rank: TypeRank): string => String.fromCharCode(TAG_BASE + rank);
const END = '\u0001';
const ELEMENT = '\u0002';

const scratch = new DataView(new ArrayBuffer(8));

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** 16 hex digits whose string order is the numeric order of doubles (NaN lowest). */
export function encodeDouble(value: number): string {
  if (Number.isNaN(value)) return '0000000000000000';
  scratch.setFloat64(0, value === 0 ? 0 : value);
  let hi = scratch.getUint32(0);
  let lo = scratch.getUint32(4);
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  return hex(hi, 8) + hex(lo, 8);
}

function encodeString(value: string): string {
  // Code units 0 and 1 are escaped so the terminator (0) sorts below any continuation.
  let out = '';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 1) {
      out += value.slice(start, i) + (c === 0 ? '\u0001\u0001' : '\u0001\u0002');
      start = i + 1;
    }
  }
  return out + value.slice(start) + '\u0000';
}

function binaryBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const binary = value as Binary;
  return binary.buffer.subarray(0, binary.position);
}

export function encodeValue(value: unknown): string {
  const rank = typeRank(value);
  const t = tag(rank);
  switch (rank) {
    case TypeRank.Null:
    case TypeRank.MinKey:
    case TypeRank.MaxKey:
      return t;
    case TypeRank.Number:
      return t + encodeDouble(toDouble(value));
    case TypeRank.String:
      return t + encodeString(String(value));
    case TypeRank.Boolean:
      return t + (value ? '1' : '0');
    case TypeRank.Date:
      return t + encodeDouble((value as Date).getTime());
    case TypeRank.ObjectId:
      return t + (value as ObjectId).toHexString();
    case TypeRank.Timestamp: {
      const ts = value as Timestamp;
      return t + hex(ts.high >>> 0, 8) + hex(ts.low >>> 0, 8);
    }
    case TypeRank.Binary: {
      const bytes = binaryBytes(value);
      const subtype = value instanceof Uint8Array ? 0 : (value as Binary).sub_type;
      return t + hex(bytes.length, 8) + hex(subtype, 2) + Buffer.from(bytes).toString('hex');
    }
    case TypeRank.RegExp: {
      const re = value as { source?: string; flags?: string; pattern?: string; options?: string };
      return t + encodeString(re.source ?? re.pattern ?? '') + encodeString(re.flags ?? re.options ?? '');
    }
    case TypeRank.Array: {
      let out = t;
      for (const element of value as unknown[]) out += ELEMENT + encodeValue(element);
      return out + END;
    }
    default: {
      let out = t;
      if (isPlainObject(value)) {
        for (const [k, v] of Object.entries(value as Document)) {
          out += ELEMENT + tag(typeRank(v)) + encodeString(k) + encodeValue(v);
        }
      } else {
        out += encodeString(String(value));
      }
      return out + END;
    }
  }
}

// Every encoded value starts with its type tag, in this range.
const TAGS_END = TAG_BASE + 0x20;

/**
 * A document's key in its collection's map: the encoded `_id`, except that a string `_id` (the
 * common case) is its own key, which spares building and hashing a new string per document (it
 * shows when a million documents are recovered or inserted). The two kinds never collide: an
 * encoded value starts with a type tag, and a string that starts with a tag character or U+0000
 * is prefixed with U+0000.
 */
export function recordKey(id: unknown): string {
  if (typeof id !== 'string') {
    // E.g. a BSONSymbol: equal to the string with the same characters, as in encodeValue.
    return typeRank(id) === TypeRank.String ? recordKey(String(id)) : encodeValue(id);
  }
  const first = id.charCodeAt(0); // NaN for ''
  return first > 0 && (first < TAG_BASE || first >= TAGS_END) ? id : `\u0000${id}`;
}

/** The smallest key of a type rank, and a bound above every key of that rank. */
export function typeBracket(rank: TypeRank): { low: string; high: string } {
  return { low: tag(rank), high: tag(rank + 1) };
}
