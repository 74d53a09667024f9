import { Decimal128, Long, MongoServerError } from 'mongodb';
import { openTestDatabase, type AnyDoc, type TestDatabase } from './support/server';

let t: TestDatabase;

const orders: AnyDoc[] = [
  { _id: 1, customer: 'ann', channel: 'web', total: 30, items: ['pen', 'ink'], at: new Date('2024-01-05') },
  { _id: 2, customer: 'bob', channel: 'pos', total: 12, items: ['pad'], at: new Date('2024-01-06') },
  { _id: 3, customer: 'ann', channel: 'pos', total: 8, items: [], at: new Date('2024-02-01') },
  { _id: 4, customer: 'cid', channel: 'web', total: 50, items: ['pen', 'pad', 'ink'], at: new Date('2024-02-10') },
  { _id: 5, customer: 'bob', channel: 'web', total: 20, items: ['ink'], at: new Date('2024-03-01') },
];
const customers: AnyDoc[] = [
  { _id: 'ann', name: 'Ann', tier: 'gold' },
  { _id: 'bob', name: 'Bob', tier: 'silver' },
];

beforeAll(async () => {
  t = await openTestDatabase('aggregate');
  await t.db.collection<AnyDoc>('orders').insertMany(orders);
  await t.db.collection<AnyDoc>('customers').insertMany(customers);
  await t.db.collection<AnyDoc>('orders').createIndex({ customer: 1 });
});
afterAll(async () => {
  await t.close();
});

const run = (pipeline: AnyDoc[], collection = 'orders'): Promise<AnyDoc[]> => t.db.collection(collection).aggregate(pipeline).toArray();

describe('aggregation stages', () => {
  test('$match, $group with accumulators, $sort', async () => {
    const result = await run([
      { $match: { total: { $gte: 10 } } },
      { $group: { _id: '$customer', spent: { $sum: '$total' }, orders: { $sum: 1 }, avg: { $avg: '$total' }, last: { $max: '$at' }, channels: { $addToSet: '$channel' } } },
      { $sort: { spent: -1 } },
    ]);
    expect(result.map((r) => [r._id, r.spent, r.orders, r.avg])).toEqual([
      ['cid', 50, 1, 50],
      ['bob', 32, 2, 16],
      ['ann', 30, 1, 30],
    ]);
    expect(result[1]?.last).toEqual(new Date('2024-03-01'));
    expect((result[1]?.channels as string[]).sort()).toEqual(['pos', 'web']);
  });

  test('$project with expressions, $limit and $skip', async () => {
    const result = await run([
      { $sort: { _id: 1 } },
      { $skip: 1 },
      { $limit: 2 },
      { $project: { _id: 0, customer: 1, big: { $gt: ['$total', 10] }, n: { $size: '$items' }, month: { $month: '$at' } } },
    ]);
    expect(result).toEqual([
      { customer: 'bob', big: true, n: 1, month: 1 },
      { customer: 'ann', big: false, n: 0, month: 2 },
    ]);
  });

  test('$unwind, then $group to count items', async () => {
    const result = await run([{ $unwind: '$items' }, { $group: { _id: '$items', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(result).toEqual([
      { _id: 'ink', n: 3 },
      { _id: 'pad', n: 2 },
      { _id: 'pen', n: 2 },
    ]);
    const keepEmpty = await run([{ $match: { _id: 3 } }, { $unwind: { path: '$items', preserveNullAndEmptyArrays: true } }]);
    expect(keepEmpty).toHaveLength(1);
  });

  test('$lookup joins another collection (and unmatched keys give [])', async () => {
    const result = await run([
      { $match: { _id: { $in: [1, 4] } } },
      { $sort: { _id: 1 } },
      { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
      { $project: { customer: 1, names: '$who.name' } },
    ]);
    expect(result).toEqual([
      { _id: 1, customer: 'ann', names: ['Ann'] },
      { _id: 4, customer: 'cid', names: [] },
    ]);
  });

  test('$facet and $count', async () => {
    const [result] = await run([
      {
        $facet: {
          web: [{ $match: { channel: 'web' } }, { $count: 'n' }],
          top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
        },
      },
    ]);
    expect(result).toEqual({ web: [{ n: 3 }], top: [{ _id: 4 }] });
    expect(await run([{ $match: { customer: 'bob' } }, { $count: 'orders' }])).toEqual([{ orders: 2 }]);
  });

  test('$addFields/$set and $unset leave stored documents untouched', async () => {
    const shaped = await run([{ $match: { _id: 2 } }, { $set: { total: 0, extra: 1 } }, { $unset: 'items' }]);
    expect(shaped).toEqual([{ _id: 2, customer: 'bob', channel: 'pos', total: 0, at: new Date('2024-01-06'), extra: 1 }]);
    expect(await t.db.collection<AnyDoc>('orders').findOne({ _id: 2 })).toEqual(orders[1]);
  });

  test('$group on Decimal128 values keeps them as group keys', async () => {
    const c = t.db.collection<AnyDoc>('prices');
    await c.insertMany([{ p: Decimal128.fromString('1.10') }, { p: Decimal128.fromString('1.10') }, { p: Decimal128.fromString('2.00') }]);
    const groups = await c.aggregate([{ $group: { _id: '$p', n: { $sum: 1 } } }, { $sort: { n: -1 } }]).toArray();
    expect(groups.map((g) => [String(g._id), g.n])).toEqual([['1.10', 2], ['2.00', 1]]);
  });

  test('aggregation over a missing collection is empty; cursors batch large results', async () => {
    expect(await run([{ $match: {} }], 'nothing_here')).toEqual([]);
    const many = t.db.collection<AnyDoc>('agg_many');
    await many.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const cursor = many.aggregate([{ $sort: { i: -1 } }], { batchSize: 40 });
    let n = 0;
    let previous = Infinity;
    for await (const doc of cursor) {
      expect(doc.i).toBeLessThan(previous);
      previous = doc.i as number;
      n++;
    }
    expect(n).toBe(250);
  });
});

describe('let variables', () => {
  test('reach a leading $match, later stages and $lookup sub-pipelines', async () => {
    const result = await t.db
      .collection('orders')
      .aggregate(
        [
          { $match: { $expr: { $gte: ['$total', '$$min'] } } },
          {
            $lookup: {
              from: 'customers',
              let: { who: '$customer' },
              pipeline: [{ $match: { $expr: { $and: [{ $eq: ['$_id', '$$who'] }, { $eq: ['$tier', '$$tier'] }] } } }],
              as: 'gold',
            },
          },
          { $project: { over: { $subtract: ['$total', '$$min'] }, gold: { $size: '$gold' } } },
          { $match: { $expr: { $lt: ['$over', '$$cap'] } } },
          { $sort: { _id: 1 } },
        ],
        { let: { min: 20, tier: 'gold', cap: { $multiply: [10, 3] } } },
      )
      .toArray();
    expect(result).toEqual([
      { _id: 1, over: 10, gold: 1 },
      { _id: 5, over: 0, gold: 0 },
    ]);
  });

  test('an undefined variable is an error (17276)', async () => {
    const err = (await run([{ $project: { x: '$$nope' } }]).catch((e: unknown) => e)) as MongoServerError;
    expect([err.code, err.message]).toEqual([17276, 'Use of undefined variable: nope']);
  });
});

describe('64-bit and decimal values in pipelines', () => {
  test('$sort and $match after $group compare 64-bit integers as numbers', async () => {
    const c = t.db.collection<AnyDoc>('wide_values');
    await c.insertMany([
      { k: 'a', v: Long.fromNumber(9) },
      { k: 'b', v: Long.fromNumber(10) },
      { k: 'c', v: Long.fromString('1099511627776') },
    ]);
    const sorted = await c.aggregate([{ $group: { _id: '$k', v: { $first: '$v' } } }, { $sort: { v: 1 } }, { $match: { v: { $gt: 9 } } }]).toArray();
    expect(sorted.map((d) => d._id)).toEqual(['b', 'c']);
  });

  test('counting documents that hold decimals works; summing decimals is refused, never wrong', async () => {
    const c = t.db.collection<AnyDoc>('decimal_sums');
    await c.insertMany([{ p: Decimal128.fromString('1.10'), n: 1 }, { p: Decimal128.fromString('2.20'), n: 2 }]);
    expect(await c.countDocuments()).toBe(2);
    expect(await c.aggregate([{ $group: { _id: null, n: { $sum: '$n' } } }]).toArray()).toEqual([{ _id: null, n: 3 }]);
    const result = await c.aggregate([{ $group: { _id: null, total: { $sum: '$p' } } }]).toArray().then(
      (docs) => docs,
      (e: unknown) => e as MongoServerError,
    );
    if (t.embedded) {
      expect((result as MongoServerError).code).toBe(115);
      expect((result as MongoServerError).message).toMatch(/Decimal128/);
    } else {
      expect(String((result as AnyDoc[])[0]?.total)).toBe('3.30');
    }
  });
});

describe('aggregation errors', () => {
  test('an unknown stage is an error, not an empty result', async () => {
    const err = (await run([{ $frobnicate: {} }]).catch((e: unknown) => e)) as MongoServerError;
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(40324);
  });

  test('$out, $merge and Atlas stages are refused on the embedded server', async () => {
    if (!t.embedded) return;
    for (const stage of [{ $out: 'copy' }, { $merge: { into: 'copy' } }, { $search: { text: {} } }]) {
      const err = (await run([stage]).catch((e: unknown) => e)) as MongoServerError;
      expect(err).toBeInstanceOf(MongoServerError);
      expect(err.code).toBe(115);
      expect(err.message).toContain(Object.keys(stage)[0]);
    }
  });
});
