import { Long, MongoClient, MongoServerError } from 'mongodb';
import { openTestDatabase, type AnyDoc, type TestDatabase } from './support/server';

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase('commands');
});
afterAll(async () => {
  await t.close();
});

async function serverError(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MongoServerError)) throw new Error(`expected a server error, got ${String(error)}`);
  return error;
}

describe('handshake and server commands', () => {
  test('hello, ping and buildInfo', async () => {
    const hello = await t.db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(8);
    // The embedded server is a standalone (a real MONGODB_URI may well be a replica set).
    if (t.embedded) expect(hello.setName).toBeUndefined();
    expect(await t.db.admin().command({ ping: 1 })).toMatchObject({ ok: 1 });
    const info = await t.db.admin().command({ buildInfo: 1 });
    expect(info.version).toMatch(/^\d+\.\d+/);
  });

  test('listCollections, listDatabases, drop and dropDatabase', async () => {
    await t.db.collection('alpha').insertOne({ a: 1 });
    await t.db.createCollection('beta');
    const names = (await t.db.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual(expect.arrayContaining(['alpha', 'beta']));
    const filtered = await t.db.listCollections({ name: 'alpha' }, { nameOnly: true }).toArray();
    expect(filtered.map((c) => c.name)).toEqual(['alpha']);
    expect((await serverError(t.db.createCollection('beta'))).code).toBe(48);
    const dbs = await t.client.db().admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain(t.db.databaseName);
    expect(await t.db.collection('alpha').drop()).toBe(true);
    expect((await t.db.listCollections({ name: 'alpha' }).toArray()).length).toBe(0);

    const other = t.client.db(`${t.db.databaseName}_x`);
    await other.collection('c').insertOne({ x: 1 });
    expect(await other.dropDatabase()).toBe(true);
    expect((await t.client.db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain(other.databaseName);
  });

  test('raw count and distinct commands', async () => {
    await t.db.collection<AnyDoc>('raw').insertMany([{ k: 'a' }, { k: 'b' }, { k: 'a' }]);
    expect(await t.db.command({ count: 'raw', query: { k: 'a' } })).toMatchObject({ n: 2, ok: 1 });
    const distinct = await t.db.command({ distinct: 'raw', key: 'k' });
    expect((distinct.values as string[]).sort()).toEqual(['a', 'b']);
  });
});

describe('cursors', () => {
  beforeAll(async () => {
    await t.db.collection<AnyDoc>('numbers').insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: i })));
  });

  test('find batches: first batch, getMore until exhausted', async () => {
    const first = await t.db.command({ find: 'numbers', sort: { _id: 1 }, batchSize: 300 });
    expect(first.cursor.firstBatch).toHaveLength(300);
    // The driver promotes the cursor id to a number; getMore wants it back as a 64-bit integer.
    const id = Long.fromValue(first.cursor.id as number);
    expect(id.isZero()).toBe(false);
    const more = await t.db.command({ getMore: id, collection: 'numbers', batchSize: 600 });
    expect(more.cursor.nextBatch).toHaveLength(600);
    expect(more.cursor.nextBatch[0]._id).toBe(300);
    const last = await t.db.command({ getMore: id, collection: 'numbers' });
    expect(last.cursor.nextBatch).toHaveLength(100);
    expect(Number(last.cursor.id)).toBe(0);
    expect((await serverError(t.db.command({ getMore: id, collection: 'numbers' }))).code).toBe(43);
  });

  test('the default first batch is 101 and the driver iterates everything', async () => {
    const first = await t.db.command({ find: 'numbers' });
    expect(first.cursor.firstBatch).toHaveLength(101);
    await t.db.command({ killCursors: 'numbers', cursors: [Long.fromValue(first.cursor.id as number)] });
    let n = 0;
    for await (const _doc of t.db.collection('numbers').find({}, { batchSize: 64 })) n++;
    expect(n).toBe(1000);
  });

  test('killCursors reports killed and unknown cursors; a killed cursor is gone', async () => {
    const first = await t.db.command({ find: 'numbers', batchSize: 10 });
    const id = Long.fromValue(first.cursor.id as number);
    const killed = await t.db.command({ killCursors: 'numbers', cursors: [id, Long.fromNumber(987654321)] });
    expect(killed.cursorsKilled.map(String)).toEqual([id.toString()]);
    expect(killed.cursorsNotFound.map(String)).toEqual(['987654321']);
    expect((await serverError(t.db.command({ getMore: id, collection: 'numbers' }))).code).toBe(43);
  });

  test('limit with a smaller batchSize still returns exactly limit documents', async () => {
    const docs = await t.db.collection('numbers').find({}, { limit: 25, batchSize: 10 }).toArray();
    expect(docs).toHaveLength(25);
  });
});

describe('errors for what is not supported', () => {
  test('an unknown command is CommandNotFound (59)', async () => {
    const err = await serverError(t.db.command({ frobnicate: 1 }));
    expect(err.code).toBe(59);
    expect(err.codeName).toBe('CommandNotFound');
  });

  test('unsupported commands and operators name what is unsupported', async () => {
    if (!t.embedded) return;
    const mapReduce = await serverError(t.db.command({ mapReduce: 'numbers', map: 'function(){}', reduce: 'function(){}', out: { inline: 1 } }));
    expect(mapReduce.code).toBe(115);
    expect(mapReduce.message).toContain('mapReduce');
    const text = await serverError(t.db.collection('numbers').find({ $text: { $search: 'x' } }).toArray());
    expect(text.code).toBe(115);
    expect(text.message).toContain('$text');
    const geo = await serverError(t.db.collection('numbers').createIndex({ where: '2dsphere' }));
    expect(geo.code).toBe(115);
    const collation = await serverError(t.db.collection('numbers').find({}, { collation: { locale: 'fr' } }).toArray());
    expect(collation.code).toBe(115);
    const watch = await serverError(t.db.collection('numbers').aggregate([{ $changeStream: {} }]).toArray());
    expect(watch.code).toBe(115);
    for (const filter of [{ $where: 'this.a > 1' }, { $jsonSchema: { required: ['a'] } }]) {
      const err = await serverError(t.db.collection('numbers').find(filter).toArray());
      expect(err.code).toBe(115);
      expect(err.message).toContain(Object.keys(filter)[0]);
    }
    expect((await serverError(t.db.command({ find: 'numbers', sort: { score: { $meta: 'textScore' } } }))).code).toBe(115);
    expect((await serverError(t.db.collection('numbers').createIndex({ '$**': 1 }))).code).toBe(115);
    expect((await serverError(t.db.collection('numbers').createIndex({ at: 1 }, { expireAfterSeconds: 60 }))).code).toBe(115);
    expect((await serverError(t.db.createCollection('capped', { capped: true, size: 4096 }))).code).toBe(115);
    expect((await serverError(t.db.command({ explain: { find: 'numbers' } }))).code).toBe(115);
  });

  test('transactions are refused the way a standalone mongod refuses them', async () => {
    const hello = await t.db.admin().command({ hello: 1 });
    if (hello.setName !== undefined || hello.msg === 'isdbgrid') return; // transactions work there
    const session = t.client.startSession();
    try {
      session.startTransaction();
      const err = await t.db
        .collection('numbers')
        .insertOne({ _id: -1 } as AnyDoc, { session })
        .then(
          () => undefined,
          (e: unknown) => e as { code?: number; message: string },
        );
      expect(err).toBeDefined();
      expect(String(err?.message)).toMatch(/replica set|transaction|retryable/i);
    } finally {
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
    expect(await t.db.collection<AnyDoc>('numbers').countDocuments({ _id: -1 })).toBe(0);
    // Sent by hand, a transaction field gets a standalone mongod's answer.
    const raw = await serverError(
      t.db.command({ insert: 'numbers', documents: [{ _id: -2 }], txnNumber: Long.fromNumber(1), startTransaction: true, autocommit: false }),
    );
    expect([20, 263]).toContain(raw.code);
  });

  test('bad arguments are BadValue/TypeMismatch errors, not empty results', async () => {
    expect((await serverError(t.db.collection('numbers').find({ a: { $frob: 1 } }).toArray())).code).toBe(2);
    expect((await serverError(t.db.command({ find: 'numbers', sort: { a: 2 } }))).code).toBeGreaterThan(0);
    expect((await serverError(t.db.command({ find: 'numbers', filter: 'not a document' }))).code).toBe(14);
  });
});

describe('command fields', () => {
  test('an unknown field of a command or of a write statement is refused with 40415 and nothing runs', async () => {
    const c = t.db.collection<AnyDoc>('strict_fields');
    await c.insertOne({ _id: 1, k: 'a' });
    const cases: Array<[AnyDoc, string]> = [
      [{ find: 'strict_fields', frob: 1 }, 'find.frob'],
      [{ aggregate: 'strict_fields', pipeline: [], cursor: {}, frob: 1 }, 'aggregate.frob'],
      [{ count: 'strict_fields', query: {}, frob: 1 }, 'count.frob'],
      [{ distinct: 'strict_fields', key: 'k', frob: 1 }, 'distinct.frob'],
      [{ insert: 'strict_fields', documents: [{ _id: 2 }], frob: 1 }, 'insert.frob'],
      [{ update: 'strict_fields', updates: [{ q: { _id: 1 }, u: { $set: { k: 'b' } } }], frob: 1 }, 'update.frob'],
      [{ update: 'strict_fields', updates: [{ q: { _id: 1 }, u: { $set: { k: 'b' } } }, { q: {}, u: { $set: { k: 'c' } }, frob: 1 }] }, 'update.updates.frob'],
      [{ delete: 'strict_fields', deletes: [{ q: { _id: 1 }, limit: 1 }, { q: {}, limit: 0, frob: 1 }] }, 'delete.deletes.frob'],
      [{ findAndModify: 'strict_fields', query: { _id: 1 }, remove: true, frob: 1 }, 'findAndModify.frob'],
      [{ createIndexes: 'strict_fields', indexes: [{ key: { k: 1 }, name: 'k_1' }], frob: 1 }, 'createIndexes.frob'],
      [{ listIndexes: 'strict_fields', frob: 1 }, 'listIndexes.frob'],
      [{ listCollections: 1, frob: 1 }, 'listCollections.frob'],
      [{ create: 'strict_fields_new', frob: 1 }, 'create.frob'],
      [{ drop: 'strict_fields', frob: 1 }, 'drop.frob'],
    ];
    for (const [command, path] of cases) {
      const err = await serverError(t.db.command(command));
      expect([err.code, err.message]).toEqual([40415, `BSON field '${path}' is an unknown field.`]);
    }
    expect(await c.find().toArray()).toEqual([{ _id: 1, k: 'a' }]);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect(await t.db.listCollections({ name: 'strict_fields_new' }).toArray()).toEqual([]);
  });

  test("the driver's options and the generic command fields are accepted", async () => {
    const c = t.db.collection<AnyDoc>('driver_options');
    const common = { comment: 'conformance', maxTimeMS: 10_000 };
    await c.insertOne({ _id: 1, k: 'a' }, { ...common, bypassDocumentValidation: true, writeConcern: { w: 1 } });
    await c.insertMany([{ _id: 2, k: 'b' }, { _id: 3, k: 'b' }], { ...common, ordered: false });
    await c.createIndex({ k: 1 }, { ...common });
    const find = { ...common, hint: { _id: 1 }, allowDiskUse: true, noCursorTimeout: true, allowPartialResults: true, batchSize: 1, returnKey: false, showRecordId: false };
    expect(await c.find({ k: 'b' }, find).sort({ _id: 1 }).toArray()).toEqual([{ _id: 2, k: 'b' }, { _id: 3, k: 'b' }]);
    expect(await c.aggregate([{ $match: { k: 'b' } }, { $count: 'n' }], { ...common, hint: { _id: 1 }, allowDiskUse: true, bypassDocumentValidation: true, batchSize: 1 }).toArray()).toEqual([{ n: 2 }]);
    expect(await c.countDocuments({ k: 'b' }, { ...common, hint: { _id: 1 } })).toBe(2);
    expect(await c.estimatedDocumentCount({ ...common })).toBe(3);
    expect(await c.distinct('k', {}, { ...common })).toEqual(['a', 'b']);
    expect((await c.updateOne({ _id: 1 }, { $set: { u: 1 } }, { ...common, hint: { _id: 1 }, upsert: false, bypassDocumentValidation: true })).modifiedCount).toBe(1);
    expect((await c.replaceOne({ _id: 1 }, { k: 'a', r: 1 }, { ...common, hint: { _id: 1 } })).modifiedCount).toBe(1);
    expect(await c.findOneAndUpdate({ _id: 1 }, { $inc: { r: 1 } }, { ...common, hint: { _id: 1 }, returnDocument: 'after', bypassDocumentValidation: true })).toEqual({ _id: 1, k: 'a', r: 2 });
    expect((await c.deleteOne({ _id: 3 }, { ...common, hint: { _id: 1 } })).deletedCount).toBe(1);
    expect((await c.listIndexes({ ...common }).toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'k_1']);
    expect((await t.db.listCollections({ name: 'driver_options' }, { nameOnly: true, authorizedCollections: true }).toArray()).map((i) => i.name)).toEqual(['driver_options']);
    const dbs = await t.client.db().admin().listDatabases({ nameOnly: true, authorizedDatabases: true });
    expect(dbs.databases.map((d) => d.name)).toContain(t.db.databaseName);
    await c.dropIndex('k_1', { ...common });
    const versioned = new MongoClient(t.uri, { serverApi: { version: '1' }, serverSelectionTimeoutMS: 5_000 });
    try {
      const same = versioned.db(t.db.databaseName).collection<AnyDoc>('driver_options');
      expect(await same.find({ k: 'b' }).toArray()).toEqual([{ _id: 2, k: 'b' }]);
      await same.updateOne({ _id: 2 }, { $set: { v: 1 } });
    } finally {
      await versioned.close();
    }
  });

  test('options mongod knows but the embedded server does not implement are refused by name, never ignored', async () => {
    if (!t.embedded) return;
    const c = t.db.collection<AnyDoc>('unsupported_options');
    await c.insertOne({ _id: 1 });
    for (const [command, option] of [
      [{ find: 'unsupported_options', returnKey: true }, 'returnKey'],
      [{ find: 'unsupported_options', min: { _id: 0 }, hint: { _id: 1 } }, 'min'],
      [{ find: 'unsupported_options', tailable: true }, 'tailable'],
      [{ createIndexes: 'unsupported_options', indexes: [{ key: { a: 1 }, name: 'a_1' }], commitQuorum: 'majority' }, 'commitQuorum'],
    ] as const) {
      const err = await serverError(t.db.command(command));
      expect(err.code).toBe(115);
      expect(err.message).toContain(option);
    }
  });
});

describe('concurrent clients', () => {
  test('several clients write and read at once without losing writes', async () => {
    const clients: MongoClient[] = await Promise.all([t.newClient(), t.newClient(), t.newClient()]);
    const name = 'concurrent';
    await Promise.all(
      clients.map(async (client, c) => {
        const coll = client.db(t.db.databaseName).collection<AnyDoc>(name);
        for (let i = 0; i < 50; i++) {
          await coll.insertOne({ client: c, i });
          await coll.updateOne({ _id: 'counter' }, { $inc: { n: 1 } }, { upsert: true });
          await coll.find({ client: c }).toArray();
        }
      }),
    );
    const coll = t.db.collection<AnyDoc>(name);
    expect(await coll.countDocuments({ client: { $exists: true } })).toBe(150);
    expect((await coll.findOne({ _id: 'counter' }))?.n).toBe(150);
  });

  test('a long scan does not block other clients', async () => {
    const big = t.db.collection<AnyDoc>('big_scan');
    await big.insertMany(Array.from({ length: 20_000 }, (_, i) => ({ i, pad: 'x'.repeat(20) })));
    const other = await t.newClient();
    const scan = big.find({ pad: { $regex: 'y' } }).toArray();
    const ping = other.db('admin').command({ ping: 1 });
    const first = await Promise.race([scan.then(() => 'scan'), ping.then(() => 'ping')]);
    expect(first).toBe('ping');
    expect(await scan).toEqual([]);
  });
});
