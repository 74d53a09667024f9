import type { AnyBulkWriteOperation, Collection, Db, Document } from 'mongodb';
import { COLLECTIONS } from '../../contract/documents';
import type { SearchTermDoc } from '../search/terms';
import type { ActivityDoc, CustomerDoc, CustomerMergeDoc, IdentityRecordDoc, ManualDecisionDoc, MatchModelDoc, ResolveStateDoc, SearchIndexStateDoc } from './documents';

/** The collections of the `identity` database, typed. */
export interface IdentityCollections {
  db: Db;
  records: Collection<IdentityRecordDoc>;
  customers: Collection<CustomerDoc>;
  merges: Collection<CustomerMergeDoc>;
  activity: Collection<ActivityDoc>;
  decisions: Collection<ManualDecisionDoc>;
  runs: Collection<{ _id: string } & Record<string, unknown>>;
  state: Collection<ResolveStateDoc>;
  models: Collection<MatchModelDoc>;
  /** The same `state` collection, for the search index's version document. */
  searchState: Collection<SearchIndexStateDoc>;
  /** The customer search index (docs/SEARCH.md). */
  search: Collection<SearchTermDoc>;
}

export function identityCollections(db: Db): IdentityCollections {
  const names = COLLECTIONS.identity;
  return {
    db,
    records: db.collection(names.records),
    customers: db.collection(names.customers),
    merges: db.collection(names.merges),
    activity: db.collection(names.activity),
    decisions: db.collection(names.decisions),
    runs: db.collection(names.runs),
    state: db.collection(names.state),
    models: db.collection(names.models),
    searchState: db.collection(names.state),
    search: db.collection(names.search),
  };
}

/** The indexes behind resolve's incremental reads and the identity subgraph's lookups. Idempotent. */
export async function ensureIdentityIndexes(db: Db): Promise<void> {
  const identity = identityCollections(db);
  // kind: the report reads every loyalty member's owner, a small share of the records.
  await identity.records.createIndexes([{ key: { identifierKeys: 1 } }, { key: { customerId: 1 } }, { key: { blockingKeys: 1 } }, { key: { kind: 1 } }]);
  await identity.customers.createIndexes([{ key: { identifierKeys: 1 } }, { key: { createdAt: -1, _id: -1 } }]);
  await identity.merges.createIndexes([{ key: { survivor: 1 } }]);
  // (channel, at): the report reads the receipts in its windows.
  await identity.activity.createIndexes([{ key: { customerId: 1, at: -1, _id: -1 } }, { key: { owner: 1 } }, { key: { channel: 1, at: 1 } }]);
  // A lookup reads one term in rank order; a customer's terms are replaced when it changes.
  await identity.search.createIndexes([{ key: { t: 1, r: 1, c: 1 } }, { key: { c: 1 } }]);
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Bulk writes `ops` in batches, two at a time: the next batch is encoded and sent while the
 * database applies the previous one. The ops are independent (distinct documents, unordered), so
 * their order does not matter; all are acknowledged when this returns.
 */
export async function writeInBatches<T extends Document>(
  collection: { bulkWrite(ops: AnyBulkWriteOperation<T>[], options: { ordered: boolean }): Promise<unknown> },
  ops: AnyBulkWriteOperation<T>[],
  size: number,
): Promise<void> {
  let previous: Promise<unknown> = Promise.resolve();
  for (const batch of chunks(ops, size)) {
    const current = collection.bulkWrite(batch, { ordered: false });
    // Awaited on the next turn or at the end; this only keeps a failure from counting as unhandled meanwhile.
    current.catch(() => {});
    await previous;
    previous = current;
  }
  await previous;
}
