import { COLLECTIONS, DATABASES, type WebEventDoc, type WebEventType } from '../../src/contract/documents';
import { rebuildWebDerived } from '../../src/import/web-derived';
import type { RunningSubgraph } from '../../subgraphs/common/src/subgraph';
import { webSubgraph } from '../../subgraphs/web/src';
import { internalHeaders } from '../support/auth';
import { postGraphQL } from '../support/stack';
import { readAllPages, startHarness, type SubgraphHarness } from '../unit/subgraphs/harness';

const imported = { file: 'web/events.jsonl', line: 1, importedAt: new Date('2026-01-01T00:00:00Z') };
const BASE = Date.parse('2025-06-01T10:00:00Z');
const at = (minute: number) => new Date(BASE + minute * 60_000);

let eventCount = 0;
function event(
  visitorId: string,
  sessionId: string,
  minute: number,
  type: WebEventType,
  fields: Partial<WebEventDoc> = {},
): WebEventDoc {
  const eventId = fields.eventId ?? `E${String(++eventCount).padStart(4, '0')}`;
  return { _id: eventId, eventId, visitorId, sessionId, at: at(minute), type, device: 'desktop', imported, ...fields };
}

// V01: an ordering session (two cart adds at the same instant), an abandoned cart, a browse, and a
// session whose order was logged twice plus an order event that carries no order id.
const events: WebEventDoc[] = [
  event('V01', 'S1', 0, 'page_view', { url: '/' }),
  event('V01', 'S1', 1, 'product_view', { sku: 'SKU-A' }),
  event('V01', 'S1', 2, 'add_to_cart', { sku: 'SKU-A', eventId: 'E1-cart-b' }),
  event('V01', 'S1', 2, 'add_to_cart', { sku: 'SKU-B', eventId: 'E1-cart-a' }),
  event('V01', 'S1', 3, 'checkout', { email: 'ana@example.com' }),
  event('V01', 'S1', 4, 'order', { orderId: 'O-1', amount: 59.9, currency: 'EUR', email: 'ana@example.com' }),
  event('V01', 'S2', 100, 'page_view', { device: 'mobile' }),
  event('V01', 'S2', 101, 'add_to_cart', { sku: 'SKU-C', device: 'mobile' }),
  event('V01', 'S3', 200, 'page_view', { device: 'tablet' }),
  event('V01', 'S4', 300, 'login', { userId: 'u-1' }),
  event('V01', 'S4', 301, 'order', { orderId: 'O-2', amount: 10, currency: 'EUR' }),
  event('V01', 'S4', 302, 'order', { orderId: 'O-2', amount: 12, currency: 'EUR' }),
  event('V01', 'S4', 303, 'order', { eventId: 'E-no-order-id', amount: 5, currency: 'GBP' }),
  // Thirty more visitors with one short ordering session each; pairs share their first-seen time.
  ...Array.from({ length: 30 }, (_, i) => {
    const visitorId = `V${String(i + 2).padStart(2, '0')}`;
    return [
      event(visitorId, `S-${visitorId}`, 1_000 + Math.floor(i / 2), 'page_view'),
      event(visitorId, `S-${visitorId}`, 1_001 + Math.floor(i / 2), 'add_to_cart', { sku: 'SKU-Z' }),
      event(visitorId, `S-${visitorId}`, 1_002 + Math.floor(i / 2), 'order', { orderId: `O-${visitorId}`, amount: 20, currency: 'EUR' }),
    ];
  }).flat(),
];

let harness: SubgraphHarness;
let web: RunningSubgraph;

beforeAll(async () => {
  harness = await startHarness();
  await harness.client.db(DATABASES.web).collection<WebEventDoc>(COLLECTIONS.web.events).insertMany(events);
  // Sessions and visitors derived exactly as `omnidex import` derives them.
  await rebuildWebDerived(harness.client.db(DATABASES.web), {
    sessionIds: new Set(events.map((e) => e.sessionId)),
    visitorIds: new Set(events.map((e) => e.visitorId)),
  });
  web = await harness.start(webSubgraph);
});

afterAll(async () => {
  await harness?.stop();
});

async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
  const { status, body } = await postGraphQL<T>(web.url, q, variables, await internalHeaders());
  if (status !== 200 || body.errors) throw new Error(`HTTP ${status}: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

describe('web subgraph', () => {
  it('serves a visitor with first/last seen, devices and counts', async () => {
    const data = await query('{ webVisitor(visitorId: "V01") { visitorId firstSeenAt lastSeenAt devices userIds emails latestEmail sessionCount orderCount } }');
    expect(data.webVisitor).toEqual({
      visitorId: 'V01',
      firstSeenAt: at(0).toISOString(),
      lastSeenAt: at(303).toISOString(),
      devices: ['DESKTOP', 'MOBILE', 'TABLET'],
      userIds: ['u-1'],
      emails: ['ana@example.com'],
      latestEmail: 'ana@example.com',
      sessionCount: 4,
      orderCount: 4,
    });
  });

  it('serves sessions newest first with events in time order, cart and outcome', async () => {
    const data = await query(`{ webVisitor(visitorId: "V01") { sessions(first: 10) { totalCount edges { node {
      sessionId startedAt endedAt eventCount recognised hasAddToCart hasOrder outcome cartSkus
      events { eventId type at sku } orders { orderId amount { amount currency } }
    } } } } }`);
    const sessions = data.webVisitor.sessions.edges.map((e: any) => e.node);
    expect(data.webVisitor.sessions.totalCount).toBe(4);
    expect(sessions.map((s: any) => [s.sessionId, s.outcome, s.recognised])).toEqual([
      ['S4', 'ORDERED', true],
      ['S3', 'BROWSED', false],
      ['S2', 'ABANDONED_CART', false],
      ['S1', 'ORDERED', true],
    ]);
    const s1 = sessions[3];
    expect(s1.events.map((e: any) => e.eventId)).toEqual(
      events.filter((e) => e.sessionId === 'S1').sort((a, b) => +a.at - +b.at || (a.eventId < b.eventId ? -1 : 1)).map((e) => e.eventId),
    );
    expect(s1.events[2]).toMatchObject({ eventId: 'E1-cart-a', type: 'ADD_TO_CART', sku: 'SKU-B' });
    expect(s1.cartSkus).toEqual(['SKU-B', 'SKU-A']);
    expect(s1.orders).toEqual([{ orderId: 'O-1', amount: { amount: 59.9, currency: 'EUR' } }]);
    expect(sessions[0].orders.map((o: any) => [o.orderId, o.amount.amount])).toEqual([
      ['O-2', 12],
      ['E-no-order-id', 5],
    ]);
  });

  it('lists a visitor\'s orders newest first, one per order id, to the end', async () => {
    const { nodes } = await readAllPages(async (after) =>
      (await query('query($after: String) { webVisitor(visitorId: "V01") { orders(first: 1, after: $after) { edges { cursor node { orderId at amount { amount } } } pageInfo { hasNextPage endCursor } } } }', { after })).webVisitor.orders,
    );
    expect(nodes).toEqual([
      { orderId: 'E-no-order-id', at: at(303).toISOString(), amount: { amount: 5 } },
      { orderId: 'O-2', at: at(302).toISOString(), amount: { amount: 12 } },
      { orderId: 'O-1', at: at(4).toISOString(), amount: { amount: 59.9 } },
    ]);
  });

  it('pages through every visitor once, newest first', async () => {
    const { nodes } = await readAllPages(async (after) =>
      (await query('query($after: String) { webVisitors(first: 4, after: $after) { edges { cursor node { visitorId firstSeenAt } } pageInfo { hasNextPage endCursor } } }', { after })).webVisitors,
    );
    const firstSeen = new Map<string, number>();
    for (const e of events) firstSeen.set(e.visitorId, Math.min(firstSeen.get(e.visitorId) ?? Infinity, +e.at));
    const expected = [...firstSeen.entries()].sort(([a, ta], [b, tb]) => tb - ta || (a < b ? 1 : -1)).map(([v]) => v);
    expect(nodes.map((n: any) => n.visitorId)).toEqual(expected);
  });

  it('finds an order by id: the latest event of an order logged twice', async () => {
    const data = await query('{ webOrder(orderId: "O-2") { orderId at amount { amount currency } session { sessionId } visitor { visitorId } } none: webOrder(orderId: "O-404") { orderId } }');
    expect(data).toEqual({
      webOrder: { orderId: 'O-2', at: at(302).toISOString(), amount: { amount: 12, currency: 'EUR' }, session: { sessionId: 'S4' }, visitor: { visitorId: 'V01' } },
      none: null,
    });
  });

  it('resolves _entities of every type in order, a miss as null', async () => {
    const data = await query(`query($r: [_Any!]!) { _entities(representations: $r) {
      ... on WebVisitor { visitorId }
      ... on WebSession { sessionId visitor { visitorId } }
      ... on WebOrder { orderId }
    } }`, {
      r: [
        { __typename: 'WebSession', sessionId: 'S2' },
        { __typename: 'WebVisitor', visitorId: 'V07' },
        { __typename: 'WebOrder', orderId: 'E-no-order-id' },
        { __typename: 'WebVisitor', visitorId: 'V99' },
        { __typename: 'WebOrder', orderId: 'O-1' },
      ],
    });
    expect(data._entities).toEqual([
      { sessionId: 'S2', visitor: { visitorId: 'V01' } },
      { visitorId: 'V07' },
      { orderId: 'E-no-order-id' },
      null,
      { orderId: 'O-1' },
    ]);
  });

  it('refuses a cursor of another list with BAD_USER_INPUT', async () => {
    const first = await query('{ webVisitors(first: 1) { pageInfo { endCursor } } }');
    const { body } = await postGraphQL(web.url, 'query($a: String) { webVisitor(visitorId: "V01") { sessions(after: $a) { totalCount } } }', {
      a: first.webVisitors.pageInfo.endCursor,
    }, await internalHeaders());
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/not a cursor of WebVisitor.sessions/);
  });

  it('lists visitors with sessions, events and orders in a number of commands that does not grow with the visitors', async () => {
    const listQuery = `query($first: Int!) { webVisitors(first: $first) { edges { node {
      visitorId
      sessions(first: 3) { edges { node { sessionId visitor { visitorId } events { type } cartSkus orders { orderId } } } }
      orders(first: 3) { totalCount edges { node { orderId session { sessionId } } } }
    } } } }`;
    const cost = async (first: number) => {
      harness.commands.reset();
      const data = await query(listQuery, { first });
      expect(data.webVisitors.edges).toHaveLength(first);
      for (const { node } of data.webVisitors.edges) expect(node.orders.edges.length).toBeGreaterThan(0);
      return harness.commands.byName();
    };
    const five = await cost(5);
    const thirty = await cost(30);
    expect(thirty).toEqual(five);
    // Visitors; per list, one aggregate for every visitor's page and one find of its documents;
    // one find of all the sessions' events.
    expect(thirty).toEqual({ aggregate: 2, find: 4 });
  });
});
