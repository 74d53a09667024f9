import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Binary, Decimal128, Long, MongoClient, ObjectId, Timestamp } from 'mongodb';
import { DataDirLockedError, findServingEmbeddedMongo, startEmbeddedMongo, type EmbeddedMongo } from '../src/index';
import type { AnyDoc } from './support/server';

// These tests are about the embedded server's own data directory, so they never use MONGODB_URI.
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'omnidex-embedded-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function withServer<T>(body: (client: MongoClient, server: EmbeddedMongo) => Promise<T>): Promise<T> {
  const server = await startEmbeddedMongo({ dataDir });
  const client = new MongoClient(server.uri);
  try {
    return await body(client, server);
  } finally {
    await client.close();
    await server.close();
  }
}

test('documents, every BSON type, indexes and drops survive a restart', async () => {
  const doc = {
    _id: { source: 'crm', id: 7 },
    long: Long.fromString('-9223372036854775808'),
    dec: Decimal128.fromString('-0.000000000000000000000000000000001'),
    bin: new Binary(Buffer.from([9, 8, 7]), Binary.SUBTYPE_USER_DEFINED),
    oid: new ObjectId(),
    ts: new Timestamp({ t: 5, i: 6 }),
    at: new Date(-1),
  };
  await withServer(async (client) => {
    const db = client.db('persist');
    await db.collection<AnyDoc>('people').createIndex({ email: 1 }, { unique: true });
    await db.collection<AnyDoc>('people').insertMany([{ email: 'a' }, { email: 'b' }, { email: 'c' }]);
    await db.collection<AnyDoc>('people').updateOne({ email: 'b' }, { $set: { email: 'bb', n: 1 } });
    await db.collection<AnyDoc>('people').deleteOne({ email: 'c' });
    await db.collection<AnyDoc>('typed').insertOne(doc);
    await db.collection<AnyDoc>('typed').updateOne({ _id: doc._id }, { $inc: { long: 1 } });
    await db.collection('gone').insertOne({ x: 1 });
    await db.collection('gone').drop();
    await client.db('gone_db').collection('x').insertOne({ y: 1 });
    await client.db('gone_db').dropDatabase();
  });
  await withServer(async (client) => {
    const db = client.db('persist');
    const people = await db.collection<AnyDoc>('people').find().sort({ email: 1 }).project({ _id: 0 }).toArray();
    expect(people).toEqual([{ email: 'a' }, { email: 'bb', n: 1 }]);
    const err = await db.collection<AnyDoc>('people').insertOne({ email: 'a' }).catch((e: { code?: number }) => e);
    expect((err as { code?: number }).code).toBe(11000);
    const typed = await db.collection<AnyDoc>('typed').findOne({}, { promoteLongs: false });
    expect(typed).toEqual({ ...doc, long: Long.fromString('-9223372036854775807') });
    expect((await db.listCollections().toArray()).map((c) => c.name).sort()).toEqual(['people', 'typed']);
    const dbs = (await client.db().admin().listDatabases()).databases.map((d) => d.name);
    expect(dbs).not.toContain('gone_db');
  });
});

test('recovery replays deletes, re-inserts, re-created collections and indexes declared after their documents', async () => {
  await withServer(async (client) => {
    const db = client.db('replay');
    const c = db.collection<AnyDoc>('c');
    await c.insertMany(['a', 'b', 'c', 'd'].map((id) => ({ _id: id, v: 1, e: `${id}@x` })));
    await c.deleteOne({ _id: 'b' });
    await c.insertOne({ _id: 'b', v: 2, e: 'b@x' });
    await c.updateOne({ _id: 'a' }, { $set: { v: 3 } });
    await c.createIndex({ v: 1 }, { name: 'v_1' });
    await c.createIndex({ e: 1 }, { unique: true, name: 'e_1' });
    await c.dropIndex('v_1');
    await db.collection<AnyDoc>('again').insertMany([{ _id: 1 }, { _id: 2 }]);
    await db.collection<AnyDoc>('again').drop();
    await db.collection<AnyDoc>('again').insertOne({ _id: 3 });
  });
  await withServer(async (client) => {
    const db = client.db('replay');
    const c = db.collection<AnyDoc>('c');
    // Natural order: an update keeps a document's place, a delete and re-insert moves it last.
    expect(await c.find().project({ e: 0 }).toArray()).toEqual([
      { _id: 'a', v: 3 },
      { _id: 'c', v: 1 },
      { _id: 'd', v: 1 },
      { _id: 'b', v: 2 },
    ]);
    expect((await c.indexes()).map((i) => i.name).sort()).toEqual(['_id_', 'e_1']);
    expect(await c.find({ e: { $in: ['b@x', 'd@x', 'q@x'] } }).sort({ e: 1 }).project({ _id: 1 }).toArray()).toEqual([{ _id: 'b' }, { _id: 'd' }]);
    const duplicate = (await c.insertOne({ _id: 'z', e: 'c@x' }).catch((e: unknown) => e)) as { code?: number; keyPattern?: unknown };
    expect([duplicate.code, duplicate.keyPattern]).toEqual([11000, { e: 1 }]);
    expect(await db.collection<AnyDoc>('again').find().toArray()).toEqual([{ _id: 3 }]);
  });
});

test('an ordered insert that fails part-way keeps exactly what it applied', async () => {
  await withServer(async (client) => {
    const c = client.db('partial').collection<AnyDoc>('c');
    await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }]).catch(() => undefined);
  });
  await withServer(async (client) => {
    const ids = (await client.db('partial').collection<AnyDoc>('c').find().sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(ids).toEqual([1, 2]);
  });
});

test('a second server on the same data directory gets a clear error naming the owner', async () => {
  const first = await startEmbeddedMongo({ dataDir });
  try {
    const second = await startEmbeddedMongo({ dataDir }).then(
      async (s) => {
        await s.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as DataDirLockedError).ownerPort).toBe(first.port);
    expect(await findServingEmbeddedMongo(dataDir)).toBe(first.uri);
  } finally {
    await first.close();
  }
});

test('many writes from concurrent clients are all recovered', async () => {
  await withServer(async (client, server) => {
    const others = await Promise.all([1, 2, 3].map(() => new MongoClient(server.uri).connect()));
    try {
      await Promise.all(
        [client, ...others].map(async (c, n) => {
          const coll = c.db('busy').collection<AnyDoc>('events');
          for (let i = 0; i < 100; i++) await coll.insertOne({ n, i });
          await coll.updateMany({ n }, { $set: { done: true } });
        }),
      );
    } finally {
      for (const c of others) await c.close();
    }
  });
  await withServer(async (client) => {
    const coll = client.db('busy').collection<AnyDoc>('events');
    expect(await coll.countDocuments({ done: true })).toBe(400);
  });
});
