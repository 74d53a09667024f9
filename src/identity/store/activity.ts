/**
 * The activity index: one small pointer per interaction (a CRM case, a web session, a POS
 * transaction) to the customer it belongs to, so a customer's whole history pages by
 * `{customerId, at desc, _id desc}` without reading three channel databases.
 *
 * A pointer is (re)written when its interaction was imported since the previous run or when the
 * record it belongs through — the case's contact, the session's visitor, the transaction itself —
 * was assigned another customer.
 */
import type { AnyBulkWriteOperation, Document, FindCursor, MongoClient } from 'mongodb';
import { COLLECTIONS, DATABASES, type CrmCaseDoc, type PosTransactionDoc, type WebSessionDoc } from '../../contract/documents';
import type { ActivityDoc, ActivityKind, IdentityChannel } from './documents';
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

interface Interaction {
  _id: string;
  /** The record key it belongs through. */
  owner: string;
  at: Date;
  channel: IdentityChannel;
  kind: ActivityKind;
  entityId: string;
}

export function activityId(channel: IdentityChannel, kind: 'case' | 'session' | 'transaction', entityId: string): string {
  return `${channel}:${kind}:${entityId}`;
}

/** Filter on the rows an import in `window` wrote. */
export function importedIn(window: InteractionWindow, field = 'imported.importedAt'): Document {
  const range: Document = { $lte: window.through };
  if (window.after) range.$gt = window.after;
  return { [field]: range };
}

function idsOfKind(reassigned: ReadonlyMap<string, string>, kind: string): string[] {
  const ids: string[] = [];
  for (const key of reassigned.keys()) {
    const ref = parseRefKey(key);
    if (ref.kind === kind) ids.push(ref.id);
  }
  return ids;
}

/** Writes the pointers of the interactions imported in `window` and of the records in `reassigned`. */
export async function writeActivity(
  client: MongoClient,
  identity: IdentityCollections,
  input: {
    window: InteractionWindow | undefined;
    reassigned: ReadonlyMap<string, string>;
    batchSize: number;
    /**
     * The index is empty and `window` spans every import (first run): every interaction is read once,
     * from the window alone, and inserted rather than upserted.
     */
    insertOnly?: boolean;
  },
): Promise<ActivityReport> {
  const { window, batchSize } = input;
  // On a first run every record is new, and the window already yields each of their interactions.
  const reassigned: ReadonlyMap<string, string> = input.insertOnly ? new Map() : input.reassigned;
  const customerOfReassigned = input.reassigned;
  const report: ActivityReport = { written: 0 };
  let pending: Interaction[] = [];
  // The pointers' last bulk write, still running while the next batch of interactions is read.
  let writing: Promise<unknown> = Promise.resolve();

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const customerOf = new Map<string, string>();
    const unknown = [...new Set(batch.map((i) => i.owner).filter((owner) => !customerOfReassigned.has(owner)))];
    for (const keys of chunks(unknown, IN_BATCH)) {
      for await (const doc of identity.records.find({ _id: { $in: keys } }, { projection: { customerId: 1 } })) {
        customerOf.set(doc._id, doc.customerId);
      }
    }
    const ops: AnyBulkWriteOperation<ActivityDoc>[] = [];
    for (const { owner, ...pointer } of batch) {
      const customerId = customerOfReassigned.get(owner) ?? customerOf.get(owner);
      // The owner is not resolved (its row was quarantined): nobody to point from yet.
      if (!customerId) continue;
      const doc = { ...pointer, customerId };
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

  const crm = client.db(DATABASES.crm).collection<CrmCaseDoc>(COLLECTIONS.crm.cases);
  const caseInteraction = (c: Pick<CrmCaseDoc, '_id' | 'contactId' | 'openedAt'>): Interaction => ({
    _id: activityId('crm', 'case', c._id),
    owner: refKey({ source: 'crm', kind: 'contact', id: c.contactId }),
    at: c.openedAt,
    channel: 'crm',
    kind: 'case',
    entityId: c._id,
  });
  const caseFields = { projection: { contactId: 1, openedAt: 1 }, batchSize: IN_BATCH };
  for (const ids of chunks(idsOfKind(reassigned, 'contact'), IN_BATCH)) {
    await drain(crm.find({ contactId: { $in: ids } }, caseFields), caseInteraction);
  }
  if (window) await drain(crm.find(importedIn(window), caseFields), caseInteraction);

  const webDb = client.db(DATABASES.web);
  const sessions = webDb.collection<WebSessionDoc>(COLLECTIONS.web.sessions);
  const sessionInteraction = (s: Pick<WebSessionDoc, '_id' | 'visitorId' | 'startedAt'>): Interaction => ({
    _id: activityId('web', 'session', s._id),
    owner: refKey({ source: 'web', kind: 'visitor', id: s.visitorId }),
    at: s.startedAt,
    channel: 'web',
    kind: 'session',
    entityId: s._id,
  });
  const sessionFields = { projection: { visitorId: 1, startedAt: 1 }, batchSize: IN_BATCH };
  for (const ids of chunks(idsOfKind(reassigned, 'visitor'), IN_BATCH)) {
    await drain(sessions.find({ visitorId: { $in: ids } }, sessionFields), sessionInteraction);
  }
  if (window?.after) {
    // Sessions are rebuilt from their events: the events imported in the window name them.
    const touched = (await webDb.collection(COLLECTIONS.web.events).distinct('sessionId', importedIn(window))) as string[];
    for (const ids of chunks(touched, IN_BATCH)) await drain(sessions.find({ _id: { $in: ids } }, sessionFields), sessionInteraction);
  } else if (window) {
    await drain(sessions.find({}, sessionFields), sessionInteraction);
  }

  const transactions = client.db(DATABASES.pos).collection<PosTransactionDoc>(COLLECTIONS.pos.transactions);
  const transactionInteraction = (t: Pick<PosTransactionDoc, '_id' | 'at' | 'type'>): Interaction => ({
    _id: activityId('pos', 'transaction', t._id),
    owner: refKey({ source: 'pos', kind: 'transaction', id: t._id }),
    at: t.at,
    channel: 'pos',
    kind: t.type,
    entityId: t._id,
  });
  const transactionFields = { projection: { at: 1, type: 1 }, batchSize: IN_BATCH };
  for (const ids of chunks(idsOfKind(reassigned, 'transaction'), IN_BATCH)) {
    await drain(transactions.find({ _id: { $in: ids } }, transactionFields), transactionInteraction);
  }
  if (window) await drain(transactions.find(importedIn(window, 'lines.imported.importedAt'), transactionFields), transactionInteraction);

  await flush();
  await writing;
  return report;
}
