import BTree from 'sorted-btree';
import { bulkLoad } from 'sorted-btree/extended/bulkLoad';
import { Query } from 'mingo';
import type { Document } from 'bson';
import type { IndexSpec } from '../storage/types';
import { CommandError } from '../errors';
import { encodeValue } from './keys';
import { toMatchable, valuesAtPath } from './values';

/** One stored document. `view` is what mingo matches against, made on first use (see `viewOf`). */
export interface DocRecord {
  readonly rid: number;
  doc: Document;
  view?: Document | undefined;
}

/** The record's document as mingo should see it (`toMatchable`), computed once and cached. */
export function viewOf(record: DocRecord): Document {
  return (record.view ??= toMatchable(record.doc) as Document);
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const RID_WIDTH = 12;
// Compound multikey keys multiply; MongoDB refuses more than one array per compound key, we cap.
const MAX_KEYS_PER_DOCUMENT = 10_000;

/**
 * Has V8 copy a concatenated string into one flat string now (converting a string to a number
 * flattens it, the trick of the `flatstr` package), while the pieces it was built from are still
 * young garbage. Built by `+`, each entry is a tree of several small strings that the garbage
 * collector copies and keeps until the sort flattens them: seconds for a million entries.
 */
function flatten(value: string): string {
  Number(value);
  return value;
}

/** Appended to an entry's key: the record id, fixed width, so keys of one value sort by record id. */
function ridSuffix(rid: number): string {
  return rid.toString(16).padStart(RID_WIDTH, '0');
}

/**
 * A secondary (or the `_id_`) index: a BTree from encoded key + record id to the record.
 * Appending the record id makes every entry distinct, so one tree serves unique and non-unique
 * indexes; all entries of one key value share the encoded key as a prefix.
 */
export class Index {
  readonly fields: Array<[string, 1 | -1]>;
  tree = new BTree<string, DocRecord>(undefined, compareStrings);
  /** True once any document produced several keys (an array on an indexed path). */
  multikey = false;
  /**
   * False while the tree is not kept (the `_id_` index: the collection's map answers `_id`
   * equality and uniqueness, so its tree is only built when a range or sort on `_id` needs it).
   */
  materialized = true;
  private readonly partial: Query | undefined;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.entries(spec.key);
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression) : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** True when every document has an entry, so a walk of the tree sees the whole collection. */
  get coversAllDocuments(): boolean {
    return !this.spec.sparse && !this.partial;
  }

  /**
   * The encoded keys (without record id) a document contributes, deduplicated. `doc` may be
   * given instead of `record.doc` when it holds at least the top-level fields of this index's
   * paths (recovery reads just those from stored bytes); a partial index's filter still reads
   * the whole record.
   */
  keysOf(record: DocRecord, doc: Document = record.doc): string[] {
    if (this.partial && !this.partial.test(viewOf(record))) return [];
    if (this.fields.length === 1) {
      // Single-field fast path: no cross product, usually a single value.
      const { values, sawArray } = valuesAtPath(doc, (this.fields[0] as [string, 1 | -1])[0]);
      if (sawArray) this.multikey = true;
      if (values.length === 0) return this.spec.sparse ? [] : [encodeValue(null)];
      if (values.length === 1) return [encodeValue(values[0])];
      return [...new Set(values.map(encodeValue))];
    }
    let single = '';
    let keys: string[] | undefined;
    let present = false;
    for (const [path] of this.fields) {
      const { values, sawArray } = valuesAtPath(doc, path);
      if (values.length > 0) present = true;
      if (sawArray) this.multikey = true;
      if (values.length <= 1) {
        const part = encodeValue(values.length === 0 ? null : values[0]);
        if (keys) keys = keys.map((prefix) => prefix + part);
        else single += part;
        continue;
      }
      const parts = [...new Set(values.map(encodeValue))];
      keys ??= [single];
      if (keys.length * parts.length > MAX_KEYS_PER_DOCUMENT) {
        throw new CommandError('BadValue', `index ${this.name}: too many keys for one document (arrays on several indexed fields)`);
      }
      keys = keys.flatMap((prefix) => parts.map((part) => prefix + part));
    }
    if (this.spec.sparse && !present) return [];
    return keys ?? [single];
  }

  /** The record already holding `key` in this unique index, other than `self`. */
  conflict(key: string, self: DocRecord | undefined): DocRecord | undefined {
    for (let pair = this.tree.getPairOrNextHigher(key); pair; pair = this.tree.nextHigherPair(pair[0])) {
      const [entryKey, record] = pair;
      if (!entryKey.startsWith(key) || entryKey.length !== key.length + RID_WIDTH) return undefined;
      if (record !== self) return record;
    }
    return undefined;
  }

  /**
   * Fills the index from many records at once (replacing what it held): the entries are sorted,
   * so a unique violation shows up as two neighbours with the same key, and the tree is then
   * built bottom-up from the sorted run instead of one insertion at a time. Returns the first
   * violating record, leaving the index as it was. `documentOf` is as `keysOf`'s `doc`.
   */
  build(records: Iterable<DocRecord>, documentOf?: (record: DocRecord) => Document): DocRecord | undefined {
    // Entries are plain strings sorted by the engine's default order (UTF-16 code units, the
    // same order as `<`), several times cheaper than sorting pairs through a comparator; each
    // entry's record is found again through the record id that ends it.
    const entries: string[] = [];
    const byRid: DocRecord[] = [];
    for (const record of records) {
      byRid[record.rid] = record;
      const suffix = ridSuffix(record.rid);
      for (const key of this.keysOf(record, documentOf ? documentOf(record) : record.doc)) entries.push(flatten(key + suffix));
    }
    entries.sort();
    const values = new Array<DocRecord>(entries.length);
    let previous = '';
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as string;
      const record = byRid[parseInt(entry.slice(-RID_WIDTH), 16)] as DocRecord;
      // keysOf deduplicates a record's keys, so two entries with one key are two records.
      if (this.unique && i > 0 && entry.length === previous.length && entry.startsWith(previous.slice(0, -RID_WIDTH))) return record;
      values[i] = record;
      previous = entry;
    }
    this.tree = bulkLoad(entries, values, this.tree.maxNodeSize, compareStrings);
    return undefined;
  }

  add(record: DocRecord, keys: string[]): void {
    if (!this.materialized) return;
    const suffix = ridSuffix(record.rid);
    for (const key of keys) this.tree.set(key + suffix, record);
  }

  remove(record: DocRecord, keys: string[]): void {
    if (!this.materialized) return;
    const suffix = ridSuffix(record.rid);
    for (const key of keys) this.tree.delete(key + suffix);
  }

  clear(): void {
    this.tree.clear();
    this.multikey = false;
  }

  /** Every record whose key starts with `prefix`, in key order. */
  *prefixScan(prefix: string): Generator<DocRecord> {
    // Most lookups find zero or one entry: a direct search is cheaper than an iterator.
    const first = this.tree.getPairOrNextHigher(prefix);
    if (!first || !first[0].startsWith(prefix)) return;
    yield first[1];
    const second = this.tree.nextHigherPair(first[0]);
    if (!second || !second[0].startsWith(prefix)) return;
    for (const [key, record] of this.tree.entries(second[0])) {
      if (!key.startsWith(prefix)) return;
      yield record;
    }
  }

  /**
   * Records whose key, after `prefix`, lies between the bounds. Bounds are encoded values of
   * the next field; `lowInclusive` false skips keys equal to `low`, and likewise for `high`.
   */
  *rangeScan(
    prefix: string,
    low: string,
    lowInclusive: boolean,
    high: string,
    highInclusive: boolean,
  ): Generator<DocRecord> {
    for (const [key, record] of this.tree.entries(prefix + low)) {
      if (!key.startsWith(prefix)) return;
      const rest = key.slice(prefix.length);
      if (!lowInclusive && rest.startsWith(low)) continue;
      if (rest >= high && !(highInclusive && rest.startsWith(high))) return;
      yield record;
    }
  }

  /** Records whose key starts with `prefix`, from the highest key down. */
  *prefixScanReversed(prefix: string): Generator<DocRecord> {
    // Every encoded value starts with a type tag (< U+0100), so no key with this prefix reaches prefix + U+FFFF.
    for (const [key, record] of this.tree.entriesReversed(prefix + '\uffff')) {
      if (!key.startsWith(prefix)) return;
      yield record;
    }
  }

  /** All records in key order (ascending or descending); a record can repeat if multikey. */
  *walk(direction: 1 | -1): Generator<DocRecord> {
    const entries = direction === 1 ? this.tree.entries() : this.tree.entriesReversed();
    for (const [, record] of entries) yield record;
  }

  describe(): Document {
    const out: Document = { v: 2, key: this.spec.key, name: this.spec.name };
    if (this.spec.unique && this.spec.name !== '_id_') out.unique = true;
    if (this.spec.sparse) out.sparse = true;
    if (this.spec.partialFilterExpression) out.partialFilterExpression = this.spec.partialFilterExpression;
    return out;
  }
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
