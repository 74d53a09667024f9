import type { WebVisitorDoc } from '../../../../src/contract/documents';
import { webSessionInputFromDoc } from '../../../../src/insights/inputs';
import type { CustomerResolvers } from '../__generated__/resolvers-types';

export const Customer: CustomerResolvers = {
  // The web shop keeps no customers: the reference (with its @requires fields) is the parent.
  __resolveReference: (reference) => reference,
  async webFacts(customer, _args, { loaders }) {
    const visitorIds = (customer.webVisitors ?? []).map((visitor) => visitor.visitorId);
    // Each loader batches across every customer of the `_entities` call: three finds in all.
    const [visitors, sessions, orders] = await Promise.all([
      Promise.all(visitorIds.map((id) => loaders.visitorById.load(id))),
      Promise.all(visitorIds.map((id) => loaders.sessionFactsByVisitor.load(id))),
      Promise.all(visitorIds.map((id) => loaders.orderFactsByVisitor.load(id))),
    ]);
    return {
      visitors: visitors.filter((visitor): visitor is WebVisitorDoc => visitor !== null),
      sessions: sessions.flat().map(webSessionInputFromDoc),
      orders: orders.flat(),
    };
  },
};
