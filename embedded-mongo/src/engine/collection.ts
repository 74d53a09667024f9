import { ObjectId, serialize, type Document } from 'bson';
import type { Environment, Store } from '../storage/environment';
import { fieldName, readTopLevelField, UNREAD, type FieldName } from '../storage/raw-bson';
import type { IndexSpec } from '../storage/types';
import { CommandError } from '../errors';
import { storeNames, type Catalog, type CollectionEntry } from './catalog';
import { decodeStored, RID_BYTES, StoredDocument, readRid, storedValue, storedValueView, writeRid } from './documents';
import { defaultIndexName, Index, keyPatternValue, MAX_KEY_BYTES, rangeOptions, type KeyRange } from './indexes';
import { encodeKey } from './keys';
import { isPlainObject } from './values';

export const ID_INDEX_NAME = '_id_';

const EMPTY = Buffer.alloc(0);
const ID_FIELD = fieldName('_id');
const APPEND = { append: true };

/** A document to index: all of it, or only named top-level fields (read without decoding the rest). */
interface DocumentSource {
  readonly doc: Document;
  fields(names: readonly FieldName[]): Document;
}

/**
 * One collection, in LMDB databases of its own (FORMAT.md):
 *
 * - documents: `_id` key → record id + BSON, so a document is one lookup by `_id`, and a walk in
 *   key order is a walk in `_id` order (the `_id_` index);
 * - natural: record id + `_id` key → nothing: insertion order, MongoDB's natural order (an update
 *   keeps a document's place, a re-insert goes last);
 * - one database per secondary index (indexes.ts).
 *
 * Nothing of the documents is held in memory. Writes must happen inside `Engine.write` (one LMDB
 * transaction); each method checks everything it can before writing anything.
 */
export class Collection {
  readonly indexes = new Map<string, Index>();
  private readonly documents: Store;
  private readonly natural: Store;
  private nextRid: number;
  /** Set once a drop of the collection committed: reads still running stop. */
  dropped = false;

  constructor(
    private readonly env: Environment,
    private readonly catalog: Catalog,
    private entry: CollectionEntry,
  ) {
    this.documents = env.store(storeNames.documents(entry.id));
    this.natural = env.store(storeNames.natural(entry.id));
    const [last] = this.natural.getKeys({ reverse: true, limit: 1 });
    this.nextRid = last === undefined ? 1 : readRid(last) + 1;
    this.reset(entry);
  }

  /** The collection's id in the catalog, which names its databases. */
  get id(): number {
    return this.entry.id;
  }

  /**
   * Takes the catalog's entry as it now is (after a write transaction aborted, changes made to
   * the entry in memory are undone this way), keeping the Index objects of the indexes still there:
   * reads under way hold them.
   */
  reset(entry: CollectionEntry): void {
    const previous = new Map([...this.indexes.values()].map((index) => [index.id, index]));
    this.entry = entry;
    this.indexes.clear();
    this.indexedFields = undefined;
    this.indexes.set(ID_INDEX_NAME, previous.get(undefined) ?? new Index({ name: ID_INDEX_NAME, key: { _id: 1 }, unique: true }, undefined, undefined, false));
    for (const { id, spec, multikey } of entry.indexes) {
      const index = previous.get(id) ?? new Index(spec, id, this.env.store(storeNames.index(id)), multikey);
      index.multikey = multikey;
      this.indexes.set(spec.name, index);
    }
  }

  get db(): string {
    return this.entry.db;
  }

  get name(): string {
    return this.entry.name;
  }

  get options(): Document {
    return this.entry.options;
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): Index {
    return this.indexes.get(ID_INDEX_NAME) as Index;
  }

  /** The LMDB database names the collection uses. */
  get storeNames(): string[] {
    return [
      storeNames.documents(this.entry.id),
      storeNames.natural(this.entry.id),
      ...this.entry.indexes.map(({ id }) => storeNames.index(id)),
    ];
  }

  get size(): number {
    return this.env.entryCount(storeNames.documents(this.entry.id));
  }

  /** Bytes of LMDB pages the collection and its indexes take. */
  get storageBytes(): number {
    return this.storeNames.reduce((sum, name) => sum + this.env.storeBytes(name), 0);
  }

  byId(id: unknown): StoredDocument | undefined {
    return this.byKey(encodeKey(id));
  }

  byKey(key: Buffer): StoredDocument | undefined {
    const value = this.documents.getBinary(key);
    return value === undefined ? undefined : StoredDocument.fromValue(key, value);
  }

  /** The stored value of a document (record id, then BSON), a view valid until the next read. */
  valueOf(key: Buffer): Buffer | undefined {
    return this.documents.getBinaryFast(key);
  }

  /**
   * Visits up to `max` documents in insertion order, after the natural-order position `after`,
   * each as its `_id` key and stored value (a view valid during the visit). Returns the position
   * reached and how many were read, or undefined when none remain.
   */
  naturalOrder(after: Buffer | undefined, max: number, visit: (key: Buffer, value: Buffer) => void): { key: Buffer; read: number } | undefined {
    let last: Buffer | undefined;
    let read = 0;
    for (const key of this.natural.getKeys(rangeOptions({}, false, after, max))) {
      last = key;
      read++;
      const idKey = key.subarray(RID_BYTES);
      const value = this.documents.getBinaryFast(idKey);
      if (value) visit(idKey, value);
    }
    return last === undefined ? undefined : { key: last, read };
  }

  /**
   * Visits up to `max` documents of an `_id` key range, in `_id` order (or reversed), after the
   * key `after`. Returns the last key and how many were read, or undefined when none remain.
   */
  documentsInRange(
    range: KeyRange,
    reverse: boolean,
    after: Buffer | undefined,
    max: number,
    visit: (key: Buffer, value: Buffer) => void,
  ): { key: Buffer; read: number } | undefined {
    let last: Buffer | undefined;
    let read = 0;
    for (const { key, value } of this.documents.getRange(rangeOptions(range, reverse, after, max))) {
      last = key;
      read++;
      visit(key, value);
    }
    return last === undefined ? undefined : { key: last, read };
  }

  /** Every document, decoded, in insertion order: what mingo's `$lookup` reads of a collection. */
  allDocuments(): Document[] {
    const docs: Document[] = [];
    let after: Buffer | undefined;
    for (;;) {
      const last = this.naturalOrder(after, 4096, (key, value) => docs.push(StoredDocument.copy(key, value).doc));
      if (last === undefined) return docs;
      after = last.key;
    }
  }

  /**
   * Inserts one document, which must carry its `_id`; `bson` is its serialization when the caller
   * has it (the bytes a client sent), `_id` first. Throws a DuplicateKey error (nothing written)
   * if a unique index already holds one of its keys.
   */
  insert(doc: Document, bson?: Uint8Array): void {
    validateDocument(doc);
    this.insertWith(doc._id, { doc, fields: () => doc }, bson ?? serialize(doc));
  }

  /**
   * Inserts a document as the BSON a client sent (checked well formed, `_id` first, `id` read
   * from it): index keys are read from the bytes, and the document is decoded only if an index
   * needs all of it or an error has to show it.
   */
  insertSent(id: unknown, bson: Uint8Array): void {
    this.insertWith(id, new StoredDocument(EMPTY, 0, bson), bson);
  }

  private insertWith(id: unknown, source: DocumentSource, bson: Uint8Array): void {
    this.assertWritable();
    const key = encodeKey(id);
    if (key.length + RID_BYTES > MAX_KEY_BYTES) throw idTooLong(key.length);
    if (this.documents.doesExist(key)) throw duplicateKeyError(this, this.idIndex, source.doc);
    const keys = this.checkUnique(source, key, undefined);
    const rid = this.nextRid++;
    this.documents.put(key, storedValueView(rid, bson));
    // Record ids only grow: LMDB appends without searching.
    this.natural.putSync(naturalKey(rid, key), EMPTY, APPEND);
    for (const [index, indexKeys] of keys) index.add(key, indexKeys);
    this.saveMultikeyChanges(keys.keys());
  }

  /**
   * Migration: stores a document as the old format stored it (its BSON, `_id` first), replacing
   * the version with the same `_id` in its place, as the old format's replay did. Secondary
   * indexes are not maintained: migration creates them once every document is in.
   */
  restore(bson: Uint8Array): void {
    this.assertWritable();
    const id = readTopLevelField(bson, 0, ID_FIELD.bytes);
    const key = encodeKey(id === UNREAD ? decodeStored(bson)._id : id);
    const existing = this.documents.getBinary(key);
    let rid: number;
    if (existing !== undefined) {
      rid = readRid(existing);
    } else {
      rid = this.nextRid++;
      this.natural.put(naturalKey(rid, key), EMPTY);
    }
    this.documents.put(key, storedValue(rid, bson));
  }

  /** Migration: the options the collection was created with. */
  setOptions(options: Document): void {
    this.assertWritable();
    this.entry.options = options;
    this.catalog.save(this.entry);
  }

  /** Replaces a stored document with a new version (same `_id`), checking unique indexes first. */
  replace(record: StoredDocument, doc: Document): void {
    this.assertWritable();
    validateDocument(doc);
    const newKeys = this.checkUnique({ doc, fields: () => doc }, record.key, record.key);
    const before = record.doc;
    for (const [index, keys] of newKeys) {
      const oldKeys = index.keysOf(before);
      if (oldKeys.length === 1 && keys.length === 1) {
        // The usual case, one key before and after: nothing to write if it did not change.
        if (!(oldKeys[0] as Buffer).equals(keys[0] as Buffer)) {
          index.remove(record.key, oldKeys);
          index.add(record.key, keys);
        }
        continue;
      }
      const old = new Map(oldKeys.map((key) => [key.toString('latin1'), key]));
      const added = keys.filter((key) => !old.delete(key.toString('latin1')));
      index.remove(record.key, [...old.values()]);
      index.add(record.key, added);
    }
    this.documents.put(record.key, storedValueView(record.rid, serialize(doc)));
    this.saveMultikeyChanges(newKeys.keys());
  }

  remove(record: StoredDocument): void {
    this.assertWritable();
    for (const index of this.secondaryIndexes()) {
      index.remove(record.key, index.keysOf(index.readsWholeDocuments ? record.doc : record.fields(index.topLevelFieldNames)));
    }
    this.documents.remove(record.key);
    this.natural.remove(naturalKey(record.rid, record.key));
  }

  /** The keys `doc` gives each secondary index, after checking they fit and break no unique index. */
  private checkUnique(source: DocumentSource, idKey: Buffer, self: Buffer | undefined): Map<Index, Buffer[]> {
    const all = new Map<Index, Buffer[]>();
    // The fields every secondary index reads, read from the bytes in one walk.
    let fields: Document | undefined;
    for (const index of this.indexes.values()) {
      if (index.id === undefined) continue;
      const keys = index.keysOf(index.readsWholeDocuments ? source.doc : (fields ??= source.fields(this.indexedFieldNames)));
      index.checkSizes(idKey, keys);
      if (index.unique) {
        for (const key of keys) {
          if (index.conflict(key, self)) throw duplicateKeyError(this, index, source.doc);
        }
      }
      all.set(index, keys);
    }
    return all;
  }

  /** The top-level fields the secondary indexes read (cached until the indexes change). */
  private get indexedFieldNames(): readonly FieldName[] {
    if (this.indexedFields === undefined) {
      const names = new Set<string>();
      for (const index of this.secondaryIndexes()) for (const name of index.topLevelFields) names.add(name);
      this.indexedFields = [...names].map(fieldName);
    }
    return this.indexedFields;
  }

  private indexedFields: FieldName[] | undefined;

  private *secondaryIndexes(): Generator<Index> {
    for (const index of this.indexes.values()) if (index.id !== undefined) yield index;
  }

  /** An index that became multikey stays so: the catalog records it in the same transaction. */
  private saveMultikeyChanges(indexes: Iterable<Index>): void {
    let changed = false;
    for (const index of indexes) {
      const entry = this.entry.indexes.find((e) => e.id === index.id);
      if (entry && entry.multikey !== index.multikey) {
        entry.multikey = index.multikey;
        changed = true;
      }
    }
    if (changed) this.catalog.save(this.entry);
  }

  /**
   * Builds a new index over the existing documents. Throws if a unique index would be violated
   * (the write transaction then leaves nothing behind). Returns false when an identical index
   * already exists.
   */
  createIndex(spec: IndexSpec): boolean {
    this.assertWritable();
    const existing = this.indexes.get(spec.name);
    if (existing) {
      if (sameSpec(existing.spec, spec)) return false;
      throw new CommandError(
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index but different options or key. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing.spec)}`,
      );
    }
    for (const other of this.indexes.values()) {
      if (JSON.stringify(other.spec.key) === JSON.stringify(spec.key)) {
        if (sameSpec({ ...other.spec, name: spec.name }, spec)) return false;
        throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${other.name}`);
      }
    }
    const id = this.catalog.nextId();
    const index = new Index(spec, id, this.env.store(storeNames.index(id)), false);
    // Documents are not decoded to build an index: only the fields its paths start with are read.
    const fields = index.topLevelFields.map(fieldName);
    let after: Buffer | undefined;
    for (;;) {
      // The index's own writes may move LMDB's read buffer: each document is copied first.
      const batch: StoredDocument[] = [];
      const last = this.documentsInRange({}, false, after, 4096, (key, value) => batch.push(StoredDocument.copy(key, value)));
      if (last === undefined) break;
      for (const record of batch) {
        const keys = index.keysOf(index.readsWholeDocuments ? record.doc : record.fields(fields));
        index.checkSizes(record.key, keys);
        if (index.unique) {
          for (const key of keys) if (index.conflict(key, record.key)) throw duplicateKeyError(this, index, record.doc);
        }
        index.add(record.key, keys);
      }
      after = last.key;
    }
    this.indexes.set(spec.name, index);
    this.indexedFields = undefined;
    this.entry.indexes.push({ id, spec, multikey: index.multikey });
    this.catalog.save(this.entry);
    return true;
  }

  dropIndex(name: string): void {
    this.assertWritable();
    if (name === ID_INDEX_NAME) throw new CommandError('InvalidOptions', 'cannot drop _id index');
    const index = this.indexes.get(name);
    if (!index || index.id === undefined) throw new CommandError('IndexNotFound', `index not found with name [${name}]`);
    this.indexes.delete(name);
    this.indexedFields = undefined;
    this.entry.indexes = this.entry.indexes.filter((e) => e.id !== index.id);
    this.catalog.save(this.entry);
    const store = storeNames.index(index.id);
    this.env.afterCommit(() => {
      index.dropped = true;
      this.env.dropNow(store);
    });
  }

  indexSpecs(): IndexSpec[] {
    return this.entry.indexes.map((e) => e.spec);
  }

  /** Throws once the collection is dropped, for reads that were under way. */
  assertLive(): void {
    if (this.dropped) throw new CommandError('QueryPlanKilled', `collection dropped: ${this.namespace}`);
  }

  indexDropped(name: string): CommandError {
    return new CommandError('QueryPlanKilled', `index ${name} of ${this.namespace} dropped`);
  }

  private assertWritable(): void {
    if (!this.env.inWrite) throw new Error(`a write to ${this.namespace} outside a write transaction`);
  }
}

const naturalScratch = Buffer.allocUnsafeSlow(MAX_KEY_BYTES + RID_BYTES);

/** A natural-order key, in a buffer reused by every call: LMDB copies a key at once. */
function naturalKey(rid: number, idKey: Buffer): Buffer {
  writeRid(naturalScratch, rid);
  idKey.copy(naturalScratch, RID_BYTES);
  return naturalScratch.subarray(0, RID_BYTES + idKey.length);
}

function idTooLong(bytes: number): CommandError {
  return new CommandError('KeyTooLong', `an _id of ${bytes} bytes (encoded) is longer than the embedded server's limit of ${MAX_KEY_BYTES - RID_BYTES} bytes`);
}

function sameSpec(a: IndexSpec, b: IndexSpec): boolean {
  return (
    a.name === b.name &&
    JSON.stringify(a.key) === JSON.stringify(b.key) &&
    !!a.unique === !!b.unique &&
    !!a.sparse === !!b.sparse &&
    JSON.stringify(a.partialFilterExpression ?? null) === JSON.stringify(b.partialFilterExpression ?? null)
  );
}

export function duplicateKeyError(collection: Collection, index: Index, doc: Document): CommandError {
  const { keyPattern, keyValue } = keyPatternValue(index, doc);
  const shown = Object.entries(keyValue)
    .map(([k, v]) => `${k}: ${formatValue(v)}`)
    .join(', ');
  return new CommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${collection.namespace} index: ${index.name} dup key: { ${shown} }`,
    { keyPattern, keyValue },
  );
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (isPlainObject(value) || Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

function validateDocument(doc: Document): void {
  const id = doc._id;
  if (id === undefined) throw new CommandError('InternalError', 'document without _id reached the store');
  if (Array.isArray(id)) {
    throw new CommandError('InvalidIdField', `The '_id' value cannot be of type array`);
  }
  if (id instanceof RegExp) {
    throw new CommandError('InvalidIdField', `The '_id' value cannot be of type regex`);
  }
}

export function indexSpecFromCommand(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key)) {
    throw new CommandError('BadValue', 'createIndexes: each index needs a key document');
  }
  const key: Record<string, 1 | -1> = {};
  for (const [field, dir] of Object.entries(raw.key)) {
    if (field.includes('$**')) {
      throw new CommandError('CommandNotSupported', `wildcard index on ${field} is not supported by the embedded server`);
    }
    const n = Number(typeof dir === 'object' && dir !== null ? (dir as { valueOf(): unknown }).valueOf() : dir);
    if (n !== 1 && n !== -1) {
      throw new CommandError(
        'CommandNotSupported',
        `index type ${JSON.stringify(dir)} on field ${field} is not supported (only ascending 1 and descending -1 keys)`,
      );
    }
    key[field] = n;
  }
  if (Object.keys(key).length === 0) throw new CommandError('BadValue', 'index key pattern must not be empty');
  const spec: IndexSpec = { name: typeof raw.name === 'string' ? raw.name : defaultIndexName(key), key };
  if (raw.unique) spec.unique = true;
  if (raw.sparse) spec.sparse = true;
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) throw new CommandError('BadValue', 'partialFilterExpression must be a document');
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  for (const option of ['collation', 'expireAfterSeconds', 'weights', 'textIndexVersion', '2dsphereIndexVersion', 'wildcardProjection']) {
    if (raw[option] !== undefined) {
      throw new CommandError('CommandNotSupported', `index option '${option}' is not supported by the embedded server`);
    }
  }
  return spec;
}
