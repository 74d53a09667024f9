import { MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';
import type { AnyDoc } from './support/server';

// How the embedded server reads large results: in bounded memory, yielding to other clients, and
// within a documented limit for what it must hold. About the embedded server's own limits, so
// these tests start embedded servers of their own (a small limit makes them quick to reach).
const LIMIT = 2 * 1024 * 1024;
const DOCS = 20_000;

let server: EmbeddedMongo;
let client: MongoClient;

beforeAll(async () => {
  server = await startEmbeddedMongo({ queryMemoryLimitBytes: LIMIT });
  client = await new MongoClient(server.uri).connect();
  const docs = Array.from({ length: DOCS }, (_, i) => ({ _id: i, group: i % 1000, pad: 'x'.repeat(100 + (i % 7)) }));
  await client.db('streaming').collection<AnyDoc>('big').insertMany(docs);
});
afterAll(async () => {
  await client.close();
  await server.close();
});

const big = () => client.db('streaming').collection<AnyDoc>('big');

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof MongoServerError ? error.code : error),
  );
}

test('$group over more input than the memory limit keeps only its groups, merged chunk by chunk', async () => {
  const groups = await big()
    .aggregate([
      {
        $group: {
          _id: '$group',
          n: { $sum: 1 },
          total: { $sum: '$_id' },
          mean: { $avg: '$_id' },
          low: { $min: '$_id' },
          high: { $max: '$_id' },
          first: { $first: '$_id' },
          last: { $last: '$_id' },
          widths: { $addToSet: { $strLenCP: '$pad' } },
        },
      },
      { $sort: { _id: 1 } },
    ])
    .toArray();
  expect(groups).toHaveLength(1000);
  for (const g of groups) {
    const ids = Array.from({ length: DOCS / 1000 }, (_, k) => g._id + k * 1000);
    const total = ids.reduce((a, b) => a + b, 0);
    expect(g).toEqual({
      _id: g._id,
      n: ids.length,
      total,
      mean: total / ids.length,
      low: ids[0],
      high: ids.at(-1),
      first: ids[0],
      last: ids.at(-1),
      widths: expect.any(Array),
    });
    expect([...g.widths].sort()).toEqual([...new Set(ids.map((id) => 100 + (id % 7)))].sort());
  }
});

test('$group past the memory limit is refused with 292, not answered in part', async () => {
  expect(await codeOf(big().aggregate([{ $group: { _id: '$_id', pads: { $push: '$pad' } } }]).toArray())).toBe(292);
});

test('a sort no index serves is refused past the limit, but keeps only the top with a limit', async () => {
  expect(await codeOf(big().find().sort({ pad: 1, _id: -1 }).toArray())).toBe(292);
  const top = await big().find({}, { projection: { _id: 1 } }).sort({ pad: -1, _id: -1 }).limit(3).toArray();
  expect(top.map((d) => d._id)).toEqual([19998, 19991, 19984]);
});

test('a long aggregation does not keep other clients waiting', async () => {
  const other = await new MongoClient(server.uri).connect();
  try {
    const aggregation = big()
      .aggregate([{ $match: { pad: { $regex: 'y' } } }, { $group: { _id: null, n: { $sum: 1 } } }])
      .toArray();
    const ping = other.db('admin').command({ ping: 1 });
    expect(await Promise.race([aggregation.then(() => 'aggregation'), ping.then(() => 'ping')])).toBe('ping');
    expect(await aggregation).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a cursor reads on across writes, and stops with 175 once its collection is dropped', async () => {
  const c = client.db('streaming').collection<AnyDoc>('dropped');
  await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i })));
  const cursor = c.find({}, { batchSize: 100 });
  expect((await cursor.next())?._id).toBe(0);
  await c.insertOne({ _id: 1000 });
  const seen: number[] = [0];
  for (let i = 0; i < 150; i++) seen.push((await cursor.next())?._id);
  expect(seen).toEqual(Array.from({ length: 151 }, (_, i) => i));
  // A write that fails (and so aborts its transaction) in between changes nothing of that.
  expect(await codeOf(client.db('streaming').createCollection('dropped'))).toBe(48);
  await c.drop();
  expect(await codeOf(cursor.toArray())).toBe(175);
});

test('a batch that takes the last match closes its cursor, so the client makes no getMore', async () => {
  const db = client.db('streaming');
  const ids = Array.from({ length: 40 }, (_, i) => i);
  for (const command of [
    { find: 'big', filter: { _id: { $in: ids } }, batchSize: 40 },
    { find: 'big', filter: { group: 7 }, batchSize: 20 },
    { find: 'big', filter: { group: 7 }, sort: { pad: 1 }, batchSize: 20 },
    { aggregate: 'big', pipeline: [{ $match: { group: 7 } }, { $project: { pad: 0 } }], cursor: { batchSize: 20 } },
  ]) {
    const { cursor } = await db.command(command);
    expect([command, cursor.firstBatch.length, Number(cursor.id)]).toEqual([command, cursor.firstBatch.length > 0 ? cursor.firstBatch.length : -1, 0]);
  }
  const open = await db.command({ find: 'big', filter: { group: 7 }, batchSize: 19 });
  expect(Number(open.cursor.id)).not.toBe(0);
  await db.command({ killCursors: 'big', cursors: [open.cursor.id] });
});
