import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
  serialize,
  type Document,
} from 'bson';
import { CommandError } from '../src/errors';
import { Engine } from '../src/engine/engine';
import { recordKey } from '../src/engine/keys';
import { RecoveryLoader } from '../src/engine/recovery';
import { StoredRecord, storedId, storedRecordKey } from '../src/engine/stored-record';
import { openStorage, openStorageInto, type IndexSpec, type Mutation } from '../src/storage';
import { UNREAD, decodeStoredDocument, fieldName, readTopLevelField, readTopLevelFields } from '../src/storage/raw-bson';

// Recovery keeps documents as their stored BSON and reads only `_id`s and indexed fields from the
// bytes: whatever it reads must be exactly what decoding the whole document gives.

/** The document's bytes inside a larger buffer, at an offset, as recovery finds them in a file. */
function stored(doc: Document): { bytes: Buffer; at: number } {
  const bson = serialize(doc);
  const bytes = Buffer.alloc(bson.length + 16, 0xee);
  bytes.set(bson, 7);
  return { bytes, at: 7 };
}

const everyType: Document = {
  double: 2.5,
  integralDouble: new Double(3),
  negativeZero: -0,
  string: 'héllo, wörld ✓',
  empty: '',
  document: { a: 1, b: [1, { c: 2 }] },
  array: [1, 'two', { three: 3 }],
  binary: new Binary(Buffer.from([1, 2, 3]), Binary.SUBTYPE_USER_DEFINED),
  uuid: new UUID('0e1d4f0a-3c1b-4e5e-9a57-0b1c9f3c2a11'),
  objectId: new ObjectId('65a1b2c3d4e5f60718293a4b'),
  yes: true,
  no: false,
  date: new Date(Date.UTC(2026, 10, 27, 9, 30)),
  beforeEpoch: new Date(-86_400_000 * 365 * 300),
  nothing: null,
  regex: new BSONRegExp('^a.c$', 'i'),
  code: new Code('function () {}'),
  symbol: new BSONSymbol('sym'),
  codeWithScope: new Code('x', { x: 1 }),
  int32: new Int32(-7),
  timestamp: new Timestamp({ t: 5, i: 6 }),
  long: Long.fromString('-9223372036854775808'),
  smallLong: Long.fromNumber(12),
  decimal: Decimal128.fromString('-0.000000000000000000000000000000001'),
  min: new MinKey(),
  max: new MaxKey(),
  last: 'found after every other type',
};

describe('reading fields from stored BSON', () => {
  const { bytes, at } = stored(everyType);
  const decoded = decodeStoredDocument(bytes, at);

  it('reads every field exactly as decoding the document does', () => {
    expect(Object.keys(decoded)).toEqual(Object.keys(everyType));
    for (const name of Object.keys(decoded)) {
      expect([name, readTopLevelField(bytes, at, fieldName(name).bytes)]).toStrictEqual([name, decoded[name]]);
    }
  });

  it('says when a field has a type it does not know, for the caller to decode the whole document', () => {
    const unknown = Buffer.from([14, 0, 0, 0, 0x42, 0x78, 0, 1, 2, 3, 0x10, 0x79, 0, 0]);
    expect(readTopLevelField(unknown, 0, fieldName('x').bytes)).toBe(UNREAD);
    expect(readTopLevelField(unknown, 0, fieldName('y').bytes)).toBe(UNREAD);
  });

  it('steps over every BSON type to reach a later field, and tells a missing field apart', () => {
    expect(readTopLevelField(bytes, at, fieldName('last').bytes)).toBe('found after every other type');
    expect(readTopLevelField(bytes, at, fieldName('las').bytes)).toBeUndefined();
    expect(readTopLevelField(bytes, at, fieldName('absent').bytes)).toBeUndefined();
  });

  it('gathers several fields into a partial document', () => {
    const names = ['string', 'int32', 'absent', 'date'].map(fieldName);
    expect(readTopLevelFields(bytes, at, names)).toStrictEqual({ string: decoded.string, int32: -7, date: decoded.date });
    expect(readTopLevelFields(bytes, at, [fieldName('array'), fieldName('decimal')])).toStrictEqual({ array: decoded.array, decimal: decoded.decimal });
  });
});

describe('record keys from stored BSON', () => {
  const ids: unknown[] = [
    new ObjectId('65a1b2c3d4e5f60718293a4b'),
    new ObjectId('000000000000000000000000'),
    'cust-1',
    '',
    'A starts with a type tag',
    '\u0000',
    'ünïcödé',
    0,
    -0,
    42,
    2.5,
    new Int32(42),
    Long.fromNumber(42),
    Long.fromString('9223372036854775807'),
    Decimal128.fromString('42'),
    new Date(0),
    true,
    null,
    new Binary(Buffer.from([1, 2])),
    { source: 'crm', id: 7 },
    new MinKey(),
    new Timestamp({ t: 1, i: 2 }),
  ];

  it.each(ids.map((id) => [id]))('keys _id %p as the engine keys the decoded _id', (id) => {
    const { bytes, at } = stored({ before: 1, _id: id, after: 'x' });
    const decodedId = decodeStoredDocument(bytes, at)._id as unknown;
    expect(storedId(bytes, at)).toStrictEqual(decodedId);
    expect(storedRecordKey(bytes, at)).toBe(recordKey(decodedId));
  });
});

describe('recovery into the engine', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'omnidex-stored-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the mutations to a data directory, the first `inSnapshot` of them compacted into a snapshot. */
  async function write(mutations: Mutation[], inSnapshot = 0): Promise<void> {
    const { journal } = await openStorage(dir);
    for (const mutation of mutations.slice(0, inSnapshot)) await journal.append([mutation]);
    if (inSnapshot > 0) await journal.compact(() => mutations.slice(0, inSnapshot));
    for (const mutation of mutations.slice(inSnapshot)) await journal.append([mutation]);
    await journal.close();
  }

  async function recoverEngine(): Promise<Engine> {
    const engine = new Engine();
    const loader = new RecoveryLoader(engine);
    const { journal } = await openStorageInto(dir, loader);
    await journal.close();
    loader.finish();
    return engine;
  }

  const people: Document[] = Array.from({ length: 40 }, (_, i) => ({
    _id: i % 2 ? new ObjectId() : `p${i}`,
    email: `person${i}@example.com`,
    city: i % 3 ? 'Lyon' : 'Oslo',
    name: { last: `Last${i % 5}` },
    tags: i % 4 ? ['a', `t${i % 3}`] : [],
    score: i % 7 === 0 ? Long.fromNumber(i) : i % 5 === 0 ? Decimal128.fromString(`${i}.5`) : i,
    ...(i % 6 === 0 ? { nickname: `nick${i}` } : {}),
  }));
  const indexes: IndexSpec[] = [
    { name: 'email_1', key: { email: 1 }, unique: true },
    { name: 'city_1_name.last_-1', key: { city: 1, 'name.last': -1 } },
    { name: 'tags_1', key: { tags: 1 } },
    { name: 'score_1', key: { score: 1 } },
    { name: 'nickname_1', key: { nickname: 1 }, sparse: true },
    { name: 'lyon_email_-1', key: { email: -1 }, partialFilterExpression: { city: 'Lyon' } },
  ];
  const mutations = (specs = indexes): Mutation[] => [
    ...specs.map((spec): Mutation => ({ op: 'createIndex', db: 'd', coll: 'people', spec })),
    ...people.map((doc): Mutation => ({ op: 'put', db: 'd', coll: 'people', doc })),
    // The log after the snapshot: a replaced document, a deleted one, a new one.
    { op: 'put', db: 'd', coll: 'people', doc: { ...people[3], email: 'changed@example.com', tags: ['z'] } },
    { op: 'delete', db: 'd', coll: 'people', id: people[4]?._id },
    { op: 'put', db: 'd', coll: 'people', doc: { _id: 'late', email: 'late@example.com', city: 'Oslo', tags: ['a'] } },
  ];

  /** The same state built by inserting the final documents into a fresh engine, for comparison. */
  function expectedEngine(specs = indexes): Engine {
    const engine = new Engine();
    const collection = engine.ensureCollection('d', 'people', []);
    for (const spec of specs) collection.createIndex(spec);
    const finalDocs = mutations(specs).reduce((docs, m) => {
      if (m.op === 'put') docs.set(recordKey(m.doc._id), m.doc);
      if (m.op === 'delete') docs.delete(recordKey(m.id));
      return docs;
    }, new Map<string, Document>());
    for (const doc of finalDocs.values()) collection.insert(doc);
    return engine;
  }

  /** Every index as the list of (key, _id) it holds, in order. */
  function indexContents(engine: Engine): Record<string, string[]> {
    const collection = engine.collection('d', 'people');
    if (!collection) throw new Error('no collection d.people');
    const out: Record<string, string[]> = {};
    for (const index of collection.indexes.values()) {
      if (!index.materialized) continue;
      out[index.name] = [...index.tree.entries()].map(([key, record]) => `${key.slice(0, -12)} ${recordKey(record.doc._id)}`);
    }
    return out;
  }

  it.each([
    ['all in the log', 0],
    ['a snapshot and a log', indexes.length + people.length],
  ])('builds from %s the same indexes and documents as inserting them', async (_layout, inSnapshot) => {
    await write(mutations(), inSnapshot);
    const engine = await recoverEngine();
    const expected = expectedEngine();
    expect(indexContents(engine)).toEqual(indexContents(expected));
    const docs = [...(engine.collection('d', 'people')?.records.values() ?? [])];
    expect(docs.every((record) => record instanceof StoredRecord)).toBe(true);
    expect(docs.map((record) => record.doc)).toStrictEqual([...(expected.collection('d', 'people')?.records.values() ?? [])].map((r) => r.doc));
  });

  it('decodes no document to build indexes, unless one has a filter (partialFilterExpression)', async () => {
    const withoutFilter = indexes.filter((spec) => !spec.partialFilterExpression);
    await write(mutations(withoutFilter), withoutFilter.length + people.length);
    const engine = await recoverEngine();
    const records = [...(engine.collection('d', 'people')?.records.values() ?? [])] as StoredRecord[];
    expect(records.filter((record) => record.isDecoded)).toEqual([]);
    expect(indexContents(engine)).toEqual(indexContents(expectedEngine(withoutFilter)));
    expect(records.every((record) => record.isDecoded)).toBe(true); // indexContents read them
  });

  it('builds a new index, and the _id index on first need, without decoding stored documents', async () => {
    await write(mutations([]), people.length);
    const engine = await recoverEngine();
    const collection = engine.collection('d', 'people');
    if (!collection) throw new Error('no collection d.people');
    const city: IndexSpec = { name: 'city_1', key: { city: 1 } };
    expect(collection.createIndex(city)).toBe(true);
    const ids = [...collection.materializeIdIndex().walk(1)];
    const records = [...collection.records.values()] as StoredRecord[];
    expect(records.filter((record) => record.isDecoded)).toEqual([]);
    expect(indexContents(engine).city_1).toEqual(indexContents(expectedEngine([city])).city_1);
    expect(new Set(ids)).toEqual(new Set(records));
  });

  it('copies documents nobody read into a snapshot as stored, and recovers the same from it', async () => {
    const withoutFilter = indexes.filter((spec) => !spec.partialFilterExpression);
    await write(mutations(withoutFilter), withoutFilter.length + people.length);
    const engine = new Engine();
    const loader = new RecoveryLoader(engine);
    const { journal } = await openStorageInto(dir, loader);
    loader.finish();
    const records = () => [...(engine.collection('d', 'people')?.records.values() ?? [])];
    // The log's three mutations, replayed after the snapshot, are stored records too.
    const undecoded = records().filter((record) => record instanceof StoredRecord && !record.isDecoded);
    expect(undecoded).toHaveLength(people.length);
    await journal.compact(() => engine.dump());
    await journal.close();
    expect(undecoded.filter((record) => (record as StoredRecord).isDecoded)).toEqual([]);
    const again = await recoverEngine();
    expect([...(again.collection('d', 'people')?.records.values() ?? [])].map((r) => r.doc)).toStrictEqual(records().map((r) => r.doc));
    expect(indexContents(again)).toEqual(indexContents(expectedEngine(withoutFilter)));
  });

  it('decodes a document once, and an update replaces it as usual', async () => {
    await write(mutations());
    const engine = await recoverEngine();
    const collection = engine.collection('d', 'people');
    const record = collection?.byId('p2');
    expect(record).toBeInstanceOf(StoredRecord);
    const doc = record?.doc;
    expect(record?.doc).toBe(doc);
    collection?.replace(record as StoredRecord, { ...doc, email: 'new@example.com' });
    expect(collection?.byId('p2')?.doc.email).toBe('new@example.com');
    const duplicate = (() => {
      try {
        collection?.insert({ _id: 'other', email: 'new@example.com' });
      } catch (error) {
        return error;
      }
    })();
    expect(duplicate).toBeInstanceOf(CommandError);
  });

  it('refuses a data directory whose documents break a unique index', async () => {
    await write([
      { op: 'createIndex', db: 'd', coll: 'c', spec: { name: 'email_1', key: { email: 1 }, unique: true } },
      { op: 'put', db: 'd', coll: 'c', doc: { _id: 1, email: 'same@example.com' } },
      { op: 'put', db: 'd', coll: 'c', doc: { _id: 2, email: 'same@example.com' } },
    ]);
    await expect(recoverEngine()).rejects.toThrow(/E11000 duplicate key error collection: d.c index: email_1/);
  });
});
