import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from 'mongodb';
import { openTestDatabase, type AnyDoc, type TestDatabase } from './support/server';

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase('types');
});
afterAll(async () => {
  await t.close();
});

// Read back without promotion, so a Long stays a Long and an int32 stays an Int32.
const exact = { promoteLongs: false, promoteValues: false, bsonRegExp: true } as const;

function sample(): AnyDoc {
  return {
    _id: new ObjectId(),
    int: new Int32(7),
    double: new Double(2.5),
    long: Long.fromString('9007199254740993'),
    negLong: Long.fromString('-42'),
    decimal: Decimal128.fromString('1234567890.123456789012345678901234'),
    date: new Date('2024-02-29T12:34:56.789Z'),
    binary: new Binary(Buffer.from([0, 1, 2, 250, 255]), Binary.SUBTYPE_BYTE_ARRAY),
    userBinary: new Binary(Buffer.from('custom'), Binary.SUBTYPE_USER_DEFINED),
    uuid: new UUID('c3a9ad3d-6f0e-4a3e-9a31-1c5e3d0f7b21'),
    timestamp: new Timestamp({ t: 1700000000, i: 7 }),
    regex: new BSONRegExp('^ab+c', 'i'),
    bool: true,
    nul: null,
    str: 'héllo \u0000 wörld ☃',
    min: new MinKey(),
    max: new MaxKey(),
    nested: { arr: [Long.fromNumber(1), new Date(0), { d: Decimal128.fromString('0.10') }] },
  };
}

describe('BSON types', () => {
  test('every type round-trips exactly through insert and find', async () => {
    const c = t.db.collection<AnyDoc>('roundtrip');
    const doc = sample();
    await c.insertOne(doc);
    const back = await c.findOne({ _id: doc._id }, exact);
    expect(back).toEqual(doc);
  });

  test('types survive an update of another field, and $set of typed values', async () => {
    const c = t.db.collection<AnyDoc>('after_update');
    const doc = sample();
    await c.insertOne(doc);
    await c.updateOne({ _id: doc._id }, { $set: { touched: 1, 'nested.extra': Long.fromString('-9007199254740995') } });
    const back = await c.findOne({ _id: doc._id }, exact);
    expect(back).toEqual({ ...doc, touched: new Int32(1), nested: { ...doc.nested, extra: Long.fromString('-9007199254740995') } });
  });

  test('$inc keeps 64-bit integers exact and decimals decimal', async () => {
    const c = t.db.collection<AnyDoc>('inc_types');
    await c.insertOne({ _id: 1, long: Long.fromString('9007199254740993'), dec: Decimal128.fromString('0.1'), n: 1 });
    await c.updateOne({ _id: 1 }, { $inc: { long: 1, dec: Decimal128.fromString('0.2'), n: Long.fromNumber(2) } });
    const back = await c.findOne({ _id: 1 }, exact);
    expect(back?.long).toEqual(Long.fromString('9007199254740994'));
    expect((back?.dec as Decimal128).toString()).toBe('0.3');
    expect(back?.n).toEqual(Long.fromNumber(3));
  });

  test('numbers of different widths compare as numbers', async () => {
    const c = t.db.collection<AnyDoc>('numeric_compare');
    await c.insertMany([
      { _id: 1, v: new Int32(5) },
      { _id: 2, v: Long.fromNumber(6) },
      { _id: 3, v: new Double(6.5) },
      { _id: 4, v: Decimal128.fromString('7.25') },
      { _id: 5, v: '8' },
    ]);
    const ids = async (filter: AnyDoc): Promise<unknown[]> => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ v: 6 })).toEqual([2]);
    expect(await ids({ v: Long.fromNumber(5) })).toEqual([1]);
    expect(await ids({ v: { $gt: 5.5, $lt: 7.5 } })).toEqual([2, 3, 4]);
    expect(await ids({ v: { $in: [5, Decimal128.fromString('7.25')] } })).toEqual([1, 4]);
    expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual([5, 4, 3, 2, 1]);
  });

  test('ObjectId, Date, Binary and UUID values match by equality, $in and range', async () => {
    const c = t.db.collection<AnyDoc>('class_match');
    const a = new ObjectId('650000000000000000000001');
    const b = new ObjectId('650000000000000000000002');
    const uuid = new UUID();
    await c.insertMany([
      { _id: 1, ref: a, at: new Date(1000), bin: new Binary(Buffer.from([1, 2])), u: uuid },
      { _id: 2, ref: b, at: new Date(2000), bin: new Binary(Buffer.from([1, 3])) },
    ]);
    expect((await c.findOne({ ref: b }))?._id).toBe(2);
    expect((await c.find({ ref: { $in: [a, b] } }).toArray()).length).toBe(2);
    expect((await c.findOne({ ref: { $gt: a } }))?._id).toBe(2);
    expect((await c.findOne({ at: { $lt: new Date(1500) } }))?._id).toBe(1);
    expect((await c.findOne({ bin: new Binary(Buffer.from([1, 3])) }))?._id).toBe(2);
    expect((await c.findOne({ u: uuid }))?._id).toBe(1);
    const grouped = await c.aggregate([{ $group: { _id: '$ref', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(grouped).toEqual([{ _id: a, n: 1 }, { _id: b, n: 1 }]);
  });
});

describe('_id of any type', () => {
  test.each([
    ['string', 'customer-42'],
    ['number', 42],
    ['ObjectId', new ObjectId()],
    ['compound document', { source: 'crm', id: 'C-1' }],
    ['Long', Long.fromString('9007199254740993')],
    ['Date', new Date(86_400_000)],
  ])('%s _id: insert, find, update, delete and duplicate detection', async (_label, id) => {
    const c = t.db.collection<AnyDoc>(`id_${_label.replace(/ /g, '_')}`);
    await c.insertOne({ _id: id, v: 1 });
    expect((await c.findOne({ _id: id }, { promoteLongs: false }))?._id).toEqual(id);
    await c.updateOne({ _id: id }, { $set: { v: 2 } });
    expect((await c.findOne({ _id: id }))?.v).toBe(2);
    const dup = await c.insertOne({ _id: id }).catch((e: { code?: number }) => e);
    expect((dup as { code?: number }).code).toBe(11000);
    expect((await c.deleteOne({ _id: id })).deletedCount).toBe(1);
    expect(await c.countDocuments()).toBe(0);
  });

  test('an array _id is refused', async () => {
    const err = await t.db.collection<AnyDoc>('id_array').insertOne({ _id: [1, 2] }).catch((e: { code?: number }) => e);
    expect((err as { code?: number }).code).toBe(53);
  });

  test("an _id document holding $-prefixed field names is refused (52); other $-prefixed names are stored (mongod 5+)", async () => {
    const c = t.db.collection<AnyDoc>('id_dollar');
    for (const [id, field] of [[{ $a: 1 }, '$a'], [{ x: [{ $b: 1 }] }, '$b']] as const) {
      const inserted = (await c.insertOne({ _id: id, v: 1 }).catch((e: unknown) => e)) as { code?: number; message?: string };
      expect([inserted.code, inserted.message]).toEqual([52, `_id fields may not contain '$'-prefixed fields: ${field} is not valid for storage.`]);
      const upserted = (await c.replaceOne({ k: 1 }, { _id: id }, { upsert: true }).catch((e: unknown) => e)) as { code?: number };
      expect(upserted.code).toBe(52);
    }
    expect(await c.countDocuments()).toBe(0);
    await c.insertOne({ _id: '$x', $price: 1, nested: { $y: 2 } });
    expect(await c.findOne({ _id: '$x' })).toEqual({ _id: '$x', $price: 1, nested: { $y: 2 } });
  });
});
