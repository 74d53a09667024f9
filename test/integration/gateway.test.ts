import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CommandStartedEvent } from 'mongodb';
import { readSupergraph } from '../../gateway/src/compose';
import { importDirectory } from '../../src/import';
import { generateSeed } from '../../src/seed';
import { startApolloGateway } from '../support/apollo-gateway';
import { postGraphQL, startStack, type Stack } from '../support/stack';

const UNTIL = new Date('2026-11-01T00:00:00Z');

const CHANNELS_QUERY = /* GraphQL */ `
  query OneOfEach($contactId: ID!, $visitorId: ID!, $shopperKey: ID!, $memberContactId: ID!) {
    memberContact: crmContact(contactId: $memberContactId) {
      loyaltyId
      loyaltyShopper { shopperKey kind member { loyaltyId fullName } transactions(first: 1) { totalCount } }
    }
    crmContact(contactId: $contactId) {
      contactId
      fullName
      email
      consents { email sms }
      cases(first: 3) {
        totalCount
        edges { cursor node { caseId channel status csat openedAt transcript { at from text } } }
        pageInfo { hasNextPage endCursor }
      }
    }
    webVisitor(visitorId: $visitorId) {
      visitorId
      firstSeenAt
      devices
      sessions(first: 2) {
        edges { node { sessionId startedAt outcome events { eventId type at } } }
        pageInfo { hasNextPage }
      }
      orders(first: 2) { edges { node { orderId amount { amount currency } } } }
    }
    posShopper(shopperKey: $shopperKey) {
      shopperKey
      kind
      member { fullName enrolledAt }
      transactions(first: 2) {
        edges { node { transactionId type storeId at lines { sku quantity unitPrice { amount currency } } totals { amount currency } } }
      }
    }
  }
`;

describe('the gateway over the three channel subgraphs', () => {
  let stack: Stack;
  let seedDir: string;
  const commands: CommandStartedEvent[] = [];
  let ids: { contactId: string; visitorId: string; shopperKey: string; memberContactId: string };

  beforeAll(async () => {
    stack = await startStack({ clientOptions: { monitorCommands: true } });
    stack.client.on('commandStarted', (event) => commands.push(event));
    seedDir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-gateway-test-'));
    await generateSeed({ customers: 220, seed: 7, until: UNTIL, outDir: seedDir });
    await importDirectory(stack.dbs, seedDir);

    const { client } = stack;
    const contact = await client.db('crm').collection('cases').findOne({}, { sort: { _id: 1 } });
    const session = await client.db('web').collection('sessions').findOne({ hasOrder: true }, { sort: { _id: 1 } });
    const member = await client.db('pos').collection('transactions').findOne({ loyaltyId: { $exists: true } }, { sort: { _id: 1 } });
    const memberIds = await client.db('pos').collection('members').distinct('_id');
    const memberContact = await client
      .db('crm')
      .collection('contacts')
      .findOne({ loyaltyId: { $in: memberIds } }, { sort: { _id: 1 } });
    ids = {
      memberContactId: String(memberContact!._id),
      contactId: String(contact!.contactId),
      visitorId: String(session!.visitorId),
      shopperKey: String(member!.shopperKey),
    };
  });

  afterAll(async () => {
    await stack?.stop();
    if (seedDir) await rm(seedDir, { recursive: true, force: true });
  });

  it('answers one query spanning the CRM, web and POS subgraphs', async () => {
    const data = await stack.query(CHANNELS_QUERY, ids);
    // The CRM's loyalty id resolved to the stores' shopper: an entity join in the query plan.
    expect(data.memberContact.loyaltyShopper).toMatchObject({
      shopperKey: `loyalty:${data.memberContact.loyaltyId}`,
      kind: 'LOYALTY_MEMBER',
      member: { loyaltyId: data.memberContact.loyaltyId },
    });
    expect(data.crmContact.contactId).toBe(ids.contactId);
    expect(data.crmContact.cases.totalCount).toBeGreaterThan(0);
    expect(data.crmContact.cases.edges[0].node.caseId).toEqual(expect.any(String));
    expect(data.webVisitor.visitorId).toBe(ids.visitorId);
    expect(data.webVisitor.sessions.edges.length).toBeGreaterThan(0);
    expect(data.webVisitor.orders.edges.length).toBeGreaterThan(0);
    const events = data.webVisitor.sessions.edges[0].node.events as { at: string }[];
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    expect(data.posShopper.shopperKey).toBe(ids.shopperKey);
    expect(data.posShopper.kind).toBe('LOYALTY_MEMBER');
    expect(data.posShopper.transactions.edges[0].node.lines.length).toBeGreaterThan(0);
  });

  it('gives the same answers through Apollo Gateway over the same supergraph', async () => {
    const subgraphUrls = Object.fromEntries(stack.subgraphs.map((s) => [s.name, s.url]));
    const apollo = await startApolloGateway(await readSupergraph(), subgraphUrls, stack.auth);
    try {
      const headers = await stack.authHeaders('admin');
      const viaApollo = await postGraphQL(apollo.url, CHANNELS_QUERY, ids, headers);
      const viaHive = await postGraphQL(stack.gatewayUrl, CHANNELS_QUERY, ids, headers);
      expect(viaApollo.body.errors).toBeUndefined();
      expect(viaApollo.body).toEqual(viaHive.body);
    } finally {
      await apollo.stop();
    }
  });

  it('pages through every CRM contact exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const data: any = await stack.query(
        `query($after: String) { crmContacts(first: 37, after: $after) { edges { node { contactId } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data.crmContacts.edges.map((e: any) => e.node.contactId));
      after = data.crmContacts.pageInfo.hasNextPage ? data.crmContacts.pageInfo.endCursor : null;
    } while (after);
    const stored = await stack.client.db('crm').collection('contacts').countDocuments();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(stored);
  });

  it('costs the same number of MongoDB commands for 100 contacts with their cases as for 10', async () => {
    const countCommands = async (first: number): Promise<Record<string, number>> => {
      commands.length = 0;
      const data: any = await stack.query(
        `query($first: Int) { crmContacts(first: $first) { edges { node { contactId cases(first: 5) { totalCount edges { node { caseId csat } } } } } } }`,
        { first },
      );
      expect(data.crmContacts.edges).toHaveLength(first);
      const byName: Record<string, number> = {};
      for (const event of commands) byName[event.commandName] = (byName[event.commandName] ?? 0) + 1;
      return byName;
    };
    const forTen = await countCommands(10);
    const forHundred = await countCommands(100);
    expect(forHundred).toEqual(forTen);
    expect(Object.values(forHundred).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6);
  });

  it('refuses a malformed query, an unknown field and an oversized body with clear errors', async () => {
    // GraphQL over HTTP: a legacy `application/json` client gets 200 with errors, a client
    // accepting `application/graphql-response+json` gets 400; the error is the same either way.
    const headers = await stack.authHeaders('admin');
    const malformed = await postGraphQL(stack.gatewayUrl, '{ crmContact(contactId: "x") { contactId ', undefined, headers);
    expect(malformed.status).toBe(200);
    expect(malformed.body.data).toBeUndefined();
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({
        message: 'Syntax Error: Expected Name, found <EOF>.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);

    const unknown = await postGraphQL(stack.gatewayUrl, '{ crmContact(contactId: "x") { shoeSize } }', undefined, {
      ...headers,
      accept: 'application/graphql-response+json',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({
        message: 'Cannot query field "shoeSize" on type "CrmContact".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);

    const huge = await postGraphQL(stack.gatewayUrl, `{ __typename }`, { padding: 'x'.repeat(300 * 1024) }, headers);
    expect(huge.status).toBe(413);
    expect(huge.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('exposes Prometheus metrics on the gateway and every subgraph, MongoDB commands included', async () => {
    await stack.query('{ crmContacts(first: 2) { edges { node { contactId cases(first: 1) { totalCount } } } } }');
    const gatewayMetrics = await (await fetch(new URL('/metrics', stack.gatewayUrl))).text();
    expect(gatewayMetrics).toMatch(/^graphql_envelop_request_duration_bucket\{/m);
    expect(gatewayMetrics).toMatch(/^graphql_gateway_subgraph_execute_duration_bucket\{.*subgraphName="crm"/m);
    const crm = stack.subgraphs.find((s) => s.name === 'crm')!;
    const subgraphMetrics = await (await fetch(new URL('/metrics', crm.url))).text();
    expect(subgraphMetrics).toMatch(/^omnidex_subgraph_request_duration_seconds_count\{subgraph="crm",status="200"\} [1-9]/m);
    expect(subgraphMetrics).toMatch(/^omnidex_mongodb_commands_total\{database="crm",command="aggregate"\} [1-9]/m);
  });

  it('reports health and readiness', async () => {
    const base = new URL(stack.gatewayUrl);
    const health = await fetch(new URL('/healthz', base));
    expect(health.status).toBe(200);
    const ready = await fetch(new URL('/readyz', base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      subgraphs: Object.fromEntries(stack.subgraphs.map((subgraph) => [subgraph.name, 'ready'])),
    });
  });
});
