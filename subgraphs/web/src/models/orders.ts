import type { WebEventDoc } from '../../../../src/contract/documents';

/*
 * An online order is an `order` event. The same order logged twice is one order, its latest event
 * (ties: the larger event id); an order event without an orderId is an order of its own, known by
 * its event id. The insights subgraph counts orders by the same rule (src/insights/inputs.ts).
 */

export function orderIdOf(event: Pick<WebEventDoc, 'eventId' | 'orderId'>): string {
  return event.orderId ? event.orderId : event.eventId;
}

function isLater(a: WebEventDoc, b: WebEventDoc): boolean {
  return a.at.getTime() > b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.eventId > b.eventId);
}

/** The orders among some events, one event per order, in time order. */
export function ordersOf(events: readonly WebEventDoc[]): WebEventDoc[] {
  const byOrder = new Map<string, WebEventDoc>();
  for (const event of events) {
    if (event.type !== 'order') continue;
    const seen = byOrder.get(orderIdOf(event));
    if (!seen || isLater(event, seen)) byOrder.set(orderIdOf(event), event);
  }
  return [...byOrder.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.eventId < b.eventId ? -1 : 1));
}

/**
 * Aggregation stages that keep, per visitor and order, only the order's latest event, shaped
 * like an event (`_id`, `visitorId`, `at`) so the paging stages can follow.
 */
export const LATEST_EVENT_PER_ORDER = [
  { $sort: { at: -1, _id: -1 } },
  {
    $group: {
      _id: { visitorId: '$visitorId', orderId: { $ifNull: ['$orderId', '$_id'] } },
      eventId: { $first: '$_id' },
      visitorId: { $first: '$visitorId' },
      at: { $first: '$at' },
    },
  },
  { $project: { _id: '$eventId', visitorId: 1, at: 1 } },
];
