import DataLoader from 'dataloader';
import type { Db, Document } from 'mongodb';
import { COLLECTIONS } from '../../../src/contract/documents';
import type { ActivityDoc, CustomerDoc, IdentityRecordDoc } from '../../../src/identity/store/documents';
import { ensureIdentityIndexes, identityCollections } from '../../../src/identity/store';
import {
  createByKeyLoader,
  createChildPageLoader,
  createChildrenLoader,
  type ChildPage,
  type ChildPageKey,
} from '../../common/src/loaders';

/** A POS member or receipt record and the customer it resolved to (`Customer.posMembers`, `posTransactions`). */
export type PosRecordRef = Pick<IdentityRecordDoc, '_id' | 'customerId' | 'kind' | 'sourceId'>;

export interface IdentityLoaders {
  /** A customer by id, following merges: an id that merged away loads its survivor. */
  customerById: DataLoader<string, CustomerDoc | null>;
  /** The customer holding an identifier key (`email:a@b.c`); see `pickHolder` when several do. */
  customerByIdentifier: DataLoader<string, CustomerDoc | null>;
  /** A linked record by its key (`crm:contact:C1`). */
  recordById: DataLoader<string, IdentityRecordDoc | null>;
  activityById: DataLoader<string, ActivityDoc | null>;
  /** Pages of a customer's timeline, newest first, for one channel/kind filter. */
  timelinePagesByCustomer(match: Document): DataLoader<ChildPageKey, ChildPage, string>;
  /** Every POS member and receipt record resolved to a customer (one `find` per batch, by the `customerId` index). */
  posRecordsByCustomer: DataLoader<string, PosRecordRef[]>;
}

/**
 * When an identifier is on several customers (a shared family email the guard rails kept apart),
 * the one with most records carrying it wins, then the oldest customer, then the smaller id: the
 * same answer every time.
 */
export function pickHolder(key: string, holders: CustomerDoc[]): CustomerDoc | null {
  const count = (c: CustomerDoc) => c.identifiers.find((i) => `${i.type}:${i.value}` === key)?.recordCount ?? 0;
  const sorted = [...holders].sort(
    (a, b) => count(b) - count(a) || a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
  );
  return sorted[0] ?? null;
}

/** Per-request loaders over the `identity` database; build new ones for every request. */
export function createLoaders(db: Db): IdentityLoaders {
  const identity = identityCollections(db);
  const byId = createByKeyLoader(identity.customers);
  const merges = createByKeyLoader(identity.merges);
  const customer = new DataLoader<string, CustomerDoc | null>(async (ids) => {
    const direct = await byId.loadMany(ids);
    const missing = ids.filter((_, i) => !direct[i]);
    const survivors = new Map<string, string>();
    if (missing.length > 0) {
      for (const [i, merge] of (await merges.loadMany(missing)).entries()) {
        if (merge && !(merge instanceof Error)) survivors.set(missing[i]!, merge.survivor);
      }
    }
    const followed = survivors.size > 0 ? await byId.loadMany([...new Set(survivors.values())]) : [];
    const bySurvivor = new Map(
      followed.filter((c): c is CustomerDoc => !!c && !(c instanceof Error)).map((c) => [c._id, c]),
    );
    return ids.map((id, i) => {
      const found = direct[i];
      if (found instanceof Error) return found;
      if (found) return found;
      const survivor = survivors.get(id);
      return survivor ? (bySurvivor.get(survivor) ?? null) : null;
    });
  });
  const customerByIdentifier = new DataLoader<string, CustomerDoc | null>(async (keys) => {
    const docs = await identity.customers.find({ identifierKeys: { $in: [...keys] } }).toArray();
    return keys.map((key) => pickHolder(key, docs.filter((d) => d.identifierKeys.includes(key))));
  });
  const pageLoaders = new Map<string, DataLoader<ChildPageKey, ChildPage, string>>();
  return {
    customerById: customer,
    customerByIdentifier,
    recordById: createByKeyLoader(identity.records),
    activityById: createByKeyLoader(identity.activity),
    timelinePagesByCustomer(match) {
      const signature = JSON.stringify(match);
      let loader = pageLoaders.get(signature);
      if (!loader) {
        loader = createChildPageLoader(identity.db.collection(COLLECTIONS.identity.activity), { parentField: 'customerId', timeField: 'at', match });
        pageLoaders.set(signature, loader);
      }
      return loader;
    },
    posRecordsByCustomer: createChildrenLoader(
      identity.db.collection<PosRecordRef>(COLLECTIONS.identity.records),
      'customerId',
      { _id: 1 },
      { match: { source: 'pos', kind: { $in: ['member', 'transaction'] } }, projection: { customerId: 1, kind: 1, sourceId: 1 } },
    ),
  };
}

/** The indexes behind every read above and resolve's (the `_id` index serves the by-id loaders). */
export const ensureIndexes = ensureIdentityIndexes;
