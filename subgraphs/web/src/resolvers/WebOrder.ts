import type { WebOrderResolvers } from '../__generated__/resolvers-types';
import { orderIdOf } from '../models/orders';

export const WebOrder: WebOrderResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.orderById.load(reference.orderId),
  orderId: (event) => orderIdOf(event),
  amount: (event) =>
    event.amount !== undefined && event.amount !== null && event.currency
      ? { amount: event.amount, currency: event.currency }
      : null,
  async session(event, _, { loaders }) {
    const session = await loaders.sessionById.load(event.sessionId);
    if (!session) throw new Error(`order event ${event.eventId} refers to missing session ${event.sessionId}`);
    return session;
  },
  async visitor(event, _, { loaders }) {
    const visitor = await loaders.visitorById.load(event.visitorId);
    if (!visitor) throw new Error(`order event ${event.eventId} refers to missing visitor ${event.visitorId}`);
    return visitor;
  },
};
