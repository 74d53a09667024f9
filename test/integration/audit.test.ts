import type { CommandStartedEvent, MongoClient } from 'mongodb';
import { AUDIT_COLLECTION, DATABASES, type AuditEntryDoc } from '../../src/contract/documents';
import { postGraphQL, startStack, type Stack } from '../support/stack';

/*
 * The PII audit log, through the gateway over HTTP: reads of restricted fields are recorded (who,
 * when, which entity, which fields, which operation), with one write per subgraph request, without
 * the values read, and only an admin can query them, by reader, entity, customer or time.
 */

interface Entry {
  id: string;
  at: string;
  sub: string | null;
  roles: string[];
  subgraph: string;
  operationName: string | null;
  entityType: string;
  entityKey: string | null;
  fields: string[];
}

const AUDIT_LOG = `query Audit($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id at sub roles subgraph operationName entityType entityKey fields } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const AGENT_CONSOLE = `query AgentConsole($id: ID!) {
  customer(id: $id) {
    id
    crmContacts { contactId firstName email phone country }
    posShoppers { shopperKey member { loyaltyId firstName email } }
  }
}`;

interface Person {
  id: string;
  crmContacts: { contactId: string; email: string | null; phone: string | null }[];
  posShoppers: { shopperKey: string; member: { loyaltyId: string; email: string | null } | null }[];
}

describe('the PII audit log', () => {
  let stack: Stack;
  let client: MongoClient;
  const auditInserts: { documents: number }[] = [];
  let people: Person[];

  const as = async (role: 'agent' | 'marketing' | 'frontend' | 'admin', sub: string, query: string, variables?: Record<string, unknown>) =>
    postGraphQL(stack.gatewayUrl, query, variables, await stack.authHeaders(role, sub));

  /** Every entry matching `filter`, newest first, read a page of `first` at a time. */
  async function auditLog(filter: Record<string, unknown>, first = 100): Promise<Entry[]> {
    const entries: Entry[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const { body } = await as('admin', 'auditor', AUDIT_LOG, { filter, first, after });
      expect(body.errors).toBeUndefined();
      const connection = (body.data as any).auditLog;
      entries.push(...connection.edges.map((edge: { node: Entry }) => edge.node));
      if (!connection.pageInfo.hasNextPage) return entries;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('auditLog does not end');
  }

  beforeAll(async () => {
    stack = await startStack({ seedCustomers: 40, clientOptions: { monitorCommands: true } });
    client = stack.client;
    client.on('commandStarted', (event: CommandStartedEvent) => {
      if (event.commandName === 'insert' && event.command.insert === AUDIT_COLLECTION) {
        auditInserts.push({ documents: (event.command.documents as unknown[]).length });
      }
    });
    // People who have a CRM contact with an email and a loyalty member with an email.
    const data = await stack.query<{ customers: { edges: { node: Person }[] } }>(
      `query { customers(first: 100) { edges { node {
        id crmContacts { contactId email phone } posShoppers { shopperKey member { loyaltyId email } }
      } } } }`,
      undefined,
      { sub: 'setup-admin' },
    );
    people = data.customers.edges
      .map((edge) => edge.node)
      .filter((p) => p.crmContacts.some((c) => c.email) && p.posShoppers.some((s) => s.member?.email));
    expect(people.length).toBeGreaterThanOrEqual(3);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("records who read which entity's restricted fields, when, and in which operation", async () => {
    const [person] = people;
    const before = new Date();
    const { body } = await as('agent', 'agent-7', AGENT_CONSOLE, { id: person!.id });
    const after = new Date();
    expect(body.errors).toBeUndefined();

    const entries = await auditLog({ sub: 'agent-7' });
    const expected = [
      ...person!.crmContacts
        .filter((c) => c.email || c.phone)
        .map((c) => ({ subgraph: 'crm', entityType: 'CrmContact', entityKey: c.contactId, fields: ['email', 'phone'].filter((f) => c[f as 'email' | 'phone']) })),
      ...person!.posShoppers
        .filter((s) => s.member?.email)
        .map((s) => ({ subgraph: 'pos', entityType: 'PosMember', entityKey: s.member!.loyaltyId, fields: ['email'] })),
    ];
    const sortKey = (e: { entityType: string; entityKey: string | null }) => `${e.entityType}:${e.entityKey}`;
    expect(entries.map(({ subgraph, entityType, entityKey, fields }) => ({ subgraph, entityType, entityKey, fields })).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      expected.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    for (const entry of entries) {
      expect(entry).toMatchObject({ sub: 'agent-7', roles: ['agent'] });
      // The gateway names the operations it sends to subgraphs after the client's.
      expect(entry.operationName).toMatch(/AgentConsole/);
      expect(new Date(entry.at).getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(new Date(entry.at).getTime()).toBeLessThanOrEqual(after.getTime());
    }
  });

  it('writes the entries of one subgraph request with a single insertMany', async () => {
    const contacts = await stack.query<{ crmContacts: { edges: { node: { email: string | null } }[] } }>(
      '{ crmContacts(first: 60) { edges { node { email } } } }',
      undefined,
      { sub: 'setup-admin' },
    );
    const withEmail = contacts.crmContacts.edges.filter((edge) => edge.node.email).length;
    auditInserts.length = 0;
    const { body } = await as('agent', 'agent-batch', '{ crmContacts(first: 60) { edges { node { contactId email } } } }');
    expect(body.errors).toBeUndefined();
    expect(auditInserts).toEqual([{ documents: withEmail }]);
  });

  it("finds every read of one customer's records by its id, and none of another's", async () => {
    const [first, second] = people;
    await as('agent', 'agent-by-customer', AGENT_CONSOLE, { id: first!.id });
    await as('agent', 'agent-by-customer', AGENT_CONSOLE, { id: second!.id });
    const keysOf = (p: Person) => new Set([...p.crmContacts.map((c) => c.contactId), ...p.posShoppers.flatMap((s) => (s.member ? [s.member.loyaltyId] : []))]);

    const entries = await auditLog({ customerId: first!.id, sub: 'agent-by-customer' });
    expect(entries.length).toBeGreaterThan(0);
    const firstKeys = keysOf(first!);
    const secondKeys = keysOf(second!);
    for (const entry of entries) {
      expect(firstKeys.has(entry.entityKey!)).toBe(true);
      expect(secondKeys.has(entry.entityKey!)).toBe(false);
    }
    const bySub = await auditLog({ sub: 'agent-by-customer' });
    expect(bySub.length).toBeGreaterThan(entries.length);
  });

  it('filters by entity and by time, and pages newest first', async () => {
    const [person] = people;
    const contact = person!.crmContacts.find((c) => c.email)!;
    const t0 = new Date();
    for (let i = 0; i < 3; i++) await as('agent', 'agent-pages', AGENT_CONSOLE, { id: person!.id });
    const t1 = new Date();

    const byEntity = await auditLog({ sub: 'agent-pages', entityType: 'CrmContact', entityKey: contact.contactId }, 1);
    expect(byEntity).toHaveLength(3);
    const times = byEntity.map((e) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(byEntity.map((e) => e.id)).size).toBe(3);

    expect(await auditLog({ sub: 'agent-pages', since: t1.toISOString() })).toEqual([]);
    expect((await auditLog({ sub: 'agent-pages', since: t0.toISOString(), until: t1.toISOString() })).length).toBeGreaterThanOrEqual(3);
  });

  it('audits a golden profile under its customer, where insights discloses it', async () => {
    const [person] = people;
    const query = 'query Profile($id: ID!) { customer(id: $id) { profile { firstName { value } email { value } } } }';
    const { body } = await as('agent', 'agent-profile', query, { id: person!.id });
    expect(body.errors).toBeUndefined();
    expect((body.data as any).customer.profile.email.value).toEqual(expect.any(String));
    const entries = await auditLog({ sub: 'agent-profile' });
    expect(entries.map(({ subgraph, entityType, entityKey, fields, operationName }) => ({ subgraph, entityType, entityKey, fields, operationName }))).toEqual([
      // The first name is open to every role: not audited. The inputs insights read from the
      // channels are @inaccessible facts no client can select, so the disclosure is recorded here.
      { subgraph: 'insights', entityType: 'Customer', entityKey: person!.id, fields: ['CustomerProfile.email'], operationName: expect.stringMatching(/Profile/) },
    ]);
    expect((await auditLog({ customerId: person!.id, sub: 'agent-profile' })).length).toBe(1);
  });

  it("still finds a forgotten customer's entries by its id, keyed by the id alone", async () => {
    const person = people.at(-1)!;
    await as('agent', 'agent-before-forget', AGENT_CONSOLE, { id: person.id });
    const before = await auditLog({ customerId: person.id, sub: 'agent-before-forget' });
    expect(before.length).toBeGreaterThan(0);
    const { body } = await as('admin', 'admin-forget', 'mutation($id: ID!) { forgetCustomer(id: $id, reason: "erasure request") { customerId } }', { id: person.id });
    expect(body.errors).toBeUndefined();

    const after = await auditLog({ customerId: person.id, sub: 'agent-before-forget' });
    expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect(new Set(after.map((e) => e.entityKey))).toEqual(new Set([`forgotten:${person.id}`]));
    // The erasure itself is audited under the customer's id, and found the same way.
    expect(await auditLog({ customerId: person.id, sub: 'admin-forget' })).toEqual([
      expect.objectContaining({ entityType: 'Mutation', entityKey: person.id, fields: ['forgetCustomer'] }),
    ]);
  });

  it('records nothing for reads that were denied or of fields every role may read', async () => {
    const [person] = people;
    const { body } = await as('frontend', 'web-frontend-1', AGENT_CONSOLE, { id: person!.id });
    expect(body.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(await auditLog({ sub: 'web-frontend-1' })).toEqual([]);
  });

  it('answers the audit log to admins only', async () => {
    for (const role of ['agent', 'marketing', 'frontend'] as const) {
      const { body } = await as(role, `curious-${role}`, AUDIT_LOG, { filter: {} });
      expect(body.data).toEqual({ auditLog: null });
      expect(body.errors?.map((e) => [e.path, e.extensions?.code, e.message])).toEqual([
        [['auditLog'], 'FORBIDDEN', 'Not allowed to read Query.auditLog: it requires the role admin'],
      ]);
    }
  });

  it('refuses malformed filters with a clear error', async () => {
    const { body } = await as('admin', 'auditor', AUDIT_LOG, { filter: { sub: 'x'.repeat(500) } });
    expect(body.errors?.[0]).toMatchObject({ message: 'filter.sub must be 1 to 200 characters', extensions: { code: 'BAD_USER_INPUT' } });
    const inverted = await as('admin', 'auditor', AUDIT_LOG, { filter: { since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' } });
    expect(inverted.body.errors?.[0]).toMatchObject({ message: 'filter.since must be before filter.until', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('stores ids and field names only, never the values read', async () => {
    const stored = (
      await Promise.all(Object.values(DATABASES).map((name) => client.db(name).collection<AuditEntryDoc>(AUDIT_COLLECTION).find({}).toArray()))
    ).flat();
    expect(stored.length).toBeGreaterThan(0);
    const text = JSON.stringify(stored);
    const values = people.flatMap((p) => [...p.crmContacts.flatMap((c) => [c.email, c.phone]), ...p.posShoppers.map((s) => s.member?.email)]);
    for (const value of values) if (value) expect(text).not.toContain(value);
    expect(text).not.toMatch(/@/);
  });
});
