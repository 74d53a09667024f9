import { ObjectId, type Document } from 'bson';
import { fieldName } from '../storage/raw-bson';
import type { IndexSpec } from '../storage/types';
import { CommandError } from '../errors';
import { defaultIndexName, Index, keyPatternValue, type DocRecord } from './indexes';
import { recordKey } from './keys';
import { StoredRecord, storedRecordKey } from './stored-record';
import { isPlainObject } from './values';

export const ID_INDEX_NAME = '_id_';

/**
 * One collection: its documents by encoded `_id` (insertion order is the natural order) and its
 * indexes. All methods are synchronous, so one write is applied as a whole between two turns of
 * the event loop.
 */
export class Collection {
  /** Keyed by `recordKey(_id)`. */
  readonly records = new Map<string, DocRecord>();
  readonly indexes = new Map<string, Index>();
  private nextRid = 1;

  constructor(
    readonly db: string,
    readonly name: string,
    public options: Document = {},
  ) {
    const idIndex = new Index({ name: ID_INDEX_NAME, key: { _id: 1 }, unique: true });
    idIndex.materialized = false;
    this.indexes.set(ID_INDEX_NAME, idIndex);
  }

  get idIndex(): Index {
    return this.indexes.get(ID_INDEX_NAME) as Index;
  }

  /** Builds the `_id_` index's tree on first need (a range or a sort on `_id`) and keeps it from then on. */
  materializeIdIndex(): Index {
    const index = this.idIndex;
    if (!index.materialized) {
      index.materialized = true;
      index.build(this.records.values(), indexedFieldsOf(index));
    }
    return index;
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.records.size;
  }

  byId(id: unknown): DocRecord | undefined {
    return this.records.get(recordKey(id));
  }

  /**
   * Checks and applies the insertion of one document, which must carry its `_id`.
   * Throws a DuplicateKey error (nothing applied) if a unique index already holds a key.
   */
  insert(doc: Document): DocRecord {
    validateDocument(doc);
    const idKey = recordKey(doc._id);
    const existing = this.records.get(idKey);
    if (existing) throw duplicateKeyError(this, this.idIndex, doc);
    const record: DocRecord = { rid: this.nextRid++, doc };
    const keys = this.checkUnique(record, undefined);
    this.records.set(idKey, record);
    for (const [index, indexKeys] of keys) index.add(record, indexKeys);
    return record;
  }

  /** Replaces a stored document with a new version (same `_id`), checking unique indexes first. */
  replace(record: DocRecord, doc: Document): void {
    validateDocument(doc);
    const next: DocRecord = { rid: record.rid, doc };
    const newKeys = this.checkUnique(next, record);
    for (const [index, keys] of newKeys) {
      if (index === this.idIndex) continue; // `_id` never changes
      const oldKeys = index.keysOf(record);
      const same = oldKeys.length === keys.length && oldKeys.every((k, i) => k === keys[i]);
      if (same) continue;
      index.remove(record, oldKeys);
      index.add(record, keys);
    }
    // Mutate in place: index entries and cursors hold the record object itself.
    record.doc = next.doc;
    record.view = undefined;
  }

  remove(record: DocRecord): void {
    for (const index of this.indexes.values()) index.remove(record, index.keysOf(record));
    this.records.delete(recordKey(record.doc._id));
  }

  clear(): void {
    this.records.clear();
    for (const index of this.indexes.values()) index.clear();
  }

  private checkUnique(record: DocRecord, self: DocRecord | undefined): Map<Index, string[]> {
    const all = new Map<Index, string[]>();
    for (const index of this.indexes.values()) {
      // `_id` uniqueness is the records map's; its keys are only needed if the tree is kept.
      if (index === this.idIndex) {
        if (index.materialized && !self) all.set(index, index.keysOf(record));
        continue;
      }
      const keys = index.keysOf(record);
      if (index.unique) {
        for (const key of keys) {
          if (index.conflict(key, self)) throw duplicateKeyError(this, index, record.doc);
        }
      }
      all.set(index, keys);
    }
    return all;
  }

  /**
   * Builds a new index over the existing documents. Throws (and leaves nothing behind) if a
   * unique index would be violated. Returns false when an identical index already exists.
   */
  createIndex(spec: IndexSpec): boolean {
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
        throw new CommandError(
          'IndexOptionsConflict',
          `Index already exists with a different name: ${other.name}`,
        );
      }
    }
    const index = new Index(spec);
    const violation = index.build(this.records.values(), indexedFieldsOf(index));
    if (violation) throw duplicateKeyError(this, index, violation.doc);
    this.indexes.set(spec.name, index);
    return true;
  }

  /**
   * Recovery: stores a recovered document, replacing the stored version with the same `_id` in
   * its place. Indexes are not maintained meanwhile; `rebuildIndexes` builds them once at the end.
   */
  loadDocument(doc: Document): void {
    const key = recordKey(doc._id);
    const existing = this.records.get(key);
    if (existing) {
      existing.doc = doc;
      existing.view = undefined;
    } else {
      this.records.set(key, { rid: this.nextRid++, doc });
    }
  }

  /**
   * Recovery: `loadDocument` for a document left as stored (the BSON at `bytes[at]`), decoded
   * only when first read; see StoredRecord.
   */
  loadStored(bytes: Uint8Array, at: number): void {
    const key = storedRecordKey(bytes, at);
    const existing = this.records.get(key);
    if (existing instanceof StoredRecord) existing.restore(bytes, at);
    else this.records.set(key, new StoredRecord(existing?.rid ?? this.nextRid++, bytes, at));
  }

  /** Recovery: forgets a deleted document, if it is there (replays are idempotent). */
  unloadDocument(id: unknown): void {
    this.records.delete(recordKey(id));
  }

  /** Recovery: declares an index (a later declaration of the same name wins); built by `rebuildIndexes`. */
  defineIndex(spec: IndexSpec): void {
    if (spec.name !== ID_INDEX_NAME) this.indexes.set(spec.name, new Index(spec));
  }

  /** Recovery: forgets a dropped index, if it is there. */
  forgetIndex(name: string): void {
    if (name !== ID_INDEX_NAME) this.indexes.delete(name);
  }

  /**
   * Recovery: builds every index over the loaded documents, each in one sorted pass rather than
   * document by document. A unique violation means the data directory contradicts itself.
   */
  rebuildIndexes(): void {
    for (const index of this.indexes.values()) {
      index.clear();
      if (!index.materialized) continue;
      const violation = index.build(this.records.values(), indexedFieldsOf(index));
      if (violation) throw duplicateKeyError(this, index, violation.doc);
    }
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX_NAME) throw new CommandError('InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.delete(name)) {
      throw new CommandError('IndexNotFound', `index not found with name [${name}]`);
    }
  }

  indexSpecs(): IndexSpec[] {
    return [...this.indexes.values()].filter((i) => i.name !== ID_INDEX_NAME).map((i) => i.spec);
  }
}

/**
 * For `Index.build`: what of a record's document the index reads. Documents still in their stored
 * form (recovered, not read since) are not decoded to build an index: only the top-level fields
 * its paths start with are read from their bytes.
 */
function indexedFieldsOf(index: Index): (record: DocRecord) => Document {
  const fields = [...new Set(index.fields.map(([path]) => path.split('.')[0] as string))].map(fieldName);
  return (record) => (record instanceof StoredRecord ? record.fields(fields) : record.doc);
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
