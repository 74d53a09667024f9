import http from 'node:http';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '@omnidex/embedded-mongo';
import { COLLECTIONS, DATABASES, type CrmCaseDoc } from '../../src/contract/documents';
import type { RunningSubgraph } from '../../subgraphs/common/src/subgraph';
import { crmSubgraph } from '../../subgraphs/crm/src';
import { internalHeaders, TEST_INTERNAL_SECRET } from '../support/auth';
import { postGraphQL } from '../support/stack';
import { startHarness, type SubgraphHarness } from '../unit/subgraphs/harness';

const MAX_REQUEST_BYTES = 2_048;

let harness: SubgraphHarness;
let crm: RunningSubgraph;
let gatewayHeaders: Record<string, string>;
const hiddenErrors: unknown[] = [];

beforeAll(async () => {
  harness = await startHarness();
  // A case whose contact is missing: resolving `contact` fails inside the subgraph.
  await harness.client.db(DATABASES.crm).collection<CrmCaseDoc>(COLLECTIONS.crm.cases).insertOne({
    _id: 'K-orphan',
    caseId: 'K-orphan',
    contactId: 'C-gone',
    channel: 'chat',
    subject: 'Where is my parcel?',
    status: 'open',
    openedAt: new Date('2025-05-05T12:00:00Z'),
    transcript: [],
    imported: { file: 'crm/cases.jsonl', line: 1, importedAt: new Date() },
  });
  crm = await harness.start(crmSubgraph, { maxRequestBytes: MAX_REQUEST_BYTES, logError: (error) => hiddenErrors.push(error) });
  gatewayHeaders = await internalHeaders();
});

afterAll(async () => {
  await harness?.stop();
});

/** Sends a body in chunks without a content-length, as a streaming client would. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...gatewayHeaders, 'content-type': 'application/json', 'transfer-encoding': 'chunked' };
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('subgraph HTTP server', () => {
  it('answers /healthz and /readyz', async () => {
    const base = new URL(crm.url);
    const health = await fetch(new URL('/healthz', base));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(new URL('/readyz', base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('reports not ready (503) when MongoDB cannot be reached', async () => {
    const mongo = await startEmbeddedMongo();
    const client = new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 500 });
    await client.connect();
    const subgraph = await crmSubgraph.start({ db: client.db(crmSubgraph.database), port: 0, internalSecret: TEST_INTERNAL_SECRET });
    try {
      await mongo.close();
      const ready = await fetch(new URL('/readyz', subgraph.url));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready' });
      expect((await fetch(new URL('/healthz', subgraph.url))).status).toBe(200);
    } finally {
      await subgraph.stop();
      await client.close();
    }
  });

  it('serves GET queries', async () => {
    const url = new URL(crm.url);
    url.searchParams.set('query', '{ crmCase(caseId: "K-orphan") { caseId status } }');
    const response = await fetch(url, { headers: { ...gatewayHeaders, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { crmCase: { caseId: 'K-orphan', status: 'OPEN' } } });
  });

  it('refuses a body over the limit with 413 and a JSON error, declared or streamed', async () => {
    const padding = 'x'.repeat(MAX_REQUEST_BYTES);
    const declared = await postGraphQL(crm.url, `{ __typename } # ${padding}`);
    expect(declared.status).toBe(413);
    expect(declared.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(declared.body.errors?.[0]?.message).toContain(`${MAX_REQUEST_BYTES} bytes`);

    const streamed = await postChunked(crm.url, ['{"query": "{ __typename }", "pad": "', padding, padding, '"}']);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses invalid JSON with 400', async () => {
    const response = await fetch(crm.url, { method: 'POST', headers: { ...gatewayHeaders, 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.message).toMatch(/not valid JSON/);
  });

  it('answers an unknown path with 404 and shows no landing page', async () => {
    expect((await fetch(new URL('/nope', crm.url))).status).toBe(404);
    const browser = await fetch(crm.url, { headers: { ...gatewayHeaders, accept: 'text/html' } });
    expect(await browser.text()).not.toMatch(/<html/i);
  });

  it('hides internal failures behind INTERNAL_SERVER_ERROR and logs them instead', async () => {
    hiddenErrors.length = 0;
    const { status, body } = await postGraphQL(crm.url, '{ crmCase(caseId: "K-orphan") { caseId contact { contactId } } }', undefined, gatewayHeaders);
    expect(status).toBe(200);
    expect(body.errors).toEqual([{ message: 'Internal server error', path: ['crmCase', 'contact'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(body)).not.toMatch(/C-gone|stack/);
    expect(String(hiddenErrors[0])).toMatch(/missing contact C-gone/);
  });

  it('keeps validation errors readable and coded', async () => {
    const { status, body } = await postGraphQL(crm.url, '{ crmContact(contactId: "C1") { shoeSize } }', undefined, gatewayHeaders);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/shoeSize/);
  });
});
