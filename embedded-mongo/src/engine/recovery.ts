import type { Document } from 'bson';
import type { MutationSink, OtherMutation } from '../storage/codec';
import type { Collection } from './collection';
import type { Engine } from './engine';

/**
 * Replays recovered mutations straight into an engine's collections, the way StateBuilder replays
 * them into a RecoveredState: idempotent, the last write of an `_id` wins, a re-put keeps its
 * place. Going straight to the engine means each document is keyed and wrapped once; with a
 * million documents the intermediate copy cost more in allocation and garbage collection than
 * the decoding itself. Documents are kept as stored and decoded on first read (StoredRecord).
 * Indexes are built once, in bulk, by `finish`.
 */
export class RecoveryLoader implements MutationSink {
  /** The collection of the previous put: puts come in long runs to one collection. */
  private lastPut: { db: string; coll: string; collection: Collection } | undefined;

  constructor(private readonly engine: Engine) {}

  put(db: string, coll: string, doc: Document): void {
    let last = this.lastPut;
    if (!last || last.db !== db || last.coll !== coll) last = this.lastPut = { db, coll, collection: this.ensure(db, coll) };
    last.collection.loadDocument(doc);
  }

  putStored(db: string, coll: string, bytes: Buffer, at: number): void {
    let last = this.lastPut;
    if (!last || last.db !== db || last.coll !== coll) last = this.lastPut = { db, coll, collection: this.ensure(db, coll) };
    last.collection.loadStored(bytes, at);
  }

  apply(mutation: OtherMutation): void {
    this.lastPut = undefined; // it may drop or recreate that collection
    const { engine } = this;
    switch (mutation.op) {
      case 'delete':
        engine.collection(mutation.db, mutation.coll)?.unloadDocument(mutation.id);
        return;
      case 'createCollection': {
        const collection = this.ensure(mutation.db, mutation.coll);
        if (mutation.options) collection.options = mutation.options;
        return;
      }
      case 'dropCollection':
        engine.dropCollection(mutation.db, mutation.coll, []);
        return;
      case 'dropDatabase':
        engine.dropDatabase(mutation.db, []);
        return;
      case 'createIndex':
        this.ensure(mutation.db, mutation.coll).defineIndex(mutation.spec);
        return;
      case 'dropIndex':
        engine.collection(mutation.db, mutation.coll)?.forgetIndex(mutation.name);
        return;
      default:
        throw new Error(`unknown mutation ${JSON.stringify((mutation as { op: unknown }).op)}`);
    }
  }

  /** Builds every collection's indexes; call once every mutation has been replayed. */
  finish(): void {
    for (const collections of this.engine.databases.values()) {
      for (const collection of collections.values()) collection.rebuildIndexes();
    }
  }

  private ensure(db: string, coll: string): Collection {
    // Recovered collections are already in the log: the creation is not logged again.
    return this.engine.ensureCollection(db, coll, []);
  }
}
