/**
 * The outbox: one ordinary MongoDB collection in each channel database (so it works on the
 * embedded server, which has no change streams), naming the records each ingested batch wrote.
 * The live resolver (resolver.ts) consumes it and deletes what it has resolved.
 *
 * MongoDB without a replica set has no multi-document transaction, so "the record and its outbox
 * entry in one durable step" is made of three acknowledged writes, in this order:
 *
 *   1. the entry, `pending`: the intent, before any record is touched;
 *   2. the records (and, for web events, the sessions and visitors rebuilt from them);
 *   3. the entry again, `ready`, by upsert (it is re-created if a resolver took it meanwhile);
 *
 * and the HTTP 200 only after the third. Resolution reads the records' current state, never the
 * entry's content, and is idempotent (a record whose hash did not change changes nothing; activity
 * pointers are keyed), so an entry taken twice changes nothing the second time. A kill between 1
 * and 3 leaves a `pending` entry the resolver takes once it is older than OMNIDEX_OUTBOX_STALE_MS
 * (the client, not acknowledged, sends the rows again anyway); a kill after 3 and before the 200
 * leaves a ready entry and a client that sends again: the rows are then unchanged.
 */
import { ObjectId, type Collection, type Db } from 'mongodb';
import type { ContractFile } from '../contract/schemas';

export const OUTBOX_COLLECTION = 'outbox';

/** The records a batch touched, by the id each channel knows them by. */
export interface OutboxIds {
  contacts?: string[];
  cases?: string[];
  visitors?: string[];
  sessions?: string[];
  members?: string[];
  transactions?: string[];
}

export interface OutboxDoc {
  _id: ObjectId;
  /** `pending` while its records are being written; `ready` once they are all acknowledged. */
  state: 'pending' | 'ready';
  /** When the rows arrived (the ingest request's time): the bench measures from it. */
  at: Date;
  file: ContractFile;
  ingestId: string;
  ids: OutboxIds;
}

export function outboxCollection(db: Db): Collection<OutboxDoc> {
  return db.collection<OutboxDoc>(OUTBOX_COLLECTION);
}

type Row = Record<string, unknown>;

const distinct = (rows: readonly Row[], field: string): string[] => [...new Set(rows.map((row) => row[field]).filter((v): v is string => typeof v === 'string'))];

/** The ids a batch of valid rows of `file` names. */
export function outboxIdsOf(file: ContractFile, rows: readonly Row[]): OutboxIds {
  switch (file) {
    case 'crm/contacts.jsonl':
      return { contacts: distinct(rows, 'contactId') };
    case 'crm/cases.jsonl':
      return { cases: distinct(rows, 'caseId') };
    case 'web/events.jsonl':
      return { visitors: distinct(rows, 'visitorId'), sessions: distinct(rows, 'sessionId') };
    case 'pos/members.csv':
      return { members: distinct(rows, 'loyaltyId') };
    case 'pos/transactions.csv':
      return { transactions: distinct(rows, 'transactionId') };
  }
}

/** Writes step 1 (see the header); returns the entry, for `markReady`. */
export async function recordIntent(db: Db, entry: Omit<OutboxDoc, '_id' | 'state'>): Promise<OutboxDoc> {
  const doc: OutboxDoc = { _id: new ObjectId(), state: 'pending', ...entry };
  await outboxCollection(db).insertOne(doc);
  return doc;
}

/** Step 3: the entry, ready, whether or not it is still there. */
export async function markReady(db: Db, entry: OutboxDoc): Promise<void> {
  const { _id, state: _state, ...rest } = entry;
  await outboxCollection(db).updateOne({ _id }, { $set: { ...rest, state: 'ready' } }, { upsert: true });
}

/** Entries waiting to be resolved (ready or not), counted up to `limit`: the back-pressure signal. */
export async function countPending(db: Db, limit: number): Promise<number> {
  return outboxCollection(db).countDocuments({}, { limit });
}

/**
 * The oldest entries the resolver may take: ready ones, and pending ones older than `staleBefore`
 * (their writer died). Oldest first, so what arrived first is resolved first.
 */
export async function takeable(db: Db, staleBefore: Date, limit: number): Promise<OutboxDoc[]> {
  return outboxCollection(db)
    .find({ $or: [{ state: 'ready' }, { state: 'pending', at: { $lt: staleBefore } }] })
    .sort({ _id: 1 })
    .limit(limit)
    .toArray();
}

/** The checkpoint: entries resolved are deleted. */
export async function acknowledge(db: Db, ids: readonly ObjectId[]): Promise<void> {
  if (ids.length > 0) await outboxCollection(db).deleteMany({ _id: { $in: [...ids] } });
}

export async function ensureOutboxIndexes(db: Db): Promise<void> {
  await outboxCollection(db).createIndexes([{ key: { state: 1, _id: 1 } }, { key: { at: 1 } }]);
}
