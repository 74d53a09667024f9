import { decodeCursor, encodeCursor } from '../../../subgraphs/common/src/pagination';
import { MAX_ID_BYTES } from '../../../src/contract/values';
import { caseRow, checkCsvHeader, contactRow, CSV_COLUMNS, memberRow, parseCsvRecord, parseJsonLine, type RowResult } from '../../../src/contract/schemas';

// Rows written to mislead the importer: each is refused with a reason naming what is wrong, or
// stored exactly as it was written, never silently changed.

const contact = { contactId: 'C1', createdAt: '2024-01-02T03:04:05Z', updatedAt: '2024-02-01T00:00:00Z' };
const aCase = { caseId: 'K1', contactId: 'C1', channel: 'chat', subject: 'Hi', status: 'open', openedAt: '2024-03-01T10:00:00Z' };
const body = JSON.stringify(contact).slice(1, -1);

/** The reason a row was refused, or what was stored: one value to compare either way. */
const outcome = <T>(result: RowResult<T>): { reason: string } | { stored: T } => (result.ok ? { stored: result.value } : { reason: result.reason });

describe('JSON that JSON.parse would quietly reinterpret', () => {
  it('refuses a key given twice, naming it, at any depth', () => {
    expect(outcome(parseJsonLine(contactRow, `{${body},"email":"a@x.com", "email" : "b@x.com"}`))).toEqual({ reason: 'email: given twice; a row must give each field once' });
    const twice = `{"caseId":"K1","contactId":"C1","channel":"chat","subject":"Hi","status":"open","openedAt":"2024-03-01T10:00:00Z","transcript":[{"at":"2024-03-01T10:00:00Z","from":"agent","text":"a","text":"b"}]}`;
    expect(outcome(parseJsonLine(caseRow, twice))).toEqual({ reason: 'text: given twice; a row must give each field once' });
  });

  it('tells keys from colons and quotes inside strings', () => {
    expect(outcome(parseJsonLine(contactRow, `{${body},"note:\\"a\\"":"x: \\"y\\": {z}", "url":"https://a.example/?q=1:2"}`))).toMatchObject({
      stored: { extra: { 'note:"a"': 'x: "y": {z}', url: 'https://a.example/?q=1:2' } },
    });
    // The same key in two objects is no repetition.
    expect(outcome(parseJsonLine(contactRow, `{${body},"a":{"k":1},"b":{"k":2}}`))).toMatchObject({ stored: { extra: { a: { k: 1 }, b: { k: 2 } } } });
  });

  it('refuses __proto__, which copying would turn into a prototype and drop', () => {
    expect(outcome(parseJsonLine(contactRow, `{${body},"__proto__":{"email":"x@y.com"}}`))).toEqual({ reason: '__proto__: a field may not be named "__proto__"' });
    expect(outcome(parseJsonLine(contactRow, `{${body},"tags":[{"__proto__":1}]}`))).toEqual({ reason: 'tags[0].__proto__: a field may not be named "__proto__"' });
  });

  it('keeps constructor, toString and hasOwnProperty under extra, like any unknown field', () => {
    expect(outcome(parseJsonLine(contactRow, JSON.stringify({ ...contact, constructor: 'c', toString: 't', hasOwnProperty: 'h' })))).toEqual({
      stored: { contactId: 'C1', createdAt: expect.any(Date), updatedAt: expect.any(Date), extra: { constructor: 'c', toString: 't', hasOwnProperty: 'h' } },
    });
  });

  it('refuses an escaped lone surrogate, which no UTF-8 store can hold', () => {
    expect(outcome(parseJsonLine(contactRow, `{${body},"lastName":"M\\ud800ller"}`))).toEqual({ reason: 'lastName: not valid Unicode (an escaped lone surrogate)' });
    // A pair, escaped or not, is a character like any other.
    expect(outcome(parseJsonLine(contactRow, `{${body},"lastName":"\\ud83d\\ude00 😀"}`))).toMatchObject({ stored: { lastName: '😀 😀' } });
  });

  it('refuses nesting deeper than MongoDB stores, without running out of stack', () => {
    const deep = `{${body},"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(outcome(parseJsonLine(contactRow, deep))).toEqual({ reason: expect.stringMatching(/^x(\[0\]){31}: nested more than 32 levels deep$/) });
  });
});

describe('CSV columns named like Object.prototype', () => {
  const header = [...CSV_COLUMNS['pos/members.csv'].all];
  const cells = ['L1', '', '', '', '', '', '', '2024-01-01T00:00:00', '2024-01-02T00:00:00'];

  it('keeps constructor, toString and hasOwnProperty columns under extra', () => {
    expect(outcome(parseCsvRecord(memberRow, [...header, 'constructor', 'toString', 'hasOwnProperty'], [...cells, 'c', 't', 'h']))).toEqual({
      stored: { loyaltyId: 'L1', enrolledAt: expect.any(Date), updatedAt: expect.any(Date), extra: { constructor: 'c', toString: 't', hasOwnProperty: 'h' } },
    });
  });

  it('refuses a header with a __proto__ column', () => {
    expect(checkCsvHeader('pos/members.csv', [...header, '__proto__'])).toBe('header names a column __proto__, which no field may be called');
  });
});

describe('source ids', () => {
  it('refuses an id longer than 256 bytes of UTF-8, in every id field', () => {
    expect(outcome(parseJsonLine(contactRow, JSON.stringify({ ...contact, contactId: 'C'.repeat(2000) })))).toEqual({ reason: 'contactId: is 2000 bytes long (UTF-8); an id may have at most 256' });
    expect(outcome(parseJsonLine(caseRow, JSON.stringify({ ...aCase, contactId: '中'.repeat(86) })))).toEqual({ reason: 'contactId: is 258 bytes long (UTF-8); an id may have at most 256' });
    expect(outcome(parseJsonLine(contactRow, JSON.stringify({ ...contact, contactId: 'C'.repeat(256) })))).toMatchObject({ stored: { contactId: 'C'.repeat(256) } });
  });

  it('accepts only ids that every page cursor can carry back', () => {
    // The longest list name, and the longest prefix a stored id gets (an activity pointer's).
    const list = 'PosShopper.transactions';
    for (const character of ['a', '"', '\\', 'é', '中', '😀']) {
      const id = character.repeat(Math.floor(MAX_ID_BYTES / Buffer.byteLength(character)));
      expect(outcome(parseJsonLine(contactRow, JSON.stringify({ ...contact, contactId: id })))).toMatchObject({ stored: { contactId: id } });
      const position = { t: new Date('2026-01-01T00:00:00Z'), id: `pos:transaction:${id}` };
      expect(decodeCursor(list, encodeCursor(list, position))).toEqual(position);
    }
  });

  it('refuses control characters in an id', () => {
    expect(outcome(parseJsonLine(contactRow, JSON.stringify({ ...contact, loyaltyId: 'L1\u0000\n' })))).toEqual({ reason: 'loyaltyId: must not contain control characters' });
  });
});
