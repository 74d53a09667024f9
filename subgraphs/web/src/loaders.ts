import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { COLLECTIONS, type WebEventDoc, type WebSessionDoc, type WebVisitorDoc } from '../../../src/contract/documents';
import { ensureChannelIndexes } from '../../../src/contract/indexes';
import {
  createByKeyLoader,
  createChildPageLoader,
  createChildrenLoader,
  type ChildPage,
  type ChildPageKey,
} from '../../common/src/loaders';
import { LATEST_EVENT_PER_ORDER, orderIdOf, ordersOf } from './models/orders';

/** The fields of a session the Integration Index reads (`Customer.webFacts`). */
export type SessionFactDoc = Pick<
  WebSessionDoc,
  '_id' | 'sessionId' | 'visitorId' | 'startedAt' | 'userId' | 'email' | 'hasAddToCart' | 'hasOrder'
>;
/** The fields of an `order` event lifetime value reads (`Customer.webFacts`). */
export type OrderFactDoc = Pick<WebEventDoc, '_id' | 'eventId' | 'visitorId' | 'type' | 'orderId' | 'at' | 'amount' | 'currency'>;

export interface WebLoaders {
  visitorById: DataLoader<string, WebVisitorDoc | null>;
  sessionById: DataLoader<string, WebSessionDoc | null>;
  eventById: DataLoader<string, WebEventDoc | null>;
  /** Every event of a session, in time order (ties by event id). */
  eventsBySession: DataLoader<string, WebEventDoc[]>;
  /** An order's latest `order` event, by order id. */
  orderById: DataLoader<string, WebEventDoc | null>;
  /** Pages of a visitor's sessions, newest first by `startedAt`. */
  sessionPagesByVisitor: DataLoader<ChildPageKey, ChildPage, string>;
  /** Pages of a visitor's orders (their latest `order` events), newest first. */
  orderPagesByVisitor: DataLoader<ChildPageKey, ChildPage, string>;
  /** Every session of a visitor, newest first, only the fields the index reads. */
  sessionFactsByVisitor: DataLoader<string, SessionFactDoc[]>;
  /** Every `order` event of a visitor, newest first, only the fields lifetime value reads. */
  orderFactsByVisitor: DataLoader<string, OrderFactDoc[]>;
}

/** Per-request loaders over the `web` database; build new ones for every request. */
export function createLoaders(db: Db): WebLoaders {
  const events = db.collection<WebEventDoc>(COLLECTIONS.web.events);
  const eventById = createByKeyLoader(events);
  return {
    visitorById: createByKeyLoader(db.collection<WebVisitorDoc>(COLLECTIONS.web.visitors)),
    sessionById: createByKeyLoader(db.collection<WebSessionDoc>(COLLECTIONS.web.sessions)),
    eventById,
    eventsBySession: createChildrenLoader(events, 'sessionId', { at: 1, _id: 1 }),
    orderById: new DataLoader<string, WebEventDoc | null>(async (orderIds) => {
      const ids = [...orderIds];
      const found = await events
        .find({ type: 'order', $or: [{ orderId: { $in: ids } }, { _id: { $in: ids }, orderId: { $exists: false } }] })
        .toArray();
      for (const event of found) eventById.prime(event._id, event);
      const byOrder = new Map(ordersOf(found).map((event) => [orderIdOf(event), event]));
      return orderIds.map((id) => byOrder.get(id) ?? null);
    }),
    sessionPagesByVisitor: createChildPageLoader(db.collection(COLLECTIONS.web.sessions), {
      parentField: 'visitorId',
      timeField: 'startedAt',
    }),
    orderPagesByVisitor: createChildPageLoader(db.collection(COLLECTIONS.web.events), {
      parentField: 'visitorId',
      timeField: 'at',
      match: { type: 'order' },
      stages: LATEST_EVENT_PER_ORDER,
    }),
    sessionFactsByVisitor: createChildrenLoader(
      db.collection<SessionFactDoc>(COLLECTIONS.web.sessions),
      'visitorId',
      { startedAt: -1, _id: -1 },
      { projection: { sessionId: 1, visitorId: 1, startedAt: 1, userId: 1, email: 1, hasAddToCart: 1, hasOrder: 1 } },
    ),
    orderFactsByVisitor: createChildrenLoader(
      db.collection<OrderFactDoc>(COLLECTIONS.web.events),
      'visitorId',
      { at: -1, _id: -1 },
      {
        match: { type: 'order' },
        projection: { eventId: 1, visitorId: 1, type: 1, orderId: 1, at: 1, amount: 1, currency: 1 },
      },
    ),
  };
}

/** The indexes behind every read above (the `_id` index serves the by-id loaders). */
export function ensureIndexes(db: Db): Promise<void> {
  return ensureChannelIndexes(db, 'web');
}
