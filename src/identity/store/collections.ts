import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../../contract/documents';
import type { ActivityDoc, CustomerDoc, CustomerMergeDoc, IdentityRecordDoc, ManualDecisionDoc, ResolveStateDoc } from './documents';

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
  };
}

/** The indexes behind resolve's incremental reads and the identity subgraph's lookups. Idempotent. */
export async function ensureIdentityIndexes(db: Db): Promise<void> {
  const identity = identityCollections(db);
  await identity.records.createIndexes([{ key: { identifierKeys: 1 } }, { key: { customerId: 1 } }, { key: { blockingKeys: 1 } }]);
  await identity.customers.createIndexes([{ key: { identifierKeys: 1 } }, { key: { createdAt: -1, _id: -1 } }]);
  await identity.merges.createIndexes([{ key: { survivor: 1 } }]);
  await identity.activity.createIndexes([{ key: { customerId: 1, at: -1, _id: -1 } }, { key: { owner: 1 } }]);
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
