import type { WebEventDoc } from '../../../src/contract/documents';
import { shopperKeyOf } from '../../../src/contract/documents';
import { parseShopperKey } from '../../../subgraphs/pos/src/models/shopper';
import { orderIdOf, ordersOf } from '../../../subgraphs/web/src/models/orders';

const imported = { file: 'web/events.jsonl', line: 1, importedAt: new Date(0) };
function event(eventId: string, minute: number, fields: Partial<WebEventDoc> = {}): WebEventDoc {
  return { _id: eventId, eventId, visitorId: 'V', sessionId: 'S', at: new Date(minute * 60_000), type: 'order', imported, ...fields };
}

describe('web orders', () => {
  it('keep one event per order id, the latest (ties: larger event id), in time order', () => {
    const orders = ordersOf([
      event('e3', 5, { orderId: 'B', amount: 1 }),
      event('e1', 1, { orderId: 'A', amount: 10 }),
      event('e2', 3, { orderId: 'A', amount: 12 }),
      event('e4', 5, { orderId: 'B', amount: 2 }),
      event('e5', 2, { type: 'add_to_cart', orderId: 'C' }),
      event('e6', 4),
    ]);
    expect(orders.map((o) => [orderIdOf(o), o.amount ?? null])).toEqual([
      ['A', 12],
      ['e6', null],
      ['B', 2],
    ]);
  });
});

describe('shopper keys', () => {
  it('read back every key documents.ts writes', () => {
    for (const t of [
      { transactionId: 'T1', loyaltyId: 'L:1' },
      { transactionId: 'T2', cardToken: 'tok' },
      { transactionId: 'T3' },
    ]) {
      const parsed = parseShopperKey(shopperKeyOf(t));
      expect(parsed?.shopperKey).toBe(shopperKeyOf(t));
    }
    expect(parseShopperKey('loyalty:L:1')).toEqual({ shopperKey: 'loyalty:L:1', kind: 'loyalty', id: 'L:1' });
  });

  it.each(['L-1', 'loyalty:', 'member:1', ''])('refuse %j', (key) => {
    expect(parseShopperKey(key)).toBeUndefined();
  });
});
