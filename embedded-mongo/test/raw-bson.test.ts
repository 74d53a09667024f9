import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  Decimal128,
  deserialize,
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
import { decodeStored } from '../src/engine/documents';
import {
  UNREAD,
  fieldName,
  isPlainValidBson,
  leadingScalarId,
  projectTopLevel,
  readTopLevelField,
  readTopLevelFields,
  topLevelStringIs,
} from '../src/storage/raw-bson';

// Filters, index builds and projections read fields from stored BSON without decoding whole
// documents: whatever they read must be exactly what decoding the whole document gives.

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
  const decoded = decodeStored(bytes.subarray(at, at + bytes.readInt32LE(at)));

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

describe('comparing a stored string without decoding it', () => {
  const bytes = serialize({ _id: 1, s: 'héllo', n: 5, list: ['héllo'], sym: new BSONSymbol('héllo'), empty: '' });
  const is = (name: string, value: string) => topLevelStringIs(bytes, 0, fieldName(name).bytes, fieldName(value).bytes);

  it('tells a string field equal or not, and absent or other scalars not equal', () => {
    expect([is('s', 'héllo'), is('s', 'hello'), is('s', 'héll'), is('empty', ''), is('n', '5'), is('absent', 'héllo')]).toEqual([true, false, false, true, false, false]);
  });

  it('leaves an array or a symbol to a decode', () => {
    expect([is('list', 'héllo'), is('sym', 'héllo')]).toEqual([undefined, undefined]);
  });
});

describe('projecting stored BSON', () => {
  const doc = { _id: 'p1', b: new Int32(2), a: Long.fromNumber(1), nested: { x: new Double(1) }, list: [1, 'two'], when: new Date(0) };
  const bytes = serialize(doc);
  const names = (...fields: string[]) => fields.map(fieldName);
  const project = (fields: string[], include: boolean, keepId: boolean) => {
    const target = Buffer.alloc(bytes.length + 10);
    const size = projectTopLevel(bytes, 0, names(...fields), include, keepId, target, 3);
    expect(size).toBeLessThanOrEqual(bytes.length);
    return deserialize(target.subarray(3, 3 + size), { promoteValues: false, promoteLongs: false });
  };

  it('keeps the included fields in their stored order, every value as stored', () => {
    expect(project(['a', 'b', 'absent'], true, true)).toStrictEqual({ _id: 'p1', b: new Int32(2), a: Long.fromNumber(1) });
    expect(project(['nested'], true, false)).toStrictEqual({ nested: { x: new Double(1) } });
    expect(project([], true, true)).toStrictEqual({ _id: 'p1' });
  });

  it('drops the excluded fields', () => {
    expect(project(['b', 'list'], false, true)).toStrictEqual({ _id: 'p1', a: Long.fromNumber(1), nested: { x: new Double(1) }, when: new Date(0) });
    expect(Object.keys(project([], false, false) ?? {})).toEqual(['b', 'a', 'nested', 'list', 'when']);
  });

  it('gives up on a type it does not know, for the caller to decode the document', () => {
    const unknown = Buffer.from([14, 0, 0, 0, 0x42, 0x78, 0, 1, 2, 3, 0x10, 0x79, 0, 0]);
    expect(projectTopLevel(unknown, 0, names('y'), true, true, Buffer.alloc(32), 0)).toBe(-1);
  });
});

// An insert stores the bytes a client sent without decoding them when this check says they are
// certainly what `bson` would decode without error; otherwise `bson` decodes (and refuses) them.
describe('checking sent BSON without decoding it', () => {
  const plain = serialize({ _id: 'a', n: 1, d: 2.5, s: 'héllo ✓', sub: { x: [1, 'y', null, true] }, bin: new Binary(Buffer.from([1, 2])), date: new Date(0), oid: new ObjectId(), dec: Decimal128.fromString('1.5'), long: Long.fromNumber(3) });
  const check = (bytes: Uint8Array) => isPlainValidBson(bytes, 0, bytes.length);

  it('accepts well-formed documents of the common types', () => {
    expect(check(plain)).toBe(true);
  });

  it('leaves other types and $-prefixed names to bson', () => {
    for (const doc of [{ r: new BSONRegExp('a') }, { c: new Code('x') }, { sub: { $ref: 'c', $id: 1 } }, { u: new Binary(Buffer.from([1]), 2) }]) {
      expect(check(serialize(doc))).toBe(false);
    }
  });

  it('refuses invalid UTF-8, bad booleans, wrong sizes and missing terminators', () => {
    const badString = Buffer.from(serialize({ s: 'abc' }));
    badString[badString.length - 3] = 0xff; // inside the string
    expect(() => deserialize(badString)).toThrow();
    expect(check(badString)).toBe(false);
    const badBool = Buffer.from(serialize({ b: true }));
    badBool[badBool.length - 2] = 2;
    expect(check(badBool)).toBe(false);
    const truncated = Buffer.from(plain.subarray(0, plain.length - 1));
    expect(check(truncated)).toBe(false);
    const badSub = Buffer.from(serialize({ sub: { a: 1 } }));
    badSub.writeInt32LE(200, 9); // the subdocument claims more than there is
    expect(check(badSub)).toBe(false);
    const noTerminator = Buffer.from(serialize({ s: 'abc' }));
    noTerminator[noTerminator.length - 2] = 0x41;
    expect(check(noTerminator)).toBe(false);
  });

  it('reads a leading scalar _id, and leaves any other _id to a decode', () => {
    expect(leadingScalarId(serialize({ _id: 'x', a: 1 }))).toBe('x');
    expect(leadingScalarId(serialize({ _id: 7 }))).toBe(7);
    expect(leadingScalarId(serialize({ a: 1, _id: 'x' }))).toBe(UNREAD);
    expect(leadingScalarId(serialize({ _id: { a: 1 } }))).toBe(UNREAD);
    expect(leadingScalarId(serialize({ _id: Long.fromNumber(1) }))).toBe(UNREAD);
    expect(leadingScalarId(serialize({ _idx: 1 }))).toBe(UNREAD);
  });
});
