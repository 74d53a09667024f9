import { Binary, Decimal128, Long, ObjectId, Timestamp, type Document } from 'bson';

/**
 * BSON value helpers shared by sorting, indexing and matching.
 *
 * Documents are kept exactly as the `bson` package decoded them (Long, Decimal128, Binary, ...
 * stay class instances) so they round-trip byte for byte. mingo, however, compares plain JS
 * values; `toMatchable` produces the view of a document that mingo sees.
 */

/**
 * MongoDB's cross-type comparison order ("BSON type order"); numbers of every width share one
 * rank, as do strings and symbols, and null and missing.
 * https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
 */
export const enum TypeRank {
  MinKey = 1,
  Null = 2,
  Number = 3,
  String = 4,
  Object = 5,
  Array = 6,
  Binary = 7,
  ObjectId = 8,
  Boolean = 9,
  Date = 10,
  Timestamp = 11,
  RegExp = 12,
  MaxKey = 13,
}

function bsontype(value: object): string | undefined {
  return (value as { _bsontype?: string })._bsontype;
}

export function typeRank(value: unknown): TypeRank {
  if (value === null || value === undefined) return TypeRank.Null;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return TypeRank.Number;
    case 'string':
      return TypeRank.String;
    case 'boolean':
      return TypeRank.Boolean;
    case 'object':
      break;
    default:
      return TypeRank.Object;
  }
  if (Array.isArray(value)) return TypeRank.Array;
  if (value instanceof Date) return TypeRank.Date;
  if (value instanceof RegExp) return TypeRank.RegExp;
  if (value instanceof Uint8Array) return TypeRank.Binary;
  switch (bsontype(value)) {
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return TypeRank.Number;
    case 'ObjectId':
      return TypeRank.ObjectId;
    case 'Binary':
      return TypeRank.Binary;
    case 'Timestamp':
      return TypeRank.Timestamp;
    case 'BSONRegExp':
      return TypeRank.RegExp;
    case 'BSONSymbol':
      return TypeRank.String;
    case 'MinKey':
      return TypeRank.MinKey;
    case 'MaxKey':
      return TypeRank.MaxKey;
    default:
      return TypeRank.Object;
  }
}

/** A number-like BSON value as a JS number (Long beyond 2^53 and Decimal128 lose precision). */
export function toDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  return Number((value as { valueOf(): unknown }).valueOf());
}

function isExactNumber(value: unknown): value is number | Long | bigint {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof Long;
}

function compareNumbers(a: unknown, b: unknown): number {
  // Compare 64-bit integers exactly; mixed with doubles or decimals, as doubles.
  if (isExactNumber(a) && isExactNumber(b) && typeof a !== 'number' && typeof b !== 'number') {
    const x = typeof a === 'bigint' ? a : BigInt(a.toString());
    const y = typeof b === 'bigint' ? b : BigInt(b.toString());
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toDouble(a);
  const y = toDouble(b);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Code point order, which is MongoDB's (it compares UTF-8 bytes) and the index keys' order. JS's
 * `<` compares UTF-16 code units, which puts code points above U+FFFF (surrogate pairs) before
 * U+E000–U+FFFF; only a difference in that range needs correcting.
 */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function codePointRank(codeUnit: number): number {
  if (codeUnit < 0xd800) return codeUnit;
  return codeUnit <= 0xdfff ? codeUnit + 0x2000 : codeUnit - 0x800;
}

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const binary = value as Binary;
  return binary.buffer.subarray(0, binary.position);
}

function subtypeOf(value: unknown): number {
  return value instanceof Uint8Array ? 0 : (value as Binary).sub_type;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Total order over BSON values, following MongoDB's comparison rules (not its sort rules for arrays). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case TypeRank.Null:
    case TypeRank.MinKey:
    case TypeRank.MaxKey:
      return 0;
    case TypeRank.Number:
      return compareNumbers(a, b);
    case TypeRank.String:
      return compareStrings(String(a), String(b));
    case TypeRank.Boolean:
      return a === b ? 0 : a ? 1 : -1;
    case TypeRank.Date:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case TypeRank.ObjectId:
      return compareStrings((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case TypeRank.Timestamp: {
      const x = BigInt.asUintN(64, BigInt((a as Timestamp).toString()));
      const y = BigInt.asUintN(64, BigInt((b as Timestamp).toString()));
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case TypeRank.Binary: {
      // MongoDB orders binary data by length, then subtype, then bytes.
      const x = bytesOf(a);
      const y = bytesOf(b);
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      const s = subtypeOf(a) - subtypeOf(b);
      if (s !== 0) return s < 0 ? -1 : 1;
      return compareBytes(x, y);
    }
    case TypeRank.RegExp: {
      const x = a as { source: string; flags?: string; pattern?: string; options?: string };
      const y = b as typeof x;
      return (
        compareStrings(x.source ?? x.pattern ?? '', y.source ?? y.pattern ?? '') ||
        compareStrings(x.flags ?? x.options ?? '', y.flags ?? y.options ?? '')
      );
    }
    case TypeRank.Array: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    default: {
      const x = Object.entries(a as Document);
      const y = Object.entries(b as Document);
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const [kx, vx] = x[i] as [string, unknown];
        const [ky, vy] = y[i] as [string, unknown];
        const c = typeRank(vx) - typeRank(vy) || compareStrings(kx, ky) || compareValues(vx, vy);
        if (c !== 0) return c < 0 ? -1 : 1;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
  }
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0;
}

/** True for a value that `compareValues`/the key encoder treat as an opaque BSON scalar. */
export function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Deep copy of plain objects and arrays; BSON class instances are immutable in practice and are
 * shared, Dates are copied (they are mutable).
 */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Document = {};
    for (const key of Object.keys(value)) out[key] = cloneDocument(value[key]);
    return out as T;
  }
  return value;
}

/**
 * Reads the values at a dotted path the way MongoDB's index key generator does: arrays met on
 * the way are expanded (a.b over [{b:1},{b:2}] gives 1 and 2), a terminal array contributes its
 * elements, numeric path parts index into arrays. An absent value yields no entries.
 */
export function valuesAtPath(doc: unknown, path: string): { values: unknown[]; sawArray: boolean } {
  const out = { values: [] as unknown[], sawArray: false };
  if (!path.includes('.')) {
    // The common case, without splitting: a top-level field.
    if (isPlainObject(doc) && Object.prototype.hasOwnProperty.call(doc, path)) pushTerminal(doc[path], out);
    return out;
  }
  collectPath(doc, path.split('.'), 0, out);
  return out;
}

function pushTerminal(value: unknown, out: { values: unknown[]; sawArray: boolean }): void {
  if (!Array.isArray(value)) {
    out.values.push(value);
    return;
  }
  out.sawArray = true;
  if (value.length === 0) out.values.push(undefined);
  for (const element of value) out.values.push(element);
}

function collectPath(value: unknown, parts: string[], i: number, out: { values: unknown[]; sawArray: boolean }): void {
  if (i === parts.length) {
    pushTerminal(value, out);
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(value)) {
    out.sawArray = true;
    if (/^\d+$/.test(part)) {
      const element = value[Number(part)] as unknown;
      if (element !== undefined) collectPath(element, parts, i + 1, out);
      return;
    }
    for (const element of value) {
      if (isPlainObject(element) && Object.prototype.hasOwnProperty.call(element, part)) collectPath(element[part], parts, i + 1, out);
    }
    return;
  }
  if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, part)) collectPath(value[part], parts, i + 1, out);
}

/** The first value at a dotted path without array expansion semantics beyond numeric parts. */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(value)) {
      if (!/^\d+$/.test(part)) {
        // Matches MongoDB's sort-key extraction: the field of every element.
        const collected = value.filter(isPlainObject).map((e) => e[part]).filter((v) => v !== undefined);
        if (collected.length === 0) return undefined;
        value = collected;
        continue;
      }
      value = value[Number(part)];
    } else if (isPlainObject(value)) {
      value = value[part];
    } else {
      return undefined;
    }
    if (value === undefined) return undefined;
  }
  return value;
}

/**
 * The value a document sorts by on one field: for arrays, MongoDB uses the smallest element when
 * sorting ascending and the largest when descending.
 */
export function sortKey(doc: unknown, path: string, direction: 1 | -1): unknown {
  const value = getPath(doc, path);
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return undefined;
  const flat = value.flatMap((v) => (Array.isArray(v) ? v : [v]));
  let best: unknown = flat[0];
  for (const element of flat) {
    const c = compareValues(element, best);
    if (direction === 1 ? c < 0 : c > 0) best = element;
  }
  return best;
}

export type SortSpec = Array<[string, 1 | -1]>;

export function parseSort(spec: unknown): SortSpec {
  if (spec === undefined || spec === null) return [];
  if (!isPlainObject(spec)) throw new TypeError('sort must be a document');
  return Object.entries(spec).map(([field, dir]) => {
    const n = toDouble(dir);
    if (n !== 1 && n !== -1) {
      if (isPlainObject(dir) && '$meta' in dir) {
        throw new Error(`$meta sort on ${field} is not supported (no text search)`);
      }
      throw new Error(`Invalid sort value for ${field}: sort direction must be 1 or -1`);
    }
    return [field, n];
  });
}

export function compareBySort(spec: SortSpec): (a: Document, b: Document) => number {
  return (a, b) => {
    for (const [field, dir] of spec) {
      const c = compareValues(sortKey(a, field, dir), sortKey(b, field, dir));
      if (c !== 0) return dir === 1 ? c : -c;
    }
    return 0;
  };
}

/**
 * A 64-bit integer mingo can compare. mingo treats two objects of one class as equal when their
 * `toString()`s are, and orders them by those strings; a fixed-width rendering of the value
 * shifted to unsigned makes that string order the numeric order.
 */
class WideInteger {
  private readonly text: string;
  constructor(value: bigint) {
    this.text = BigInt.asUintN(64, value + (1n << 63n)).toString().padStart(20, '0');
  }
  toString(): string {
    return this.text;
  }
}

/** A BSON Timestamp for mingo: ordered by (seconds, increment) like MongoDB. */
class TimestampKey {
  private readonly text: string;
  constructor(value: Timestamp) {
    this.text = BigInt.asUintN(64, BigInt(value.toString())).toString().padStart(20, '0');
  }
  toString(): string {
    return this.text;
  }
}

/**
 * The view of a value that mingo compares correctly: numbers of every width become JS numbers
 * (64-bit integers beyond 2^53 become WideInteger so they stay distinct), binary data becomes its
 * bytes. ObjectId, Date and RegExp are understood by mingo as they are.
 * Returns the same object when nothing needed converting, so most documents cost no copy.
 */
export function toMatchable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      const m = toMatchable(v);
      if (m !== v) {
        copy ??= value.slice();
        copy[i] = m;
      }
    }
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Document | undefined;
    for (const key in value) {
      const v = value[key] as unknown;
      const m = toMatchable(v);
      if (m !== v) {
        copy ??= { ...value };
        copy[key] = m;
      }
    }
    return copy ?? value;
  }
  switch (bsontype(value)) {
    case 'Long': {
      const long = value as Long;
      const n = long.toNumber();
      return Number.isSafeInteger(n) ? n : new WideInteger(BigInt(long.toString()));
    }
    case 'Int32':
    case 'Double':
      return (value as { valueOf(): number }).valueOf();
    case 'Decimal128':
      return Number((value as Decimal128).toString());
    case 'Timestamp':
      return new TimestampKey(value as Timestamp);
    case 'Binary':
      return bytesOf(value);
    default:
      return value;
  }
}
