import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importDirectory } from '../../src/import';
import { identityCollections, runResolve } from '../../src/identity/store';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let tmp: string;

const contact = (contactId: string, firstName: string, lastName: string, fields: Record<string, unknown> = {}) => ({
  contactId,
  firstName,
  lastName,
  country: 'GB',
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-05T10:00:00Z',
  ...fields,
});

async function importAndResolve(name: string, contacts: object[]): Promise<void> {
  const dir = path.join(tmp, name);
  await fs.mkdir(path.join(dir, 'crm'), { recursive: true });
  await fs.writeFile(path.join(dir, 'crm/contacts.jsonl'), contacts.map((c) => JSON.stringify(c)).join('\n') + '\n');
  await importDirectory(stack.dbs, dir);
  await runResolve(stack.dbs);
}

async function customerOf(contactId: string): Promise<string> {
  return (await identityCollections(stack.dbs.identity).records.findOne({ _id: `crm:contact:${contactId}` }))!.customerId;
}

const SEARCH = `query Search($q: String!, $first: Int, $after: String) {
  searchCustomers(query: $q, first: $first, after: $after) {
    edges { cursor score node { id } matches { field value highlights { start length } fuzzy } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Edge = { cursor: string; score: number; node: { id: string }; matches: { field: string; value: string; highlights: { start: number; length: number }[]; fuzzy: boolean }[] };

async function search(q: string, variables: Record<string, unknown> = {}): Promise<{ edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> {
  return (await stack.query(SEARCH, { q, ...variables }, { role: 'agent' })).searchCustomers;
}

beforeAll(async () => {
  stack = await startStack();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-search-'));
  await importAndResolve('base', [
    contact('C1', 'Aliyah', 'Bräutigam', { email: 'aliyah_brautigam@web.de', phone: '+49 151 25915378', country: 'DE', postalCode: '42140', loyaltyId: 'L5819679456' }),
    contact('C2', 'Jane', 'Smith', { email: 'jane.smith@example.net', postalCode: 'SW1A 1AA' }),
    contact('C3', 'John', 'Smith', { email: 'jsmith@mail.co.uk', postalCode: 'M1 1AE' }),
    contact('C4', 'Jill', 'Smithers', { email: 'jill@smithers.org', postalCode: 'LS1 4AP' }),
    contact('C5', 'Jack', 'Smyth', { email: 'jack.smyth@mail.ie', postalCode: 'D02 X285' }),
    contact('C6', 'Noa', 'van der Meer', { email: 'noa@meer.nl', country: 'NL', postalCode: '1012 AB' }),
  ]);
});

afterAll(async () => {
  await stack?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('searchCustomers', () => {
  it('finds a name without its accents, by word prefixes, with one typo per word', async () => {
    const aliyah = await customerOf('C1');
    for (const q of ['bräutigam', 'BRAUTIGAM', 'ali brau', 'Aliyah Brautigam', 'brautigam aliyah', 'aliyha bräutigam', 'Brautigma']) {
      const { edges } = await search(q);
      expect({ q, ids: edges.map((e) => e.node.id) }).toEqual({ q, ids: [aliyah] });
    }
    const [hit] = (await search('aliyha brau')).edges;
    expect(hit!.matches[0]).toEqual({ field: 'NAME', value: 'aliyah bräutigam', highlights: [{ start: 0, length: 6 }, { start: 7, length: 4 }], fuzzy: true });
  });

  it('ranks whole words before prefixes and typos', async () => {
    const { edges } = await search('smith');
    const [jane, john, jill, jack] = await Promise.all(['C2', 'C3', 'C4', 'C5'].map(customerOf));
    expect(edges.map((e) => e.node.id)).toEqual([...[jane, john].sort(), jill, jack]);
    expect(edges.map((e) => e.score)).toEqual([90, 90, expect.any(Number), 54]);
    expect(edges[2]!.matches[0]).toMatchObject({ value: 'jill smithers', highlights: [{ start: 5, length: 5 }], fuzzy: false });
    expect(edges[3]!.matches[0]).toMatchObject({ value: 'jack smyth', fuzzy: true });
  });

  it('finds by email prefix, phone in any format, postcode and loyalty id', async () => {
    const aliyah = await customerOf('C1');
    const jane = await customerOf('C2');
    const first = async (q: string) => (await search(q)).edges[0];
    expect(await first('aliyah_brautigam@w')).toMatchObject({ node: { id: aliyah }, matches: [{ field: 'EMAIL', value: 'aliyah_brautigam@web.de', highlights: [{ start: 0, length: 18 }] }] });
    expect(await first('0151 2591 5378')).toMatchObject({ node: { id: aliyah }, score: 100, matches: [{ field: 'PHONE', value: '+4915125915378' }] });
    expect(await first('+49 (151) 259-15378')).toMatchObject({ node: { id: aliyah } });
    expect(await first('sw1a1aa')).toMatchObject({ node: { id: jane }, matches: [{ field: 'POSTAL_CODE', value: 'SW1A1AA' }] });
    expect(await first('l5819679456')).toMatchObject({ node: { id: aliyah }, matches: [{ field: 'LOYALTY_ID', value: 'L5819679456' }] });
    expect(await first('van der meer')).toMatchObject({ matches: [{ field: 'NAME', value: 'noa van der meer' }] });
    expect((await search('nobody-like-this')).edges).toEqual([]);
  });

  it('pages with cursors that belong to their query', async () => {
    const all = (await search('smith')).edges.map((e) => e.node.id);
    const page1 = await search('smith', { first: 2 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await search('smith', { first: 2, after: page1.pageInfo.endCursor });
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).toEqual(all);
    const response = await stack.post(SEARCH, { q: 'jane', after: page1.pageInfo.endCursor }, { role: 'agent' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await stack.post(SEARCH, { q: '   ' }, { role: 'agent' });
    expect(blank.body.errors?.[0]).toMatchObject({ message: 'query must not be blank', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('is for agents and admins only, and audits every customer it reveals', async () => {
    for (const role of ['frontend', 'marketing'] as const) {
      const response = await stack.post(SEARCH, { q: 'smith' }, { role });
      expect(response.body.data).toEqual({ searchCustomers: null });
      expect(response.body.errors?.[0]).toMatchObject({ path: ['searchCustomers'], extensions: { code: 'FORBIDDEN' } });
    }
    await stack.query(SEARCH, { q: 'aliyah' }, { role: 'admin', sub: 'auditor-check' });
    const aliyah = await customerOf('C1');
    const log = await stack.query(`query($id: ID!) { auditLog(filter: { customerId: $id, sub: "auditor-check" }) { edges { node { entityType entityKey fields } } } }`, { id: aliyah });
    expect(log.auditLog.edges.map((e: any) => e.node)).toContainEqual({ entityType: 'Customer', entityKey: aliyah, fields: ['searchCustomers'] });
  });
});

describe('the search index stays right', () => {
  it('through a merge, a split, an unlink and a forget', async () => {
    const jane = await customerOf('C2');
    // A CRM duplicate sharing Jane's email, under her married name: one customer, found by both.
    await importAndResolve('merge', [contact('C7', 'Jane', 'Doe-Smith', { email: 'jane.smith@example.net', createdAt: '2025-01-01T10:00:00Z' })]);
    const merged = await customerOf('C7');
    expect(await customerOf('C2')).toBe(merged);
    expect((await search('jane doe')).edges.map((e) => e.node.id)).toEqual([merged]);
    expect((await search('jane smith')).edges.map((e) => e.node.id)).toEqual([merged]);
    const terms = identityCollections(stack.dbs.identity).search;
    if (merged !== jane) expect(await terms.countDocuments({ c: jane })).toBe(0);

    const split = await stack.query(`mutation($id: ID!) { splitCustomer(id: $id, parts: [["crm:contact:C2"], ["crm:contact:C7"]]) { id } }`, { id: merged });
    expect(split.splitCustomer).toHaveLength(2);
    const [doe, smith] = await Promise.all([customerOf('C7'), customerOf('C2')]);
    expect(doe).not.toBe(smith);
    expect((await search('jane doe')).edges.map((e) => e.node.id)).toEqual([doe]);
    // Both are a Jane with a word Smith in her name.
    expect((await search('jane smith')).edges.map((e) => e.node.id)).toEqual([doe, smith].sort());

    await importAndResolve('second-jack', [contact('C8', 'Jack', 'Smyth', { email: 'jack.smyth@mail.ie', phone: '+353 85 123 4567' })]);
    const jack = await customerOf('C5');
    expect(await customerOf('C8')).toBe(jack);
    const unlinked = await stack.query(`mutation($id: ID!) { unlinkRecord(customerId: $id, record: "crm:contact:C8") { id } }`, { id: jack });
    expect(unlinked.unlinkRecord).toHaveLength(2);
    const loner = await customerOf('C8');
    expect((await search('+353851234567')).edges.map((e) => e.node.id)).toEqual([loner]);
    expect((await search('jack smyth')).edges.map((e) => e.node.id).sort()).toEqual([jack, loner].sort());

    const forgotten = await stack.query(`mutation($id: ID!) { forgetCustomer(id: $id, reason: "erasure request") { counts { database collection action count } } }`, { id: loner });
    expect(forgotten.forgetCustomer.counts).toContainEqual({ database: 'identity', collection: 'search_terms', action: 'deleted', count: expect.any(Number) });
    expect(await terms.countDocuments({ c: loner })).toBe(0);
    expect((await search('+353851234567')).edges).toEqual([]);
    expect((await search('jack smyth')).edges.map((e) => e.node.id)).toEqual([jack]);
  });

  it('is rebuilt by the next resolve when its terms are of another version', async () => {
    const identity = identityCollections(stack.dbs.identity);
    const before = await identity.search.countDocuments();
    await identity.search.deleteMany({});
    await identity.searchState.updateOne({ _id: 'search' }, { $set: { version: 0 } });
    await runResolve(stack.dbs);
    expect(await identity.search.countDocuments()).toBe(before);
    expect((await search('aliyah')).edges).toHaveLength(1);
  });
});
