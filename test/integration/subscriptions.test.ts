import { COLLECTIONS } from '../../src/contract/documents';
import { setBandCursor, watchBandsOnce } from '../../src/live/bands';
import { customerEvents } from '../../src/live/events';
import { subscribeOverSse, type SseSubscription } from '../../src/live/sse-client';
import { addWebhook, deliveries } from '../../src/live/webhooks';
import { DEFAULT_INDEX_CONFIG } from '../../src/insights';
import type { BearerRole } from '../../src/auth/caller';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

/*
 * GraphQL subscriptions through the gateway, on a whole stack with the live resolver running:
 * ingested rows reach a subscriber of their customer, merges reach `customerEvents`, the payload is
 * the Customer entity under the same field rules as a query, and band changes are emitted once.
 */

let stack: Stack;
const open: SseSubscription[] = [];

beforeAll(async () => {
  stack = await startStack({ env: { OMNIDEX_LIVE_RESOLVE: 'true', OMNIDEX_LIVE_POLL_MS: '20' } });
});

afterEach(() => {
  for (const subscription of open.splice(0)) subscription.close();
});

afterAll(async () => {
  await stack?.stop();
});

/** Sends the rows; returns when the request started (the write's time, for the latency). */
async function ingest(rows: unknown[]): Promise<number> {
  const started = Date.now();
  await stack.ingest('web/events', rows);
  return started;
}

async function subscribe(query: string, variables: Record<string, unknown> | undefined, role: BearerRole | null): Promise<SseSubscription> {
  const headers = role ? await stack.authHeaders(role as never) : {};
  const subscription = await subscribeOverSse(stack.gatewayUrl, query, variables, headers);
  open.push(subscription);
  return subscription;
}

/** The customer a visitor resolved to, once the live resolver's round has finished (its events written). */
async function customerOfVisitor(visitorId: string): Promise<string> {
  const customerId = await waitFor(
    async () => (await stack.dbs.identity.collection<{ _id: string; customerId: string }>('records').findOne({ _id: `web:visitor:${visitorId}` }))?.customerId,
    `visitor ${visitorId} resolved`,
  );
  await waitFor(async () => (await customerEvents(stack.dbs.identity).countDocuments({ kind: 'CHANGED', customerIds: customerId })) > 0, `the round of ${visitorId}`);
  return customerId;
}

/** Gives the gateway → identity stream a moment to open before the write it should hear. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

it('sends customerChanged to a subscriber after an ingest that touches its customer', async () => {
  await ingest([{ eventId: 'E-sub-1', visitorId: 'V-sub-1', sessionId: 'S-sub-1', at: '2026-11-01T10:00:00Z', type: 'login', userId: 'u-sub-1' }]);
  const customerId = await customerOfVisitor('V-sub-1');
  const subscription = await subscribe('subscription Follow($id: ID!) { customerChanged(id: $id) { id webVisitors { visitorId } } }', { id: customerId }, 'agent');
  expect(subscription.status).toBe(200);
  await settle();

  const written = await ingest([{ eventId: 'E-sub-2', visitorId: 'V-sub-1', sessionId: 'S-sub-2', at: '2026-11-02T10:00:00Z', type: 'page_view', url: '/sale' }]);
  const event = await subscription.next(10_000);
  expect(event?.errors).toBeUndefined();
  expect(event?.data?.customerChanged).toEqual({ id: customerId, webVisitors: [{ visitorId: 'V-sub-1' }] });
  // Information only: timing targets are the bench's (omnidex bench ingest).
  console.info(`customerChanged arrived ${event!.receivedAt - written} ms after the ingest request was sent`);
});

it('applies the field rules of queries to a subscription payload', async () => {
  await ingest([{ eventId: 'E-sub-3', visitorId: 'V-sub-3', sessionId: 'S-sub-3', at: '2026-11-01T10:00:00Z', type: 'login', email: 'sub.three@subs-shop.test' }]);
  const customerId = await customerOfVisitor('V-sub-3');
  const query = 'subscription($id: ID!) { customerChanged(id: $id) { id identifiers { value } profile { email { value } } } }';
  const asFrontend = await subscribe(query, { id: customerId }, 'frontend');
  const asAgent = await subscribe(query, { id: customerId }, 'agent');
  await settle();
  await ingest([{ eventId: 'E-sub-4', visitorId: 'V-sub-3', sessionId: 'S-sub-4', at: '2026-11-02T10:00:00Z', type: 'page_view' }]);

  const denied = await asFrontend.next(10_000);
  expect(denied?.data?.customerChanged?.id).toBe(customerId);
  expect(denied?.data?.customerChanged?.profile?.email ?? null).toBeNull();
  expect(denied?.data?.customerChanged?.identifiers ?? null).toBeNull();
  const codes = (denied?.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]);
  expect(codes).toEqual(expect.arrayContaining([['customerChanged.profile.email', 'FORBIDDEN'], ['customerChanged.identifiers', 'FORBIDDEN']]));

  // The same query as a query, for the same role: the same refusals.
  const asQuery = await stack.post('query($id: ID!) { customer(id: $id) { id identifiers { value } profile { email { value } } } }', { id: customerId }, { role: 'frontend' });
  expect((asQuery.body.errors ?? []).map((e) => [e.path?.slice(1).join('.'), e.extensions?.code]).sort()).toEqual(codes.map(([path, code]) => [String(path).split('.').slice(1).join('.'), code]).sort());

  const allowed = await asAgent.next(10_000);
  expect(allowed?.errors).toBeUndefined();
  expect(allowed?.data?.customerChanged?.profile?.email?.value).toBe('sub.three@subs-shop.test');
  // What the event disclosed is audited as a query's would be, by the subgraph that served it.
  const audited = await stack.dbs.identity.collection('audit').findOne({ entityType: 'Customer', entityKey: customerId, fields: 'identifiers', roles: 'agent' });
  expect(audited).toMatchObject({ subgraph: 'identity' });
});

it('refuses a subscription without a valid token, and customerEvents to the front end', async () => {
  const anonymous = await subscribe('subscription { customerEvents { kind customerId } }', undefined, null);
  expect(anonymous.status).toBe(401);
  expect(anonymous.refusal).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

  const ingestOnly = await subscribe('subscription { customerEvents { kind customerId } }', undefined, 'ingest');
  expect(ingestOnly.status).toBe(403);

  const frontend = await subscribe('subscription { customerEvents { kind customerId } }', undefined, 'frontend');
  const refused = await frontend.next(10_000);
  expect(refused?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await frontend.next(10_000)).toBeUndefined();

  const unknown = await subscribe('subscription { customerChanged(id: "cus_nobody") { id } }', undefined, 'agent');
  expect((await unknown.next(10_000))?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

it('sends a merge to customerEvents(kinds: [MERGED])', async () => {
  const subscription = await subscribe('subscription { customerEvents(kinds: [MERGED]) { kind customerId mergedFrom customer { id } } }', undefined, 'marketing');
  await settle();
  await ingest([
    { eventId: 'E-sub-m1', visitorId: 'V-sub-m1', sessionId: 'S-sub-m1', at: '2026-11-01T10:00:00Z', type: 'login', userId: 'u-sub-m' },
    { eventId: 'E-sub-m2', visitorId: 'V-sub-m2', sessionId: 'S-sub-m2', at: '2026-11-01T11:00:00Z', type: 'login', email: 'merge.me@subs-shop.test' },
  ]);
  const [a, b] = [await customerOfVisitor('V-sub-m1'), await customerOfVisitor('V-sub-m2')];
  expect(a).not.toBe(b);
  await ingest([{ eventId: 'E-sub-m3', visitorId: 'V-sub-m3', sessionId: 'S-sub-m3', at: '2026-11-02T10:00:00Z', type: 'login', userId: 'u-sub-m', email: 'merge.me@subs-shop.test' }]);

  const event = await subscription.next(15_000);
  expect(event?.errors).toBeUndefined();
  const merged = event!.data!.customerEvents;
  expect(merged.kind).toBe('MERGED');
  expect([merged.customerId, ...merged.mergedFrom].sort()).toEqual([a, b].sort());
  expect(merged.customer).toEqual({ id: merged.customerId });
});

it('ends customerChanged with null when the customer is forgotten, and tells customerEvents(kinds: [FORGOTTEN])', async () => {
  await ingest([{ eventId: 'E-sub-f1', visitorId: 'V-sub-f', sessionId: 'S-sub-f1', at: '2026-11-01T10:00:00Z', type: 'login', email: 'forget.sub@subs-shop.test' }]);
  const customerId = await customerOfVisitor('V-sub-f');
  const band = () => stack.dbs.identity.collection(COLLECTIONS.identity.bands).findOne({ _id: customerId as never });
  await waitFor(async () => (await band()) ?? undefined, 'its band stored');
  const following = await subscribe('subscription($id: ID!) { customerChanged(id: $id) { id } }', { id: customerId }, 'frontend');
  const events = await subscribe('subscription { customerEvents(kinds: [FORGOTTEN]) { kind customerId customer { id } } }', undefined, 'admin');
  await settle();
  await stack.query('mutation($id: ID!) { forgetCustomer(id: $id, reason: "asked by the customer") { customerId } }', { id: customerId });
  expect((await following.next(15_000))?.data).toEqual({ customerChanged: null });
  expect(await following.next(10_000)).toBeUndefined();
  expect((await events.next(15_000))?.data?.customerEvents).toEqual({ kind: 'FORGOTTEN', customerId, customer: null });
  // Derived from the customer's interactions, the stored band goes with the customer.
  await expect(band()).resolves.toBeNull();
});

it('emits BAND_CHANGED once, not again when the batch is redone, as an event and a webhook', async () => {
  const hook = await addWebhook(stack.dbs.identity, { url: 'http://127.0.0.1:9/unreachable', events: ['customer.bandChanged'] });
  const subscription = await subscribe('subscription { customerEvents(kinds: [BAND_CHANGED]) { kind customerId previousBand band } }', undefined, 'admin');
  await settle();
  const at = new Date(Date.now() - 3_600_000).toISOString();
  // Recognised, consistent, a cart without an order: (100 + 100 + 0) / 3, moderate.
  await ingest([
    { eventId: 'E-band-1', visitorId: 'V-band', sessionId: 'S-band-1', at, type: 'login', email: 'band.person@subs-shop.test' },
    { eventId: 'E-band-2', visitorId: 'V-band', sessionId: 'S-band-1', at, type: 'add_to_cart', sku: 'SKU-1' },
  ]);
  const customerId = await customerOfVisitor('V-band');
  await waitFor(async () => (await stack.dbs.identity.collection<{ _id: string; band: string }>('customer_bands').findOne({ _id: customerId }))?.band === 'MODERATE' || undefined, 'the first band stored');
  const before = await waitFor(async () => (await stack.dbs.identity.collection<{ _id: string; seq: number }>('live_cursors').findOne({ _id: 'bands' }))?.seq, 'the watcher checkpoint');

  // The order completes the cart: exemplary.
  await ingest([{ eventId: 'E-band-3', visitorId: 'V-band', sessionId: 'S-band-1', at, type: 'order', orderId: 'O-band', amount: 10, currency: 'EUR' }]);
  const event = await subscription.next(15_000);
  expect(event?.data?.customerEvents).toEqual({ kind: 'BAND_CHANGED', customerId, previousBand: 'MODERATE', band: 'EXEMPLARY' });

  // A batch redone (the watcher killed before its checkpoint): nothing new.
  await setBandCursor(stack.dbs.identity, before);
  while ((await watchBandsOnce({ crm: stack.dbs.crm, web: stack.dbs.web, pos: stack.dbs.pos, identity: stack.dbs.identity }, DEFAULT_INDEX_CONFIG)) > 0);
  expect(await customerEvents(stack.dbs.identity).countDocuments({ kind: 'BAND_CHANGED', customerIds: customerId })).toBe(1);
  const queued = await deliveries(stack.dbs.identity).find({ webhookId: hook._id }).toArray();
  expect(queued).toHaveLength(1);
  expect(JSON.parse(queued[0]!.body)).toMatchObject({ type: 'customer.bandChanged', data: { customerId, previousBand: 'MODERATE', band: 'EXEMPLARY' } });
  // Ids and band names only.
  expect(queued[0]!.body).not.toContain('band.person');
});
