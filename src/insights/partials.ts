import type { AnyBulkWriteOperation, Db } from 'mongodb';
import {
  COLLECTIONS,
  PARTIAL_COLLECTIONS,
  type Channel,
  type CrmCaseDoc,
  type CrmContactDoc,
  type PosMemberDoc,
  type WebSessionDoc,
  type WebVisitorDoc,
} from '../contract/documents';
import { displayCountry } from './display';
import { crmContactInputFromDoc, posMemberInputFromDoc, webVisitorInputFromDoc } from './inputs';
import { COMPARED_ATTRIBUTES, crmContactRecord, posMemberRecord, webVisitorRecord, type ProfileRecord } from './profile';
import { hashKey, reportBoundaries, type CrmReportPart, type ProfileRow, type ReportParams, type WebReportPart } from './report';
import { profileTallyOf, segmentEndingAtOrAfter, type Boundaries } from './tallies';

/*
 * The report's partials, kept by each channel service in its own database as it writes: one document
 * per source record with its profile row (plain comparison keys, hashed per report on the way out)
 * and its tallies per calendar month. The report then reads one small document per record instead
 * of re-deriving every record and re-grouping every case and session on each call; one document,
 * not one per month, because the report reads every record's profile anyway and a record's
 * document is then replaced in one write.
 *
 * A record's partials are always recomputed from its own rows, never incremented, so re-importing
 * a row, moving a case to another month or changing a csat cannot double-count or leave an old
 * contribution behind. Which records need it is kept durably (`pending_partials`), written before
 * the rows that touch them and removed only once their partials are written: a run killed in
 * between leaves the ids for the next import, ingest or `omnidex index --rebuild` to finish.
 *
 * POS receipts need no partial of their own: identity resolves each receipt separately, so the
 * receipt is the record, and its document already carries its totals per currency.
 */

/** `_id` of the marker written once every record's partials exist (a full rebuild has run). */
const BUILT = 'built';
const CHUNK = 500;

interface ProfilePartial {
  at: Date;
  /** Comparison keys in COMPARED_ATTRIBUTES order, null where the record holds none. */
  k: (string | null)[];
  /** The record's country as displayed (the country filter compares it). */
  c: string | null;
  /** CRM: the contact has a non-blank email or phone, so its cases count as recognised. */
  rec?: 0 | 1;
}

/**
 * One record's partials. `m` holds one entry per month with interactions: [the month's end (ms),
 * then crm: cases, rated, Σ csat; web: sessions, recognised, with add_to_cart, with order]; the
 * month is (end − 1 month, end].
 */
interface PartialDoc {
  _id: string;
  /** Absent for an id known only from its interactions (a case whose contact is not imported). */
  p?: ProfilePartial;
  m: number[][];
}

interface PendingDoc {
  _id: string;
  ids: string[];
}

function hasText(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The end of the month an instant is counted in: months are (first instant, first instant of the
 * next month], the windows' convention, so 00:00 on the 1st still belongs to the month before.
 */
export function monthEndOf(at: number): number {
  const d = new Date(at - 1);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The first instant of a month nearest to `at` (the earlier one on a tie). */
function nearestMonthEdge(at: number): number {
  const d = new Date(at);
  const floor = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const ceil = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return at - floor <= ceil - at ? floor : ceil;
}

function profileOf(record: ProfileRecord, rec?: 0 | 1): [string, ProfilePartial] {
  const { keys } = profileTallyOf(record);
  const doc: ProfilePartial = {
    at: record.updatedAt,
    k: COMPARED_ATTRIBUTES.map((attribute) => keys[attribute] ?? null),
    c: displayCountry(record.country) ?? null,
  };
  if (rec !== undefined) doc.rec = rec;
  return [record.recordId, doc];
}

type Months = Map<number, number[]>;

function addTo(months: Months, to: number, values: number[]): void {
  const sums = months.get(to);
  if (sums === undefined) months.set(to, [...values]);
  else values.forEach((v, i) => (sums[i]! += v));
}

type CaseFields = Pick<CrmCaseDoc, 'contactId' | 'openedAt' | 'csat'>;
type SessionFields = Pick<WebSessionDoc, 'visitorId' | 'startedAt' | 'userId' | 'email' | 'hasAddToCart' | 'hasOrder'>;

const caseValues = (c: CaseFields): number[] => [1, typeof c.csat === 'number' ? 1 : 0, typeof c.csat === 'number' ? c.csat : 0];
const sessionValues = (s: SessionFields): number[] => [
  1,
  hasText(s.userId) || hasText(s.email) ? 1 : 0,
  s.hasAddToCart === true ? 1 : 0,
  s.hasOrder === true ? 1 : 0,
];

/** The interactions `rows` yields, summed per record and month. */
async function monthsByRecord<T>(rows: AsyncIterable<T>, recordOf: (row: T) => string, atOf: (row: T) => Date, valuesOf: (row: T) => number[]): Promise<Map<string, Months>> {
  const byRecord = new Map<string, Months>();
  for await (const row of rows) {
    const id = recordOf(row);
    let months = byRecord.get(id);
    if (months === undefined) byRecord.set(id, (months = new Map()));
    addTo(months, monthEndOf(atOf(row).getTime()), valuesOf(row));
  }
  return byRecord;
}

/** Every record a channel has partials for: its records, and those its interactions name. */
async function recordIds(db: Db, records: string, interactions: string, ownerField: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const { _id } of db.collection<{ _id: string }>(records).find({}, { projection: { _id: 1 } })) ids.add(_id);
  for await (const row of db.collection(interactions).find({}, { projection: { [ownerField]: 1 } })) ids.add(row[ownerField] as string);
  return ids;
}

/** Per channel: where its profile records and interactions live, and how each reduces. */
const SOURCES = {
  crm: {
    async profiles(db: Db, ids: string[]): Promise<[string, ProfilePartial][]> {
      const docs = await db.collection<CrmContactDoc>(COLLECTIONS.crm.contacts).find({ _id: { $in: ids } }).toArray();
      return docs.map((doc) => profileOf(crmContactRecord(crmContactInputFromDoc(doc)), hasText(doc.email) || hasText(doc.phone) ? 1 : 0));
    },
    tallies(db: Db, ids: string[]): Promise<Map<string, Months>> {
      const cases = db
        .collection<CrmCaseDoc>(COLLECTIONS.crm.cases)
        .find({ contactId: { $in: ids } }, { projection: { contactId: 1, openedAt: 1, csat: 1 } });
      return monthsByRecord(cases, (c) => c.contactId, (c) => c.openedAt, caseValues);
    },
    allIds: (db: Db) => recordIds(db, COLLECTIONS.crm.contacts, COLLECTIONS.crm.cases, 'contactId'),
  },
  web: {
    async profiles(db: Db, ids: string[]): Promise<[string, ProfilePartial][]> {
      const docs = await db.collection<WebVisitorDoc>(COLLECTIONS.web.visitors).find({ _id: { $in: ids } }).toArray();
      return docs.map((doc) => profileOf(webVisitorRecord(webVisitorInputFromDoc(doc))));
    },
    tallies(db: Db, ids: string[]): Promise<Map<string, Months>> {
      const sessions = db
        .collection<WebSessionDoc>(COLLECTIONS.web.sessions)
        .find({ visitorId: { $in: ids } }, { projection: { visitorId: 1, startedAt: 1, userId: 1, email: 1, hasAddToCart: 1, hasOrder: 1 } });
      return monthsByRecord(sessions, (session) => session.visitorId, (session) => session.startedAt, sessionValues);
    },
    allIds: (db: Db) => recordIds(db, COLLECTIONS.web.visitors, COLLECTIONS.web.sessions, 'visitorId'),
  },
  pos: {
    async profiles(db: Db, ids: string[]): Promise<[string, ProfilePartial][]> {
      const docs = await db.collection<PosMemberDoc>(COLLECTIONS.pos.members).find({ _id: { $in: ids } }).toArray();
      return docs.map((doc) => profileOf(posMemberRecord(posMemberInputFromDoc(doc))));
    },
    async tallies(): Promise<Map<string, Months>> {
      return new Map();
    },
    async allIds(db: Db): Promise<Set<string>> {
      const ids = new Set<string>();
      for await (const { _id } of db.collection<PosMemberDoc>(COLLECTIONS.pos.members).find({}, { projection: { _id: 1 } })) ids.add(_id);
      return ids;
    },
  },
} as const satisfies Record<Channel, unknown>;

/**
 * Names records whose partials must be recomputed; must be acknowledged before the rows that
 * change them are written. `batchId` is unique among the writes that may be pending at once.
 */
export async function recordPendingPartials(db: Db, batchId: string, ids: Iterable<string>): Promise<void> {
  const list = [...new Set(ids)];
  if (list.length === 0) return;
  // A union, not a replacement: a batch written again after a kill keeps what its first try named.
  await db
    .collection<PendingDoc>(PARTIAL_COLLECTIONS.pending)
    .updateOne({ _id: `ids:${batchId}` }, { $addToSet: { ids: { $each: list } } }, { upsert: true });
}

/** Recomputes the partials of `ids` from their rows: replaces (or removes) each one's document. */
export async function rebuildRecordPartials(db: Db, channel: Channel, ids: Iterable<string>): Promise<number> {
  const source = SOURCES[channel];
  const partials = db.collection<PartialDoc>(PARTIAL_COLLECTIONS.records);
  let rebuilt = 0;
  const all = [...new Set(ids)];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const [profiles, tallies] = await Promise.all([source.profiles(db, chunk), source.tallies(db, chunk)]);
    const byId = new Map(profiles);
    const writes: AnyBulkWriteOperation<PartialDoc>[] = chunk.map((id) => {
      const profile = byId.get(id);
      const months = [...(tallies.get(id) ?? [])].sort(([a], [b]) => a - b).map(([to, n]) => [to, ...n]);
      if (profile === undefined && months.length === 0) return { deleteOne: { filter: { _id: id } } };
      const doc: PartialDoc = { _id: id, m: months };
      if (profile !== undefined) doc.p = profile;
      return { replaceOne: { filter: { _id: id }, replacement: doc, upsert: true } };
    });
    await partials.bulkWrite(writes, { ordered: false });
    rebuilt += chunk.length;
  }
  return rebuilt;
}

/**
 * Recomputes the partials of every record a pending entry names, whoever left it (a run killed
 * midway included), then removes the entries it read. Like the web rebuilds, not concurrently
 * with another import of the same channel.
 */
export async function rebuildPendingPartials(db: Db, channel: Channel): Promise<number> {
  const pending = db.collection<PendingDoc>(PARTIAL_COLLECTIONS.pending);
  const ids = new Set<string>();
  const read: string[] = [];
  for await (const doc of pending.find({ _id: { $ne: BUILT } })) {
    read.push(doc._id);
    for (const id of doc.ids) ids.add(id);
  }
  if (!(await partialsBuilt(db))) return rebuildAllPartials(db, channel);
  const rebuilt = await rebuildRecordPartials(db, channel, ids);
  if (read.length > 0) await pending.deleteMany({ _id: { $in: read } });
  return rebuilt;
}

/** Whether every record's partials have been built once (new databases, and those from before partials, have not). */
export async function partialsBuilt(db: Db): Promise<boolean> {
  return (await db.collection<PendingDoc>(PARTIAL_COLLECTIONS.pending).countDocuments({ _id: BUILT }, { limit: 1 })) > 0;
}

/**
 * Recomputes every record's partials from scratch (the repair `omnidex index --rebuild` runs),
 * including records whose rows are gone, whose partials it removes. Idempotent; a kill midway
 * leaves the marker unset, so the next import or ingest of the channel runs it again.
 */
export async function rebuildAllPartials(db: Db, channel: Channel): Promise<number> {
  const pending = db.collection<PendingDoc>(PARTIAL_COLLECTIONS.pending);
  await pending.deleteOne({ _id: BUILT });
  const ids = await SOURCES[channel].allIds(db);
  for await (const { _id } of db.collection<PartialDoc>(PARTIAL_COLLECTIONS.records).find({}, { projection: { _id: 1 } })) ids.add(_id);
  const read = (await pending.find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
  const rebuilt = await rebuildRecordPartials(db, channel, ids);
  if (read.length > 0) await pending.deleteMany({ _id: { $in: read } });
  await pending.replaceOne({ _id: BUILT }, { ids: [] }, { upsert: true });
  return rebuilt;
}

/** Removes the partials of forgotten records (their rows are gone or pseudonymised). */
export async function forgetPartials(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (await db.collection<PartialDoc>(PARTIAL_COLLECTIONS.records).deleteMany({ _id: { $in: [...ids] } })).deletedCount;
}

// ---- the report from partials -------------------------------------------------------------------

type Row = [string, number, ...number[]];

/**
 * Every record's profile row, and its tallies per report segment: the whole months inside each
 * segment from its document, plus the rows between each window edge and its nearest month edge.
 * With A(b) the month edge nearest boundary b, the segment (b′, b] is the months in (A(b′), A(b)],
 * plus the rows in (A(b), b], minus those in (A(b′), b′] (an interval read backwards counts
 * negatively). Counts are integers, so the sums are exact; one record's single segment may come
 * out negative, never a window's total.
 */
async function readPartials(
  db: Db,
  params: ReportParams,
  rows: (from: number, to: number) => AsyncIterable<{ recordId: string; values: number[] }>,
): Promise<{ profiles: (ProfileRow | [...ProfileRow, 0 | 1])[]; segments: Row[] }> {
  const boundaries: Boundaries = reportBoundaries(params);
  const profiles: (ProfileRow | [...ProfileRow, 0 | 1])[] = [];
  const segments: Row[] = [];
  const aligned = boundaries.map(nearestMonthEdge);
  const first = aligned[0] ?? 0;
  const last = aligned[aligned.length - 1] ?? 0;
  const country = params.filter.country;
  // The smallest k with to ≤ A[k]; then A[k − 1] < to, duplicates of A included.
  const segmentOfMonth = (to: number): number => segmentEndingAtOrAfter(to, aligned);

  for await (const doc of db.collection<PartialDoc>(PARTIAL_COLLECTIONS.records).find({})) {
    const p = doc.p;
    if (p !== undefined) {
      const flag = country === undefined || p.c === null ? null : p.c === country ? 1 : 0;
      const row: ProfileRow = [
        doc._id,
        p.at.getTime(),
        ...(p.k.map((key) => hashKey(params.salt, key ?? undefined)) as [string | null, string | null, string | null, string | null]),
        flag,
      ];
      profiles.push(p.rec === undefined ? row : [...row, p.rec]);
    }
    if (boundaries.length < 2) continue;
    for (const [to, ...n] of doc.m) {
      if (to! > first && to! <= last) segments.push([doc._id, segmentOfMonth(to!), ...n]);
    }
  }

  for (let i = 0; i < boundaries.length; i += 1) {
    const b = boundaries[i]!;
    const a = aligned[i]!;
    if (a === b || boundaries.length < 2) continue;
    const sign = b > a ? 1 : -1;
    for await (const { recordId, values } of rows(Math.min(a, b), Math.max(a, b))) {
      if (i >= 1) segments.push([recordId, i, ...values.map((v) => sign * v)]);
      if (i + 1 < boundaries.length) segments.push([recordId, i + 1, ...values.map((v) => -sign * v)]);
    }
  }
  return { profiles, segments };
}

/** The CRM's part of a report from its partials; the same rows `crmReportPart` derives from the documents. */
export async function crmReportPartFromPartials(db: Db, params: ReportParams): Promise<CrmReportPart> {
  const cases = db.collection<CrmCaseDoc>(COLLECTIONS.crm.cases);
  const { profiles, segments } = await readPartials(db, params, async function* (from, to) {
    const found = cases.find({ openedAt: { $gt: new Date(from), $lte: new Date(to) } }, { projection: { contactId: 1, openedAt: 1, csat: 1 } });
    for await (const c of found) yield { recordId: c.contactId, values: caseValues(c) };
  });
  return { contacts: profiles as CrmReportPart['contacts'], cases: segments as CrmReportPart['cases'] };
}

/** The web shop's part of a report from its partials. */
export async function webReportPartFromPartials(db: Db, params: ReportParams): Promise<WebReportPart> {
  const sessions = db.collection<WebSessionDoc>(COLLECTIONS.web.sessions);
  const { profiles, segments } = await readPartials(db, params, async function* (from, to) {
    const found = sessions.find(
      { startedAt: { $gt: new Date(from), $lte: new Date(to) } },
      { projection: { visitorId: 1, startedAt: 1, userId: 1, email: 1, hasAddToCart: 1, hasOrder: 1 } },
    );
    for await (const s of found) yield { recordId: s.visitorId, values: sessionValues(s) };
  });
  return { visitors: profiles as ProfileRow[], sessions: segments as WebReportPart['sessions'] };
}

/** The members' profile rows from the POS partials. */
export async function posMemberRowsFromPartials(db: Db, params: ReportParams): Promise<ProfileRow[]> {
  const { profiles } = await readPartials(db, params, async function* () {});
  return profiles as ProfileRow[];
}
