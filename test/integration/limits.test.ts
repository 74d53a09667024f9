import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { documentHash } from '../../gateway/src/plugins/persisted-documents';
import { postGraphQL } from '../support/stack';
import { startStack, type Stack } from '../support/stack';

// Small limits, so that each can be crossed by a readable query.
const LIMITS = {
  OMNIDEX_MAX_DEPTH: '6',
  OMNIDEX_MAX_ALIASES: '3',
  OMNIDEX_MAX_TOKENS: '80',
  OMNIDEX_MAX_COST: '500',
  OMNIDEX_MAX_STRING_LENGTH: '100',
  OMNIDEX_MAX_REQUEST_KB: '16',
};

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;

function codes(errors: Errors): unknown[] {
  return (errors ?? []).map((error) => error.extensions?.code);
}

describe('the gateway limits each request', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: LIMITS });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers a query within every limit', async () => {
    const { status, body } = await stack.post('{ customers(first: 2) { totalCount edges { node { id } } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ customers: { totalCount: 0, edges: [] } });
  });

  it('refuses a query deeper than OMNIDEX_MAX_DEPTH, naming the limit and the depth found', async () => {
    const { body } = await stack.post('{ customers { edges { node { timeline { edges { node { crmCase { caseId } } } } } } } }');
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      { message: 'Query depth limit of 6 exceeded, found 8.', extensions: { code: 'QUERY_DEPTH_LIMIT', limit: 6 } },
    ]);
  });

  it('refuses more aliases than OMNIDEX_MAX_ALIASES', async () => {
    const count = (alias: string) => `${alias}: customers(first: 1) { totalCount }`;
    const { body } = await stack.post(`{ ${['a', 'b', 'c', 'd'].map(count).join(' ')} }`);
    expect(body.errors).toEqual([
      { message: 'Aliases limit of 3 exceeded, found 4.', extensions: { code: 'QUERY_ALIAS_LIMIT', limit: 3 } },
    ]);
  });

  it('stops parsing a document longer than OMNIDEX_MAX_TOKENS', async () => {
    const { body } = await stack.post(`{ ${'__typename '.repeat(100)}}`);
    expect(body.errors).toEqual([{ message: 'Token limit of 80 exceeded.', extensions: { code: 'QUERY_TOKEN_LIMIT', limit: 80 } }]);
  });

  describe('cost', () => {
    const PAGE = 'query Page($n: Int) { customers(first: $n) { edges { node { id } } } }';

    it('multiplies by first, read from variables', async () => {
      const small = await stack.post(PAGE, { n: 5 });
      expect(small.body.errors).toBeUndefined();
      // 1 + 300 × (edges 1 + node 1)
      const large = await stack.post(PAGE, { n: 300 });
      expect(large.body.data).toBeUndefined();
      expect(large.body.errors).toEqual([
        {
          message: 'Query cost 601 exceeds the maximum of 500 (each list counts its `first`, 20 when absent)',
          extensions: { code: 'QUERY_COST_LIMIT', limit: 500, cost: 601 },
        },
      ]);
    });

    it("counts a connection without first at its default page size, and nested lists multiply", async () => {
      // customers 1 + 20 × (edges + node + timeline (1 + 20 × (edges + pageInfo)))
      const { body } = await stack.post('{ customers { edges { node { timeline { edges { cursor } pageInfo { hasNextPage } } } } } }');
      expect(body.errors?.[0]?.message).toMatch(/^Query cost 861 exceeds the maximum of 500/);
      expect(codes(body.errors)).toEqual(['QUERY_COST_LIMIT']);
    });
  });

  it('refuses strings longer than OMNIDEX_MAX_STRING_LENGTH, in literals and in variables', async () => {
    const literal = await stack.post(`{ customer(id: "${'x'.repeat(101)}") { id } }`);
    expect(literal.body.errors?.[0]).toMatchObject({
      message: 'A string argument is 101 characters long; the maximum is 100',
      extensions: { code: 'STRING_LENGTH_LIMIT', limit: 100 },
    });
    const variable = await stack.post('query($by: CustomerLookup!) { findCustomer(by: $by) { id } }', {
      by: { type: 'EMAIL', value: `${'y'.repeat(100)}@example.com` },
    });
    expect(variable.body.errors).toEqual([
      { message: 'Variable $by.value is 112 characters long; the maximum is 100', extensions: { code: 'STRING_LENGTH_LIMIT', limit: 100 } },
    ]);
  });

  it('refuses a body larger than OMNIDEX_MAX_REQUEST_KB with 413 before reading it', async () => {
    const { status, body } = await stack.post('query($pad: String) { __typename }', { pad: 'p'.repeat(17 * 1024) });
    expect(status).toBe(413);
    expect(body.errors).toEqual([
      { message: expect.stringMatching(/^Request body of \d+ bytes exceeds the limit of 16384 bytes$/), extensions: { code: 'PAYLOAD_TOO_LARGE' } },
    ]);
  });

  it('serves no introspection outside development, and no field suggestions', async () => {
    const introspection = await stack.post('{ __schema { queryType { name } } }');
    expect(introspection.body.data).toBeUndefined();
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    const typo = await stack.post('{ customerz { id } }');
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "customerz" on type "Query". [Suggestion hidden]');
  });
});

describe('rate limit and trusted documents', () => {
  const ALLOWED = 'query Count { customers(first: 1) { totalCount } }';
  let stack: Stack;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-trusted-'));
    const file = path.join(dir, 'trusted-documents.json');
    await writeFile(file, JSON.stringify({ [documentHash(ALLOWED)]: ALLOWED }));
    stack = await startStack({
      env: {
        OMNIDEX_RATE_LIMIT: '5',
        OMNIDEX_RATE_LIMIT_WINDOW_S: '600',
        OMNIDEX_PERSISTED_DOCUMENTS: file,
        OMNIDEX_PERSISTED_ONLY: 'true',
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const persisted = (hash: string, sub: string) =>
    stack.post('', undefined, { sub, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it('runs an allowed document sent by its hash', async () => {
    const { status, body } = await persisted(documentHash(ALLOWED), 'trusted-client');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { customers: { totalCount: 0 } } });
  });

  it('refuses an arbitrary document when only trusted documents are accepted', async () => {
    const { status, body } = await stack.post(ALLOWED, undefined, { sub: 'arbitrary-client' });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: 'Only persisted documents are accepted: send extensions.persistedQuery.sha256Hash (or documentId) of an allowed document',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
    ]);
  });

  it('refuses a hash that is not in the file', async () => {
    const unknown = documentHash('{ __typename }');
    const { status, body } = await persisted(unknown, 'guessing-client');
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ message: `No persisted document has the hash "${unknown}"`, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
  });

  it('limits each caller (JWT sub) to OMNIDEX_RATE_LIMIT requests per window, independently of others', async () => {
    const hash = documentHash(ALLOWED);
    for (let i = 0; i < 5; i += 1) expect((await persisted(hash, 'busy-agent')).status).toBe(200);
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authHeaders('agent', 'busy-agent')) },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^Rate limit of 5 requests per 600 s exceeded for caller busy-agent; retry in \d+ s$/),
        extensions: { code: 'RATE_LIMITED', limit: 5, windowSeconds: 600 },
      },
    ]);
    // Another caller still has its whole budget.
    expect((await persisted(hash, 'calm-agent')).status).toBe(200);
  });

  it('limits requests that authenticate no one by IP address, without locking out valid tokens', async () => {
    const forged = { authorization: 'Bearer forged.token.value' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(stack.gatewayUrl, ALLOWED)).status);
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(stack.gatewayUrl, ALLOWED, undefined, forged)).status);
    // Refused as unauthenticated until the address has spent its budget, then as rate limited.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const { status, body } = await postGraphQL(stack.gatewayUrl, ALLOWED);
    expect(status).toBe(429);
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Rate limit of 5 requests per 600 s exceeded for address \S+; retry in \d+ s$/),
      extensions: { code: 'RATE_LIMITED' },
    });
    // A valid token from the same address spends its caller's budget, not the address's.
    expect((await persisted(documentHash(ALLOWED), 'agent-behind-the-same-nat')).status).toBe(200);
  });
});
