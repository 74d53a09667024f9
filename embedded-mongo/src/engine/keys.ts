import { Long, type Binary, type Document, type ObjectId, type Timestamp } from 'bson';
import { isPlainObject, toDouble, typeRank, TypeRank } from './values';

/**
 * Order-preserving binary encoding of BSON values, for LMDB keys: comparing two encodings byte by
 * byte (as LMDB does) orders them as MongoDB orders the values (type rank first, then value), so
 * an LMDB database keyed by them answers equality and range lookups, forwards and backwards.
 *
 * Every encoding is self-delimiting (fixed width, or terminated by a byte lower than any content
 * byte), so compound keys are plain concatenations and a key prefix selects exactly the entries
 * whose leading fields equal it.
 *
 * Numbers of every BSON width share one encoding through their double value, so 5, Long(5) and
 * Decimal128("5") are the same key. A 64-bit integer a double cannot hold exactly is followed by
 * its exact distance from that double, so distinct 64-bit integers never share a key (an `_id` or
 * a unique index would otherwise see false duplicates). Decimals a double cannot tell apart
 * (34 digits) share a key: lookups then return a superset, and the query's full filter, applied
 * to every candidate, removes the extra ones.
 */

const TAG_BASE = 0x40;
const tag = (rank: TypeRank): number => TAG_BASE + rank;
const END = 0x01;
const ELEMENT = 0x02;
// After a number's double: exact, or below or above the double by the distance that follows.
const EXACT = 0x80;
const BELOW = 0x7f;
const ABOVE = 0x81;
const DISTANCE_BIAS = 1n << 63n;

/** A growable buffer the encoders write into; one is reused for every key (keys are built synchronously). */
class KeyWriter {
  private buffer = Buffer.allocUnsafe(1024);
  private readonly view = new DataView(new ArrayBuffer(8));
  length = 0;

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  uint32(value: number): void {
    this.reserve(4);
    this.buffer.writeUInt32BE(value >>> 0, this.length);
    this.length += 4;
  }

  /** 8 bytes whose byte order is the numeric order of doubles (NaN lowest, -0 as 0). */
  double(value: number): void {
    this.reserve(8);
    if (Number.isNaN(value)) {
      this.buffer.fill(0, this.length, this.length + 8);
    } else {
      this.view.setFloat64(0, value === 0 ? 0 : value);
      let hi = this.view.getUint32(0);
      let lo = this.view.getUint32(4);
      if (hi & 0x80000000) {
        hi = ~hi >>> 0;
        lo = ~lo >>> 0;
      } else {
        hi = (hi | 0x80000000) >>> 0;
      }
      this.buffer.writeUInt32BE(hi, this.length);
      this.buffer.writeUInt32BE(lo, this.length + 4);
    }
    this.length += 8;
  }

  /**
   * UTF-8 (whose byte order is code point order, MongoDB's string order), bytes 0 and 1 escaped so
   * that the terminator (0) sorts below any continuation.
   */
  string(value: string): void {
    if (value.includes('\u0000') || value.includes('\u0001')) {
      this.escapedString(value);
      return;
    }
    this.reserve(value.length * 3 + 1);
    this.length += this.buffer.write(value, this.length, 'utf8');
    this.buffer[this.length++] = 0;
  }

  private escapedString(value: string): void {
    for (const part of value.split(/(\u0000|\u0001)/)) {
      if (part === '\u0000' || part === '\u0001') {
        this.byte(0x01);
        this.byte(part === '\u0000' ? 0x01 : 0x02);
      } else if (part.length > 0) {
        this.reserve(part.length * 3);
        this.length += this.buffer.write(part, this.length, 'utf8');
      }
    }
    this.byte(0);
  }

  value(value: unknown): void {
    const rank = typeRank(value);
    this.byte(tag(rank));
    switch (rank) {
      case TypeRank.Null:
      case TypeRank.MinKey:
      case TypeRank.MaxKey:
        return;
      case TypeRank.Number:
        this.number(value);
        return;
      case TypeRank.String:
        this.string(String(value));
        return;
      case TypeRank.Boolean:
        this.byte(value ? 1 : 0);
        return;
      case TypeRank.Date:
        this.double((value as Date).getTime());
        return;
      case TypeRank.ObjectId:
        this.objectId(value as ObjectId);
        return;
      case TypeRank.Timestamp: {
        const ts = value as Timestamp;
        this.uint32(ts.high);
        this.uint32(ts.low);
        return;
      }
      case TypeRank.Binary: {
        // MongoDB orders binary data by length, then subtype, then bytes.
        const bytes = binaryBytes(value);
        this.uint32(bytes.length);
        this.byte(value instanceof Uint8Array ? 0 : (value as Binary).sub_type);
        this.bytes(bytes);
        return;
      }
      case TypeRank.RegExp: {
        const re = value as { source?: string; flags?: string; pattern?: string; options?: string };
        this.string(re.source ?? re.pattern ?? '');
        this.string(re.flags ?? re.options ?? '');
        return;
      }
      case TypeRank.Array:
        for (const element of value as unknown[]) {
          this.byte(ELEMENT);
          this.value(element);
        }
        this.byte(END);
        return;
      default:
        if (isPlainObject(value)) {
          // MongoDB compares embedded documents field by field: type of the value, name, value.
          for (const [k, v] of Object.entries(value as Document)) {
            this.byte(ELEMENT);
            this.byte(tag(typeRank(v)));
            this.string(k);
            this.value(v);
          }
        } else {
          this.string(String(value));
        }
        this.byte(END);
    }
  }

  /** bson keeps an ObjectId as four 24-bit integers; written from them, no 12-byte copy is made. */
  private objectId(value: ObjectId): void {
    const { i0, i1, i2, i3 } = value as unknown as Record<string, unknown>;
    if (typeof i0 !== 'number' || typeof i1 !== 'number' || typeof i2 !== 'number' || typeof i3 !== 'number') {
      this.bytes(value.id);
      return;
    }
    this.reserve(12);
    for (const part of [i0, i1, i2, i3]) {
      this.buffer[this.length++] = (part >>> 16) & 0xff;
      this.buffer[this.length++] = (part >>> 8) & 0xff;
      this.buffer[this.length++] = part & 0xff;
    }
  }

  private number(value: unknown): void {
    const double = toDouble(value);
    this.double(double);
    const exact = value instanceof Long ? value.toBigInt() : typeof value === 'bigint' ? value : undefined;
    const distance = exact === undefined || !Number.isFinite(double) ? 0n : exact - BigInt(double);
    if (distance === 0n) {
      this.byte(EXACT);
      return;
    }
    this.byte(distance < 0n ? BELOW : ABOVE);
    this.reserve(8);
    this.buffer.writeBigUInt64BE(distance + DISTANCE_BIAS, this.length);
    this.length += 8;
  }

  take(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

function binaryBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const binary = value as Binary;
  return binary.buffer.subarray(0, binary.position);
}

const writer = new KeyWriter();

/** The key of one value. */
export function encodeKey(value: unknown): Buffer {
  writer.length = 0;
  writer.value(value);
  return writer.take();
}

/** The key of several values, one after the other (a compound index key). */
export function encodeKeys(values: readonly unknown[]): Buffer {
  writer.length = 0;
  for (const value of values) writer.value(value);
  return writer.take();
}

/**
 * The key of a value as a string (one character per byte, so `<` orders these strings as LMDB
 * orders the keys), for Sets and Maps of values compared as MongoDB compares them.
 */
export function encodeValue(value: unknown): string {
  return encodeKey(value).toString('latin1');
}

/** The smallest key of a type rank, and a bound above every key of that rank. */
export function typeBracket(rank: TypeRank): { low: Buffer; high: Buffer } {
  return { low: Buffer.from([tag(rank)]), high: Buffer.from([tag(rank + 1)]) };
}

/** The smallest key above every key that starts with `prefix` (undefined when there is none). */
export function afterPrefix(prefix: Uint8Array): Buffer | undefined {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return undefined;
  const bound = Buffer.from(prefix.subarray(0, end));
  bound[end - 1] = (bound[end - 1] as number) + 1;
  return bound;
}

/** The smallest key above `key` itself: where a scan resumes after it. */
export function justAfter(key: Uint8Array): Buffer {
  const next = Buffer.alloc(key.length + 1);
  next.set(key);
  return next;
}
