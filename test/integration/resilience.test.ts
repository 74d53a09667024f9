import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { startGateway, type RunningGateway } from '../../gateway/src';
import { readSupergraph } from '../../gateway/src/compose';
import { loadConfig } from '../../src/config';
import { postGraphQL } from '../support/stack';
import { startStack, type Stack } from '../support/stack';

const TWO_SUBGRAPHS = /* GraphQL */ `
  query TwoSubgraphs($customerId: ID!, $contactId: ID!) {
    customer(id: $customerId) { id }
    crmContact(contactId: $contactId) { contactId }
  }
`;

async function readyz(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL('/readyz', url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Repeats `attempt` until it returns a value, for at most `tries` tries `pauseMs` apart. */
async function eventually<T>(attempt: () => Promise<T | undefined>, tries = 60, pauseMs = 250): Promise<T> {
  for (let i = 0; i < tries; i += 1) {
    const value = await attempt();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  throw new Error(`gave up after ${tries} tries`);
}

/** A CRM contact and the customer it resolved to, so that the customer has a crm field to fetch. */
async function someIds(stack: Stack): Promise<{ customerId: string; contactId: string }> {
  const { client } = stack;
  const contact = await client.db('crm').collection('contacts').findOne({}, { sort: { _id: 1 } });
  const record = await client
    .db('identity')
    .collection<{ _id: string; customerId: string }>('records')
    .findOne({ _id: `crm:contact:${String(contact!._id)}` });
  return { customerId: record!.customerId, contactId: String(contact!._id) };
}

describe('a subgraph that fails', () => {
  let stack: Stack;
  let ids: { customerId: string; contactId: string };
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    stack = await startStack({ seedCustomers: 5 });
    ids = await someIds(stack);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await stack?.stop();
  });

  it('is too slow: the other subgraphs answer, and the error names the one that timed out', async () => {
    // A crm that accepts connections and never answers, behind a gateway that waits 300 ms for it.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    });
    const subgraphUrls = Object.fromEntries(stack.subgraphs.map((subgraph) => [subgraph.name, subgraph.url]));
    const gateway: RunningGateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: { ...subgraphUrls, crm: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql` },
      development: false,
      maxRequestBytes: 64 * 1024,
      logLevel: false,
      auth: stack.auth,
      limits: loadConfig({ OMNIDEX_CRM_TIMEOUT_MS: '300' }).limits,
    });
    cleanups.push(() => gateway.stop());

    const { status, body } = await postGraphQL(gateway.url, TWO_SUBGRAPHS, ids, await stack.authHeaders('agent'));
    expect(status).toBe(200);
    expect(body.data).toEqual({ customer: { id: ids.customerId }, crmContact: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Subgraph crm did not answer within 300 ms',
      path: ['crmContact'],
      extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'crm' },
    });
  });

  it('is down: partial data, an error naming it, and the gateway not ready', async () => {
    const before = await stack.post(TWO_SUBGRAPHS, ids);
    expect(before.body).toEqual({ data: { customer: { id: ids.customerId }, crmContact: { contactId: ids.contactId } } });

    await stack.subgraphs.find((subgraph) => subgraph.name === 'crm')!.stop();

    const { status, body } = await stack.post(TWO_SUBGRAPHS, ids);
    expect(status).toBe(200);
    expect(body.data).toEqual({ customer: { id: ids.customerId }, crmContact: null });
    expect(body.errors).toEqual([
      { message: 'Subgraph crm is unavailable', path: ['crmContact'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'crm' } },
    ]);
    // Nothing internal (addresses, the subgraph request) reaches the client.
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|query\(/);

    // Fields the crm would add to a customer fail the same way; the customer itself still answers.
    const entity = await stack.post('query($id: ID!) { customer(id: $id) { id crmContacts { fullName } } }', { id: ids.customerId });
    expect(entity.body.data?.customer?.id).toBe(ids.customerId);
    expect(entity.body.errors?.map((error) => error.extensions)).toContainEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'crm' });

    const ready = await readyz(stack.gatewayUrl);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not ready', subgraphs: { crm: 'unreachable', identity: 'ready' } });
  });
});

describe('MongoDB going away and coming back', () => {
  let dataDir: string;
  let stack: Stack;
  let restarted: EmbeddedMongo | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-resilience-'));
    stack = await startStack({ env: { OMNIDEX_DATA_DIR: dataDir, OMNIDEX_DB_TIMEOUT_MS: '500' }, inMemory: false, seedCustomers: 5 });
  });
  afterAll(async () => {
    await stack?.stop();
    await restarted?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fails fast with a clean error while it is gone, reports not ready, and recovers without a restart', async () => {
    const ids = await someIds(stack);
    const customers = '{ customers(first: 100) { totalCount } }';
    const before = await stack.post<{ customers: { totalCount: number } }>(customers);
    expect(before.body.errors).toBeUndefined();
    const crm = stack.subgraphs.find((subgraph) => subgraph.name === 'crm')!;
    const original = stack.databases!.embedded!;
    const { port } = original;

    // The subgraphs log each failed database call (as they should); keep the test output readable.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await original.close();

    const down = await stack.post(TWO_SUBGRAPHS, ids);
    expect(down.status).toBe(200);
    expect(down.body.data).toEqual({ customer: null, crmContact: null });
    expect(down.body.errors).toEqual(
      expect.arrayContaining([
        { message: 'The database is unavailable; try again shortly', path: ['customer'], extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: 'identity' } },
        { message: 'The database is unavailable; try again shortly', path: ['crmContact'], extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: 'crm' } },
      ]),
    );
    expect((await readyz(crm.url)).status).toBe(503);
    const gatewayReady = await readyz(stack.gatewayUrl);
    expect(gatewayReady.status).toBe(503);
    expect(gatewayReady.body).toMatchObject({ subgraphs: { crm: 'not ready (HTTP 503)', identity: 'not ready (HTTP 503)' } });

    // A new server on the same port and data directory, as after a crash and a restart.
    restarted = await startEmbeddedMongo({ dataDir, port });

    const after = await eventually(async () => {
      const { body } = await stack.post<{ customers: { totalCount: number } }>(customers);
      return body.errors ? undefined : body;
    });
    logged.mockRestore();
    expect(after.data?.customers.totalCount).toBe(before.body.data?.customers.totalCount);
    expect((await stack.post(TWO_SUBGRAPHS, ids)).body).toEqual({
      data: { customer: { id: ids.customerId }, crmContact: { contactId: ids.contactId } },
    });
    expect((await readyz(crm.url)).status).toBe(200);
    expect((await readyz(stack.gatewayUrl)).status).toBe(200);
  });
});
