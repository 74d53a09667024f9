/**
 * The right of access (a DSAR): `exportCustomerData` gathers everything Omnidex holds on one
 * customer — its identity, every channel record in full, its activity pointers and the derived
 * golden profile — as plain JSON (times as ISO-8601 strings), naming the collections it read.
 */
import type { Db, Document } from 'mongodb';
import { COLLECTIONS, DATABASES, type Channel, type CrmCaseDoc, type CrmContactDoc, type PosMemberDoc, type PosTransactionDoc, type WebEventDoc, type WebSessionDoc, type WebVisitorDoc } from '../contract/documents';
import type { RecordIds } from '../contract/internal-operations';
import { parseRefKey } from '../identity/records';
import { identityCollections } from '../identity/store/collections';
import type { CustomerDoc } from '../identity/store/documents';
import { customerInputsFromDocuments, DEFAULT_INDEX_CONFIG, goldenProfile, type IndexConfig } from '../insights';

/** A channel service, asked for everything its database holds on the customer's records. */
export interface ExportParticipant {
  channel: Channel;
  /** Collection name → the documents, in full. */
  export(records: RecordIds): Promise<Record<string, Document[]>>;
}

/** A value as JSON carries it: what `JSON.parse(JSON.stringify(value))` gives. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ExportOptions {
  /** Source priority of the golden profile; the defaults of docs/INDEX.md when absent. */
  indexConfig?: IndexConfig;
  now?: Date;
}

/** Database and collection names read for the export, as `database.collection`. */
const SOURCES = [
  `${DATABASES.identity}.${COLLECTIONS.identity.customers}`,
  `${DATABASES.identity}.${COLLECTIONS.identity.records}`,
  `${DATABASES.identity}.${COLLECTIONS.identity.merges}`,
  `${DATABASES.identity}.${COLLECTIONS.identity.activity}`,
  `${DATABASES.crm}.${COLLECTIONS.crm.contacts}`,
  `${DATABASES.crm}.${COLLECTIONS.crm.cases}`,
  `${DATABASES.web}.${COLLECTIONS.web.visitors}`,
  `${DATABASES.web}.${COLLECTIONS.web.sessions}`,
  `${DATABASES.web}.${COLLECTIONS.web.events}`,
  `${DATABASES.pos}.${COLLECTIONS.pos.members}`,
  `${DATABASES.pos}.${COLLECTIONS.pos.transactions}`,
];

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/**
 * Everything held on customer `customerId` (an id that merged away is followed to its survivor),
 * or null when there is no such customer.
 */
export async function exportCustomerData(
  identityDb: Db,
  customerId: string,
  participants: readonly ExportParticipant[],
  options: ExportOptions = {},
): Promise<{ [key: string]: JsonValue } | null> {
  const identity = identityCollections(identityDb);
  let customer: CustomerDoc | null = await identity.customers.findOne({ _id: customerId });
  if (!customer) {
    const merge = await identity.merges.findOne({ _id: customerId });
    if (merge) customer = await identity.customers.findOne({ _id: merge.survivor });
  }
  if (!customer) return null;

  const records = await identity.records.find({ customerId: customer._id }).sort({ _id: 1 }).toArray();
  const idsOf = (kind: string) => records.map((r) => parseRefKey(r._id)).filter((ref) => ref.kind === kind).map((ref) => ref.id);
  const contactIds = [...new Set([...customer.crmContactIds, ...idsOf('contact')])];
  const visitorIds = [...new Set([...customer.webVisitorIds, ...idsOf('visitor')])];
  const memberIds = idsOf('member');
  const transactionIds = idsOf('transaction');

  const ids: RecordIds = {
    customerIds: [customer._id, ...customer.mergedFrom],
    contactIds,
    visitorIds,
    memberIds,
    transactionIds,
    shopperKeys: customer.posShopperKeys,
    recordKeys: records.map((r) => r._id),
  };
  const held: Partial<Record<Channel, Record<string, Document[]>>> = {};
  await Promise.all(participants.map(async (p) => (held[p.channel] = await p.export(ids))));
  const docs = <T>(channel: Channel, collection: string) => (held[channel]?.[collection] ?? []) as unknown as T[];
  const contacts = docs<CrmContactDoc>('crm', COLLECTIONS.crm.contacts);
  const cases = docs<CrmCaseDoc>('crm', COLLECTIONS.crm.cases);
  const visitors = docs<WebVisitorDoc>('web', COLLECTIONS.web.visitors);
  const sessions = docs<WebSessionDoc>('web', COLLECTIONS.web.sessions);
  const events = docs<WebEventDoc>('web', COLLECTIONS.web.events);
  const members = docs<PosMemberDoc>('pos', COLLECTIONS.pos.members);
  const transactions = docs<PosTransactionDoc>('pos', COLLECTIONS.pos.transactions);
  const activity = await identity.activity.find({ customerId: customer._id }).sort({ at: -1, _id: -1 }).toArray();
  const mergedIds = (await identity.merges.find({ survivor: customer._id }, { projection: { _id: 1 } }).toArray()).map((m) => m._id);

  const profile = goldenProfile(
    customerInputsFromDocuments({
      crmContacts: contacts,
      crmCases: cases,
      webVisitors: visitors,
      webSessions: sessions,
      webEvents: events,
      posMembers: members,
      posTransactions: transactions,
    }),
    options.indexConfig ?? DEFAULT_INDEX_CONFIG,
  );

  return toJson({
    generatedAt: options.now ?? new Date(),
    requestedId: customerId,
    customerId: customer._id,
    sources: SOURCES,
    identity: {
      id: customer._id,
      createdAt: customer.createdAt,
      updatedAt: customer.updatedAt,
      mergedFrom: [...new Set([...customer.mergedFrom, ...mergedIds])],
      channels: customer.channels,
      identifiers: customer.identifiers,
      records: records.map((r) => ({ key: r._id, source: r.source, kind: r.kind, id: r.sourceId, identifiers: r.record.identifiers, resolvedAt: r.resolvedAt })),
      links: customer.links,
      // Guard-rail decisions are left out: their evidence describes the other people's records
      // (names compared, birth dates), which a subject access request must not disclose.
    },
    crm: { contacts, cases },
    web: { visitors, sessions, events },
    pos: { members, transactions },
    activity,
    profile,
  }) as { [key: string]: JsonValue };
}
