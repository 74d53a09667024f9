import { BSON, type Document } from 'bson';
import { isPlainValidBson } from '../storage/raw-bson';

/**
 * MongoDB wire protocol framing: the 16-byte header, OP_MSG (what the driver speaks) and the
 * legacy OP_QUERY/OP_REPLY pair some drivers still use for their very first handshake.
 * https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
 */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1 << 0;
export const MORE_TO_COME = 1 << 1;

/** Decoding keeps every BSON type as it came (no promotion of Long, no lossy conversions). */
const DESERIALIZE_OPTIONS = { promoteLongs: false, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;

export interface IncomingMessage {
  requestId: number;
  opCode: number;
  /** The command document, with OP_MSG kind-1 sequences merged in as arrays. */
  command: Document;
  /** OP_MSG flag: the client expects no reply. */
  moreToCome: boolean;
  /** For OP_QUERY: the full collection name (e.g. `admin.$cmd`). */
  fullCollectionName?: string;
}

/**
 * The BSON a client sent for each document of an OP_MSG document sequence (an insert's
 * documents), so that an insert can store exactly those bytes instead of serializing the decoded
 * document again. Views of the message, which is never reused.
 */
const sentBytes = new WeakMap<Document, Uint8Array>();

export function sentBytesOf(doc: Document): Uint8Array | undefined {
  return sentBytes.get(doc);
}

/**
 * A document of an insert's document sequence, kept as the bytes the client sent: checked well
 * formed (`isPlainValidBson`) but decoded only if something needs the whole of it, so that an
 * insert of 100,000 documents stores their bytes without building 100,000 objects first.
 */
export class SentDocument {
  private decoded: Document | undefined = undefined;

  constructor(readonly bytes: Uint8Array) {}

  get doc(): Document {
    return (this.decoded ??= BSON.deserialize(this.bytes, DESERIALIZE_OPTIONS));
  }
}

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Returns the length of the first complete message in `buffer`, or 0 if more bytes are needed. */
export function completeMessageLength(buffer: Buffer): number {
  if (buffer.length < 4) return 0;
  const length = buffer.readInt32LE(0);
  if (length < HEADER_SIZE || length > 48_000_000) throw new ProtocolError(`invalid message length ${length}`);
  return buffer.length >= length ? length : 0;
}

export function decodeMessage(message: Buffer): IncomingMessage {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return decodeOpMsg(message, requestId);
  if (opCode === OP_QUERY) return decodeOpQuery(message, requestId);
  if (opCode === OP_COMPRESSED) throw new ProtocolError('compressed messages are not supported (no compressors were advertised)');
  throw new ProtocolError(`unsupported wire protocol opcode ${opCode}`);
}

function decodeOpMsg(message: Buffer, requestId: number): IncomingMessage {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_SIZE + 4;
  let command: Document | undefined;
  const sequences: Array<[string, Array<Document | SentDocument>]> = [];
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      command = BSON.deserialize(message.subarray(offset, offset + size), DESERIALIZE_OPTIONS);
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      let cursor = offset + 4;
      const nameEnd = message.indexOf(0, cursor);
      const identifier = message.toString('utf8', cursor, nameEnd);
      cursor = nameEnd + 1;
      const docs: Array<Document | SentDocument> = [];
      // An insert's documents are stored as sent: checked, not decoded (see SentDocument).
      const lazy = identifier === 'documents' && command !== undefined && Object.keys(command)[0] === 'insert';
      // One options object moved along the section: no Buffer view per document (an insert
      // batch holds up to 100,000 of them).
      const positioned = { ...DESERIALIZE_OPTIONS, allowObjectSmallerThanBufferSize: true, index: 0 };
      while (cursor < sectionEnd) {
        const docSize = message.readInt32LE(cursor);
        if (docSize < 5 || cursor + docSize > sectionEnd) throw new ProtocolError(`document of ${docSize} bytes overruns its OP_MSG section`);
        if (lazy && isPlainValidBson(message, cursor, docSize)) {
          docs.push(new SentDocument(message.subarray(cursor, cursor + docSize)));
        } else {
          positioned.index = cursor;
          const doc = BSON.deserialize(message, positioned);
          sentBytes.set(doc, message.subarray(cursor, cursor + docSize));
          docs.push(doc);
        }
        cursor += docSize;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) command[identifier] = docs;
  return { requestId, opCode: OP_MSG, command, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

function decodeOpQuery(message: Buffer, requestId: number): IncomingMessage {
  let offset = HEADER_SIZE + 4; // flags
  const nameEnd = message.indexOf(0, offset);
  const fullCollectionName = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const size = message.readInt32LE(offset);
  let command = BSON.deserialize(message.subarray(offset, offset + size), DESERIALIZE_OPTIONS);
  // Legacy drivers wrap the command as { $query: {...}, $readPreference: ... }.
  if (command.$query && typeof command.$query === 'object') command = command.$query as Document;
  const db = fullCollectionName.split('.')[0] ?? 'admin';
  if (command.$db === undefined) command.$db = db;
  return { requestId, opCode: OP_QUERY, command, moreToCome: false, fullCollectionName };
}

/** mongod's limit of a reply batch: 16 MiB, less room for the reply around it. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const BSON_DOCUMENT = 0x03;
const BSON_ARRAY = 0x04;

/**
 * A cursor batch written as BSON as it is filled: array elements (`"0": {...}`, `"1": {...}`)
 * appended into one buffer, each document copied in as stored, or projected straight from the
 * stored bytes. The reply splices it in as it is: no document of a batch is decoded or
 * serialized again, and a batch of 100,000 documents is one allocation, not 100,000.
 */
export class BatchWriter {
  private buffer: Buffer;
  private length = 4;
  count = 0;
  /** The document that would have passed the byte limit: the first of the next batch. */
  overflow: Uint8Array | undefined;

  constructor(
    private readonly maxCount: number,
    private readonly maxBytes = MAX_BATCH_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes));
  }

  /** True once the batch has its count, or a document did not fit. */
  get full(): boolean {
    return this.count >= this.maxCount || this.overflow !== undefined;
  }

  add(doc: Uint8Array): boolean {
    return this.write(doc.length, (target, at) => {
      target.set(doc, at);
      return doc.length;
    });
  }

  /**
   * Appends the document `fill` writes at `target[at]` (at most `maxSize` bytes; it returns the
   * size, or -1 to append nothing). A document that would take the batch past the byte limit
   * (unless it is the first) becomes the overflow instead. Returns false once the batch is full.
   */
  write(maxSize: number, fill: (target: Buffer, at: number) => number): boolean {
    this.reserve(12 + maxSize);
    const start = this.length;
    this.buffer[start] = BSON_DOCUMENT;
    const at = writeDigits(this.buffer, start + 1, this.count) + 1;
    this.buffer[at - 1] = 0;
    const size = fill(this.buffer, at);
    if (size < 0) return !this.full;
    if (this.count > 0 && at + size + 1 > this.maxBytes) {
      this.overflow = Uint8Array.prototype.slice.call(this.buffer, at, at + size);
      return false;
    }
    this.length = at + size;
    this.count++;
    return !this.full;
  }

  /** The documents written, as views of the batch (which is never written again once read). */
  documents(): Uint8Array[] {
    const docs: Uint8Array[] = [];
    for (let at = 4; at < this.length; ) {
      let start = at + 1;
      while (this.buffer[start] !== 0) start++;
      start++;
      const size = this.buffer.readInt32LE(start);
      docs.push(this.buffer.subarray(start, start + size));
      at = start + size;
    }
    return docs;
  }

  /** The batch as a BSON array document. */
  toBson(): Uint8Array {
    this.reserve(1);
    this.buffer[this.length] = 0;
    this.buffer.writeInt32LE(this.length + 1, 0);
    return this.buffer.subarray(0, this.length + 1);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes + 1 <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes + 1));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/** Writes `n` in decimal at `target[at]` (an array element's name); returns where it ends. */
function writeDigits(target: Buffer, at: number, n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let i = digits - 1, rest = n; i >= 0; i--, rest = Math.floor(rest / 10)) target[at + i] = 0x30 + (rest % 10);
  return at + digits;
}

/** A cursor batch already in BSON (a BatchWriter's), spliced into the reply as it is. */
export class RawBatch {
  constructor(readonly bson: Uint8Array) {}
}

const SERIALIZE_OPTIONS = { ignoreUndefined: true } as const;

/** The elements of a serialized document, without its length prefix and terminator. */
function elementsOf(doc: Document): Uint8Array {
  const bytes = BSON.serialize(doc, SERIALIZE_OPTIONS);
  return bytes.subarray(4, bytes.length - 1);
}

/**
 * Serializes a reply after `headroom` bytes left for the message's header, in one buffer: a
 * cursor's batch, already BSON, is copied in once, in the middle of
 * `{ cursor: { ...cursor, firstBatch|nextBatch: <batch> }, ...reply }`.
 */
export function serializeReply(reply: Document, headroom = 0): Buffer {
  const cursor = reply.cursor as Document | undefined;
  const batchField = cursor && ['firstBatch', 'nextBatch'].find((f) => cursor[f] instanceof RawBatch);
  if (!cursor || !batchField) {
    const body = BSON.serialize(reply, SERIALIZE_OPTIONS);
    const out = Buffer.allocUnsafe(headroom + body.length);
    out.set(body, headroom);
    return out;
  }
  const batch = (cursor[batchField] as RawBatch).bson;
  const { [batchField]: _batch, ...cursorRest } = cursor;
  const { cursor: _cursor, ...replyRest } = reply;
  const cursorElements = elementsOf(cursorRest);
  const replyElements = elementsOf(replyRest);
  const cursorLength = 4 + cursorElements.length + 2 + batchField.length + batch.length + 1;
  const length = 4 + 8 + cursorLength + replyElements.length + 1;
  const out = Buffer.allocUnsafe(headroom + length);
  let at = headroom;
  out.writeInt32LE(length, at);
  at += 4;
  out[at++] = BSON_DOCUMENT;
  at += out.write('cursor\0', at, 'latin1');
  out.writeInt32LE(cursorLength, at);
  at += 4;
  out.set(cursorElements, at);
  at += cursorElements.length;
  out[at++] = BSON_ARRAY;
  at += out.write(`${batchField}\0`, at, 'latin1');
  out.set(batch, at);
  at += batch.length;
  out[at++] = 0;
  out.set(replyElements, at);
  at += replyElements.length;
  out[at] = 0;
  return out;
}

let nextResponseId = 1;

function writeHeader(message: Buffer, responseTo: number, opCode: number): void {
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  message.writeInt32LE(responseTo, 8);
  message.writeInt32LE(opCode, 12);
}

export function encodeOpMsg(responseTo: number, reply: Document): Buffer {
  const message = serializeReply(reply, HEADER_SIZE + 5);
  writeHeader(message, responseTo, OP_MSG);
  message.writeUInt32LE(0, HEADER_SIZE); // flagBits
  message[HEADER_SIZE + 4] = 0; // section kind 0: the body
  return message;
}

export function encodeOpReply(responseTo: number, reply: Document): Buffer {
  const message = serializeReply(reply, HEADER_SIZE + 20);
  writeHeader(message, responseTo, OP_REPLY);
  message.fill(0, HEADER_SIZE, HEADER_SIZE + 20); // responseFlags, cursorID (0), startingFrom
  message.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  return message;
}
