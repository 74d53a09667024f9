import { COLLECTIONS, DATABASES, type CrmCaseDoc, type CrmContactDoc } from '../../src/contract/documents';
import type { RunningSubgraph } from '../../subgraphs/common/src/subgraph';
import { crmSubgraph } from '../../subgraphs/crm/src';
import { internalHeaders } from '../support/auth';
import { postGraphQL } from '../support/stack';
import { readAllPages, startHarness, type SubgraphHarness } from '../unit/subgraphs/harness';

const imported = { file: 'crm/contacts.jsonl', line: 1, importedAt: new Date('2026-01-01T00:00:00Z') };
const BASE = Date.parse('2025-01-01T00:00:00Z');
const minutes = (n: number) => new Date(BASE + n * 60_000);
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(3, '0')}`;

// 120 contacts; pairs share a creation time so the `_id` tie-break is exercised.
const contacts: CrmContactDoc[] = Array.from({ length: 120 }, (_, i) => ({
  _id: id('C', i),
  contactId: id('C', i),
  firstName: `First${i}`,
  lastName: i % 5 === 0 ? undefined : `Last${i}`,
  email: `c${i}@example.com`,
  phone: '+442079460000',
  postalCode: 'SW1A 1AA',
  country: 'GB',
  emailOptIn: i % 2 === 0,
  createdAt: minutes(Math.floor(i / 2)),
  updatedAt: minutes(1_000 + i),
  imported,
}));

// Three cases per contact, and eleven for C000 (several opened at the same instant).
const cases: CrmCaseDoc[] = contacts.flatMap((contact, i) =>
  Array.from({ length: i === 0 ? 11 : 3 }, (_, k): CrmCaseDoc => ({
    _id: `${contact.contactId}-K${String(k).padStart(2, '0')}`,
    caseId: `${contact.contactId}-K${String(k).padStart(2, '0')}`,
    contactId: contact.contactId,
    channel: (['phone', 'email', 'chat', 'store'] as const)[k % 4]!,
    subject: `Subject ${k}`,
    status: (['open', 'resolved', 'closed'] as const)[k % 3]!,
    openedAt: minutes(10_000 + Math.floor(k / 3)),
    ...(k % 3 === 2 ? { closedAt: minutes(20_000 + k), csat: 1 + (k % 5) } : {}),
    transcript: [
      { at: minutes(10_000 + k), from: 'customer', text: `Hello ${k}` },
      { at: minutes(10_001 + k), from: 'agent', text: `Hi ${k}` },
    ],
    imported,
  })),
);

const newestFirst = <T extends { _id: string }>(time: (doc: T) => Date) => (a: T, b: T) =>
  time(b).getTime() - time(a).getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);

let harness: SubgraphHarness;
let crm: RunningSubgraph;

beforeAll(async () => {
  harness = await startHarness();
  const db = harness.client.db(DATABASES.crm);
  await db.collection<CrmContactDoc>(COLLECTIONS.crm.contacts).insertMany(contacts);
  await db.collection<CrmCaseDoc>(COLLECTIONS.crm.cases).insertMany(cases);
  crm = await harness.start(crmSubgraph);
});

afterAll(async () => {
  await harness?.stop();
});

async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
  const { status, body } = await postGraphQL<T>(crm.url, q, variables, await internalHeaders());
  if (status !== 200 || body.errors) throw new Error(`HTTP ${status}: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

describe('crm subgraph', () => {
  it('serves a contact with its fields, consents and newest cases', async () => {
    const data = await query(`{
      crmContact(contactId: "C002") {
        contactId firstName lastName fullName email phone postalCode country
        consents { email sms } createdAt updatedAt
        cases(first: 2) {
          totalCount
          edges { node { caseId channel status subject openedAt closedAt csat transcript { at from text } contact { contactId } } }
        }
      }
    }`);
    const contact = contacts[2]!;
    const expectedCases = cases.filter((c) => c.contactId === 'C002').sort(newestFirst((c) => c.openedAt));
    expect(data.crmContact).toMatchObject({
      contactId: 'C002',
      fullName: `${contact.firstName} ${contact.lastName}`,
      consents: { email: true, sms: null },
      createdAt: contact.createdAt.toISOString(),
    });
    expect(data.crmContact.cases.totalCount).toBe(3);
    const first = data.crmContact.cases.edges[0].node;
    const doc = expectedCases[0]!;
    expect(first).toEqual({
      caseId: doc.caseId,
      channel: doc.channel.toUpperCase(),
      status: doc.status.toUpperCase(),
      subject: doc.subject,
      openedAt: doc.openedAt.toISOString(),
      closedAt: doc.closedAt?.toISOString() ?? null,
      csat: doc.csat ?? null,
      transcript: doc.transcript.map((m) => ({ at: m.at.toISOString(), from: m.from.toUpperCase(), text: m.text })),
      contact: { contactId: 'C002' },
    });
  });

  it('answers null for an unknown contact and a null fullName without a last name', async () => {
    const data = await query('{ missing: crmContact(contactId: "nope") { contactId } c0: crmContact(contactId: "C000") { fullName } }');
    expect(data).toEqual({ missing: null, c0: { fullName: null } });
  });

  it('pages through every contact once, newest first with ties broken by id', async () => {
    const { nodes, pages } = await readAllPages(async (after) =>
      (await query('query($after: String) { crmContacts(first: 7, after: $after) { totalCount edges { cursor node { contactId } } pageInfo { hasNextPage endCursor } } }', { after })).crmContacts,
    );
    const expected = [...contacts].sort(newestFirst((c) => c.createdAt)).map((c) => c.contactId);
    expect(nodes.map((n: any) => n.contactId)).toEqual(expected);
    expect(pages).toBe(Math.ceil(contacts.length / 7));
  });

  it('pages through one contact\'s cases to the end', async () => {
    const { nodes } = await readAllPages(async (after) =>
      (await query('query($after: String) { crmContact(contactId: "C000") { cases(first: 4, after: $after) { edges { cursor node { caseId } } pageInfo { hasNextPage endCursor } } } }', { after })).crmContact.cases,
    );
    const expected = cases.filter((c) => c.contactId === 'C000').sort(newestFirst((c) => c.openedAt)).map((c) => c.caseId);
    expect(nodes.map((n: any) => n.caseId)).toEqual(expected);
  });

  it('defaults first to 20 and reports an empty page for first: 0', async () => {
    const data = await query('{ crmContacts { edges { cursor } } none: crmContacts(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } } }');
    expect(data.crmContacts.edges).toHaveLength(20);
    expect(data.none).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it.each([
    ['first above the limit', '{ crmContacts(first: 101) { totalCount } }', /at most 100/],
    ['negative first', '{ crmContacts(first: -1) { totalCount } }', /between 0 and 100/],
    ['a malformed cursor', '{ crmContacts(after: "not-a-cursor") { totalCount } }', /not a cursor of crmContacts/],
    ['another list\'s cursor', '{ crmContact(contactId: "C000") { cases(after: "WyJjcm1Db250YWN0cyIsIjIwMjUtMDEtMDFUMDA6MDA6MDAuMDAwWiIsIkMwMDAiXQ") { totalCount } } }', /not a cursor of CrmContact.cases/],
  ])('refuses %s with BAD_USER_INPUT', async (_, q, message) => {
    const { status, body } = await postGraphQL(crm.url, q, undefined, await internalHeaders());
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(message);
  });

  it('resolves _entities for several representations in order, a miss as null', async () => {
    const data = await query(`query($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on CrmContact { contactId email }
        ... on CrmCase { caseId contact { contactId } }
      }
    }`, {
      representations: [
        { __typename: 'CrmContact', contactId: 'C010' },
        { __typename: 'CrmCase', caseId: 'C003-K01' },
        { __typename: 'CrmContact', contactId: 'unknown' },
        { __typename: 'CrmContact', contactId: 'C001' },
      ],
    });
    expect(data._entities).toEqual([
      { contactId: 'C010', email: 'c10@example.com' },
      { caseId: 'C003-K01', contact: { contactId: 'C003' } },
      null,
      { contactId: 'C001', email: 'c1@example.com' },
    ]);
  });

  it('lists contacts with their cases in a number of MongoDB commands that does not grow with the contacts', async () => {
    const listQuery = `query($first: Int!) {
      crmContacts(first: $first) {
        edges { node { contactId email cases(first: 5) { totalCount edges { node { caseId status csat transcript { text } } } } } }
      }
    }`;
    const cost = async (first: number) => {
      harness.commands.reset();
      const data = await query(listQuery, { first });
      expect(data.crmContacts.edges).toHaveLength(first);
      for (const edge of data.crmContacts.edges) expect(edge.node.cases.edges.length).toBeGreaterThan(0);
      return harness.commands.byName();
    };
    const ten = await cost(10);
    const hundred = await cost(100);
    expect(hundred).toEqual(ten);
    // One page of contacts, one aggregate for every contact's page of cases, one fetch of those cases,
    // and one insert of the request's audit entries (email and transcripts are audited reads).
    expect(hundred).toEqual({ aggregate: 1, find: 2, insert: 1 });
  });

  it('resolves 100 entity references with one find', async () => {
    harness.commands.reset();
    const representations = contacts.slice(0, 100).map((c) => ({ __typename: 'CrmContact', contactId: c.contactId }));
    const data = await query('query($r: [_Any!]!) { _entities(representations: $r) { ... on CrmContact { contactId } } }', { r: representations });
    expect(data._entities.map((e: any) => e.contactId)).toEqual(representations.map((r) => r.contactId));
    expect(harness.commands.byName()).toEqual({ find: 1 });
  });

  it('creates the indexes behind its lists', async () => {
    const caseIndexes = await harness.client.db(DATABASES.crm).collection(COLLECTIONS.crm.cases).listIndexes().toArray();
    expect(caseIndexes.map((index) => index.key)).toContainEqual({ contactId: 1, openedAt: -1, _id: -1 });
  });
});
