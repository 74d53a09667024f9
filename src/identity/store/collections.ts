import type { Collection, Db, MongoClient } from 'mongodb';
import { COLLECTIONS, DATABASES } from '../../contract/documents';
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

export function identityCollections(client: MongoClient): IdentityCollections {
  const db = client.db(DATABASES.identity);
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
export async function ensureIdentityIndexes(client: MongoClient): Promise<void> {
  const identity = identityCollections(client);
  await identity.records.createIndexes([{ key: { identifierKeys: 1 } }, { key: { customerId: 1 } }, { key: { blockingKeys: 1 } }]);
  await identity.customers.createIndexes([{ key: { identifierKeys: 1 } }, { key: { createdAt: -1, _id: -1 } }]);
  await identity.merges.createIndexes([{ key: { survivor: 1 } }]);
  await identity.activity.createIndexes([{ key: { customerId: 1, at: -1, _id: -1 } }]);
}

/** `ensureIdentityIndexes` plus those resolve needs on the channel databases to find what an import wrote. */
export async function ensureResolveIndexes(client: MongoClient): Promise<void> {
  await ensureIdentityIndexes(client);

  const importedAt = { 'imported.importedAt': 1 } as const;
  await client.db(DATABASES.crm).collection(COLLECTIONS.crm.contacts).createIndexes([{ key: importedAt }]);
  await client
    .db(DATABASES.crm)
    .collection(COLLECTIONS.crm.cases)
    .createIndexes([{ key: importedAt }, { key: { contactId: 1, openedAt: -1, _id: -1 } }]);
  await client.db(DATABASES.pos).collection(COLLECTIONS.pos.members).createIndexes([{ key: importedAt }]);
  await client
    .db(DATABASES.pos)
    .collection(COLLECTIONS.pos.transactions)
    .createIndexes([{ key: { 'lines.imported.importedAt': 1 } }]);
  await client
    .db(DATABASES.web)
    .collection(COLLECTIONS.web.events)
    .createIndexes([{ key: importedAt }]);
  await client
    .db(DATABASES.web)
    .collection(COLLECTIONS.web.sessions)
    .createIndexes([{ key: { visitorId: 1, startedAt: -1, _id: -1 } }]);
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
