import type { Document } from 'bson';
import type { Journal, Mutation } from '../storage/types';
import { CommandError } from '../errors';
import { Collection } from './collection';
import { StoredRecord } from './stored-record';

// Past this much log since the last snapshot, recovery would replay too much: compact.
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

/**
 * All databases and collections, plus the durability hook: every write command gathers the
 * physical mutations it applied and `commit`s them before it replies.
 */
export class Engine {
  readonly databases = new Map<string, Map<string, Collection>>();
  private compaction: Promise<void> | undefined;

  constructor(private journal?: Journal) {}

  /** Makes later writes durable through `journal`, once recovery has loaded its state (see RecoveryLoader). */
  attachJournal(journal: Journal): void {
    if (this.journal) throw new Error('the engine already has a journal');
    this.journal = journal;
  }

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Returns the collection, creating it (and logging the creation) when it does not exist. */
  ensureCollection(db: string, name: string, log: Mutation[], options: Document = {}): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    validateNamespace(db, name);
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const collection = new Collection(db, name, options);
    collections.set(name, collection);
    log.push({ op: 'createCollection', db, coll: name, options });
    return collection;
  }

  dropCollection(db: string, name: string, log: Mutation[]): boolean {
    const collections = this.databases.get(db);
    if (!collections?.delete(name)) return false;
    if (collections.size === 0) this.databases.delete(db);
    log.push({ op: 'dropCollection', db, coll: name });
    return true;
  }

  dropDatabase(db: string, log: Mutation[]): void {
    if (this.databases.delete(db)) log.push({ op: 'dropDatabase', db });
  }

  /** Makes a command's writes durable; resolves once they are on disk (immediately in memory). */
  async commit(log: Mutation[]): Promise<void> {
    if (!this.journal || log.length === 0) return;
    await this.journal.append(log);
    if (this.journal.logBytes > COMPACT_AFTER_BYTES && !this.compaction) {
      const journal = this.journal;
      this.compaction = journal
        .compact(() => this.dump())
        .catch((error: unknown) => {
          process.emitWarning(`embedded-mongo: log compaction failed: ${(error as Error).message}`);
        })
        .finally(() => {
          this.compaction = undefined;
        });
    }
  }

  async close(): Promise<void> {
    await this.compaction;
    await this.journal?.close();
  }

  /**
   * The whole state as mutations, for a snapshot. Lazy, and tolerant of writes between steps
   * (Map iterators are), as the journal's fuzzy snapshot requires.
   */
  *dump(): Generator<Mutation> {
    for (const [db, collections] of this.databases) {
      for (const [name, collection] of collections) {
        yield { op: 'createCollection', db, coll: name, options: collection.options };
        for (const spec of collection.indexSpecs()) yield { op: 'createIndex', db, coll: name, spec };
        for (const record of collection.records.values()) {
          // A document recovered and not read since is copied as stored, not decoded for this.
          const bytes = record instanceof StoredRecord ? record.storedBytes() : undefined;
          yield bytes ? { op: 'putStored', db, coll: name, bytes } : { op: 'put', db, coll: name, doc: record.doc };
        }
      }
    }
  }
}

function validateNamespace(db: string, name: string): void {
  if (!db || /[/\\. "$\0]/.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (!name || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: '${name}'`);
  }
}
