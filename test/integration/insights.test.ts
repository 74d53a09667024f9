import type { CommandStartedEvent, MongoClient } from 'mongodb';
import { COLLECTIONS, DATABASES, type CrmCaseDoc, type CrmContactDoc, type PosMemberDoc, type PosTransactionDoc, type WebEventDoc, type WebSessionDoc, type WebVisitorDoc } from '../../src/contract/documents';
import type { CustomerDoc, IdentityRecordDoc } from '../../src/identity/store/documents';
import {
  customerInputsFromDocuments,
  customerMetrics,
  DEFAULT_INDEX_CONFIG,
  goldenProfile,
  integrationIndex,
  type CustomerInputs,
  type GoldenProfile,
  type IntegrationIndex,
} from '../../src/insights';
import { subgraphRequestDuration } from '../../src/metrics';
import { readSupergraph } from '../../gateway/src/compose';
import { startApolloGateway } from '../support/apollo-gateway';
import { postGraphQL, startStack, type Stack } from '../support/stack';

/*
 * Customer.profile, integrationIndex and metrics through the gateway, on a seeded stack, against
 * the pure functions of src/insights run on the same customer's documents read straight from
 * MongoDB: what the API shows is what the definition computes.
 */

const ATTRIBUTE = 'value source recordId updatedAt conflicts { value source recordId updatedAt }';
const PROFILE = `profile {
  fullName { ${ATTRIBUTE} } firstName { ${ATTRIBUTE} } lastName { ${ATTRIBUTE} } email { ${ATTRIBUTE} }
  phone { ${ATTRIBUTE} } postalCode { ${ATTRIBUTE} } country { ${ATTRIBUTE} } birthDate { ${ATTRIBUTE} }
  emailOptIn { ${ATTRIBUTE} } smsOptIn { ${ATTRIBUTE} }
}`;
const INDEX = `integrationIndex(asOf: $asOf) {
  asOf windowStart score band engagedChannels
  channels {
    channel engaged interactions accessibility consistency experience score
    evidence {
      interactions recognised
      consistency { record { recordId updatedAt } compared { attribute record golden agrees } agreed }
      experience {
        __typename
        ... on CrmExperienceEvidence { ratedCases meanCsat }
        ... on WebExperienceEvidence { sessionsWithAddToCart sessionsWithOrder }
        ... on PosExperienceEvidence { sales returns soldAmount returnedAmount byCurrency { currency sold returned } }
      }
    }
  }
}`;
const METRICS = `metrics(asOf: $asOf) {
  asOf lifetimeValue { currency amount webOrders posSales posReturns } orders { web posSales posReturns }
  firstInteractionAt lastInteractionAt interactionsInWindow { channel count } preferredChannel
}`;
const CUSTOMER_360 = `query Customer360($id: ID!, $asOf: DateTime) {
  customer(id: $id) { id ${PROFILE} ${INDEX} ${METRICS} }
}`;

/** JSON as the API writes it: dates as ISO strings, channels and attributes as enum names. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const CHANNEL = { crm: 'CRM', web: 'WEB', pos: 'POS' } as const;
const ATTRIBUTE_NAME = { fullName: 'FULL_NAME', email: 'EMAIL', phone: 'PHONE', postalCode: 'POSTAL_CODE' } as const;
const EVIDENCE_TYPE = { crm: 'CrmExperienceEvidence', web: 'WebExperienceEvidence', pos: 'PosExperienceEvidence' } as const;

function expectedProfile(profile: GoldenProfile): unknown {
  const attribute = (value: GoldenProfile[keyof GoldenProfile]) =>
    value && {
      ...value,
      source: CHANNEL[value.source],
      conflicts: value.conflicts.map((c) => ({ ...c, source: CHANNEL[c.source] })),
    };
  return asJson(Object.fromEntries(Object.entries(profile).map(([name, value]) => [name, attribute(value)])));
}

function expectedIndex(index: IntegrationIndex): unknown {
  return asJson({
    asOf: index.asOf,
    windowStart: index.window.from,
    score: index.score,
    band: index.band,
    engagedChannels: index.engagedChannels.map((c) => CHANNEL[c]),
    channels: index.channels.map(({ evidence, ...channel }) => ({
      ...channel,
      channel: CHANNEL[channel.channel],
      evidence: {
        interactions: evidence.interactions,
        recognised: evidence.recognised,
        consistency: {
          ...evidence.consistency,
          compared: evidence.consistency.compared.map((c) => ({ ...c, attribute: ATTRIBUTE_NAME[c.attribute] })),
        },
        experience: (() => {
          const { kind, ...rest } = evidence.experience;
          return { __typename: EVIDENCE_TYPE[kind], ...rest };
        })(),
      },
    })),
  });
}

function expectedMetrics(inputs: CustomerInputs, asOf: Date): unknown {
  const metrics = customerMetrics(inputs, asOf, DEFAULT_INDEX_CONFIG);
  return asJson({
    ...metrics,
    interactionsInWindow: DEFAULT_INDEX_CONFIG.channels.map((channel) => ({
      channel: CHANNEL[channel],
      count: metrics.interactionsInWindow[channel],
    })),
    preferredChannel: metrics.preferredChannel && CHANNEL[metrics.preferredChannel],
  });
}

/**
 * A customer's documents as the channel databases store them: contacts and visitors linked to it,
 * their cases, sessions and `order` events, and the members and receipts resolved to it.
 */
async function readCustomerInputs(client: MongoClient, customerId: string): Promise<CustomerInputs> {
  const identity = client.db(DATABASES.identity);
  const customer = await identity.collection<CustomerDoc>(COLLECTIONS.identity.customers).findOne({ _id: customerId });
  if (!customer) throw new Error(`no customer ${customerId} in the identity database`);
  const posRecords = await identity
    .collection<IdentityRecordDoc>(COLLECTIONS.identity.records)
    .find({ customerId, source: 'pos' })
    .toArray();
  const idsOf = (kind: string) => posRecords.filter((r) => r.kind === kind).map((r) => r.sourceId);
  const crm = client.db(DATABASES.crm);
  const web = client.db(DATABASES.web);
  const pos = client.db(DATABASES.pos);
  const { crmContactIds, webVisitorIds } = customer;
  return customerInputsFromDocuments({
    crmContacts: await crm.collection<CrmContactDoc>(COLLECTIONS.crm.contacts).find({ _id: { $in: crmContactIds } }).toArray(),
    crmCases: await crm.collection<CrmCaseDoc>(COLLECTIONS.crm.cases).find({ contactId: { $in: crmContactIds } }).toArray(),
    webVisitors: await web.collection<WebVisitorDoc>(COLLECTIONS.web.visitors).find({ _id: { $in: webVisitorIds } }).toArray(),
    webSessions: await web.collection<WebSessionDoc>(COLLECTIONS.web.sessions).find({ visitorId: { $in: webVisitorIds } }).toArray(),
    webEvents: await web
      .collection<WebEventDoc>(COLLECTIONS.web.events)
      .find({ visitorId: { $in: webVisitorIds }, type: 'order' })
      .toArray(),
    posMembers: await pos.collection<PosMemberDoc>(COLLECTIONS.pos.members).find({ _id: { $in: idsOf('member') } }).toArray(),
    posTransactions: await pos
      .collection<PosTransactionDoc>(COLLECTIONS.pos.transactions)
      .find({ _id: { $in: idsOf('transaction') } })
      .toArray(),
  });
}

/** GraphQL requests each subgraph has answered so far in this process. */
async function subgraphFetches(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const value of (await subgraphRequestDuration.get()).values) {
    if (value.metricName !== 'omnidex_subgraph_request_duration_seconds_count') continue;
    const subgraph = String(value.labels.subgraph);
    counts.set(subgraph, (counts.get(subgraph) ?? 0) + value.value);
  }
  return counts;
}

function difference(after: Map<string, number>, before: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...after].map(([name, count]) => [name, count - (before.get(name) ?? 0)]).filter(([, n]) => n !== 0));
}

describe('Customer.profile, integrationIndex and metrics (insights subgraph)', () => {
  let stack: Stack;
  const commands: CommandStartedEvent[] = [];
  /** Customers by the kinds of records they have, found through the API. */
  let everywhere: string[];
  let singleChannel: { id: string; channel: string }[];

  beforeAll(async () => {
    stack = await startStack({ seedCustomers: 90, clientOptions: { monitorCommands: true } });
    stack.client.on('commandStarted', (event) => commands.push(event));
    const data = await stack.query(`{
      customers(first: 100) { edges { node {
        id channels crmContacts { contactId } webVisitors { visitorId } posMembers { loyaltyId } posTransactions { transactionId }
      } } }
    }`);
    const nodes = data.customers.edges.map((e: { node: Record<string, unknown[]> & { id: string } }) => e.node);
    everywhere = nodes
      .filter((n: Record<string, unknown[]>) => ['crmContacts', 'webVisitors', 'posMembers', 'posTransactions'].every((k) => n[k]!.length > 0))
      .map((n: { id: string }) => n.id);
    singleChannel = nodes
      .filter((n: { channels: string[] }) => n.channels.length === 1)
      .map((n: { id: string; channels: string[] }) => ({ id: n.id, channel: n.channels[0]! }));
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  async function customer360(id: string, asOf?: Date) {
    const data = await stack.query(CUSTOMER_360, { id, asOf: asOf?.toISOString() });
    return data.customer;
  }

  async function expected360(id: string, asOf: Date) {
    const inputs = await readCustomerInputs(stack.client, id);
    return {
      id,
      profile: expectedProfile(goldenProfile(inputs, DEFAULT_INDEX_CONFIG)),
      integrationIndex: expectedIndex(integrationIndex(inputs, asOf, DEFAULT_INDEX_CONFIG)),
      metrics: expectedMetrics(inputs, asOf),
    };
  }

  it('shows a profile with provenance and conflicts, and an index with its components, as the definition computes them', async () => {
    expect(everywhere.length).toBeGreaterThanOrEqual(3);
    // Some customers whose records disagree (conflicts to show) and some whose records agree.
    const withConflicts: string[] = [];
    const without: string[] = [];
    for (const id of everywhere) {
      const profile = goldenProfile(await readCustomerInputs(stack.client, id), DEFAULT_INDEX_CONFIG);
      (Object.values(profile).some((a) => a !== null && a.conflicts.length > 0) ? withConflicts : without).push(id);
    }
    expect(withConflicts.length).toBeGreaterThan(0);
    const asOf = new Date();
    for (const id of [...withConflicts.slice(0, 3), ...without.slice(0, 2)]) {
      const shown = await customer360(id, asOf);
      expect(shown).toEqual(await expected360(id, asOf));
      expect(shown.integrationIndex.engagedChannels.length).toBeGreaterThan(0);
    }
    const shown = await customer360(withConflicts[0]!, asOf);
    const attributes = Object.values(shown.profile).filter(Boolean) as { source: string; recordId: string; conflicts: unknown[] }[];
    expect(attributes.some((a) => a.conflicts.length > 0)).toBe(true);
    for (const a of attributes) expect(a).toMatchObject({ source: expect.stringMatching(/^(CRM|WEB|POS)$/), recordId: expect.any(String) });
  });

  it('scores a customer seen on one channel only on that channel', async () => {
    const asOf = new Date();
    const single = singleChannel.slice(0, 3);
    expect(single.length).toBeGreaterThan(0);
    for (const { id, channel } of single) {
      const shown = await customer360(id, asOf);
      expect(shown).toEqual(await expected360(id, asOf));
      for (const entry of shown.integrationIndex.channels) {
        if (entry.channel !== channel) expect(entry).toMatchObject({ engaged: false, interactions: 0, score: null, accessibility: null });
      }
    }
  });

  it('computes the index as of a past instant, over the window ending there', async () => {
    const asOf = new Date(Date.now() - 200 * 24 * 60 * 60 * 1000);
    for (const id of everywhere.slice(0, 3)) {
      const shown = await customer360(id, asOf);
      expect(shown).toEqual(await expected360(id, asOf));
      expect(shown.integrationIndex.asOf).toBe(asOf.toISOString());
      expect(new Date(shown.integrationIndex.windowStart).getTime()).toBe(asOf.getTime() - 365 * 24 * 60 * 60 * 1000);
    }
  });

  it('measures as of now when asOf is not given', async () => {
    const before = Date.now();
    const shown = await customer360(everywhere[0]!);
    const after = Date.now();
    const asOf = new Date(shown.integrationIndex.asOf).getTime();
    expect(asOf).toBeGreaterThanOrEqual(before);
    expect(asOf).toBeLessThanOrEqual(after);
  });

  it('gives every role the same index: the channel facts behind it are read for insights, not for the caller', async () => {
    const query = `query($id: ID!, $asOf: DateTime) {
      customer(id: $id) { integrationIndex(asOf: $asOf) { score band engagedChannels channels { channel accessibility consistency experience score } } }
    }`;
    const variables = { id: everywhere[0], asOf: new Date().toISOString() };
    const asAdmin = await stack.query(query, variables);
    expect(asAdmin.customer.integrationIndex.engagedChannels.length).toBeGreaterThan(0);
    for (const role of ['agent', 'marketing', 'frontend'] as const) {
      expect(await stack.query(query, variables, { role })).toEqual(asAdmin);
    }
  });

  it('keeps the channel facts it computes from hidden from clients', async () => {
    const response = await postGraphQL(
      stack.gatewayUrl,
      `query($id: ID!) { customer(id: $id) { crmFacts { contacts { email } } } }`,
      { id: everywhere[0] },
      await stack.authHeaders('admin'),
    );
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/Cannot query field "crmFacts" on type "Customer"/);
  });

  it('answers the same through Apollo Gateway over the same supergraph', async () => {
    const subgraphUrls = Object.fromEntries(stack.subgraphs.map((s) => [s.name, s.url]));
    const apollo = await startApolloGateway(await readSupergraph(), subgraphUrls, stack.auth);
    try {
      // 20 customers keep the full 360 within the gateway's default query cost limit.
      const query = `query($asOf: DateTime) { customers(first: 20) { edges { node { id ${PROFILE} ${INDEX} ${METRICS} } } } }`;
      const variables = { asOf: new Date().toISOString() };
      const headers = await stack.authHeaders('admin');
      const viaApollo = await postGraphQL(apollo.url, query, variables, headers);
      const viaHive = await postGraphQL(stack.gatewayUrl, query, variables, headers);
      expect(viaHive.body.errors).toBeUndefined();
      expect(viaApollo.body).toEqual(viaHive.body);
    } finally {
      await apollo.stop();
    }
  });

  it('costs the same subgraph fetches and MongoDB commands for 100 customers as for one', async () => {
    const listing = await stack.query(`{ customers(first: 100) { edges { cursor node { id } } } }`);
    const edges = listing.customers.edges as { cursor: string; node: { id: string } }[];
    expect(edges.length).toBe(100);
    // One customer with records of every kind, so that every loader runs for it too.
    const position = edges.findIndex((e) => e.node.id === everywhere[0]);
    const after = position > 0 ? edges[position - 1]!.cursor : null;
    // Every @requires is exercised (metrics adds the web orders), within the default query cost limit.
    const query = `query($first: Int, $after: String, $asOf: DateTime) {
      customers(first: $first, after: $after) { edges { node { id
        profile { email { value source } }
        integrationIndex(asOf: $asOf) { score band channels { channel accessibility consistency experience score } }
        metrics(asOf: $asOf) { preferredChannel orders { web posSales posReturns } }
      } } }
    }`;
    const asOf = new Date().toISOString();

    async function cost(variables: Record<string, unknown>) {
      const fetchesBefore = await subgraphFetches();
      commands.length = 0;
      const data = await stack.query(query, { ...variables, asOf });
      const reads = commands.filter((c) => ['find', 'aggregate', 'getMore', 'count', 'distinct'].includes(c.commandName));
      const byDatabase: Record<string, number> = {};
      for (const c of reads) byDatabase[c.databaseName] = (byDatabase[c.databaseName] ?? 0) + 1;
      return { customers: data.customers.edges.length, fetches: difference(await subgraphFetches(), fetchesBefore), reads: byDatabase };
    }

    const one = await cost({ first: 1, after });
    const hundred = await cost({ first: 100 });
    expect(one.customers).toBe(1);
    expect(hundred.customers).toBe(100);
    // identity, crm, web, pos once each, then insights: one fetch per subgraph whatever the count.
    expect(one.fetches).toEqual({ identity: 1, crm: 1, web: 1, pos: 1, insights: 1 });
    expect(hundred.fetches).toEqual(one.fetches);
    // Every database was read (the customer has records everywhere), in the same few commands.
    expect(Object.keys(one.reads).sort()).toEqual(['crm', 'identity', 'pos', 'web']);
    expect(hundred.reads).toEqual(one.reads);
  });

  // Last: it stops the CRM subgraph.
  it('serves the rest of the customer when a channel it reads is down', async () => {
    await stack.subgraphs.find((s) => s.name === 'crm')!.stop();
    const response = await postGraphQL(
      stack.gatewayUrl,
      `query($id: ID!) { customer(id: $id) { id channels profile { email { value } } integrationIndex { score } } }`,
      { id: everywhere[0] },
      await stack.authHeaders('admin'),
    );
    expect(response.body.data?.customer).toMatchObject({ id: everywhere[0], profile: null, integrationIndex: null });
    expect(response.body.errors?.length).toBeGreaterThan(0);
  });
});
