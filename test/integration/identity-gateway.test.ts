import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ActivityDoc, CustomerDoc } from '../../src/identity/store/documents';
import { importDirectory } from '../../src/import';
import { identityCollections, runResolve } from '../../src/identity/store';
import { generateSeed } from '../../src/seed';
import { postGraphQL, startStack, type Stack } from '../support/stack';
import { databasesOn } from '../../src/db';

const UNTIL = new Date('2026-11-01T00:00:00Z');

const CUSTOMER_QUERY = /* GraphQL */ `
  query FindOne($by: CustomerLookup!) {
    findCustomer(by: $by) {
      id
      mergedFrom
      identifiers { type value sources recordCount firstSeen lastSeen }
      crmContacts { contactId email }
      webVisitors { visitorId firstSeenAt }
      posShoppers { shopperKey kind }
      timeline(first: 3) {
        totalCount
        edges {
          cursor
          node {
            at channel kind entityId
            crmCase { caseId subject }
            webSession { sessionId startedAt }
            posTransaction { transactionId type }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

const TIMELINE_PAGE = /* GraphQL */ `
  query Page($id: ID!, $after: String) {
    customer(id: $id) {
      timeline(first: 2, after: $after) {
        edges { node { at entityId channel } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

let stack: Stack;
let tmp: string;
let customer: CustomerDoc;
let history: ActivityDoc[];

beforeAll(async () => {
  stack = await startStack();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-identity-gw-'));
  await generateSeed({ customers: 80, seed: 5, until: UNTIL, outDir: tmp });
  const client = stack.client;
  await importDirectory(databasesOn(client), tmp);
  await runResolve(databasesOn(client));
  const identity = identityCollections(databasesOn(client).identity);
  // A customer seen on every channel, with an email and a history long enough to page.
  const candidates = await identity.customers.find({ channels: { $all: ['crm', 'web', 'pos'] }, 'identifiers.type': 'email' }).toArray();
  let best: { customer: CustomerDoc; history: ActivityDoc[] } | undefined;
  for (const c of candidates) {
    const h = await identity.activity.find({ customerId: c._id }).sort({ at: -1, _id: -1 }).toArray();
    if (!best || h.length > best.history.length) best = { customer: c, history: h };
  }
  if (!best) throw new Error('the seed has no customer on all three channels');
  ({ customer, history } = best);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('the identity subgraph through the gateway', () => {
  it('finds a customer by any identifier with its channel entities and the first page of its timeline', async () => {
    const email = customer.identifiers.find((i) => i.type === 'email')!.value;
    const data = await stack.query<{ findCustomer: any }>(CUSTOMER_QUERY, {
      by: { type: 'EMAIL', value: `  ${email.toUpperCase()} ` },
    });
    const found = data.findCustomer;
    expect(found.id).toBe(customer._id);
    expect(found.crmContacts.map((c: any) => c.contactId)).toEqual(customer.crmContactIds);
    expect(found.crmContacts.every((c: any) => typeof c.email === 'string' || c.email === null)).toBe(true);
    expect(found.webVisitors.map((v: any) => v.visitorId)).toEqual(customer.webVisitorIds);
    expect(found.webVisitors.every((v: any) => typeof v.firstSeenAt === 'string')).toBe(true);
    expect(found.posShoppers.map((s: any) => s.shopperKey)).toEqual(customer.posShopperKeys);
    expect(found.posShoppers.every((s: any) => typeof s.kind === 'string')).toBe(true);
    expect(found.identifiers.map((i: any) => i.value)).toContain(email);

    expect(found.timeline.totalCount).toBe(history.length);
    const first = found.timeline.edges.map((e: any) => e.node);
    expect(first.map((n: any) => n.entityId)).toEqual(history.slice(0, 3).map((a) => a.entityId));
    for (const node of first) {
      const entity = node.crmCase ?? node.webSession ?? node.posTransaction;
      expect(entity).not.toBeNull();
      if (node.crmCase) expect(node.crmCase).toEqual({ caseId: node.entityId, subject: expect.any(String) });
      if (node.webSession) expect(node.webSession.sessionId).toBe(node.entityId);
      if (node.posTransaction) expect(node.posTransaction.transactionId).toBe(node.entityId);
    }

    for (const identifier of customer.identifiers) {
      const type = { email: 'EMAIL', phone: 'PHONE', loyaltyId: 'LOYALTY_ID', webUserId: 'WEB_USER_ID', cardToken: 'POS_CARD_TOKEN' }[identifier.type];
      const byIdentifier = await stack.query<{ findCustomer: { id: string } | null }>(
        'query($by: CustomerLookup!) { findCustomer(by: $by) { id } }',
        { by: { type, value: identifier.value } },
      );
      // A shared identifier may name a customer that holds it on more records; ours holds it.
      expect(byIdentifier.findCustomer).not.toBeNull();
    }
    const byContact = await stack.query<{ findCustomer: { id: string } }>('query($by: CustomerLookup!) { findCustomer(by: $by) { id } }', {
      by: { type: 'CRM_CONTACT_ID', value: customer.crmContactIds[0] },
    });
    expect(byContact.findCustomer.id).toBe(customer._id);
  });

  it('pages the timeline to the end: every interaction exactly once, newest first', async () => {
    const seen: { at: string; entityId: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await stack.query(TIMELINE_PAGE, { id: customer._id, after });
      seen.push(...data.customer.timeline.edges.map((e: any) => e.node));
      if (!data.customer.timeline.pageInfo.hasNextPage) break;
      after = data.customer.timeline.pageInfo.endCursor;
    }
    expect(seen.map((s) => s.entityId)).toEqual(history.map((a) => a.entityId));
    expect(seen.map((s) => s.at)).toEqual(history.map((a) => a.at.toISOString()));
  });

  it('narrows the timeline to channels and kinds', async () => {
    const data: any = await stack.query(
      `query($id: ID!) { customer(id: $id) {
        crm: timeline(channels: [CRM]) { totalCount edges { node { channel crmCase { caseId } } } }
        store: timeline(channels: [POS], kinds: [SALE]) { totalCount edges { node { kind } } }
      } }`,
      { id: customer._id },
    );
    expect(data.customer.crm.totalCount).toBe(history.filter((a) => a.channel === 'crm').length);
    expect(data.customer.crm.edges.every((e: any) => e.node.channel === 'CRM' && e.node.crmCase)).toBe(true);
    expect(data.customer.store.totalCount).toBe(history.filter((a) => a.kind === 'sale').length);
    expect(data.customer.store.edges.every((e: any) => e.node.kind === 'SALE')).toBe(true);
  });

  it('lists customers newest first, filtered by channel, each exactly once across pages', async () => {
    const identity = identityCollections(stack.dbs.identity);
    const expected = await identity.customers.countDocuments({ channels: { $all: ['crm', 'pos'] } });
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await stack.query(
        'query($after: String) { customers(first: 25, after: $after, filter: { channels: [CRM, POS] }) { totalCount edges { node { id channels } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(data.customers.totalCount).toBe(expected);
      for (const { node } of data.customers.edges) {
        expect(node.channels).toEqual(expect.arrayContaining(['CRM', 'POS']));
        ids.push(node.id);
      }
      if (!data.customers.pageInfo.hasNextPage) break;
      after = data.customers.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
  });

  it('answers a foreign cursor with BAD_USER_INPUT and an unknown id with null', async () => {
    const { body } = await postGraphQL(stack.gatewayUrl, TIMELINE_PAGE, { id: customer._id, after: 'bm90LWEtY3Vyc29y' }, await stack.authHeaders());
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = await stack.query<{ customer: null }>('{ customer(id: "cus_nobody") { id } }');
    expect(none.customer).toBeNull();
  });
});
