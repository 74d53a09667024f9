/**
 * The customer event log: what GraphQL subscriptions (`customerChanged`, `customerEvents`) are
 * served from. An ordinary collection in the identity database, `customer_events`, because the
 * embedded server has no change streams and because the process serving a subscription is rarely
 * the one that made the change (another replica's resolver, an admin's forget): every identity
 * replica tails the same log.
 *
 * - Each event has an increasing sequence (`_id`), taken from a counter by `$inc`, so a tail reads
 *   `_id > last` in order. Two writers may take numbers and insert them out of order; a tail waits
 *   a moment for a missing number before it moves past it (a writer that died leaves a hole).
 * - Each event has a `key` derived from what happened, unique, so a round redone after a crash
 *   (the live resolver's) writes nothing twice, like the webhook deliveries.
 * - Ids and band names only, never personal data: a subscriber reads the customer through the
 *   Customer entity, under the same field rules as a query.
 */
import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { ResolveReport } from '../identity/store';
import { chunks } from '../identity/store/collections';
import { IN_BATCH } from '../identity/store/state-source';
import type { Band } from '../insights/config';
import type { OutboxDoc } from './outbox';

/** CHANGED: some of the customers' data changed (a record resolved, a merge, split, band change). */
export const CUSTOMER_EVENT_KINDS = ['CHANGED', 'MERGED', 'SPLIT', 'BAND_CHANGED', 'FORGOTTEN'] as const;
export type CustomerEventKind = (typeof CUSTOMER_EVENT_KINDS)[number];

export interface CustomerEventDoc {
  /** The sequence: increasing in the order events were written. */
  _id: number;
  key: string;
  kind: CustomerEventKind;
  at: Date;
  /**
   * Every customer the event concerns: CHANGED, those whose data changed; MERGED, the survivor
   * first, then those merged into it; SPLIT, the customer split, then its new parts; BAND_CHANGED
   * and FORGOTTEN, the one customer.
   */
  customerIds: string[];
  mergedFrom?: string[];
  parts?: string[];
  previousBand?: Band | null;
  band?: Band | null;
}

export type NewCustomerEvent = Omit<CustomerEventDoc, '_id' | 'at'>;

export const CUSTOMER_EVENTS_COLLECTION = 'customer_events';
const COUNTERS_COLLECTION = 'counters';
/** CHANGED events name at most this many customers each (a large round writes several). */
const IDS_PER_CHANGED_EVENT = 500;

export function customerEvents(identity: Db): Collection<CustomerEventDoc> {
  return identity.collection<CustomerEventDoc>(CUSTOMER_EVENTS_COLLECTION);
}

const indexed = new WeakMap<Db, Promise<unknown>>();

export function ensureCustomerEventIndexes(identity: Db): Promise<unknown> {
  let done = indexed.get(identity);
  if (!done) {
    done = customerEvents(identity).createIndexes([{ key: { key: 1 }, unique: true }]);
    indexed.set(identity, done);
    done.catch(() => indexed.delete(identity));
  }
  return done;
}

function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: number; writeErrors?: { code?: number }[] };
  return e.code === 11000 || (Array.isArray(e.writeErrors) && e.writeErrors.every((w) => w.code === 11000));
}

/** Writes the events not written before (by key); returns how many were new. */
export async function appendCustomerEvents(identity: Db, events: readonly NewCustomerEvent[], now = new Date()): Promise<number> {
  if (events.length === 0) return 0;
  await ensureCustomerEventIndexes(identity);
  const unique = [...new Map(events.map((event) => [event.key, event])).values()];
  const written = new Set(
    (await customerEvents(identity).find({ key: { $in: unique.map((e) => e.key) } }, { projection: { key: 1 } }).toArray()).map((doc) => doc.key),
  );
  const fresh = unique.filter((event) => !written.has(event.key));
  if (fresh.length === 0) return 0;
  const counter = await identity
    .collection<{ _id: string; seq: number }>(COUNTERS_COLLECTION)
    .findOneAndUpdate({ _id: CUSTOMER_EVENTS_COLLECTION }, { $inc: { seq: fresh.length } }, { upsert: true, returnDocument: 'after' });
  if (!counter) throw new Error('the customer event counter was not returned');
  const first = counter.seq - fresh.length + 1;
  try {
    await customerEvents(identity).insertMany(
      fresh.map((event, i) => ({ ...event, _id: first + i, at: now })),
      { ordered: false },
    );
  } catch (error) {
    // Another writer wrote the same event between our read and our insert: it is there once.
    if (!isDuplicateKey(error)) throw error;
  }
  return fresh.length;
}

/**
 * How long events are kept once the band watcher has read them: subscribers start at the log's
 * end, and the only writer that looks back (a round redone after a crash, by key) is minutes old.
 */
export const CUSTOMER_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the events older than the retention that come before `readThrough` (the band watcher's
 * checkpoint), so the log stays bounded. The event at `readThrough` and every later one stay: the
 * newest sequence is always in the log, which tails take as their start.
 */
export async function pruneCustomerEvents(identity: Db, readThrough: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - CUSTOMER_EVENT_RETENTION_MS);
  return (await customerEvents(identity).deleteMany({ _id: { $lt: readThrough }, at: { $lt: cutoff } })).deletedCount;
}

/** The newest sequence written, 0 when none. */
export async function latestCustomerEventSequence(identity: Db): Promise<number> {
  const [last] = await customerEvents(identity).find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).toArray();
  return last?._id ?? 0;
}

const sortedUnique = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

function hashOf(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

/**
 * The customers a resolution round touched: those now holding the records, cases and sessions
 * its outbox entries named, and those its merges and splits made or kept.
 */
export async function customersTouchedByRound(identity: Db, report: ResolveReport, entries: readonly OutboxDoc[]): Promise<string[]> {
  const recordKeys = new Set<string>();
  const activityKeys = new Set<string>();
  for (const { ids } of entries) {
    for (const id of ids.contacts ?? []) recordKeys.add(`crm:contact:${id}`);
    for (const id of ids.visitors ?? []) recordKeys.add(`web:visitor:${id}`);
    for (const id of ids.members ?? []) recordKeys.add(`pos:member:${id}`);
    for (const id of ids.transactions ?? []) recordKeys.add(`pos:transaction:${id}`);
    for (const id of ids.cases ?? []) activityKeys.add(`crm:case:${id}`);
    for (const id of ids.sessions ?? []) activityKeys.add(`web:session:${id}`);
  }
  const touched = new Set<string>();
  for (const [collection, keys] of [['records', recordKeys], ['activity', activityKeys]] as const) {
    for (const batch of chunks([...keys], IN_BATCH)) {
      const owners = identity.collection<{ _id: string; customerId: string }>(collection).find({ _id: { $in: batch } }, { projection: { customerId: 1 } });
      for await (const doc of owners) touched.add(doc.customerId);
    }
  }
  for (const merge of report.merges) touched.add(merge.survivor);
  for (const split of report.splits) {
    touched.add(split.id);
    for (const part of split.parts) touched.add(part.customerId);
  }
  return sortedUnique(touched);
}

/** The events of one resolution round: its merges and splits, and CHANGED for every customer it touched. */
export function eventsOfResolution(report: ResolveReport, touched: readonly string[], entries: readonly Pick<OutboxDoc, '_id'>[]): NewCustomerEvent[] {
  // A redo of a round takes the same entries (and perhaps more); another round never does.
  const round = hashOf(entries.map((entry) => String(entry._id)).sort());
  const events: NewCustomerEvent[] = [];
  for (const merge of report.merges) {
    const mergedFrom = sortedUnique(merge.mergedFrom);
    events.push({ key: `merged:${merge.survivor}:${hashOf(mergedFrom)}`, kind: 'MERGED', customerIds: [merge.survivor, ...mergedFrom], mergedFrom });
  }
  for (const split of report.splits) {
    const parts = sortedUnique(split.parts.map((part) => part.customerId));
    events.push({ key: `split:${split.id}:${hashOf(parts)}`, kind: 'SPLIT', customerIds: [split.id, ...parts], parts });
  }
  for (let i = 0; i < touched.length; i += IDS_PER_CHANGED_EVENT) {
    const ids = touched.slice(i, i + IDS_PER_CHANGED_EVENT);
    // Keyed by the round and the exact set: a redone round with the same outcome writes nothing.
    events.push({ key: `changed:${hashOf([round, ...ids])}`, kind: 'CHANGED', customerIds: ids });
  }
  return events;
}

export function forgottenEvent(customerId: string): NewCustomerEvent {
  return { key: `forgotten:${customerId}`, kind: 'FORGOTTEN', customerIds: [customerId] };
}

// ---- tailing ---------------------------------------------------------------------------------

export type CustomerEventListener = (event: CustomerEventDoc) => void;

export interface CustomerEventTail {
  /** Calls `listener` with every event written from now on, in sequence order; returns the unsubscribe. */
  subscribe(listener: CustomerEventListener): () => void;
}

export interface TailOptions {
  /** How often the log is read while someone listens; default 100 ms. */
  pollMs?: number;
  /** How long a missing sequence number is waited for before the tail moves past it; default 2 s. */
  gapMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Reads the log for this process's listeners: one reader however many subscriptions, and none
 * while nobody listens. Listeners hear what is written after the reader starts (no replay).
 */
export function createCustomerEventTail(identity: Db, options: TailOptions = {}): CustomerEventTail {
  const pollMs = options.pollMs ?? 100;
  const gapMs = options.gapMs ?? 2_000;
  const listeners = new Set<CustomerEventListener>();
  let running = false;
  let cursor: number | undefined;
  let gapSince: number | undefined;

  async function poll(): Promise<void> {
    cursor ??= await latestCustomerEventSequence(identity);
    const docs = await customerEvents(identity).find({ _id: { $gt: cursor } }).sort({ _id: 1 }).limit(500).toArray();
    for (const doc of docs) {
      if (doc._id !== cursor + 1) {
        gapSince ??= Date.now();
        if (Date.now() - gapSince < gapMs) break;
      }
      gapSince = undefined;
      cursor = doc._id;
      for (const listener of [...listeners]) listener(doc);
    }
  }

  function loop(): void {
    if (listeners.size === 0) {
      running = false;
      // Started again later, it begins at the log's end then, not where it stopped.
      cursor = undefined;
      return;
    }
    poll()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => setTimeout(loop, pollMs).unref());
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!running) {
        running = true;
        loop();
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

const sharedTails = new WeakMap<Db, CustomerEventTail>();

/** The process's one tail of this identity database. */
export function sharedCustomerEventTail(identity: Db, options?: TailOptions): CustomerEventTail {
  let tail = sharedTails.get(identity);
  if (!tail) {
    tail = createCustomerEventTail(identity, options);
    sharedTails.set(identity, tail);
  }
  return tail;
}

/** Too slow a subscriber: past this many undelivered events, its stream fails rather than holding memory. */
const MAX_QUEUED = 10_000;

/**
 * The events `accept` takes, as an async iterator (what a GraphQL subscription resolver returns);
 * `return()` unsubscribes. Subscribed at once, so nothing written after the call is missed.
 */
export function customerEventStream(tail: CustomerEventTail, accept: (event: CustomerEventDoc) => boolean): AsyncIterableIterator<CustomerEventDoc> {
  const queue: CustomerEventDoc[] = [];
  let waiting: ((result: IteratorResult<CustomerEventDoc>) => void) | undefined;
  let failed: Error | undefined;
  let done = false;
  const unsubscribe = tail.subscribe((event) => {
    if (done || !accept(event)) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: event, done: false });
      return;
    }
    if (queue.length >= MAX_QUEUED) {
      failed = new Error('the subscriber fell too far behind the customer events');
      unsubscribe();
      return;
    }
    queue.push(event);
  });
  const finish = (): IteratorResult<CustomerEventDoc> => {
    done = true;
    unsubscribe();
    queue.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    return { value: undefined, done: true };
  };
  return {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (failed) return Promise.reject(failed);
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      return Promise.resolve(finish());
    },
    throw(error?: unknown) {
      finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
