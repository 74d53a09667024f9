import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { addWebhook, deadLetters, deliveries, signDelivery } from '../../src/live/webhooks';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

/*
 * Webhooks on a whole stack: a merge caused by ingested rows reaches a registered receiver, signed;
 * a receiver that fails is retried with backoff, then its delivery goes to the dead-letter list.
 */

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

function receiver(answer: (count: number) => number): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer(received.length)).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { OMNIDEX_LIVE_RESOLVE: 'true', OMNIDEX_LIVE_POLL_MS: '20', OMNIDEX_WEBHOOK_BACKOFF_MS: '50,50' } });
});

afterAll(async () => {
  await stack?.stop();
});

async function ingest(rows: unknown[]): Promise<void> {
  await stack.ingest('web/events', rows);
}

it('sends customer.merged, signed over timestamp and body, retrying a failed attempt, and dead-letters what never succeeds', async () => {
  // The good receiver fails its first attempt; the bad one always fails.
  const good = await receiver((n) => (n === 1 ? 500 : 204));
  const bad = await receiver(() => 503);
  try {
    const goodHook = await addWebhook(stack.dbs.identity, { url: good.url, events: ['customer.merged'] });
    await addWebhook(stack.dbs.identity, { url: bad.url });

    await ingest([
      { eventId: 'E-wh-1', visitorId: 'V-wh-1', sessionId: 'S-wh-1', at: '2026-11-01T10:00:00Z', type: 'login', userId: 'u-wh-1' },
      { eventId: 'E-wh-2', visitorId: 'V-wh-2', sessionId: 'S-wh-2', at: '2026-11-01T11:00:00Z', type: 'login', email: 'wh.person@hooks-shop.test' },
    ]);
    // Two customers first; then one visitor shows both identifiers: they merge.
    await waitFor(async () => (await stack.dbs.identity.collection<{ _id: string }>('records').countDocuments({ _id: { $in: ['web:visitor:V-wh-1', 'web:visitor:V-wh-2'] } })) === 2, 'two customers');
    await ingest([{ eventId: 'E-wh-3', visitorId: 'V-wh-3', sessionId: 'S-wh-3', at: '2026-11-02T10:00:00Z', type: 'login', userId: 'u-wh-1', email: 'wh.person@hooks-shop.test' }]);

    await waitFor(async () => good.received.length >= 2 || undefined, 'the retried delivery');
    const [first, second] = good.received;
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['x-omnidex-delivery']).toBe(first!.headers['x-omnidex-delivery']);
    const event = JSON.parse(second!.body) as { id: string; type: string; data: { customerId: string; mergedFrom: string[] } };
    expect(event.type).toBe('customer.merged');
    expect(event.data.mergedFrom).toHaveLength(1);
    expect(second!.headers['x-omnidex-signature']).toBe(signDelivery(goodHook.secret, Number(second!.headers['x-omnidex-timestamp']), second!.body));
    // Customer ids only: no email, no user id.
    expect(second!.body).not.toMatch(/wh\.person|u-wh-1/);
    await waitFor(async () => (await deliveries(stack.dbs.identity).findOne({ _id: String(second!.headers['x-omnidex-delivery']) }))?.state === 'delivered', 'the delivery recorded');

    // The failing receiver: the first attempt and the two retries, then the dead-letter list.
    const dead = await waitFor(async () => (await deadLetters(stack.dbs.identity)).find((d) => d.type === 'customer.merged'), 'the dead letter');
    expect(dead).toMatchObject({ attempts: 3, lastError: 'HTTP 503', state: 'dead' });
    expect(bad.received.filter((r) => r.headers['x-omnidex-event'] === 'customer.merged')).toHaveLength(3);
  } finally {
    await good.close();
    await bad.close();
  }
});

it('sends customer.forgotten, with the customer id alone, when an admin forgets a customer', async () => {
  const hookServer = await receiver(() => 200);
  try {
    await addWebhook(stack.dbs.identity, { url: hookServer.url, events: ['customer.forgotten'] });
    await ingest([{ eventId: 'E-wh-9', visitorId: 'V-wh-9', sessionId: 'S-wh-9', at: '2026-11-03T10:00:00Z', type: 'login', email: 'forget.me@hooks-shop.test' }]);
    const record = await waitFor(
      async () => (await stack.dbs.identity.collection<{ _id: string; customerId: string }>('records').findOne({ _id: 'web:visitor:V-wh-9' })) ?? undefined,
      'the visitor resolved',
    );
    await stack.query('mutation($id: ID!) { forgetCustomer(id: $id, reason: "asked by the customer") { customerId } }', { id: record.customerId });
    const delivery = await waitFor(async () => hookServer.received.find((r) => r.headers['x-omnidex-event'] === 'customer.forgotten'), 'the forgotten event');
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'customer.forgotten', data: { customerId: record.customerId } });
    expect(delivery.body).not.toContain('forget.me');
  } finally {
    await hookServer.close();
  }
});

it('lets an admin add, list and remove webhooks with omnidex webhook', async () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve(__dirname, '../../bin/omnidex.js'), 'webhook', ...args], {
      env: { PATH: process.env.PATH ?? '', MONGODB_URI: stack.databases!.embeddedUri!, APOLLO_TELEMETRY_DISABLED: '1' },
    });
  const added = await run(['add', 'https://hooks.example.net/omnidex', '--events', 'customer.split']);
  const id = /webhook (wh_[0-9a-f]+) → https:\/\/hooks\.example\.net\/omnidex \(customer\.split\)/.exec(added.stdout)?.[1];
  expect(id).toBeDefined();
  expect(added.stdout).toMatch(/signing secret .*: \S{40,}/);
  expect((await run(['list'])).stdout).toContain(`${id}\thttps://hooks.example.net/omnidex\tcustomer.split`);
  expect((await run(['remove', id!])).stdout).toContain(`removed ${id}`);
  expect((await run(['list'])).stdout).not.toContain(id);
  await expect(run(['add', 'https://hooks.example.net/x', '--events', 'customer.exploded'])).rejects.toThrow(/unknown events customer\.exploded/);
});
