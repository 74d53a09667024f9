import {
  COLLECTIONS,
  DATABASES,
  shopperKeyOf,
  type PosMemberDoc,
  type PosTransactionDoc,
} from '../../src/contract/documents';
import type { RunningSubgraph } from '../../subgraphs/common/src/subgraph';
import { posSubgraph } from '../../subgraphs/pos/src';
import { internalHeaders } from '../support/auth';
import { postGraphQL } from '../support/stack';
import { readAllPages, startHarness, type SubgraphHarness } from '../unit/subgraphs/harness';

const imported = { file: 'pos/transactions.csv', line: 2, importedAt: new Date('2026-01-01T00:00:00Z') };
const BASE = Date.parse('2025-03-01T09:00:00Z');
const at = (hour: number) => new Date(BASE + hour * 3_600_000);

const members: PosMemberDoc[] = ['L-1', 'L-2', 'L-3'].map((loyaltyId, i) => ({
  _id: loyaltyId,
  loyaltyId,
  firstName: 'Bea',
  lastName: `Member${i}`,
  email: `bea${i}@example.com`,
  country: 'NL',
  enrolledAt: at(-1_000),
  updatedAt: at(-500 + i),
  imported,
}));

function transaction(
  transactionId: string,
  hour: number,
  fields: Partial<PosTransactionDoc>,
  lines: [sku: string, quantity: number, unitPrice: number][],
): PosTransactionDoc {
  const base = { transactionId, loyaltyId: fields.loyaltyId, cardToken: fields.cardToken };
  const totals = new Map<string, number>();
  for (const [, quantity, unitPrice] of lines) totals.set('EUR', (totals.get('EUR') ?? 0) + quantity * unitPrice);
  return {
    _id: transactionId,
    transactionId,
    storeId: 'STORE-7',
    at: at(hour),
    type: 'sale',
    ...fields,
    shopperKey: shopperKeyOf(base),
    lines: lines.map(([sku, quantity, unitPrice]) => ({ sku, quantity, unitPrice, currency: 'EUR', imported })),
    totals: [...totals.entries()].map(([currency, amount]) => ({ currency, amount })),
  };
}

// L-1 buys often (two receipts at the same hour) and returns once; L-2 enrolled but never bought
// anything; L-3 is not scanned at all. One payment card, one anonymous receipt.
const transactions: PosTransactionDoc[] = [
  ...Array.from({ length: 9 }, (_, i) =>
    transaction(`T-L1-${i}`, Math.floor(i / 2) * 24, { loyaltyId: 'L-1' }, [['SKU-1', 1 + i, 2.5], ['SKU-2', 1, 10]]),
  ),
  transaction('T-L1-R', 500, { loyaltyId: 'L-1', type: 'return' }, [['SKU-1', 2, 2.5]]),
  transaction('T-CARD', 30, { cardToken: 'tok_9', receiptEmail: 'x@example.com' }, [['SKU-3', 3, 0.1]]),
  transaction('T-ANON', 40, {}, [['SKU-4', 1, 99.99]]),
];

let harness: SubgraphHarness;
let pos: RunningSubgraph;

beforeAll(async () => {
  harness = await startHarness();
  const db = harness.client.db(DATABASES.pos);
  await db.collection<PosMemberDoc>(COLLECTIONS.pos.members).insertMany(members.filter((m) => m.loyaltyId !== 'L-3'));
  await db.collection<PosTransactionDoc>(COLLECTIONS.pos.transactions).insertMany(transactions);
  pos = await harness.start(posSubgraph);
});

afterAll(async () => {
  await harness?.stop();
});

async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
  const { status, body } = await postGraphQL<T>(pos.url, q, variables, await internalHeaders());
  if (status !== 200 || body.errors) throw new Error(`HTTP ${status}: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

describe('pos subgraph', () => {
  it('serves a loyalty shopper with the member profile and newest receipts', async () => {
    const data = await query(`{ posShopper(shopperKey: "loyalty:L-1") {
      shopperKey kind loyaltyId cardToken member { loyaltyId fullName email enrolledAt }
      transactions(first: 2) { totalCount edges { node {
        transactionId type storeId at recognised totals { amount currency }
        lines { sku quantity unitPrice { amount currency } amount { amount currency } }
        shopper { shopperKey }
      } } }
    } }`);
    expect(data.posShopper).toMatchObject({
      shopperKey: 'loyalty:L-1',
      kind: 'LOYALTY_MEMBER',
      loyaltyId: 'L-1',
      cardToken: null,
      member: { loyaltyId: 'L-1', fullName: 'Bea Member0', email: 'bea0@example.com', enrolledAt: at(-1_000).toISOString() },
    });
    const { totalCount, edges } = data.posShopper.transactions;
    expect(totalCount).toBe(10);
    expect(edges[0].node).toEqual({
      transactionId: 'T-L1-R',
      type: 'RETURN',
      storeId: 'STORE-7',
      at: at(500).toISOString(),
      recognised: true,
      totals: [{ amount: 5, currency: 'EUR' }],
      lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: { amount: 2.5, currency: 'EUR' }, amount: { amount: 5, currency: 'EUR' } }],
      shopper: { shopperKey: 'loyalty:L-1' },
    });
    expect(edges[1].node.type).toBe('SALE');
  });

  it('pages through a shopper\'s receipts to the end, newest first with ties broken by id', async () => {
    const { nodes } = await readAllPages(async (after) =>
      (await query('query($after: String) { posShopper(shopperKey: "loyalty:L-1") { transactions(first: 3, after: $after) { edges { cursor node { transactionId } } pageInfo { hasNextPage endCursor } } } }', { after })).posShopper.transactions,
    );
    const expected = transactions
      .filter((t) => t.shopperKey === 'loyalty:L-1')
      .sort((a, b) => +b.at - +a.at || (a._id < b._id ? 1 : -1))
      .map((t) => t.transactionId);
    expect(nodes.map((n: any) => n.transactionId)).toEqual(expected);
  });

  it('tells card, anonymous and enrolled-only shoppers apart; unknown ones are null', async () => {
    const data = await query(`{
      card: posShopper(shopperKey: "card:tok_9") { kind cardToken member { loyaltyId } transactions { edges { node { transactionId recognised lines { amount { amount } } } } } }
      anon: posShopper(shopperKey: "receipt:T-ANON") { kind transactions { totalCount } }
      enrolled: posShopper(shopperKey: "loyalty:L-2") { kind member { fullName } transactions { totalCount edges { cursor } } }
      unknownMember: posShopper(shopperKey: "loyalty:L-3") { kind }
      unknownReceipt: posShopper(shopperKey: "receipt:T-L1-0") { kind }
    }`);
    expect(data).toEqual({
      card: {
        kind: 'PAYMENT_CARD',
        cardToken: 'tok_9',
        member: null,
        transactions: { edges: [{ node: { transactionId: 'T-CARD', recognised: true, lines: [{ amount: { amount: 0.3 } }] } }] },
      },
      anon: { kind: 'ANONYMOUS', transactions: { totalCount: 1 } },
      enrolled: { kind: 'LOYALTY_MEMBER', member: { fullName: 'Bea Member1' }, transactions: { totalCount: 0, edges: [] } },
      unknownMember: null,
      unknownReceipt: null,
    });
  });

  it('refuses a shopper key of no known form with BAD_USER_INPUT', async () => {
    const { body } = await postGraphQL(pos.url, '{ posShopper(shopperKey: "L-1") { kind } }', undefined, await internalHeaders());
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/loyalty:<loyaltyId>/);
  });

  it('lists every shopper once, in key order, across pages', async () => {
    const { nodes } = await readAllPages(async (after) =>
      (await query('query($after: String) { posShoppers(first: 2, after: $after) { edges { cursor node { shopperKey } } pageInfo { hasNextPage endCursor } } }', { after })).posShoppers,
    );
    expect(nodes.map((n: any) => n.shopperKey)).toEqual(['card:tok_9', 'loyalty:L-1', 'loyalty:L-2', 'receipt:T-ANON']);
  });

  it('resolves _entities in order, misses and malformed keys as null', async () => {
    const data = await query(`query($r: [_Any!]!) { _entities(representations: $r) {
      ... on PosShopper { shopperKey kind }
      ... on PosTransaction { transactionId shopper { shopperKey } }
    } }`, {
      r: [
        { __typename: 'PosTransaction', transactionId: 'T-CARD' },
        { __typename: 'PosShopper', shopperKey: 'loyalty:L-2' },
        { __typename: 'PosShopper', shopperKey: 'card:nope' },
        { __typename: 'PosShopper', shopperKey: 'garbage' },
        { __typename: 'PosShopper', shopperKey: 'receipt:T-ANON' },
        { __typename: 'PosTransaction', transactionId: 'T-404' },
      ],
    });
    expect(data._entities).toEqual([
      { transactionId: 'T-CARD', shopper: { shopperKey: 'card:tok_9' } },
      { shopperKey: 'loyalty:L-2', kind: 'LOYALTY_MEMBER' },
      null,
      null,
      { shopperKey: 'receipt:T-ANON', kind: 'ANONYMOUS' },
      null,
    ]);
  });

  it('resolves many shoppers with their receipts in a number of commands that does not grow with them', async () => {
    const shopperQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on PosShopper {
      shopperKey member { email } transactions(first: 2) { edges { node { transactionId lines { sku } } } }
    } } }`;
    const keys = ['loyalty:L-1', 'loyalty:L-2', 'card:tok_9', 'receipt:T-ANON'];
    const cost = async (count: number) => {
      harness.commands.reset();
      const r = Array.from({ length: count }, (_, i) => ({ __typename: 'PosShopper', shopperKey: keys[i % keys.length] }));
      const data = await query(shopperQuery, { r });
      expect(data._entities).toHaveLength(count);
      return harness.commands.byName();
    };
    const few = await cost(2);
    const many = await cost(4);
    expect(many).toEqual(few);
    // Which keys exist (receipts, members), every shopper's page of receipts, those receipts, and
    // one insert of the request's audit entries (the members' emails are audited reads).
    expect(many).toEqual({ aggregate: 1, distinct: 1, find: 2, insert: 1 });
  });
});
