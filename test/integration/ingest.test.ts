import { COLLECTIONS, QUARANTINE_COLLECTION, type CrmContactDoc, type WebEventDoc, type WebSessionDoc } from '../../src/contract/documents';
import { OUTBOX_COLLECTION } from '../../src/live/outbox';
import { postGraphQL, startStack, type Stack } from '../support/stack';

/*
 * The ingest API on a whole stack (embedded database, subgraphs, gateway on port 0), over HTTP.
 * The live resolver is off here (OMNIDEX_LIVE_RESOLVE=false) so the outbox can be inspected;
 * test/integration/live-resolve.test.ts runs it.
 */

let stack: Stack;
let origin: string;
let ingestToken: string;

beforeAll(async () => {
  stack = await startStack({ env: { OMNIDEX_LIVE_RESOLVE: 'false', OMNIDEX_MAX_INGEST_KB: '64', OMNIDEX_OUTBOX_MAX_PENDING: '30' } });
  origin = new URL(stack.gatewayUrl).origin;
  ingestToken = await stack.tokenFor('ingest', 'feed-1');
});

afterAll(async () => {
  await stack?.stop();
});

const ndjson = (...rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

async function ingest(kind: string, body: string | Buffer, { type = 'application/x-ndjson', token = ingestToken } = {}) {
  const response = await fetch(`${origin}/ingest/${kind}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, any> };
}

const event = (n: number, extra: Record<string, unknown> = {}) => ({
  eventId: `E-ing-${n}`,
  visitorId: 'V-ing-1',
  sessionId: 'S-ing-1',
  at: `2026-11-0${n}T10:00:00Z`,
  type: 'page_view',
  ...extra,
});

describe('POST /ingest/web/events', () => {
  it('validates, writes, quarantines and answers with per-row counts and the refused lines', async () => {
    const body = ndjson(event(1), event(2, { type: 'login', email: 'ingest.one@example.com' }), '{"eventId": "E-bad", "type": "page_view"}', event(3));
    const { status, body: answer } = await ingest('web/events', body);
    expect(status).toBe(200);
    expect(answer).toMatchObject({ kind: 'web/events', read: 4, inserted: 3, updated: 0, unchanged: 0, quarantined: 1, suppressed: 0 });
    expect(answer.ingestId).toMatch(/^ing-/);
    expect(answer.quarantinedRows).toEqual([{ line: 3, reason: expect.stringContaining('visitorId') }]);
    // The answer names no value of the refused row.
    expect(JSON.stringify(answer.quarantinedRows)).not.toContain('E-bad');

    const events = await stack.dbs.web.collection<WebEventDoc>(COLLECTIONS.web.events).find({ visitorId: 'V-ing-1' }).toArray();
    expect(events.map((e) => e._id).sort()).toEqual(['E-ing-1', 'E-ing-2', 'E-ing-3']);
    const session = await stack.dbs.web.collection<WebSessionDoc>(COLLECTIONS.web.sessions).findOne({ _id: 'S-ing-1' });
    expect(session).toMatchObject({ eventCount: 3, email: 'ingest.one@example.com' });
    const quarantined = await stack.dbs.web.collection(QUARANTINE_COLLECTION).findOne({ importId: answer.ingestId });
    expect(quarantined).toMatchObject({ file: 'web/events.jsonl', line: 3 });
    const outbox = await stack.dbs.web.collection(OUTBOX_COLLECTION).find({ ingestId: answer.ingestId }).toArray();
    expect(outbox).toEqual([expect.objectContaining({ state: 'ready', file: 'web/events.jsonl', ids: { visitors: ['V-ing-1'], sessions: ['S-ing-1'] } })]);
  });

  it('is idempotent: the same body again changes nothing', async () => {
    const { status, body } = await ingest('web/events', ndjson(event(1), event(2, { type: 'login', email: 'ingest.one@example.com' }), event(3)));
    expect(status).toBe(200);
    expect(body).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, quarantined: 0 });
  });

  it('quarantines a line that is not UTF-8 instead of storing replacement characters', async () => {
    const good = Buffer.from(ndjson(event(4)));
    const latin1 = Buffer.from(JSON.stringify(event(5, { url: 'https://shop.example/M\u00fcller' })).replace('\u00fc', '\u0000'), 'latin1');
    latin1[latin1.indexOf(0)] = 0xfc;
    const { status, body } = await ingest('web/events', Buffer.concat([good, latin1, Buffer.from('\n')]));
    expect(status).toBe(200);
    expect(body).toMatchObject({ read: 2, inserted: 1, quarantined: 1 });
    expect(body.quarantinedRows[0].reason).toMatch(/not valid UTF-8/);
  });
});

describe('the other kinds', () => {
  const contact = (updatedAt: string, firstName: string) => ({ contactId: 'C-ing-1', firstName, lastName: 'Ingest', createdAt: '2026-01-01T00:00:00Z', updatedAt });

  it('keeps the newer contact by updatedAt: an older row is unchanged', async () => {
    expect((await ingest('crm/contacts', ndjson(contact('2026-05-01T00:00:00Z', 'Newer')))).body).toMatchObject({ inserted: 1 });
    expect((await ingest('crm/contacts', ndjson(contact('2026-04-01T00:00:00Z', 'Older')))).body).toMatchObject({ unchanged: 1, updated: 0 });
    expect((await ingest('crm/contacts', ndjson(contact('2026-06-01T00:00:00Z', 'Newest')))).body).toMatchObject({ updated: 1 });
    const stored = await stack.dbs.crm.collection<CrmContactDoc>(COLLECTIONS.crm.contacts).findOne({ _id: 'C-ing-1' });
    expect(stored?.firstName).toBe('Newest');
  });

  it('takes POS members as CSV with their header row, and as NDJSON', async () => {
    const csv = 'loyaltyId,firstName,lastName,email,phone,postalCode,country,enrolledAt,updatedAt\nL-ing-1,Ann,Ingest,ann.ingest@example.com,,SW1A 1AA,GB,2025-01-01,2026-01-01T00:00:00Z\n';
    const asCsv = await ingest('pos/members', csv, { type: 'text/csv' });
    expect(asCsv.status).toBe(200);
    expect(asCsv.body).toMatchObject({ read: 1, inserted: 1, quarantined: 0 });
    const asJson = await ingest('pos/members', ndjson({ loyaltyId: 'L-ing-2', firstName: 'Bo', lastName: 'Ingest', enrolledAt: '2025-01-01', updatedAt: '2026-01-01T00:00:00Z' }));
    expect(asJson.status).toBe(200);
    expect(asJson.body).toMatchObject({ read: 1 });
  });

  it('refuses a CSV header the contract does not know with 400', async () => {
    const { status, body } = await ingest('pos/transactions', 'nonsense,columns\n1,2\n', { type: 'text/csv' });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('refusals', () => {
  it('wants a token with the ingest role', async () => {
    expect((await ingest('web/events', ndjson(event(1)), { token: '' })).status).toBe(401);
    const agent = await stack.tokenFor('agent');
    expect((await ingest('web/events', ndjson(event(1)), { token: agent })).status).toBe(403);
  });

  it('gives an ingest-only token nothing from /graphql', async () => {
    const { status, body } = await postGraphQL(stack.gatewayUrl, '{ customer(id: "cus_x") { id } }', undefined, { authorization: `Bearer ${ingestToken}` });
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data).toBeUndefined();
  });

  it('refuses unknown kinds (404), CSV for a JSON kind (415) and bodies over OMNIDEX_MAX_INGEST_KB (413)', async () => {
    expect((await ingest('crm/secrets', ndjson(event(1)))).status).toBe(404);
    expect((await ingest('web/events', 'eventId\nE1\n', { type: 'text/csv' })).status).toBe(415);
    expect((await ingest('web/events', ndjson(event(1)), { type: 'application/json' })).status).toBe(415);
    const big = ndjson(...Array.from({ length: 1000 }, (_, i) => event(1, { eventId: `E-big-${i}` })));
    expect(big.length).toBeGreaterThan(64 * 1024);
    const { status, body } = await ingest('web/events', big);
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('back-pressure', () => {
  it('answers 429 with Retry-After once the outbox holds OMNIDEX_OUTBOX_MAX_PENDING unresolved batches, writing nothing', async () => {
    // Nothing resolves here, so every accepted body leaves an entry behind.
    let last = await ingest('web/events', ndjson(event(1, { eventId: 'E-bp-0' })));
    for (let i = 1; i <= 40 && last.status === 200; i++) last = await ingest('web/events', ndjson(event(1, { eventId: `E-bp-${i}` })));
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(last.body.errors[0].extensions.code).toBe('INGEST_BACK_PRESSURE');
    const pending = await stack.dbs.web.collection(OUTBOX_COLLECTION).countDocuments();
    expect(pending).toBe(30);
  });
});
