import { hasText } from '../../../common/src/text';
import type { WebSessionResolvers } from '../__generated__/resolvers-types';
import { ordersOf } from '../models/orders';

export const WebSession: WebSessionResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.sessionById.load(reference.sessionId),
  async visitor(session, _, { loaders }) {
    const visitor = await loaders.visitorById.load(session.visitorId);
    // Sessions and visitors are rebuilt together from the same events; a gap is a data fault.
    if (!visitor) throw new Error(`session ${session.sessionId} refers to missing visitor ${session.visitorId}`);
    return visitor;
  },
  recognised: (session) => hasText(session.userId) || hasText(session.email),
  outcome: (session) => (session.hasOrder ? 'ORDERED' : session.hasAddToCart ? 'ABANDONED_CART' : 'BROWSED'),
  async cartSkus(session, _, { loaders }) {
    const events = await loaders.eventsBySession.load(session.sessionId);
    return [...new Set(events.flatMap((e) => (e.type === 'add_to_cart' && e.sku ? [e.sku] : [])))];
  },
  events: (session, _, { loaders }) => loaders.eventsBySession.load(session.sessionId),
  async orders(session, _, { loaders }) {
    return ordersOf(await loaders.eventsBySession.load(session.sessionId));
  },
};
