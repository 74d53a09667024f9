import { SignJWT } from 'jose';
import { signBearerToken } from '../../src/auth/bearer';
import { AUDIT_COLLECTION, DATABASES, type AuditEntryDoc } from '../../src/contract/documents';
import { postGraphQL, startStack, type Stack } from '../support/stack';

/*
 * Regression tests for the findings of the adversarial review at 7406d7d (docs/SECURITY.md,
 * "Threat model"), through the real gateway and subgraphs, as a client sees them.
 */

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    seedCustomers: 30,
    env: { OMNIDEX_CORS_ORIGINS: 'https://console.example.com', OMNIDEX_RATE_LIMIT: '400' },
  });
});

afterAll(async () => {
  await stack?.stop();
});

async function customerWithEvidence(): Promise<string> {
  const { customers } = await stack.query<{ customers: { edges: { node: { id: string; integrationIndex: { channels: { evidence: { consistency: { compared: unknown[] } } }[] } | null } }[] } }>(
    `{ customers(first: 40) { edges { node { id integrationIndex { channels { evidence { consistency { compared { attribute } } } } } } } } }`,
  );
  const found = customers.edges.find((e) => e.node.integrationIndex?.channels.some((c) => c.evidence.consistency.compared.length > 0));
  if (!found) throw new Error('no customer with consistency evidence in the seed');
  return found.node.id;
}

async function everyAuditEntry(): Promise<AuditEntryDoc[]> {
  const all = await Promise.all(Object.values(DATABASES).map((name) => stack.client.db(name).collection<AuditEntryDoc>(AUDIT_COLLECTION).find({}).toArray()));
  return all.flat();
}

const EVIDENCE = `query Evidence($id: ID!) { customer(id: $id) { integrationIndex { channels { evidence { consistency { compared { attribute record golden } } } } } } }`;

describe('finding 1: personal data through the index evidence', () => {
  it('audits an agent reading the compared values, under the customer', async () => {
    const id = await customerWithEvidence();
    const { body } = await stack.post(EVIDENCE, { id }, { role: 'agent', sub: 'agent-evidence' });
    const compared = (body.data as any).customer.integrationIndex.channels.flatMap((c: any) => c.evidence.consistency.compared);
    expect(compared.some((c: { golden: string | null }) => typeof c.golden === 'string')).toBe(true);
    const entries = (await everyAuditEntry()).filter((e) => e.sub === 'agent-evidence');
    expect(entries).toEqual([
      expect.objectContaining({ subgraph: 'insights', entityType: 'Customer', entityKey: id, fields: expect.arrayContaining(['AttributeComparison.golden', 'AttributeComparison.record']) }),
    ]);
  });
});

describe('finding 3: profile reads audited where insights keeps its own database', () => {
  it('writes the profile read to the insights database', async () => {
    const id = await customerWithEvidence();
    await stack.query(`query P($id: ID!) { customer(id: $id) { profile { email { value } } } }`, { id }, { role: 'agent', sub: 'agent-profile' });
    const stored = await stack.dbs.insights.collection<AuditEntryDoc>(AUDIT_COLLECTION).find({ sub: 'agent-profile' }).toArray();
    expect(stored).toEqual([expect.objectContaining({ subgraph: 'insights', entityType: 'Customer', entityKey: id, fields: ['CustomerProfile.email'] })]);
  });
});

describe('finding 4: forget leaves no identifier in the audit log', () => {
  it('re-keys the entries explainCustomer wrote under record keys, in every database', async () => {
    const { customers } = await stack.query<{ customers: { edges: { node: { id: string } }[] } }>('{ customers(first: 100, filter: { channels: [CRM, POS] }) { edges { node { id } } } }');
    const id = customers.edges[0]!.node.id;
    const explained = await stack.query<{ explainCustomer: { records: { key: string; id: string }[] } }>(
      'query E($id: ID!) { explainCustomer(id: $id) { records { key id identifiers { value } } } }',
      { id },
      { role: 'agent', sub: 'agent-explains' },
    );
    const keys = explained.explainCustomer.records.flatMap((r) => [r.key, r.id]);
    expect((await everyAuditEntry()).some((e) => e.entityKey !== null && keys.includes(e.entityKey))).toBe(true);
    await stack.query('mutation F($id: ID!) { forgetCustomer(id: $id, reason: "erasure") { customerId } }', { id });
    const left = (await everyAuditEntry()).filter((e) => e.entityKey !== null && keys.includes(e.entityKey));
    expect(left).toEqual([]);
    const rekeyed = (await everyAuditEntry()).filter((e) => e.sub === 'agent-explains');
    expect(rekeyed.length).toBeGreaterThan(0);
    expect(rekeyed.every((e) => e.entityKey === `forgotten:${id}` || e.entityKey === id)).toBe(true);
  });
});

describe('finding 8: the portfolio report is priced as what it costs', () => {
  const REPORT = 'integrationIndexReport { customers score }';

  it('refuses an operation asking for the report more than once', async () => {
    const { body } = await stack.post(`{ a: ${REPORT} b: ${REPORT} }`);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FIELD_ONCE_PER_OPERATION']);
    const viaFragment = await stack.post(`{ a: ${REPORT} ...More } fragment More on Query { b: ${REPORT} }`);
    expect(viaFragment.body.errors?.map((e) => e.extensions?.code)).toEqual(['FIELD_ONCE_PER_OPERATION']);
  });

  it('counts a long trend against the cost limit', async () => {
    const { body } = await stack.post(`{ integrationIndexReport(trendMonths: 36) { score } customers(first: 100) { edges { node { id crmContacts { contactId } } } } }`);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_COST_LIMIT']);
  });

  it('serves it to agents, marketing and admins, not to a front end', async () => {
    const { body } = await stack.post(`{ ${REPORT} }`, undefined, { role: 'frontend' });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await stack.post(`{ ${REPORT} }`, undefined, { role: 'marketing' })).body.errors).toBeUndefined();
  });
});

describe('hardening', () => {
  it('answers a caller with no role FORBIDDEN on what it may not read, never an internal error', async () => {
    const token = await signBearerToken({ secret: stack.auth.bearer.secret!, roles: [], sub: 'no-role', ttlSeconds: 600 });
    const { body } = await postGraphQL(
      stack.gatewayUrl,
      '{ customers(first: 3) { edges { node { id identifiers { value } profile { email { value } } } } } }',
      undefined,
      { authorization: `Bearer ${token}` },
    );
    const codes = new Set(body.errors?.map((e) => e.extensions?.code));
    expect(codes).toEqual(new Set(['FORBIDDEN']));
  });

  it('refuses a bearer token valid for longer than the configured lifetime', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('long-lived')
      .setIssuedAt(now)
      .setExpirationTime(now + 400 * 86_400)
      .sign(new TextEncoder().encode(stack.auth.bearer.secret!));
    const { status, body } = await postGraphQL(stack.gatewayUrl, '{ customers(first: 1) { totalCount } }', undefined, { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/longer than the 24 h Omnidex accepts/);
  });

  it('answers CORS only for the configured origins, never echoing any Origin', async () => {
    const ask = (origin: string) =>
      fetch(stack.gatewayUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    // A browser enforces the exact origin named: any other page's request is refused.
    const refused = (await ask('https://evil.example')).headers.get('access-control-allow-origin');
    expect(refused === null || refused === 'https://console.example.com').toBe(true);
    const allowed = await ask('https://console.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
  });

  it('does not echo a body it cannot parse', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authHeaders('agent')) },
      body: '{"query": "someone@example.com',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/invalid JSON/);
    expect(text).not.toContain('someone@example.com');
  });

  it('counts documents that fail to parse against the caller’s rate limit', async () => {
    const limited = await startStack({ env: { OMNIDEX_RATE_LIMIT: '5', OMNIDEX_RATE_LIMIT_WINDOW_S: '60' } });
    try {
      const headers = await limited.authHeaders('agent', 'parse-spammer');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await postGraphQL(limited.gatewayUrl, '{ customers(', undefined, headers)).status);
      expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
      expect(statuses[5]).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});
