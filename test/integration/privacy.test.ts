/**
 * The privacy rights through the gateway, as an admin console would use them: export (DSAR) and
 * forget, admin only. The database is then searched directly for anything left of the person.
 */
import fs from 'node:fs/promises';
import type { CustomerDoc } from '../../src/identity/store/documents';
import { identityCollections } from '../../src/identity/store';
import { exportCustomerData, loadSuppression, privacyLog } from '../../src/privacy';
import { postGraphQL, startStack, type Stack } from '../support/stack';
import { everyDocument, holding, seedImportResolve, wellLinkedCustomers } from '../unit/privacy/fixtures';
import { AUDIT_COLLECTION } from '../../src/contract/documents';
import { exportParticipantsOn } from '../support/services';

type Json = { [key: string]: any };

const EXPORT = /* GraphQL */ `
  query Export($id: ID!) {
    exportCustomerData(id: $id)
  }
`;

const FORGET = /* GraphQL */ `
  mutation Forget($id: ID!, $reason: String!) {
    forgetCustomer(id: $id, reason: $reason) {
      requestedId
      customerId
      alreadyForgotten
      auditId
      sharedIdentifiers
      counts { database collection action count }
    }
  }
`;

const AGENT_READ = /* GraphQL */ `
  query AgentRead($id: ID!) {
    customer(id: $id) { crmContacts { contactId email phone } }
  }
`;

const FIND = /* GraphQL */ `
  query Find($id: ID!, $email: String!) {
    customer(id: $id) { id }
    findCustomer(by: { type: EMAIL, value: $email }) { id }
  }
`;

let stack: Stack;
let seedDir: string;
let forgotten: CustomerDoc;
let bystander: CustomerDoc;

/** Emails, phones and ids of the person, JSON-quoted, as they would appear in any stored document. */
function identifyingValues(data: Json): string[] {
  const values = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') values.add(JSON.stringify(value));
  };
  for (const c of data.crm.contacts) [c.contactId, c.email, c.phone, c.loyaltyId].forEach(add);
  for (const v of data.web.visitors) [v.visitorId, ...v.userIds, ...v.emails].forEach(add);
  for (const m of data.pos.members) [m.loyaltyId, m.email, m.phone].forEach(add);
  for (const t of data.pos.transactions) [t.loyaltyId, t.cardToken, t.receiptEmail].forEach(add);
  for (const i of data.identity.identifiers) add(i.value);
  return [...values];
}

async function asRole(role: 'agent' | 'marketing' | 'frontend' | 'admin', query: string, variables: Record<string, unknown>) {
  return postGraphQL(stack.gatewayUrl, query, variables, await stack.authHeaders(role));
}

beforeAll(async () => {
  stack = await startStack();
  seedDir = await seedImportResolve(stack.client);
  [forgotten, bystander] = (await wellLinkedCustomers(stack.client, 2)) as [CustomerDoc, CustomerDoc];
});

afterAll(async () => {
  await stack?.stop();
  if (seedDir) await fs.rm(seedDir, { recursive: true, force: true });
});

describe('exportCustomerData through the gateway', () => {
  it('gives an admin everything held on the customer, and nothing of another', async () => {
    const { exportCustomerData: data } = await stack.query<{ exportCustomerData: Json }>(EXPORT, { id: forgotten._id });
    const direct = (await exportCustomerData(stack.dbs.identity, forgotten._id, exportParticipantsOn(stack.dbs))) as Json;
    expect({ ...data, generatedAt: undefined }).toEqual({ ...direct, generatedAt: undefined });
    expect(data.crm.contacts.map((c: Json) => c.contactId).sort()).toEqual([...forgotten.crmContactIds].sort());
    expect(data.web.visitors.map((v: Json) => v.visitorId).sort()).toEqual([...forgotten.webVisitorIds].sort());
    expect(data.pos.transactions.length).toBeGreaterThan(0);
    expect(data.crm.cases.length).toBeGreaterThan(0);

    const other = (await exportCustomerData(stack.dbs.identity, bystander._id, exportParticipantsOn(stack.dbs))) as Json;
    const text = JSON.stringify(data).toLowerCase();
    expect(identifyingValues(other).filter((needle) => text.includes(needle.toLowerCase()))).toEqual([]);
  });

  it.each(['agent', 'marketing', 'frontend'] as const)('refuses %s with FORBIDDEN', async (role) => {
    const { status, body } = await asRole(role, EXPORT, { id: forgotten._id });
    expect(status).toBe(200);
    expect(body.data?.exportCustomerData ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(body)).not.toContain(forgotten.crmContactIds[0]);
  });

  it('answers null for an unknown customer', async () => {
    expect(await stack.query(EXPORT, { id: 'cus_nobody' })).toEqual({ exportCustomerData: null });
  });
});

describe('forgetCustomer through the gateway', () => {
  it.each(['agent', 'marketing', 'frontend'] as const)('refuses %s with FORBIDDEN and changes nothing', async (role) => {
    const before = await everyDocument(stack.client);
    const { body } = await asRole(role, FORGET, { id: bystander._id, reason: 'not allowed' });
    expect(body.data?.forgetCustomer ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await everyDocument(stack.client)).toEqual(before);
  });

  it('refuses an unknown id and a blank reason with BAD_USER_INPUT saying what was wrong', async () => {
    const unknown = await asRole('admin', FORGET, { id: 'cus_nobody', reason: 'request' });
    expect(unknown.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'No customer cus_nobody']]);
    const blank = await asRole('admin', FORGET, { id: bystander._id, reason: '   ' });
    expect(blank.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'A reason is required to forget a customer'],
    ]);
    expect(await identityCollections(stack.dbs.identity).customers.countDocuments({ _id: bystander._id })).toBe(1);
  });

  it('lets an admin forget a customer: gone from every database, sales kept pseudonymised, audited', async () => {
    const client = stack.client;
    const before = (await exportCustomerData(stack.dbs.identity, forgotten._id, exportParticipantsOn(stack.dbs))) as Json;
    const email = before.identity.identifiers.find((i: Json) => i.type === 'email')?.value as string;
    expect(email).toBeDefined();
    // An agent reads the person's contact details: the crm's PII audit log names the contacts read.
    await stack.query(AGENT_READ, { id: forgotten._id }, { role: 'agent', sub: 'agent-bo' });
    const audit = stack.dbs.crm.collection(AUDIT_COLLECTION);
    expect(await audit.countDocuments({ entityKey: { $in: forgotten.crmContactIds } })).toBeGreaterThan(0);

    const { forgetCustomer: result } = await stack.query<{ forgetCustomer: Json }>(
      FORGET,
      { id: forgotten._id, reason: 'GDPR art. 17 request, ticket 4711' },
      { role: 'admin', sub: 'admin-ana' },
    );
    expect(result).toMatchObject({ requestedId: forgotten._id, customerId: forgotten._id, alreadyForgotten: false, sharedIdentifiers: 0 });
    const count = (collection: string, action: string) => result.counts.find((c: Json) => c.collection === collection && c.action === action)?.count;
    expect(count('contacts', 'deleted')).toBe(before.crm.contacts.length);
    expect(count('cases', 'deleted')).toBe(before.crm.cases.length);
    expect(count('events', 'deleted')).toBe(before.web.events.length);
    expect(count('transactions', 'pseudonymised')).toBe(before.pos.transactions.length);
    expect(count('activity', 'deleted')).toBe(before.activity.length);

    // Nothing identifying is left in any source database, the identity map, the activity index or
    // the audit log, which still says who read what and when, of a customer now forgotten.
    expect(holding(await everyDocument(client), identifyingValues(before))).toEqual([]);
    expect(await audit.countDocuments({ sub: 'agent-bo', entityKey: `forgotten:${forgotten._id}` })).toBeGreaterThan(0);
    expect(await identityCollections(stack.dbs.identity).activity.countDocuments({ customerId: forgotten._id })).toBe(0);
    expect(await stack.query(FIND, { id: forgotten._id, email })).toEqual({ customer: null, findCustomer: null });

    // The sales stay, anonymous, with their amounts.
    const sales = await client
      .db('pos')
      .collection<{ _id: string }>('transactions')
      .find({ _id: { $in: before.pos.transactions.map((t: Json) => t._id) } })
      .toArray();
    expect(sales.map((s: Json) => [s._id, s.totals, s.loyaltyId, s.cardToken, s.receiptEmail])).toEqual(
      before.pos.transactions.map((t: Json) => [t._id, t.totals, undefined, undefined, undefined]),
    );

    const entry = await privacyLog(stack.dbs.identity).findOne({ _id: result.auditId });
    expect(entry).toMatchObject({ customerId: forgotten._id, actor: 'admin-ana', reason: 'GDPR art. 17 request, ticket 4711', status: 'done' });
    expect(holding([{ ns: 'privacy_log', json: JSON.stringify(entry) }], identifyingValues(before))).toEqual([]);

    const suppression = await loadSuppression(stack.dbs.identity, stack.privacySecret!);
    expect(suppression.check('crm/contacts.jsonl', before.crm.contacts[0])).toMatch(/^suppressed: /);

    // The other customer is untouched.
    expect(await identityCollections(stack.dbs.identity).customers.findOne({ _id: bystander._id })).toEqual(bystander);
  });

  it('answers alreadyForgotten when asked again', async () => {
    const { forgetCustomer: again } = await stack.query<{ forgetCustomer: Json }>(FORGET, { id: forgotten._id, reason: 'again' });
    expect(again).toMatchObject({ customerId: forgotten._id, alreadyForgotten: true });
  });
});
