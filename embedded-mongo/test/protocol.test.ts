import { BSON, Decimal128, Long, ObjectId, type Document } from 'bson';
import { decodeMessage, OP_MSG, sentBytesOf } from '../src/wire/protocol';

// The wire protocol's own parts: an insert's documents are decoded field by field as they are
// read (the engine stores the bytes as sent), and must read exactly as a whole decode.

/** An OP_MSG with a body and one document sequence, as the driver sends an insert. */
function opMsg(body: Document, identifier: string, docs: Document[]): Buffer {
  const bodyBytes = BSON.serialize(body);
  const docBytes = docs.map((doc) => BSON.serialize(doc));
  const sequenceLength = 4 + Buffer.byteLength(identifier) + 1 + docBytes.reduce((n, d) => n + d.length, 0);
  const sequenceHeader = Buffer.alloc(5 + Buffer.byteLength(identifier) + 1);
  sequenceHeader[0] = 1;
  sequenceHeader.writeInt32LE(sequenceLength, 1);
  sequenceHeader.write(`${identifier}\0`, 5);
  const header = Buffer.alloc(21);
  const message = Buffer.concat([header, Buffer.from([0]), bodyBytes, sequenceHeader, ...docBytes]);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(7, 4);
  message.writeInt32LE(OP_MSG, 12);
  return Buffer.concat([message.subarray(0, 20), message.subarray(21)]);
}

const docs: Document[] = [
  { _id: 'a', n: 1, when: new Date(5), nested: { list: [1, 'two', { three: Long.fromNumber(3) }] }, price: Decimal128.fromString('1.50') },
  { name: 'no _id', ref: new ObjectId('65a1b2c3d4e5f60718293a4b'), re: /x+/i, nothing: null },
];
const decode = (doc: Document) => BSON.deserialize(BSON.serialize(doc), { promoteLongs: false });

test("an insert's documents read as a whole decode gives them, field by field", () => {
  const { command } = decodeMessage(opMsg({ insert: 'c', $db: 'd' }, 'documents', docs));
  const received = command.documents as Document[];
  expect(received).toHaveLength(2);
  received.forEach((doc, i) => {
    expect(doc).toStrictEqual(decode(docs[i] as Document));
    expect(Object.keys(doc)).toEqual(Object.keys(docs[i] as Document));
    expect(Buffer.from(sentBytesOf(doc) ?? [])).toEqual(Buffer.from(BSON.serialize(docs[i] as Document)));
  });
  expect('_id' in (received[0] as Document)).toBe(true);
  expect('_id' in (received[1] as Document)).toBe(false);
  expect({ ...received[0] }).toStrictEqual(decode(docs[0] as Document));
});

test('an insert document changed by the server is all decoded first, and changes as a plain object', () => {
  const { command } = decodeMessage(opMsg({ insert: 'c', $db: 'd' }, 'documents', docs));
  const doc = (command.documents as Document[])[1] as Document;
  doc._id = 'given';
  delete doc.nothing;
  const { nothing: _nothing, ...rest } = decode(docs[1] as Document);
  expect(doc).toStrictEqual({ ...rest, _id: 'given' });
  expect(Object.keys(doc)).toEqual(['name', 'ref', 're', '_id']);
});

test("other commands' document sequences are decoded whole", () => {
  const { command } = decodeMessage(opMsg({ update: 'c', $db: 'd' }, 'updates', [{ q: { a: 1 }, u: { $set: { b: 2 } } }]));
  expect(command.updates).toStrictEqual([{ q: { a: 1 }, u: { $set: { b: 2 } } }]);
});
