import { Query } from 'mingo';
import type { Document } from 'bson';
import type { Store } from '../storage/environment';
import type { IndexSpec } from '../storage/types';
import { CommandError } from '../errors';
import { fieldName, type FieldName } from '../storage/raw-bson';
import { encodeKey, encodeKeys } from './keys';
import { toMatchable, valuesAtPath } from './values';

// Compound multikey keys multiply; MongoDB refuses more than one array per compound key, we cap.
const MAX_KEYS_PER_DOCUMENT = 10_000;
/** LMDB's largest key with 4 KiB pages. */
export const MAX_KEY_BYTES = 1978;

/** A key range of an index database: from `low` (inclusive) to `high` (exclusive); absent means unbounded. */
export interface KeyRange {
  low?: Buffer | undefined;
  high?: Buffer | undefined;
}

/**
 * A secondary index, kept in an LMDB database of its own, or the `_id_` index, which is the
 * collection's documents database itself (keyed by `_id`) and has no database here.
 *
 * Entries are keyed by the encoded key (keys.ts) of the indexed values. In a unique index the
 * key is the entry's whole key and its value the document's `_id` key, so a uniqueness check is
 * one lookup. In other indexes the `_id` key follows (and its length ends the entry key), which
 * makes every entry distinct and orders the entries of one value by `_id`.
 */
export class Index {
  readonly fields: Array<[string, 1 | -1]>;
  private readonly partial: Query | undefined;
  /** Set once a drop of the index committed: reads still walking it stop. */
  dropped = false;

  constructor(
    readonly spec: IndexSpec,
    /** Names the index's LMDB database; undefined for `_id_`. */
    readonly id: number | undefined,
    private readonly store: Store | undefined,
    /** True once any document produced several keys (an array on an indexed path). */
    public multikey: boolean,
  ) {
    this.fields = Object.entries(spec.key);
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression) : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** True when every document has an entry, so a walk of the index sees the whole collection. */
  get coversAllDocuments(): boolean {
    return !this.spec.sparse && !this.partial;
  }

  /** True when the index reads more of a document than the top-level fields its paths start with. */
  get readsWholeDocuments(): boolean {
    return this.partial !== undefined;
  }

  /** The top-level fields its key paths start with: all of a document an index build must read. */
  get topLevelFields(): string[] {
    return [...new Set(this.fields.map(([path]) => path.split('.')[0] as string))];
  }

  /** `topLevelFields`, encoded once for the byte readers. */
  get topLevelFieldNames(): readonly FieldName[] {
    return (this.fieldNames ??= this.topLevelFields.map(fieldName));
  }

  private fieldNames: FieldName[] | undefined;

  /**
   * The encoded keys a document contributes, deduplicated. `doc` may hold only the top-level
   * fields of the index's paths, unless the index has a filter (partialFilterExpression).
   */
  keysOf(doc: Document): Buffer[] {
    if (this.partial && !this.partial.test(toMatchable(doc) as Document)) return [];
    if (this.fields.length === 1) {
      // The usual case, a single field holding a single value: no combinations to make.
      const { values, sawArray } = valuesAtPath(doc, (this.fields[0] as [string, 1 | -1])[0]);
      if (sawArray) this.multikey = true;
      if (values.length === 0) return this.spec.sparse ? [] : [encodeKey(null)];
      if (values.length === 1) return [encodeKey(values[0])];
    }
    let keys: unknown[][] = [[]];
    let present = false;
    for (const [path] of this.fields) {
      const { values, sawArray } = valuesAtPath(doc, path);
      if (values.length > 0) present = true;
      if (sawArray) this.multikey = true;
      if (values.length <= 1) {
        const value = values.length === 0 ? null : values[0];
        for (const key of keys) key.push(value);
        continue;
      }
      if (keys.length * values.length > MAX_KEYS_PER_DOCUMENT) {
        throw new CommandError('BadValue', `index ${this.name}: too many keys for one document (arrays on several indexed fields)`);
      }
      keys = keys.flatMap((prefix) => values.map((value) => [...prefix, value]));
    }
    if (this.spec.sparse && !present) return [];
    if (keys.length === 1) return [encodeKeys(keys[0] as unknown[])];
    const encoded = new Map<string, Buffer>();
    for (const values of keys) {
      const key = encodeValues(values);
      encoded.set(key.toString('latin1'), key);
    }
    return [...encoded.values()];
  }

  /** True when a document other than `self` (its `_id` key) already holds `key` in this unique index. */
  conflict(key: Buffer, self: Buffer | undefined): boolean {
    const holder = this.db.getBinaryFast(key);
    return holder !== undefined && (self === undefined || !sameBytes(holder, self));
  }

  /** The `_id` key of the document holding `key` in this unique index, if any. */
  holder(key: Buffer): Buffer | undefined {
    return this.db.getBinary(key);
  }

  add(idKey: Buffer, keys: readonly Buffer[]): void {
    for (const key of keys) {
      const entry = this.entryKey(key, idKey);
      if (entry.length > MAX_KEY_BYTES) throw keyTooLong(this.name, entry.length);
      this.db.put(entry, this.unique ? idKey : EMPTY);
    }
  }

  remove(idKey: Buffer, keys: readonly Buffer[]): void {
    for (const key of keys) this.db.remove(this.entryKey(key, idKey));
  }

  /** Throws unless every key fits in an LMDB key (checked before anything is written). */
  checkSizes(idKey: Buffer, keys: readonly Buffer[]): void {
    for (const key of keys) {
      const length = this.unique ? key.length : key.length + idKey.length + 2;
      if (length > MAX_KEY_BYTES) throw keyTooLong(this.name, length);
    }
  }

  /**
   * Up to `max` entries of a key range, in key order (or reversed), after the entry `after`
   * (exclusive) when given: each entry's key (to resume after it) and its document's `_id` key.
   */
  entries(range: KeyRange, reverse: boolean, after: Buffer | undefined, max: number): Array<{ entry: Buffer; idKey: Buffer }> {
    const out: Array<{ entry: Buffer; idKey: Buffer }> = [];
    for (const { key, value } of this.db.getRange(rangeOptions(range, reverse, after, max))) {
      out.push({ entry: key, idKey: this.unique ? value : idKeyOfEntry(key) });
    }
    return out;
  }

  describe(): Document {
    const out: Document = { v: 2, key: this.spec.key, name: this.spec.name };
    if (this.spec.unique && this.spec.name !== '_id_') out.unique = true;
    if (this.spec.sparse) out.sparse = true;
    if (this.spec.partialFilterExpression) out.partialFilterExpression = this.spec.partialFilterExpression;
    return out;
  }

  private get db(): Store {
    if (!this.store) throw new Error(`index ${this.name} has no database of its own`);
    return this.store;
  }

  /** An entry's key; in a buffer reused by every call (LMDB copies a key at once). */
  private entryKey(key: Buffer, idKey: Buffer): Buffer {
    if (this.unique) return key;
    const size = key.length + idKey.length + 2;
    if (size > entryScratch.length) entryScratch = Buffer.allocUnsafeSlow(size);
    const entry = entryScratch.subarray(0, size);
    key.copy(entry, 0);
    idKey.copy(entry, key.length);
    entry.writeUInt16BE(idKey.length, key.length + idKey.length);
    return entry;
  }
}

const EMPTY = Buffer.alloc(0);
let entryScratch = Buffer.allocUnsafeSlow(4096);

/** Equal bytes; `a` may be LMDB's read buffer, whose `length` is the value's but whose typed array is longer. */
function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function encodeValues(values: unknown[]): Buffer {
  return encodeKeys(values);
}

function idKeyOfEntry(entry: Buffer): Buffer {
  const length = entry.readUInt16BE(entry.length - 2);
  return entry.subarray(entry.length - 2 - length, entry.length - 2);
}

function keyTooLong(index: string, bytes: number): CommandError {
  return new CommandError(
    'KeyTooLong',
    `index ${index}: a key of ${bytes} bytes is longer than the embedded server's limit of ${MAX_KEY_BYTES} bytes (index entries are LMDB keys)`,
  );
}

/** lmdb-js range options for a key range, forwards or backwards, resuming after `after`. */
export function rangeOptions(range: KeyRange, reverse: boolean, after: Buffer | undefined, max: number): Record<string, unknown> {
  const options: Record<string, unknown> = { limit: max };
  if (!reverse) {
    if (after !== undefined) Object.assign(options, { start: after, exclusiveStart: true });
    else if (range.low !== undefined) options.start = range.low;
    if (range.high !== undefined) options.end = range.high;
    return options;
  }
  options.reverse = true;
  // Backwards, the start is the high end: every key below the exclusive bound `high`.
  if (after !== undefined) Object.assign(options, { start: after, exclusiveStart: true });
  else if (range.high !== undefined) Object.assign(options, { start: range.high, exclusiveStart: true });
  // lmdb-js checks for the presence of `end`, so an unbounded range must not name it.
  if (range.low !== undefined) Object.assign(options, { end: range.low, inclusiveEnd: true });
  return options;
}

/** The name MongoDB derives for an index from its key pattern (`a_1_b_-1`). */
export function defaultIndexName(key: Record<string, 1 | -1>): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${dir}`)
    .join('_');
}

export function keyPatternValue(index: Index, doc: Document): { keyPattern: Document; keyValue: Document } {
  const keyValue: Document = {};
  for (const [path] of index.fields) {
    const { values } = valuesAtPath(doc, path);
    keyValue[path] = values.length === 0 ? null : values[0];
  }
  return { keyPattern: index.spec.key, keyValue };
}
