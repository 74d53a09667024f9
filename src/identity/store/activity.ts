/**
 * The activity index: one small pointer per interaction (a CRM case, a web session, a POS
 * transaction) to the customer it belongs to, so a customer's whole history pages by
 * `{customerId, at desc, _id desc}` without reading three channel databases.
 *
 * A pointer is written when its interaction was imported since the previous run (read from the
 * channel databases), and moved, within the identity database alone, when the record it belongs
 * through — its `owner`: the case's contact, the session's visitor, the transaction itself — is
 * assigned another customer.
 */
import type { AnyBulkWriteOperation, Document, FindCursor } from 'mongodb';
import { COLLECTIONS, type CrmCaseDoc, type PosTransactionDoc, type WebSessionDoc } from '../../contract/documents';
import type { Databases } from '../../db';
import type { ActivityDoc, IdentityChannel } from './documents';
import { parseRefKey, refKey } from '../records';
import { chunks, type IdentityCollections } from './collections';
import { IN_BATCH } from './state-source';

/** The imports a run takes in: started after `after` (every import when absent), up to `through`. */
export interface InteractionWindow {
  after?: Date;
  through: Date;
}

export interface ActivityReport {
  /** Pointers created or changed. */
  written: number;
}

/** The channel databases resolve reads what the imports wrote from. */
export type ChannelDatabases = Pick<Databases, 'crm' | 'web' | 'pos' | 'omnidex'>;

/** A pointer before its customer is known. */
type Interaction = Omit<ActivityDoc, 'customerId'>;

export function activityId(channel: IdentityChannel, kind: 'case' | 'session' | 'transaction', entityId: string): string {
  return `${channel}:${kind}:${entityId}`;
}

/** Filter on the rows an import in `window` wrote. */
export function importedIn(window: InteractionWindow, field = 'imported.importedAt'): Document {
  const range: Document = { $lte: window.through };
  if (window.after) range.$gt = window.after;
  return { [field]: range };
}

function idsOfKind(records: ReadonlyMap<string, string>, kind: string): string[] {
  const ids: string[] = [];
  for (const key of records.keys()) {
    const ref = parseRefKey(key);
    if (ref.kind === kind) ids.push(ref.id);
  }
  return ids;
}

/**
 * Moves the pointers of the records in `reassigned` (record key → its new customer) to their new
 * customers: one `updateMany` per customer, sent in bulk.
 */
async function movePointers(identity: IdentityCollections, reassigned: ReadonlyMap<string, string>, batchSize: number): Promise<number> {
  const ownersOf = new Map<string, string[]>();
  for (const [owner, customerId] of reassigned) {
    const owners = ownersOf.get(customerId);
    if (owners) owners.push(owner);
    else ownersOf.set(customerId, [owner]);
  }
  const ops: AnyBulkWriteOperation<ActivityDoc>[] = [...ownersOf].map(([customerId, owners]) => ({
    updateMany: { filter: { owner: { $in: owners }, customerId: { $ne: customerId } }, update: { $set: { customerId } } },
  }));
  let moved = 0;
  for (const part of chunks(ops, batchSize)) moved += (await identity.activity.bulkWrite(part, { ordered: false })).modifiedCount;
  return moved;
}

/**
 * Writes the pointers of the interactions imported in `window` and of the records resolved for the
 * first time (`fresh`: an earlier import's case whose contact was quarantined then), both read from
 * `channels`, and moves those of the records in `reassigned`. Without `channels` (an admin's
 * correction, which touches the identity database only) there is nothing to read.
 */
export async function writeActivity(
  channels: Omit<ChannelDatabases, 'omnidex'> | undefined,
  identity: IdentityCollections,
  input: {
    window: InteractionWindow | undefined;
    /** Interactions named by id (the live resolver's outbox entries), read whatever their import time. */
    touched?: { cases?: readonly string[]; sessions?: readonly string[]; transactions?: readonly string[] };
    /** Records that had a customer and now have another: record key → customer. */
    reassigned: ReadonlyMap<string, string>;
    /** Records resolved for the first time: record key → customer. */
    fresh: ReadonlyMap<string, string>;
    batchSize: number;
    /**
     * The index is empty and `window` spans every import (first run): every interaction is read once,
     * from the window alone, and inserted rather than upserted.
     */
    insertOnly?: boolean;
  },
): Promise<ActivityReport> {
  const { window, batchSize } = input;
  const report: ActivityReport = { written: 0 };
  report.written += await movePointers(identity, input.reassigned, batchSize);
  if (!channels) return report;
  // On a first run every record is new, and the window already yields each of their interactions.
  const fresh: ReadonlyMap<string, string> = input.insertOnly ? new Map() : input.fresh;
  const customerOfKnown = new Map([...input.reassigned, ...input.fresh]);

  let pending: Interaction[] = [];
  // The pointers' last bulk write, still running while the next batch of interactions is read.
  let writing: Promise<unknown> = Promise.resolve();

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const customerOf = new Map<string, string>();
    const unknown = [...new Set(batch.map((i) => i.owner).filter((owner) => !customerOfKnown.has(owner)))];
    for (const keys of chunks(unknown, IN_BATCH)) {
      for await (const doc of identity.records.find({ _id: { $in: keys } }, { projection: { customerId: 1 } })) {
        customerOf.set(doc._id, doc.customerId);
      }
    }
    const ops: AnyBulkWriteOperation<ActivityDoc>[] = [];
    for (const pointer of batch) {
      const customerId = customerOfKnown.get(pointer.owner) ?? customerOf.get(pointer.owner);
      // The owner is not resolved (its row was quarantined): nobody to point from yet.
      if (!customerId) continue;
      const doc: ActivityDoc = { ...pointer, customerId };
      ops.push(input.insertOnly ? { insertOne: { document: doc } } : { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } });
    }
    for (const part of chunks(ops, batchSize)) {
      await writing;
      writing = identity.activity.bulkWrite(part, { ordered: false }).then((result) => {
        report.written += result.insertedCount + result.upsertedCount + result.modifiedCount;
      });
      // Awaited by the next write or at the end; this only keeps a failure from counting as unhandled meanwhile.
      writing.catch(() => {});
    }
  };
  const drain = async <T>(cursor: FindCursor<T>, toInteraction: (doc: T) => Interaction): Promise<void> => {
    for await (const doc of cursor) {
      pending.push(toInteraction(doc));
      if (pending.length >= IN_BATCH) await flush();
    }
  };

  const cases = channels.crm.collection<CrmCaseDoc>(COLLECTIONS.crm.cases);
  const caseFields = { projection: { contactId: 1, openedAt: 1 }, batchSize: IN_BATCH };
  const caseInteraction = (c: Pick<CrmCaseDoc, '_id' | 'contactId' | 'openedAt'>): Interaction => ({
    _id: activityId('crm', 'case', c._id),
    owner: refKey({ source: 'crm', kind: 'contact', id: c.contactId }),
    at: c.openedAt,
    channel: 'crm',
    kind: 'case',
    entityId: c._id,
  });
  for (const ids of chunks(idsOfKind(fresh, 'contact'), IN_BATCH)) await drain(cases.find({ contactId: { $in: ids } }, caseFields), caseInteraction);
  if (window) await drain(cases.find(importedIn(window), caseFields), caseInteraction);
  for (const ids of chunks([...new Set(input.touched?.cases ?? [])], IN_BATCH)) await drain(cases.find({ _id: { $in: ids } }, caseFields), caseInteraction);

  const sessions = channels.web.collection<WebSessionDoc>(COLLECTIONS.web.sessions);
  const sessionFields = { projection: { visitorId: 1, startedAt: 1 }, batchSize: IN_BATCH };
  const sessionInteraction = (s: Pick<WebSessionDoc, '_id' | 'visitorId' | 'startedAt'>): Interaction => ({
    _id: activityId('web', 'session', s._id),
    owner: refKey({ source: 'web', kind: 'visitor', id: s.visitorId }),
    at: s.startedAt,
    channel: 'web',
    kind: 'session',
    entityId: s._id,
  });
  for (const ids of chunks(idsOfKind(fresh, 'visitor'), IN_BATCH)) {
    await drain(sessions.find({ visitorId: { $in: ids } }, sessionFields), sessionInteraction);
  }
  if (window?.after) {
    // Sessions are rebuilt from their events: the events imported in the window name them.
    const touched = (await channels.web.collection(COLLECTIONS.web.events).distinct('sessionId', importedIn(window))) as string[];
    for (const ids of chunks(touched, IN_BATCH)) await drain(sessions.find({ _id: { $in: ids } }, sessionFields), sessionInteraction);
  } else if (window) {
    await drain(sessions.find({}, sessionFields), sessionInteraction);
  }
  for (const ids of chunks([...new Set(input.touched?.sessions ?? [])], IN_BATCH)) await drain(sessions.find({ _id: { $in: ids } }, sessionFields), sessionInteraction);

  const transactions = channels.pos.collection<PosTransactionDoc>(COLLECTIONS.pos.transactions);
  const transactionFields = { projection: { at: 1, type: 1 }, batchSize: IN_BATCH };
  const transactionInteraction = (t: Pick<PosTransactionDoc, '_id' | 'at' | 'type'>): Interaction => ({
    _id: activityId('pos', 'transaction', t._id),
    owner: refKey({ source: 'pos', kind: 'transaction', id: t._id }),
    at: t.at,
    channel: 'pos',
    kind: t.type,
    entityId: t._id,
  });
  for (const ids of chunks(idsOfKind(fresh, 'transaction'), IN_BATCH)) {
    await drain(transactions.find({ _id: { $in: ids } }, transactionFields), transactionInteraction);
  }
  if (window) await drain(transactions.find(importedIn(window, 'lines.imported.importedAt'), transactionFields), transactionInteraction);
  for (const ids of chunks([...new Set(input.touched?.transactions ?? [])], IN_BATCH)) {
    await drain(transactions.find({ _id: { $in: ids } }, transactionFields), transactionInteraction);
  }

  await flush();
  await writing;
  return report;
}
