import { deserialize, serialize, type Document } from 'bson';
import type { Environment, Store } from '../storage/environment';
import type { IndexSpec } from '../storage/types';

/** One secondary index as the catalog records it. `id` names its LMDB database. */
export interface IndexEntry {
  id: number;
  spec: IndexSpec;
  /** Set once a document gave the index several keys (an array on an indexed path); never cleared. */
  multikey: boolean;
}

/** One collection as the catalog records it. `id` names its LMDB databases. */
export interface CollectionEntry {
  db: string;
  name: string;
  id: number;
  options: Document;
  indexes: IndexEntry[];
}

/** The names of a collection's or an index's LMDB databases (FORMAT.md). */
export const storeNames = {
  catalog: 'catalog',
  documents: (collectionId: number) => `documents.${collectionId}`,
  natural: (collectionId: number) => `natural.${collectionId}`,
  index: (indexId: number) => `index.${indexId}`,
};

// Keys of the catalog database that are not collections; a namespace never starts with NUL.
const NEXT_ID_KEY = Buffer.from('\u0000nextId');
const FORMAT_KEY = Buffer.from('\u0000format');
const FORMAT_VERSION = 1;

const DECODE = { promoteLongs: false } as const;

/**
 * The catalog database: every collection (key `db.name`, db names never hold a dot) with its
 * options and indexes, and the counter that names new LMDB databases. Ids are never reused, so
 * a dropped collection's databases, deleted after the drop commits, never meet a new namesake.
 */
export class Catalog {
  private readonly store: Store;

  constructor(private readonly env: Environment) {
    this.store = env.store(storeNames.catalog);
  }

  /** Every collection recorded; checks the format first (and writes it into a new file). */
  load(): CollectionEntry[] {
    const format = this.store.getBinary(FORMAT_KEY);
    if (format === undefined) {
      this.env.write(() => this.store.put(FORMAT_KEY, Buffer.from(serialize({ version: FORMAT_VERSION }))));
    } else {
      const { version } = deserialize(format);
      if (version !== FORMAT_VERSION) throw new Error(`the data file has catalog format ${version}; this server reads format ${FORMAT_VERSION}`);
    }
    const entries: CollectionEntry[] = [];
    for (const { key, value } of this.store.getRange({})) {
      if (key[0] === 0) continue;
      entries.push(deserialize(value, DECODE) as CollectionEntry);
    }
    return entries;
  }

  save(entry: CollectionEntry): void {
    this.store.put(Buffer.from(`${entry.db}.${entry.name}`), Buffer.from(serialize(entry)));
  }

  remove(db: string, name: string): void {
    this.store.remove(Buffer.from(`${db}.${name}`));
  }

  /** A new id for a collection's or an index's databases (inside a write transaction). */
  nextId(): number {
    const current = this.store.getBinary(NEXT_ID_KEY);
    const id = current === undefined ? 1 : (deserialize(current).next as number);
    this.store.put(NEXT_ID_KEY, Buffer.from(serialize({ next: id + 1 })));
    return id;
  }
}
