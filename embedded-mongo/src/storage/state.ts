import { serialize, type Document } from 'bson';
import type { MutationSink } from './codec';
import { decodeStoredDocument } from './raw-bson';
import type { CollectionState, IndexSpec, Mutation, RecoveredState } from './types';

interface CollectionBuilder {
  options: Document;
  indexes: Map<string, IndexSpec>;
  docs: Map<string, Document>;
}

/**
 * Replays mutations into the state the engine loads. Every mutation is idempotent and the last
 * one for a key wins, which is what lets a snapshot taken while writes continue ("fuzzy") be
 * followed by the whole log written since it began.
 */
export class StateBuilder implements MutationSink {
  private readonly dbs = new Map<string, Map<string, CollectionBuilder>>();
  /** The collection of the previous put: puts come in long runs to one collection. */
  private lastPut: { db: string; coll: string; collection: CollectionBuilder } | undefined;

  put(db: string, coll: string, doc: Document): void {
    let last = this.lastPut;
    if (!last || last.db !== db || last.coll !== coll) last = this.lastPut = { db, coll, collection: this.collection(db, coll) };
    last.collection.docs.set(idKey(doc._id), doc);
  }

  apply(mutation: Mutation): void {
    this.lastPut = undefined; // it may drop or recreate that collection
    switch (mutation.op) {
      case 'put':
        this.put(mutation.db, mutation.coll, mutation.doc);
        return;
      case 'putStored':
        this.put(mutation.db, mutation.coll, decodeStoredDocument(mutation.bytes, 0));
        return;
      case 'delete':
        this.dbs.get(mutation.db)?.get(mutation.coll)?.docs.delete(idKey(mutation.id));
        return;
      case 'createCollection': {
        const collection = this.collection(mutation.db, mutation.coll);
        if (mutation.options) collection.options = mutation.options;
        return;
      }
      case 'dropCollection': {
        const db = this.dbs.get(mutation.db);
        db?.delete(mutation.coll);
        if (db?.size === 0) this.dbs.delete(mutation.db);
        return;
      }
      case 'dropDatabase':
        this.dbs.delete(mutation.db);
        return;
      case 'createIndex':
        this.collection(mutation.db, mutation.coll).indexes.set(mutation.spec.name, mutation.spec);
        return;
      case 'dropIndex':
        this.dbs.get(mutation.db)?.get(mutation.coll)?.indexes.delete(mutation.name);
        return;
      default:
        throw new Error(`unknown mutation ${JSON.stringify((mutation as { op: unknown }).op)}`);
    }
  }

  /** Hands the state over; the builder must not be used afterwards. */
  build(): RecoveredState {
    const state: RecoveredState = new Map();
    for (const [dbName, collections] of this.dbs) {
      const db = new Map<string, CollectionState>();
      for (const [name, collection] of collections) {
        db.set(name, {
          options: collection.options,
          indexes: [...collection.indexes.values()],
          docs: [...collection.docs.values()],
        });
      }
      state.set(dbName, db);
    }
    this.dbs.clear();
    return state;
  }

  private collection(dbName: string, name: string): CollectionBuilder {
    let db = this.dbs.get(dbName);
    if (!db) this.dbs.set(dbName, (db = new Map()));
    let collection = db.get(name);
    if (!collection) db.set(name, (collection = { options: {}, indexes: new Map(), docs: new Map() }));
    return collection;
  }
}

/**
 * A Map key for an `_id`. MongoDB treats numerically equal ids of different numeric types as
 * the same id, so numbers, Int32, Double and safe Longs share a key; strings and ObjectIds (the
 * common cases) get cheap keys; any other value is keyed by its BSON encoding.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return `s${id}`;
  if (typeof id === 'number') return `n${id === 0 ? 0 : id}`;
  if (typeof id === 'bigint') return Number.isSafeInteger(Number(id)) ? `n${Number(id)}` : `l${id}`;
  if (id !== null && typeof id === 'object' && '_bsontype' in id) {
    const value = id as { _bsontype: string; toHexString?: () => string; valueOf(): unknown; toString(): string };
    switch (value._bsontype) {
      case 'ObjectId':
        return objectIdKey(value as unknown as ObjectIdFields);
      case 'Int32':
      case 'Double':
        return idKey(Number(value.valueOf()));
      case 'Long': {
        const asNumber = Number(value.toString());
        return Number.isSafeInteger(asNumber) ? `n${asNumber}` : `l${value.toString()}`;
      }
    }
  }
  return `b${Buffer.from(serialize({ id })).toString('base64')}`;
}

interface ObjectIdFields {
  i0?: unknown;
  i1?: unknown;
  i2?: unknown;
  i3?: unknown;
  toHexString(): string;
}

/**
 * bson 7 keeps an ObjectId as four 24-bit integers; eight 12-bit character codes make a short
 * flat string of them, several times cheaper to build and hash than the hex string (measurable
 * when recovering a million documents). Other ObjectId shapes fall back to the hex string.
 */
function objectIdKey(id: ObjectIdFields): string {
  const { i0, i1, i2, i3 } = id;
  if (typeof i0 !== 'number' || typeof i1 !== 'number' || typeof i2 !== 'number' || typeof i3 !== 'number') return `o${id.toHexString()}`;
  return String.fromCharCode(0x6f, i0 >>> 12, i0 & 0xfff, i1 >>> 12, i1 & 0xfff, i2 >>> 12, i2 & 0xfff, i3 >>> 12, i3 & 0xfff);
}
