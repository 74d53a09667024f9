/**
 * Rebuilds the derived web documents (sessions and visitors, see documents.ts) from all their stored
 * events, for the ids an import touched, in chunks: one `find` and one `bulkWrite` per chunk. A
 * chunk's write overlaps the next chunk's read (they touch different collections and ids).
 *
 * Which ids need it is kept in the database, not in the importer's memory: every batch of events
 * names the sessions and visitors it touches in `pending_rebuilds` before it writes them, and the
 * names go only once the rebuild is acknowledged. An import killed anywhere in between leaves
 * them, and the next import (of any files) rebuilds them too.
 */
import type { AnyBulkWriteOperation, Db } from 'mongodb';
import { recordPendingPartials } from '../insights/partials';
import {
  COLLECTIONS,
  type Device,
  type WebEventDoc,
  type WebSessionDoc,
  type WebVisitorDoc,
} from '../contract/documents';

const CHUNK = 500;

type EventFields = Pick<WebEventDoc, '_id' | 'visitorId' | 'sessionId' | 'at' | 'type' | 'userId' | 'email' | 'orderId' | 'device'>;
const PROJECTION = { visitorId: 1, sessionId: 1, at: 1, type: 1, userId: 1, email: 1, orderId: 1, device: 1 };

function chronological(a: EventFields, b: EventFields): number {
  return a.at.getTime() - b.at.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

function distinctDevices(events: EventFields[]): Device[] {
  return [...new Set(events.flatMap((e) => (e.device ? [e.device] : [])))].sort();
}

function groupBy(events: EventFields[], key: 'sessionId' | 'visitorId'): Map<string, EventFields[]> {
  const groups = new Map<string, EventFields[]>();
  for (const event of events) {
    const group = groups.get(event[key]);
    if (group) group.push(event);
    else groups.set(event[key], [event]);
  }
  for (const group of groups.values()) group.sort(chronological);
  return groups;
}

function latestWith<K extends 'userId' | 'email'>(events: EventFields[], field: K): EventFields | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]![field] !== undefined) return events[i];
  return undefined;
}

/** A session from its events (chronological); it belongs to the visitor whose event started it. */
export function buildSession(sessionId: string, events: EventFields[]): WebSessionDoc {
  const first = events[0]!;
  const session: WebSessionDoc = {
    _id: sessionId,
    sessionId,
    visitorId: first.visitorId,
    startedAt: first.at,
    endedAt: events[events.length - 1]!.at,
    eventCount: events.length,
    devices: distinctDevices(events),
    hasAddToCart: events.some((e) => e.type === 'add_to_cart'),
    hasOrder: events.some((e) => e.type === 'order'),
    orderIds: [...new Set(events.flatMap((e) => (e.type === 'order' && e.orderId ? [e.orderId] : [])))],
  };
  const withUser = latestWith(events, 'userId');
  if (withUser?.userId) session.userId = withUser.userId;
  const withEmail = latestWith(events, 'email');
  if (withEmail?.email) session.email = withEmail.email;
  return session;
}

/** A visitor (cookie) from its events (chronological). `orderCount` counts `order` events. */
export function buildVisitor(visitorId: string, events: EventFields[]): WebVisitorDoc {
  const visitor: WebVisitorDoc = {
    _id: visitorId,
    visitorId,
    firstSeenAt: events[0]!.at,
    lastSeenAt: events[events.length - 1]!.at,
    devices: distinctDevices(events),
    userIds: [...new Set(events.flatMap((e) => (e.userId ? [e.userId] : [])))],
    emails: [...new Set(events.flatMap((e) => (e.email ? [e.email] : [])))],
    sessionCount: new Set(events.map((e) => e.sessionId)).size,
    orderCount: events.filter((e) => e.type === 'order').length,
  };
  const withEmail = latestWith(events, 'email');
  if (withEmail?.email) {
    visitor.latestEmail = withEmail.email;
    visitor.latestEmailAt = withEmail.at;
  }
  return visitor;
}

async function rebuild<D extends WebSessionDoc | WebVisitorDoc>(
  db: Db,
  ids: Iterable<string>,
  key: 'sessionId' | 'visitorId',
  target: string,
  build: (id: string, events: EventFields[]) => D,
): Promise<number> {
  const events = db.collection<WebEventDoc>(COLLECTIONS.web.events);
  const derived = db.collection<D>(target);
  let rebuilt = 0;
  let chunk: string[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    if (chunk.length === 0) return;
    const found = (await events.find({ [key]: { $in: chunk } }, { projection: PROJECTION }).toArray()) as EventFields[];
    const groups = groupBy(found, key);
    const writes = chunk.map((id): AnyBulkWriteOperation<D> => {
      const group = groups.get(id);
      // Every event moved elsewhere: the derived document no longer describes anything.
      if (!group) return { deleteOne: { filter: { _id: id } as never } };
      return { replaceOne: { filter: { _id: id } as never, replacement: build(id, group) as never, upsert: true } };
    });
    await writing;
    writing = derived.bulkWrite(writes, { ordered: false });
    // Awaited by the next flush or at the end; this only keeps a failure from counting as unhandled meanwhile.
    writing.catch(() => {});
    rebuilt += chunk.length;
    chunk = [];
  };
  for (const id of ids) {
    chunk.push(id);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  await writing;
  return rebuilt;
}

/** Sessions and visitors whose events changed, so their derived documents must be rebuilt. */
export interface TouchedWebEntities {
  sessionIds: Set<string>;
  visitorIds: Set<string>;
}

/** One batch's touched ids, written before the batch's events (`recordPendingRebuild`). */
interface PendingRebuildDoc {
  _id: string;
  importId: string;
  sessionIds: string[];
  visitorIds: string[];
}

/** In the web database, beside the documents it describes. */
const PENDING_REBUILDS = 'pending_rebuilds';

/**
 * Records that the derived documents of `touched` must be rebuilt; must be acknowledged before the
 * events that touch them are written. `batchId` is unique within the import `importId`.
 */
export async function recordPendingRebuild(db: Db, importId: string, batchId: string, touched: TouchedWebEntities): Promise<void> {
  if (touched.sessionIds.size === 0 && touched.visitorIds.size === 0) return;
  await db.collection<PendingRebuildDoc>(PENDING_REBUILDS).replaceOne(
    { _id: `${importId}:${batchId}` },
    { importId, sessionIds: [...touched.sessionIds], visitorIds: [...touched.visitorIds] },
    { upsert: true },
  );
}

/**
 * Rebuilds every session and visitor a pending record names, whichever import left it (one killed
 * midway included), then removes the records it read. Imports must not run concurrently: one
 * import's rebuild could otherwise read another's events before they are written and remove its record.
 */
export async function rebuildPendingWebDerived(db: Db): Promise<{ sessions: number; visitors: number }> {
  const pending = db.collection<PendingRebuildDoc>(PENDING_REBUILDS);
  const touched: TouchedWebEntities = { sessionIds: new Set(), visitorIds: new Set() };
  const read: string[] = [];
  for await (const doc of pending.find()) {
    read.push(doc._id);
    for (const id of doc.sessionIds) touched.sessionIds.add(id);
    for (const id of doc.visitorIds) touched.visitorIds.add(id);
  }
  if (read.length === 0) return { sessions: 0, visitors: 0 };
  // A session belongs to the visitor of its first event, which a new or moved event can change
  // without touching that visitor's events: both its visitor before and after have new tallies.
  const sessionOwners = async () => {
    const owners: string[] = [];
    const ids = [...touched.sessionIds];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const found = db.collection<WebSessionDoc>(COLLECTIONS.web.sessions).find({ _id: { $in: ids.slice(i, i + CHUNK) } }, { projection: { visitorId: 1 } });
      for await (const session of found) owners.push(session.visitorId);
    }
    return owners;
  };
  const batchId = `web-derived:${read[0]}`;
  await recordPendingPartials(db, batchId, [...touched.visitorIds, ...(await sessionOwners())]);
  const rebuilt = await rebuildWebDerived(db, touched);
  await recordPendingPartials(db, batchId, await sessionOwners());
  await pending.deleteMany({ _id: { $in: read } });
  return rebuilt;
}

export async function rebuildWebDerived(
  db: Db,
  touched: TouchedWebEntities,
): Promise<{ sessions: number; visitors: number }> {
  const sessions = await rebuild(db, touched.sessionIds, 'sessionId', COLLECTIONS.web.sessions, buildSession);
  const visitors = await rebuild(db, touched.visitorIds, 'visitorId', COLLECTIONS.web.visitors, buildVisitor);
  return { sessions, visitors };
}
