import { COLLECTIONS } from '../../src/contract/documents';
import { identityCollections } from '../../src/identity/store';
import { OUTBOX_COLLECTION } from '../../src/live/outbox';
import { acquireLease, LEASE_COLLECTION } from '../../src/live/resolver';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

/*
 * Continuous resolution on a whole stack: rows written through the ingest API reach their
 * customer, the timeline and the identity links with no `omnidex resolve`, and sending them
 * again changes nothing.
 */

let stack: Stack;
let origin: string;
let token: string;

beforeAll(async () => {
  stack = await startStack({ env: { OMNIDEX_LIVE_RESOLVE: 'true', OMNIDEX_LIVE_POLL_MS: '20' } });
  origin = new URL(stack.gatewayUrl).origin;
  token = await stack.tokenFor('ingest', 'feed-live');
});

afterAll(async () => {
  await stack?.stop();
});

const ndjson = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function ingest(kind: string, body: string): Promise<Record<string, any>> {
  const response = await fetch(`${origin}/ingest/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
    body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

async function outboxesEmpty(): Promise<boolean> {
  const counts = await Promise.all([stack.dbs.crm, stack.dbs.web, stack.dbs.pos].map((db) => db.collection(OUTBOX_COLLECTION).countDocuments()));
  return counts.every((count) => count === 0);
}

const CUSTOMER = `query Find($email: String!) {
  findCustomer(by: { type: EMAIL, value: $email }) {
    id
    crmContacts { contactId }
    webVisitors { visitorId }
    timeline(first: 20) { edges { node { channel kind at } } }
  }
}`;

async function snapshot() {
  const identity = identityCollections(stack.dbs.identity);
  return {
    customers: await identity.customers.countDocuments(),
    records: (await identity.records.find({}, { projection: { customerId: 1 } }).sort({ _id: 1 }).toArray()).map((r) => [r._id, r.customerId]),
    activity: (await identity.activity.find({}).sort({ _id: 1 }).toArray()).map((a) => [a._id, a.customerId]),
  };
}

describe('the live resolver', () => {
  it('puts ingested contacts, cases and web sessions on one customer, timeline included, without a manual resolve', async () => {
    await ingest('crm/contacts', ndjson({ contactId: 'C-live-1', firstName: 'Lia', lastName: 'Live', email: 'lia.live@live-shop.test', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }));
    await ingest('crm/cases', ndjson({ caseId: 'K-live-1', contactId: 'C-live-1', channel: 'email', subject: 'Where is my order', status: 'open', openedAt: '2026-11-02T09:00:00Z' }));
    await ingest(
      'web/events',
      ndjson(
        { eventId: 'E-live-1', visitorId: 'V-live-1', sessionId: 'S-live-1', at: '2026-11-01T10:00:00Z', type: 'page_view' },
        { eventId: 'E-live-2', visitorId: 'V-live-1', sessionId: 'S-live-2', at: '2026-11-03T10:00:00Z', type: 'login', email: 'Lia.Live@live-shop.test' },
      ),
    );
    const customer = await waitFor(async () => {
      const { findCustomer } = await stack.query(CUSTOMER, { email: 'lia.live@live-shop.test' });
      return findCustomer?.webVisitors?.length && findCustomer.timeline.edges.length === 3 ? findCustomer : undefined;
    }, 'the customer to gather the contact, the visitor and three interactions');
    expect(customer.crmContacts).toEqual([{ contactId: 'C-live-1' }]);
    expect(customer.webVisitors).toEqual([{ visitorId: 'V-live-1' }]);
    // Newest first; the anonymous session before the login came with the visitor.
    expect(customer.timeline.edges.map((e: any) => [e.node.channel, e.node.kind, e.node.at])).toEqual([
      ['WEB', 'SESSION', '2026-11-03T10:00:00.000Z'],
      ['CRM', 'CASE', '2026-11-02T09:00:00.000Z'],
      ['WEB', 'SESSION', '2026-11-01T10:00:00.000Z'],
    ]);
    await waitFor(outboxesEmpty, 'the outboxes to drain');
  });

  it('changes nothing when the same rows arrive again', async () => {
    const before = await snapshot();
    const again = await ingest(
      'web/events',
      ndjson(
        { eventId: 'E-live-1', visitorId: 'V-live-1', sessionId: 'S-live-1', at: '2026-11-01T10:00:00Z', type: 'page_view' },
        { eventId: 'E-live-2', visitorId: 'V-live-1', sessionId: 'S-live-2', at: '2026-11-03T10:00:00Z', type: 'login', email: 'Lia.Live@live-shop.test' },
      ),
    );
    expect(again).toMatchObject({ unchanged: 2 });
    await waitFor(outboxesEmpty, 'the outboxes to drain');
    expect(await snapshot()).toEqual(before);
    expect(await stack.dbs.web.collection(COLLECTIONS.web.events).countDocuments({ visitorId: 'V-live-1' })).toBe(2);
  });

  it('merges two customers when a later row links them, keeping one of their ids', async () => {
    await ingest('web/events', ndjson({ eventId: 'E-live-3', visitorId: 'V-live-2', sessionId: 'S-live-3', at: '2026-11-04T10:00:00Z', type: 'signup', email: 'other.live@live-shop.test', userId: 'u-live-2' }));
    const other = await waitFor(async () => (await stack.query(CUSTOMER, { email: 'other.live@live-shop.test' })).findCustomer ?? undefined, 'the second customer');
    const lia = (await stack.query(CUSTOMER, { email: 'lia.live@live-shop.test' })).findCustomer;
    expect(other.id).not.toBe(lia.id);
    // The same person logs in with both: one customer.
    await ingest('web/events', ndjson({ eventId: 'E-live-4', visitorId: 'V-live-2', sessionId: 'S-live-4', at: '2026-11-05T10:00:00Z', type: 'login', email: 'lia.live@live-shop.test', userId: 'u-live-2' }));
    const merged = await waitFor(async () => {
      const found = (await stack.query(CUSTOMER, { email: 'other.live@live-shop.test' })).findCustomer;
      // A round writes the customer before the pointers: wait for both.
      return found?.webVisitors.length === 2 && found.timeline.edges.length === 5 ? found : undefined;
    }, 'the merge');
    expect([lia.id, other.id]).toContain(merged.id);
    expect(merged.crmContacts).toEqual([{ contactId: 'C-live-1' }]);
  });

  it('holds a lease in MongoDB: another replica cannot take it until it expires', async () => {
    const lease = await stack.dbs.identity.collection<{ _id: string; holder: string; expiresAt: Date }>(LEASE_COLLECTION).findOne({ _id: 'live-resolver' });
    expect(lease?.holder).toMatch(/^resolver-/);
    expect(await acquireLease(stack.dbs.identity, 'another-replica', 10_000)).toBe(false);
    // Once the holder's time has passed (as seen from a clock past it), the other replica takes over.
    expect(await acquireLease(stack.dbs.identity, 'another-replica', 10_000, new Date(lease!.expiresAt.getTime() + 1))).toBe(true);
    expect(await acquireLease(stack.dbs.identity, lease!.holder, 10_000)).toBe(false);
  });
});
