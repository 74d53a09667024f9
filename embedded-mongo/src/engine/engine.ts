import type { Document } from 'bson';
import type { Environment } from '../storage/environment';
import { CommandError } from '../errors';
import { Catalog, storeNames, type CollectionEntry } from './catalog';
import { Collection } from './collection';

export interface EngineOptions {
  /** Memory a blocking stage (a sort without an index, `$group`) may hold; see aggregation.ts. */
  queryMemoryLimitBytes?: number | undefined;
}

/** MongoDB's limit for a blocking sort or `$group` that may not spill to disk. */
export const DEFAULT_QUERY_MEMORY_LIMIT_BYTES = 100 * 1024 * 1024;

/**
 * All databases and collections of one LMDB environment. The catalog (collections, their
 * options and indexes) is read at open and kept in memory; documents never are. Every write
 * command runs in one `write`: one LMDB transaction, acknowledged once durable.
 */
export class Engine {
  readonly databases = new Map<string, Map<string, Collection>>();
  readonly queryMemoryLimitBytes: number;
  private readonly catalog: Catalog;
  private closing: Promise<void> | undefined;

  constructor(
    readonly env: Environment,
    /** Called once the environment is closed (releases the data directory's lock). */
    private readonly release: () => Promise<void>,
    options: EngineOptions = {},
  ) {
    this.catalog = new Catalog(env);
    this.queryMemoryLimitBytes = options.queryMemoryLimitBytes ?? DEFAULT_QUERY_MEMORY_LIMIT_BYTES;
    this.loadCatalog();
    this.dropLeftovers();
  }

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Returns the collection, creating it (inside `write`) when it does not exist. */
  ensureCollection(db: string, name: string, options: Document = {}): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    validateNamespace(db, name);
    const entry: CollectionEntry = { db, name, id: this.catalog.nextId(), options, indexes: [] };
    this.catalog.save(entry);
    return this.cache(entry);
  }

  dropCollection(db: string, name: string): boolean {
    const collection = this.collection(db, name);
    if (!collection) return false;
    this.catalog.remove(db, name);
    const collections = this.databases.get(db) as Map<string, Collection>;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    const stores = collection.storeNames;
    this.env.afterCommit(() => {
      collection.dropped = true;
      for (const index of collection.indexes.values()) index.dropped = true;
      for (const store of stores) this.env.dropNow(store);
    });
    return true;
  }

  dropDatabase(db: string): void {
    for (const name of [...(this.databases.get(db)?.keys() ?? [])]) this.dropCollection(db, name);
  }

  /**
   * Runs a write command's body in one LMDB transaction and resolves once it is durable. If the
   * body throws, nothing it wrote remains, and the catalog is read again (it may have changed
   * the in-memory copy before failing).
   */
  async write<T>(body: () => T): Promise<T> {
    let result: T;
    try {
      result = this.env.write(body);
    } catch (error) {
      this.loadCatalog();
      throw error;
    }
    await this.env.durable();
    return result;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.env.close();
      } finally {
        await this.release();
      }
    })();
    return this.closing;
  }

  /**
   * Reads the catalog into memory; again after an aborted write transaction, to undo what it
   * changed there. A collection still in the catalog keeps its Collection object (reset to its
   * entry): reads under way hold it, and must see it marked when it is dropped later.
   */
  private loadCatalog(): void {
    const previous = new Map<number, Collection>();
    for (const collections of this.databases.values()) for (const collection of collections.values()) previous.set(collection.id, collection);
    this.databases.clear();
    for (const entry of this.catalog.load()) {
      const collection = previous.get(entry.id);
      collection?.reset(entry);
      this.cache(entry, collection);
    }
  }

  private cache(entry: CollectionEntry, collection = new Collection(this.env, this.catalog, entry)): Collection {
    let collections = this.databases.get(entry.db);
    if (!collections) {
      collections = new Map();
      this.databases.set(entry.db, collections);
    }
    collections.set(entry.name, collection);
    return collection;
  }

  /**
   * Deletes LMDB databases no catalog entry names: what a crash left between a drop's commit and
   * the deletion of the dropped databases, which follows it.
   */
  private dropLeftovers(): void {
    const used = new Set([storeNames.catalog]);
    for (const collections of this.databases.values()) {
      for (const collection of collections.values()) for (const name of collection.storeNames) used.add(name);
    }
    for (const name of this.env.storeNames()) if (!used.has(name)) this.env.dropNow(name);
  }
}

function validateNamespace(db: string, name: string): void {
  if (!db || /[/\\. "$\0]/.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (!name || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: '${name}'`);
  }
}
