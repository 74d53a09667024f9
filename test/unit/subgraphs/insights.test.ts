import type { Caller } from '../../../src/auth/caller';
import { IndexConfigError, loadIndexConfig, parseIndexConfig, type CustomerInputs, type IndexConfig } from '../../../src/insights';
import { createInsightsSubgraph } from '../../../subgraphs/insights/src';
import { MongoClient } from 'mongodb';
import type { InsightsContext } from '../../../subgraphs/insights/src/context';
import {
  customerInputs,
  parseCustomerRepresentation,
  RepresentationError,
} from '../../../subgraphs/insights/src/models/representation';
import { TEST_ADMIN } from '../../support/auth';

/*
 * The insights subgraph without the gateway: the representations it receives become the same
 * `CustomerInputs` the pure code is tested on, and its fields follow the configuration it is given.
 */

/** A Customer as the gateway sends it: JSON, ISO times, enum names, nulls and `__typename`s. */
const REPRESENTATION = {
  __typename: 'Customer',
  id: 'cus_1',
  crmFacts: {
    contacts: [
      {
        __typename: 'CrmContactFact',
        contactId: 'C-1',
        firstName: 'Ana',
        lastName: 'Souza',
        email: 'ana.souza@mail.com',
        phone: null,
        postalCode: 'SW1A 1AA',
        country: 'GB',
        birthDate: null,
        emailOptIn: true,
        smsOptIn: null,
        updatedAt: '2026-03-01T09:00:00.000Z',
      },
    ],
    cases: [
      { caseId: 'K-2', contactId: 'C-1', openedAt: '2026-06-20T10:00:00.000Z', csat: 5 },
      { caseId: 'K-1', contactId: 'C-1', openedAt: '2025-01-15T10:00:00.000Z', csat: null },
    ],
  },
  webFacts: {
    visitors: [
      { __typename: 'WebVisitorFact', visitorId: 'V-9', latestEmail: null, latestEmailAt: null, lastSeenAt: '2026-06-20T21:00:00.000Z' },
    ],
    sessions: [
      { sessionId: 'S-1', startedAt: '2026-06-20T20:00:00.000Z', recognised: true, hasAddToCart: true, hasOrder: true },
    ],
    orders: [
      // The same order logged twice: it counts once, with its latest event.
      { eventId: 'E-1', orderId: 'O-1', at: '2026-06-20T20:30:00.000Z', amount: 59.9, currency: 'GBP' },
      { eventId: 'E-2', orderId: 'O-1', at: '2026-06-20T20:31:00.000Z', amount: 59.9, currency: 'GBP' },
      { eventId: 'E-3', orderId: null, at: '2026-06-21T08:00:00.000Z', amount: null, currency: null },
    ],
  },
  posFacts: {
    members: [
      {
        __typename: 'PosMemberFact',
        loyaltyId: 'L-77',
        firstName: 'ana',
        lastName: 'SOUZA',
        email: null,
        phone: '020 7946 0958',
        postalCode: 'EC1A 1BB',
        country: 'GB',
        updatedAt: '2026-05-10T16:30:00.000Z',
      },
    ],
    transactions: [
      {
        __typename: 'PosTransaction',
        transactionId: 'T-3',
        at: '2026-06-01T12:00:00.000Z',
        type: 'RETURN',
        recognised: true,
        totals: [{ __typename: 'Money', amount: 30, currency: 'GBP' }],
      },
    ],
  },
};

const EXPECTED_INPUTS: CustomerInputs = {
  crmContacts: [
    {
      contactId: 'C-1',
      firstName: 'Ana',
      lastName: 'Souza',
      email: 'ana.souza@mail.com',
      postalCode: 'SW1A 1AA',
      country: 'GB',
      emailOptIn: true,
      updatedAt: new Date('2026-03-01T09:00:00.000Z'),
    },
  ],
  crmCases: [
    { caseId: 'K-2', contactId: 'C-1', openedAt: new Date('2026-06-20T10:00:00.000Z'), csat: 5 },
    { caseId: 'K-1', contactId: 'C-1', openedAt: new Date('2025-01-15T10:00:00.000Z') },
  ],
  webVisitors: [{ visitorId: 'V-9', lastSeenAt: new Date('2026-06-20T21:00:00.000Z') }],
  webSessions: [
    { sessionId: 'S-1', startedAt: new Date('2026-06-20T20:00:00.000Z'), recognised: true, hasAddToCart: true, hasOrder: true },
  ],
  webOrders: [
    { orderId: 'O-1', at: new Date('2026-06-20T20:31:00.000Z'), amount: 59.9, currency: 'GBP' },
    { orderId: 'E-3', at: new Date('2026-06-21T08:00:00.000Z') },
  ],
  posMembers: [
    {
      loyaltyId: 'L-77',
      firstName: 'ana',
      lastName: 'SOUZA',
      phone: '020 7946 0958',
      postalCode: 'EC1A 1BB',
      country: 'GB',
      updatedAt: new Date('2026-05-10T16:30:00.000Z'),
    },
  ],
  posTransactions: [
    { transactionId: 'T-3', at: new Date('2026-06-01T12:00:00.000Z'), type: 'return', recognised: true, amounts: [{ currency: 'GBP', amount: 30 }] },
  ],
};

describe('Customer representations', () => {
  it('become the inputs the pure code reads, nulls dropped and times and enums converted', () => {
    const inputs = customerInputs(parseCustomerRepresentation(REPRESENTATION), { profile: true, interactions: true, orders: true });
    expect(inputs).toEqual(EXPECTED_INPUTS);
    // No `key: undefined` left behind, as with the document mappers of src/insights/inputs.ts.
    expect(Object.keys(inputs.crmContacts[0]!)).not.toContain('phone');
    expect(Object.keys(inputs.crmCases[1]!)).not.toContain('csat');
  });

  it('fill only what a view needs', () => {
    const inputs = customerInputs(parseCustomerRepresentation(REPRESENTATION), { profile: true });
    expect(inputs.crmContacts).toHaveLength(1);
    expect(inputs.crmCases).toEqual([]);
    expect(inputs.webOrders).toEqual([]);
  });

  it('refuse to compute a view from a representation that lacks what its @requires asks for', () => {
    const { posFacts: _left, ...withoutPos } = REPRESENTATION;
    const representation = parseCustomerRepresentation(withoutPos);
    expect(() => customerInputs(representation, { interactions: true })).toThrow(
      new RepresentationError(
        'Customer cus_1: the gateway did not send posFacts.transactions, which @requires asks for (or its subgraph could not answer)',
      ),
    );
  });

  it('name the field of a malformed representation', () => {
    const broken = { ...REPRESENTATION, webFacts: { ...REPRESENTATION.webFacts, sessions: [{ sessionId: 'S-1', startedAt: 'yesterday' }] } };
    expect(() => parseCustomerRepresentation(broken)).toThrow(/Customer representation is not valid at webFacts\.sessions\.0\.startedAt/);
  });
});

describe('the insights subgraph', () => {
  const server = createInsightsSubgraph({ indexConfig: () => parseIndexConfig({}) }).createServer({ logError: () => undefined });
  // Insights reads no data; its database (the audit log) is never reached by these operations.
  const unusedDb = new MongoClient('mongodb://127.0.0.1:9').db('insights');
  const createInsightsContext = (indexConfig: IndexConfig, caller: Caller): InsightsContext =>
    createInsightsSubgraph({ indexConfig: () => indexConfig }).createContext(unusedDb, caller);

  it('keeps only its audit log in its database and refuses to start on a bad index configuration, naming the file', () => {
    const module = createInsightsSubgraph({ indexConfig: () => loadIndexConfig({ path: '/nonexistent/omnidex.index.json' }) });
    expect(module.database).toBe('insights');
    expect(() => module.createServer()).toThrow(IndexConfigError);
    expect(() => module.createServer()).toThrow(/\/nonexistent\/omnidex\.index\.json/);
  });

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function entity(contextValue: InsightsContext, selection: string) {
    const response = await server.executeOperation(
      { query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { ${selection} } } }`, variables: { r: [REPRESENTATION] } },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    return (response.body.singleResult.data as { _entities: Record<string, any>[] })._entities[0]!;
  }

  it('computes with the configuration it was started with', async () => {
    const asOf = '2026-06-30T00:00:00.000Z';
    const selection = `integrationIndex(asOf: "${asOf}") { windowStart engagedChannels channels { channel interactions } }`;
    const byDefault = await entity(createInsightsContext(parseIndexConfig({}), TEST_ADMIN), selection);
    expect(byDefault.integrationIndex.windowStart).toBe('2025-06-30T00:00:00.000Z');
    expect(byDefault.integrationIndex.engagedChannels).toEqual(['CRM', 'WEB', 'POS']);

    // A 20-day window leaves the POS return of 2026-06-01 out; a configuration without web drops it.
    const narrow = parseIndexConfig({ windowDays: 20, channels: ['crm', 'pos'] });
    const configured = await entity(createInsightsContext(narrow, TEST_ADMIN), selection);
    expect(configured.integrationIndex).toEqual({
      windowStart: '2026-06-10T00:00:00.000Z',
      engagedChannels: ['CRM'],
      channels: [
        { channel: 'CRM', interactions: 1 },
        { channel: 'POS', interactions: 0 },
      ],
    });
  });

  it('breaks survivorship ties by the configured source priority', async () => {
    const tie = { updatedAt: '2026-05-10T16:30:00.000Z' };
    const representation = {
      ...REPRESENTATION,
      crmFacts: { ...REPRESENTATION.crmFacts, contacts: [{ ...REPRESENTATION.crmFacts.contacts[0]!, ...tie }] },
    };
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { profile { postalCode { value source } } } } }`;
    const run = async (sourcePriority: string[]) => {
      const contextValue = createInsightsContext(parseIndexConfig({ sourcePriority }), TEST_ADMIN);
      const response = await server.executeOperation({ query, variables: { r: [representation] } }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return (response.body.singleResult.data as { _entities: { profile: unknown }[] })._entities[0]!.profile;
    };
    expect(await run(['crm', 'pos', 'web'])).toEqual({ postalCode: { value: 'SW1A1AA', source: 'CRM' } });
    expect(await run(['pos', 'crm', 'web'])).toEqual({ postalCode: { value: 'EC1A1BB', source: 'POS' } });
  });
});
