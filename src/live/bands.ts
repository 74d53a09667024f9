/**
 * Band changes: after the live resolver's rounds, the customers they touched get their
 * Integration Index band recomputed (src/insights, the code the insights subgraph runs) and
 * compared with the last band stored for them (`customer_bands` in the identity database); a
 * change is a BAND_CHANGED customer event and a `customer.bandChanged` webhook delivery.
 *
 * It follows the customer event log (events.ts) rather than running inside the round, so scoring
 * never delays resolution, and it keeps its own checkpoint (`live_cursors`), so it survives a
 * crash like the resolver: a batch redone finds the band already stored and emits nothing, and a
 * batch killed between its event and its stored band writes the same event key again (keyed by
 * the stored band's version), which the log and the webhook queue take once.
 *
 * A customer seen for the first time gets its band stored without an event: there is nothing to
 * compare it with (a data set resolved before this existed has no stored bands).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../contract/documents';
import type { CrmCaseDoc, CrmContactDoc, PosMemberDoc, PosTransactionDoc, WebEventDoc, WebSessionDoc, WebVisitorDoc } from '../contract/documents';
import { parseRefKey } from '../identity/records';
import { chunks, identityCollections } from '../identity/store/collections';
import { IN_BATCH } from '../identity/store/state-source';
import { customerInputsFromDocuments, integrationIndex, type Band, type CustomerDocuments, type IndexConfig } from '../insights';
import { appendCustomerEvents, customerEvents, latestCustomerEventSequence, pruneCustomerEvents, type NewCustomerEvent } from './events';
import { acquireLease, releaseLease, type LiveDatabases } from './resolver';

const BAND_LEASE_ID = 'band-watcher';
import { enqueueEvents } from './webhooks';

export interface StoredBandDoc {
  _id: string;
  band: Band | null;
  /** Counts the changes: keys the events, so a redone change is the same event. */
  version: number;
  updatedAt: Date;
}

const CURSOR_ID = 'bands';
/** Customer events read per batch. */
const EVENTS_PER_BATCH = 50;

export function storedBands(identity: Db) {
  return identity.collection<StoredBandDoc>(COLLECTIONS.identity.bands);
}

function cursors(identity: Db) {
  return identity.collection<{ _id: string; seq: number }>('live_cursors');
}

async function findIn<T extends { _id: string }>(db: Db, collection: string, field: string, values: readonly string[], filter: Record<string, unknown> = {}): Promise<T[]> {
  const out: T[] = [];
  for (const batch of chunks(values, IN_BATCH)) {
    out.push(...((await db.collection<T>(collection).find({ [field]: { $in: batch }, ...filter } as never).toArray()) as T[]));
  }
  return out;
}

function group<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/**
 * Each customer's documents, read from the channel databases as the gateway would hand them to
 * the insights subgraph: contacts and their cases, visitors with their sessions and orders,
 * members, and the receipts resolved to the customer. Absent customers are left out.
 */
export async function customerDocuments(dbs: LiveDatabases, customerIds: readonly string[]): Promise<Map<string, CustomerDocuments>> {
  const identity = identityCollections(dbs.identity);
  const customers = await findIn<{ _id: string; crmContactIds: string[]; webVisitorIds: string[] }>(dbs.identity, COLLECTIONS.identity.customers, '_id', customerIds);
  const records = await findIn<{ _id: string; customerId: string }>(dbs.identity, identity.records.collectionName, 'customerId', customerIds);
  const owner = new Map<string, string>();
  for (const customer of customers) {
    for (const id of customer.crmContactIds) owner.set(`contact:${id}`, customer._id);
    for (const id of customer.webVisitorIds) owner.set(`visitor:${id}`, customer._id);
  }
  for (const record of records) {
    const ref = parseRefKey(record._id);
    owner.set(`${ref.kind}:${ref.id}`, record.customerId);
  }
  const keysOf = (kind: string) => [...owner.keys()].filter((key) => key.startsWith(`${kind}:`)).map((key) => key.slice(kind.length + 1));
  const ownerOf = (kind: string, id: string | undefined) => (id === undefined ? undefined : owner.get(`${kind}:${id}`));
  const contactIds = keysOf('contact');
  const visitorIds = keysOf('visitor');
  const [contacts, cases, visitors, sessions, orders, members, transactions] = await Promise.all([
    findIn<CrmContactDoc>(dbs.crm, COLLECTIONS.crm.contacts, '_id', contactIds),
    findIn<CrmCaseDoc>(dbs.crm, COLLECTIONS.crm.cases, 'contactId', contactIds),
    findIn<WebVisitorDoc>(dbs.web, COLLECTIONS.web.visitors, '_id', visitorIds),
    findIn<WebSessionDoc>(dbs.web, COLLECTIONS.web.sessions, 'visitorId', visitorIds),
    findIn<WebEventDoc>(dbs.web, COLLECTIONS.web.events, 'visitorId', visitorIds, { type: 'order' }),
    findIn<PosMemberDoc>(dbs.pos, COLLECTIONS.pos.members, '_id', keysOf('member')),
    findIn<PosTransactionDoc>(dbs.pos, COLLECTIONS.pos.transactions, '_id', keysOf('transaction')),
  ]);
  const byCustomer = {
    crmContacts: group(contacts, (doc) => ownerOf('contact', doc._id)),
    crmCases: group(cases, (doc) => ownerOf('contact', doc.contactId)),
    webVisitors: group(visitors, (doc) => ownerOf('visitor', doc._id)),
    webSessions: group(sessions, (doc) => ownerOf('visitor', doc.visitorId)),
    webEvents: group(orders, (doc) => ownerOf('visitor', doc.visitorId)),
    posMembers: group(members, (doc) => ownerOf('member', doc._id)),
    posTransactions: group(transactions, (doc) => ownerOf('transaction', doc._id)),
  };
  const out = new Map<string, CustomerDocuments>();
  for (const customer of customers) {
    out.set(customer._id, {
      crmContacts: byCustomer.crmContacts.get(customer._id),
      crmCases: byCustomer.crmCases.get(customer._id),
      webVisitors: byCustomer.webVisitors.get(customer._id),
      webSessions: byCustomer.webSessions.get(customer._id),
      webEvents: byCustomer.webEvents.get(customer._id),
      posMembers: byCustomer.posMembers.get(customer._id),
      posTransactions: byCustomer.posTransactions.get(customer._id),
    });
  }
  return out;
}

/** Each existing customer's band now (null: no interaction in the window); absent customers are left out. */
export async function currentBands(dbs: LiveDatabases, customerIds: readonly string[], config: IndexConfig, asOf = new Date()): Promise<Map<string, Band | null>> {
  const documents = await customerDocuments(dbs, customerIds);
  return new Map([...documents].map(([id, docs]) => [id, integrationIndex(customerInputsFromDocuments(docs), asOf, config).band]));
}

/**
 * Compares the customers' bands with the stored ones: the changes become events and webhook
 * deliveries, then the stored bands. Returns the number of changes.
 */
export async function recordBandChanges(dbs: LiveDatabases, customerIds: readonly string[], config: IndexConfig, asOf = new Date()): Promise<number> {
  if (customerIds.length === 0) return 0;
  const bands = await currentBands(dbs, customerIds, config, asOf);
  const stored = new Map((await findIn<StoredBandDoc>(dbs.identity, COLLECTIONS.identity.bands, '_id', customerIds)).map((doc) => [doc._id, doc]));
  const events: NewCustomerEvent[] = [];
  const hooks: Parameters<typeof enqueueEvents>[1][number][] = [];
  const writes: { id: string; band: Band | null; version: number }[] = [];
  const gone: string[] = [];
  for (const id of customerIds) {
    const before = stored.get(id);
    if (!bands.has(id)) {
      // Merged away or forgotten: its band goes with it.
      if (before) gone.push(id);
      continue;
    }
    const band = bands.get(id) ?? null;
    if (!before) {
      writes.push({ id, band, version: 0 });
      continue;
    }
    if (before.band === band) continue;
    const version = before.version + 1;
    const key = `band:${id}:${version}`;
    events.push({ key, kind: 'BAND_CHANGED', customerIds: [id], previousBand: before.band, band });
    hooks.push({ type: 'customer.bandChanged', key, data: { customerId: id, previousBand: before.band, band } });
    writes.push({ id, band, version });
  }
  // Events before the stored bands: a kill between them repeats the same keys, taken once.
  await appendCustomerEvents(dbs.identity, events, asOf);
  await enqueueEvents(dbs.identity, hooks, asOf);
  if (writes.length > 0) {
    await storedBands(dbs.identity).bulkWrite(
      writes.map((w) => ({
        replaceOne: { filter: { _id: w.id }, replacement: { band: w.band, version: w.version, updatedAt: asOf }, upsert: true },
      })),
      { ordered: false },
    );
  }
  if (gone.length > 0) await storedBands(dbs.identity).deleteMany({ _id: { $in: gone } });
  return events.length;
}

/**
 * One step of the band watcher: the customers named by the events past its checkpoint get their
 * bands compared, then the checkpoint moves. Returns the number of events read.
 */
export async function watchBandsOnce(dbs: LiveDatabases, config: IndexConfig, asOf = new Date()): Promise<number> {
  const cursor = await cursors(dbs.identity).findOne({ _id: CURSOR_ID });
  if (!cursor) {
    // First run: from the log's end; bands are stored as customers are next touched.
    await cursors(dbs.identity).updateOne({ _id: CURSOR_ID }, { $setOnInsert: { seq: await latestCustomerEventSequence(dbs.identity) } }, { upsert: true });
    return 0;
  }
  const events = await customerEvents(dbs.identity)
    .find({ _id: { $gt: cursor.seq }, kind: { $ne: 'BAND_CHANGED' } }, { projection: { customerIds: 1 } })
    .sort({ _id: 1 })
    .limit(EVENTS_PER_BATCH)
    .toArray();
  if (events.length === 0) return 0;
  const ids = [...new Set(events.flatMap((event) => event.customerIds))];
  await recordBandChanges(dbs, ids, config, asOf);
  await cursors(dbs.identity).updateOne({ _id: CURSOR_ID }, { $set: { seq: events[events.length - 1]!._id } });
  return events.length;
}

/** The log is pruned by the watcher, which holds the one lease and knows what has been read. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** Prunes the events the watcher has read and the retention has passed (events.ts). */
export async function pruneReadEvents(identity: Db, now = new Date()): Promise<number> {
  const cursor = await cursors(identity).findOne({ _id: CURSOR_ID });
  return cursor ? pruneCustomerEvents(identity, cursor.seq, now) : 0;
}

/** Sets the watcher's checkpoint back (tests: a batch redone after a crash). */
export async function setBandCursor(identity: Db, seq: number): Promise<void> {
  await cursors(identity).updateOne({ _id: CURSOR_ID }, { $set: { seq } }, { upsert: true });
}

export interface BandWatcherOptions {
  dbs: LiveDatabases;
  config: IndexConfig;
  holder: string;
  leaseMs: number;
  pollMs: number;
  onError?: (error: unknown) => void;
}

/** The watcher loop, one replica at a time (its own lease, `band-watcher`, beside the resolver's). */
export function startBandWatcher(options: BandWatcherOptions): { stop(): Promise<void> } {
  let stopped = false;
  let leaseUntil = 0;
  let prunedAt = 0;
  const loop = (async () => {
    while (!stopped) {
      let read = 0;
      try {
        const now = Date.now();
        if (leaseUntil - now < (options.leaseMs * 2) / 3) {
          leaseUntil = (await acquireLease(options.dbs.identity, options.holder, options.leaseMs, new Date(now), BAND_LEASE_ID)) ? now + options.leaseMs : 0;
        }
        if (leaseUntil > now) {
          read = await watchBandsOnce(options.dbs, options.config);
          if (now - prunedAt >= PRUNE_EVERY_MS) {
            await pruneReadEvents(options.dbs.identity, new Date(now));
            prunedAt = now;
          }
        }
      } catch (error) {
        options.onError?.(error);
        await sleep(Math.max(options.pollMs, 500));
      }
      if (read === 0 && !stopped) await sleep(options.pollMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      if (leaseUntil > Date.now()) await releaseLease(options.dbs.identity, options.holder, BAND_LEASE_ID).catch(() => undefined);
    },
  };
}
