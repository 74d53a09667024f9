import { Long, MongoServerError, ObjectId, type Collection } from 'mongodb';
import { openTestDatabase, type AnyDoc, type TestDatabase } from './support/server';

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase('indexes');
});
afterAll(async () => {
  await t.close();
});

async function codeOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
}

describe('index commands', () => {
  test('createIndexes, listIndexes and dropIndexes', async () => {
    const c = t.db.collection<AnyDoc>('index_admin');
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    expect(await c.createIndex({ last: 1, first: -1 }, { name: 'by_name' })).toBe('by_name');
    expect(await c.createIndex({ tag: 1 }, { sparse: true })).toBe('tag_1');
    // Creating the same index again is a no-op.
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    const listed = await c.listIndexes().toArray();
    expect(listed.map((i) => i.name)).toEqual(['_id_', 'email_1', 'by_name', 'tag_1']);
    expect(listed.find((i) => i.name === 'email_1')).toMatchObject({ key: { email: 1 }, unique: true });
    expect(listed.find((i) => i.name === 'by_name')?.key).toEqual({ last: 1, first: -1 });
    expect(listed.find((i) => i.name === 'tag_1')?.sparse).toBe(true);
    await c.dropIndex('by_name');
    expect(await c.indexExists('by_name')).toBe(false);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  test('errors: same name with another key, unknown index, missing collection, _id index', async () => {
    const c = t.db.collection<AnyDoc>('index_errors');
    await c.createIndex({ a: 1 }, { name: 'idx' });
    expect(await codeOf(c.createIndex({ b: 1 }, { name: 'idx' }))).toBe(86);
    expect(await codeOf(c.dropIndex('nope'))).toBe(27);
    expect(await codeOf(t.db.collection('no_such_collection').listIndexes().toArray())).toBe(26);
    expect(await codeOf(c.dropIndex('_id_'))).toBe(72);
  });

  test('a unique index cannot be built over duplicates', async () => {
    const c = t.db.collection<AnyDoc>('index_build_dups');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    expect(await codeOf(c.createIndex({ k: 1 }, { unique: true }))).toBe(11000);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('a string equality on a unique field is one lookup, and gives what the filter gives', () => {
  test('while the index holds single values, once it is multikey, and on a partial index', async () => {
    const c = t.db.collection<AnyDoc>('unique_lookup');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([{ _id: 1, email: 'a@x.io', n: 1 }, { _id: 2, email: 'b@x.io', n: 2 }, { _id: 3 }]);
    expect(await c.findOne({ email: 'a@x.io' })).toEqual({ _id: 1, email: 'a@x.io', n: 1 });
    expect(await c.findOne({ email: 'z@x.io' })).toBeNull();
    expect(await c.find({ email: 'b@x.io' }, { projection: { n: 1, _id: 0 } }).toArray()).toEqual([{ n: 2 }]);
    expect(await c.find({ email: 'b@x.io' }).skip(1).toArray()).toEqual([]);
    await c.updateOne({ email: 'b@x.io' }, { $inc: { n: 10 } });
    await c.updateOne({ email: 'c@x.io' }, { $set: { n: 3 } }, { upsert: true });
    expect((await c.find({}, { projection: { _id: 0 } }).sort({ n: 1 }).toArray()).map((d) => d.n)).toEqual([undefined, 1, 3, 12]);
    await c.insertOne({ _id: 4, email: ['d@x.io', 'e@x.io'] }); // now multikey
    expect((await c.findOne({ email: 'e@x.io' }))?._id).toBe(4);
    expect((await c.findOne({ email: 'a@x.io' }))?._id).toBe(1);
    await c.deleteOne({ email: 'd@x.io' });
    expect(await c.countDocuments()).toBe(4);

    const partial = t.db.collection<AnyDoc>('unique_lookup_partial');
    await partial.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { live: true } });
    await partial.insertMany([{ _id: 1, code: 'x', live: true }, { _id: 2, code: 'y' }]);
    expect((await partial.findOne({ code: 'y' }))?._id).toBe(2);
  });
});

describe('unique indexes', () => {
  let c: Collection<AnyDoc>;
  beforeAll(async () => {
    c = t.db.collection<AnyDoc>('unique_users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, email: 'a@x.io' },
      { _id: 2, email: 'b@x.io' },
    ]);
  });

  test('on insert: code 11000 with keyPattern and keyValue', async () => {
    const err = (await c.insertOne({ email: 'a@x.io' }).catch((e: unknown) => e)) as MongoServerError;
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    expect(err.message).toMatch(/E11000 duplicate key error collection: .*unique_users index: email_1/);
  });

  test('on update that changes the key, and the document is left unchanged', async () => {
    expect(await codeOf(c.updateOne({ _id: 2 }, { $set: { email: 'a@x.io' } }))).toBe(11000);
    expect((await c.findOne({ _id: 2 }))?.email).toBe('b@x.io');
    // Rewriting a document with its own key is not a violation.
    expect((await c.updateOne({ _id: 2 }, { $set: { email: 'b@x.io', seen: true } })).modifiedCount).toBe(1);
  });

  test('on upsert and on replace', async () => {
    expect(await codeOf(c.updateOne({ _id: 3 }, { $set: { email: 'a@x.io' } }, { upsert: true }))).toBe(11000);
    expect(await codeOf(c.replaceOne({ _id: 2 }, { email: 'a@x.io' }))).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
  });

  test('a multi update stops at the violation, keeping earlier changes', async () => {
    const m = t.db.collection<AnyDoc>('unique_multi');
    await m.createIndex({ slot: 1 }, { unique: true });
    await m.insertMany([{ _id: 1, slot: 1 }, { _id: 2, slot: 2 }, { _id: 3, slot: 3 }]);
    expect(await codeOf(m.updateMany({}, { $set: { slot: 9 } }))).toBe(11000);
    expect((await m.find().sort({ _id: 1 }).toArray()).map((d) => d.slot)).toEqual([9, 2, 3]);
  });

  test('missing fields collide as null unless the index is sparse; partial indexes only cover matches', async () => {
    const plain = t.db.collection<AnyDoc>('unique_nulls');
    await plain.createIndex({ code: 1 }, { unique: true });
    await plain.insertOne({ a: 1 });
    expect(await codeOf(plain.insertOne({ a: 2 }))).toBe(11000);

    const sparse = t.db.collection<AnyDoc>('unique_sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ a: 1 }, { a: 2 }, { code: 'x' }]);
    expect(await codeOf(sparse.insertOne({ code: 'x' }))).toBe(11000);

    const partial = t.db.collection<AnyDoc>('unique_partial');
    await partial.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await partial.insertMany([{ email: 'a', active: false }, { email: 'a', active: true }]);
    expect(await codeOf(partial.insertOne({ email: 'a', active: true }))).toBe(11000);
    expect(await partial.countDocuments({ email: 'a' })).toBe(2);
  });

  test('compound unique keys and numbers of different widths', async () => {
    const k = t.db.collection<AnyDoc>('unique_compound');
    await k.createIndex({ source: 1, id: 1 }, { unique: true });
    await k.insertMany([{ source: 'crm', id: 1 }, { source: 'web', id: 1 }, { source: 'crm', id: 2 }]);
    expect(await codeOf(k.insertOne({ source: 'crm', id: Long.fromNumber(1) }))).toBe(11000);
  });

  test('multikey unique: array elements are the keys', async () => {
    const k = t.db.collection<AnyDoc>('unique_multikey');
    await k.createIndex({ emails: 1 }, { unique: true });
    await k.insertOne({ emails: ['a', 'b', 'b'] });
    expect(await codeOf(k.insertOne({ emails: ['c', 'a'] }))).toBe(11000);
    await k.insertOne({ emails: ['c'] });
  });
});

describe('indexed queries return what a scan returns', () => {
  // The same random data in an indexed and an unindexed collection: every query must agree.
  const docs: AnyDoc[] = [];
  const values: unknown[] = [1, 2, 2.5, 3, -1, 0, Long.fromNumber(2), 'a', 'b', 'ab', '', null, true, false, new Date(5), new Date(10), new ObjectId('650000000000000000000001'), [1, 'a'], [], { x: 1 }];
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 400; i++) {
    const doc: AnyDoc = { _id: i, g: random(5) };
    if (random(10) > 0) doc.v = values[random(values.length)];
    if (random(3) === 0) doc.o = { w: values[random(values.length)], z: random(4) };
    if (random(4) === 0) doc.arr = [{ w: random(3) }, { w: random(6) }];
    docs.push(doc);
  }
  let indexed: Collection<AnyDoc>;
  let scanned: Collection<AnyDoc>;
  beforeAll(async () => {
    indexed = t.db.collection<AnyDoc>('prop_indexed');
    scanned = t.db.collection<AnyDoc>('prop_scanned');
    await indexed.createIndexes([{ key: { v: 1 } }, { key: { g: 1, v: -1 } }, { key: { 'o.w': 1 } }, { key: { 'arr.w': 1 } }]);
    await indexed.insertMany(docs.map((d) => ({ ...d })));
    await scanned.insertMany(docs.map((d) => ({ ...d })));
  });

  const filters: AnyDoc[] = [
    { v: 2 },
    { v: 'a' },
    { v: null },
    { v: [] },
    { v: [1, 'a'] },
    { v: { x: 1 } },
    { v: { $in: [1, 'b', new Date(5), Long.fromNumber(3)] } },
    { v: { $gt: 1 } },
    { v: { $gte: 0, $lt: 3 } },
    { v: { $lte: 'ab' } },
    { v: { $gt: new Date(5) } },
    { v: { $exists: false } },
    { v: { $ne: 2 } },
    { g: 3, v: { $gt: 0 } },
    { g: { $in: [1, 2] }, v: 'a' },
    { g: 4 },
    { 'o.w': 2 },
    { 'o.w': { $gte: 'a' } },
    { 'arr.w': 2 },
    { 'arr.w': { $gt: 1, $lt: 2 } },
    { arr: { $elemMatch: { w: { $gt: 1, $lt: 3 } } } },
    { $and: [{ v: { $gte: 1 } }, { v: { $lte: 2 } }] },
    { $or: [{ v: 1 }, { g: 0 }] },
    { _id: { $in: [1, 5, 399, 1000] } },
    { _id: { $gte: 390 } },
  ];
  test.each(filters.map((f) => [JSON.stringify(f), f]))('%s', async (_name, filter) => {
    const a = await indexed.find(filter as AnyDoc).sort({ _id: 1 }).toArray();
    const b = await scanned.find(filter as AnyDoc).sort({ _id: 1 }).toArray();
    expect(a.map((d) => d._id)).toEqual(b.map((d) => d._id));
  });

  test('sorting by an indexed field, with limit, agrees with an in-memory sort', async () => {
    for (const sort of [{ v: 1 }, { v: -1 }, { g: 1, v: 1 }, { g: -1, v: -1 }] as Array<Record<string, 1 | -1>>) {
      const a = await indexed.find({}).sort({ ...sort, _id: 1 }).limit(50).toArray();
      const b = await scanned.find({}).sort({ ...sort, _id: 1 }).limit(50).toArray();
      expect(a.map((d) => d._id)).toEqual(b.map((d) => d._id));
    }
    const c = await indexed.find({ v: { $gt: 0 } }).sort({ v: 1 }).limit(5).toArray();
    const d = await scanned.find({ v: { $gt: 0 } }).sort({ v: 1 }).limit(5).toArray();
    expect(c.map((x) => x.v)).toEqual(d.map((x) => x.v));
  });

  test('an equality prefix followed by the sorted field is read in index order', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ _id: i, shop: `s${i % 3}`, at: new Date(((i * 7919) % 1000) * 1000), v: i % 17 }));
    const withIndex = t.db.collection<AnyDoc>('prefix_sort_indexed');
    const without = t.db.collection<AnyDoc>('prefix_sort_scanned');
    await withIndex.createIndex({ shop: 1, at: -1 });
    await withIndex.insertMany(rows.map((r) => ({ ...r })));
    await without.insertMany(rows.map((r) => ({ ...r })));
    for (const [filter, sort, limit] of [
      [{ shop: 's1' }, { at: -1 }, 10],
      [{ shop: 's2' }, { at: 1 }, 25],
      [{ shop: 's0', v: { $gt: 5 } }, { at: -1 }, 7],
      [{ shop: 's1' }, { at: 1 }, 0],
    ] as Array<[AnyDoc, Record<string, 1 | -1>, number]>) {
      const a = await withIndex.find(filter).sort(sort).limit(limit).toArray();
      const b = await without.find(filter).sort(sort).limit(limit).toArray();
      expect(a.map((d) => d._id)).toEqual(b.map((d) => d._id));
    }
  });

  test('index entries follow updates and deletes', async () => {
    await indexed.updateMany({ g: 1 }, { $set: { v: 'moved' } });
    await scanned.updateMany({ g: 1 }, { $set: { v: 'moved' } });
    await indexed.deleteMany({ g: 2 });
    await scanned.deleteMany({ g: 2 });
    for (const filter of [{ v: 'moved' }, { g: 2 }, { v: 2 }, { g: 1, v: 'moved' }]) {
      const a = await indexed.find(filter).sort({ _id: 1 }).toArray();
      const b = await scanned.find(filter).sort({ _id: 1 }).toArray();
      expect(a.map((x) => x._id)).toEqual(b.map((x) => x._id));
    }
  });
});
