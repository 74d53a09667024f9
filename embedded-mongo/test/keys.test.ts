import { Binary, BSON, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { ArraySource, CursorStore } from '../src/cursors';
import { encodeKey, encodeValue } from '../src/engine/keys';
import { compareValues } from '../src/engine/values';
import type { RawBatch } from '../src/wire/protocol';

const decode = (batch: unknown): unknown[] => Object.values(BSON.deserialize((batch as RawBatch).bson));

// Unit tests of the engine's pure parts: the index key encoding must order values exactly as
// MongoDB's comparison does, or index range scans would miss documents.
const values: unknown[] = [
  new MinKey(),
  null,
  Number.NaN,
  -Infinity,
  -1e300,
  Long.fromString('-9223372036854775808'),
  -2.5,
  -1,
  -0,
  0,
  Decimal128.fromString('0.5'),
  1,
  Long.fromNumber(2),
  2.000001,
  1e21,
  Infinity,
  '',
  '\u0000',
  '\u0001',
  'a',
  'a\u0000b',
  'ab',
  'b',
  'é',
  {},
  { a: 1 },
  { a: 1, b: 1 },
  { a: 2 },
  { b: 'x' },
  [],
  [1],
  [1, 2],
  [2],
  new Binary(Buffer.from([])),
  new Binary(Buffer.from([2])),
  new Binary(Buffer.from([1]), 4),
  new Binary(Buffer.from([1, 0])),
  new ObjectId('000000000000000000000000'),
  new ObjectId('ffffffffffffffffffffffff'),
  false,
  true,
  new Date(-1000),
  new Date(0),
  new Date(1000),
  new Timestamp({ t: 1, i: 5 }),
  new Timestamp({ t: 2, i: 0 }),
  /a/,
  /a/i,
  /b/,
  new MaxKey(),
];

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('index key encoding', () => {
  test.each(values.map((v, i) => [i, v]))('value #%i orders like compareValues against every other', (_i, a) => {
    for (const b of values) {
      const byKey = sign(encodeValue(a) < encodeValue(b) ? -1 : encodeValue(a) > encodeValue(b) ? 1 : 0);
      expect([a, b, byKey]).toEqual([a, b, sign(compareValues(a, b))]);
    }
  });

  test('numbers of every width with the same value share a key', () => {
    expect(encodeValue(5)).toBe(encodeValue(Long.fromNumber(5)));
    expect(encodeValue(5)).toBe(encodeValue(Decimal128.fromString('5.0')));
    expect(encodeValue(-0)).toBe(encodeValue(0));
  });

  test('a compound key prefix selects exactly the keys starting with those values', () => {
    const key = (...parts: unknown[]): string => parts.map(encodeValue).join('');
    expect(key('a', 1).startsWith(key('a'))).toBe(true);
    expect(key('ab', 1).startsWith(key('a'))).toBe(false);
    expect(key('a\u0000', 1).startsWith(key('a'))).toBe(false);
  });
});

describe('document keys (the key of an _id)', () => {
  test('a string _id never shares a key with another _id, even one spelled like an encoded value', () => {
    const others: unknown[] = [5, Long.fromNumber(5), null, true, new ObjectId('65a0b0c0d0e0f00011223344'), { a: 1 }, 'x', ''];
    const strings = [...others.map(encodeValue), '', '\u0000', '\u0000x', `\u0000${encodeValue(5)}`, 'cust-1', '@', 'A', '_', '`'];
    const ids = [...others, ...strings];
    for (const a of ids) {
      for (const b of ids) {
        const same = (typeof a === 'string') === (typeof b === 'string') && compareValues(a, b) === 0;
        expect([a, b, encodeKey(a).equals(encodeKey(b))]).toEqual([a, b, same]);
      }
    }
  });

  test('numerically equal ids of different widths share a key, as MongoDB treats them as one _id', () => {
    expect(encodeKey(5)).toEqual(encodeKey(Long.fromNumber(5)));
    expect(encodeKey(5)).toEqual(encodeKey(Decimal128.fromString('5')));
  });

  test('64-bit integers a double cannot tell apart keep keys of their own, in order', () => {
    const ids = ['9007199254740991', '9007199254740992', '9007199254740993', '9007199254740994', '9223372036854775807'].map((n) => Long.fromString(n));
    for (let i = 1; i < ids.length; i++) expect(Buffer.compare(encodeKey(ids[i - 1]), encodeKey(ids[i]))).toBe(-1);
    expect(Buffer.compare(encodeKey(Long.fromString('-9007199254740993')), encodeKey(-9007199254740992))).toBe(-1);
    expect(encodeKey(Long.fromString('9007199254740992'))).toEqual(encodeKey(9007199254740992));
  });
});

describe('cursor store', () => {
  test('batches, exhausts, and drops cursors idle for ten minutes', async () => {
    let now = 0;
    const store = new CursorStore(() => now);
    try {
      const docs = Array.from({ length: 10 }, (_, i) => ({ i }));
      const first = await store.open('db.c', new ArraySource(docs), 4);
      expect(decode(first.firstBatch)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }]);
      const id = (first.id as Long).toBigInt();
      expect(decode((await store.getMore(id, 'c', 'db', 4)).nextBatch)).toEqual([{ i: 4 }, { i: 5 }, { i: 6 }, { i: 7 }]);
      now += 9 * 60_000;
      store.sweep();
      expect(store.openCount).toBe(1);
      now += 10 * 60_000 + 1;
      store.sweep();
      expect(store.openCount).toBe(0);
      await expect(store.getMore(id, 'c', 'db', 4)).rejects.toThrow(/not found/);
      const other = await store.open('db.c', new ArraySource(docs), 1);
      await expect(store.getMore((other.id as Long).toBigInt(), 'other', 'db', 1)).rejects.toThrow(/belongs to namespace db.c/);
    } finally {
      store.close();
    }
  });

  test('carries a document that would overflow a 16 MiB batch to the next one', async () => {
    const store = new CursorStore();
    try {
      const big = 'x'.repeat(6 * 1024 * 1024);
      const first = await store.open('db.c', new ArraySource([{ i: 0, big }, { i: 1, big }, { i: 2, big }, { i: 3 }]), 100);
      expect(decode(first.firstBatch).map((doc) => (doc as { i: number }).i)).toEqual([0, 1]);
      const next = await store.getMore((first.id as Long).toBigInt(), 'c', 'db', 100);
      expect(decode(next.nextBatch).map((doc) => (doc as { i: number }).i)).toEqual([2, 3]);
      expect((next.id as Long).isZero()).toBe(true);
    } finally {
      store.close();
    }
  });

  test('a getMore without batchSize returns about 512 KiB, and always at least one document', async () => {
    const store = new CursorStore();
    try {
      const docs = Array.from({ length: 3000 }, (_, i) => ({ i, pad: 'x'.repeat(1000) }));
      const big = { i: 3000, big: 'x'.repeat(2 * 1024 * 1024) };
      const first = await store.open('db.c', new ArraySource([...docs, big, { i: 3001 }]), undefined);
      expect(decode(first.firstBatch)).toHaveLength(101);
      const id = (first.id as Long).toBigInt();
      const sizes: number[] = [];
      let seen = 101;
      for (;;) {
        const next = await store.getMore(id, 'c', 'db', undefined);
        const batch = decode(next.nextBatch) as Array<{ i: number }>;
        expect(batch[0]?.i).toBe(seen);
        seen += batch.length;
        sizes.push(batch.length);
        if ((next.id as Long).isZero()) break;
      }
      expect(seen).toBe(3002);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(512);
      expect(sizes).toContain(1); // the 2 MiB document alone
    } finally {
      store.close();
    }
  });
});
