import { decodeCursor, encodeCursor } from '../../../subgraphs/common/src/pagination';
import { MAX_ID_BYTES } from '../../../src/contract/values';
import { caseRow, checkCsvHeader, contactRow, CSV_COLUMNS, memberRow, parseCsvRecord, parseJsonLine, type RowResult } from '../../../src/contract/schemas';

// Rows written to mislead the importer: each is refused with a reason naming what is wrong, or
// stored exactly as it was written, never silently changed.

const contact = { contactId: 'C1', createdAt: '2024-01-02T03:04:05Z', updatedAt: '2024-02-01T00:00:00Z' };
const aCase = { caseId: 'K1', contactId: 'C1', channel: 'chat', subject: 'Hi', status: 'open', openedAt: '2024-03-01T10:00:00Z' };
const body = JSON.stringify(contact).slice(1, -1);

function reasonOf(result: RowResult<unknown>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return result.reason;
}

function valueOf<T>(result: RowResult<T>): T {
  if (!result.ok) throw new Error(`expected acceptance, got: ${result.reason}`);
  return result.value;
}

describe('JSON that JSON.parse would quietly reinterpret', () => {
  it('refuses a key given twice, naming it, at any depth', () => {
    expect(reasonOf(parseJsonLine(contactRow, `{${body},"email":"a@x.com", "email" : "b@x.com"}`))).toBe('email: given twice; a row must give each field once');
    const twice = `{"caseId":"K1","contactId":"C1","channel":"chat","subject":"Hi","status":"open","openedAt":"2024-03-01T10:00:00Z","transcript":[{"at":"2024-03-01T10:00:00Z","from":"agent","text":"a","text":"b"}]}`;
    expect(reasonOf(parseJsonLine(caseRow, twice))).toBe('text: given twice; a row must give each field once');
  });

  it('tells keys from colons and quotes inside strings', () => {
    const row = valueOf(parseJsonLine(contactRow, `{${body},"note:\\"a\\"":"x: \\"y\\": {z}", "url":"https://a.example/?q=1:2"}`));
    expect(row.extra).toEqual({ 'note:"a"': 'x: "y": {z}', url: 'https://a.example/?q=1:2' });
    // The same key in two objects is no repetition.
    expect(valueOf(parseJsonLine(contactRow, `{${body},"a":{"k":1},"b":{"k":2}}`)).extra).toEqual({ a: { k: 1 }, b: { k: 2 } });
  });

  it('refuses __proto__, which copying would turn into a prototype and drop', () => {
    expect(reasonOf(parseJsonLine(contactRow, `{${body},"__proto__":{"email":"x@y.com"}}`))).toBe('__proto__: a field may not be named "__proto__"');
    expect(reasonOf(parseJsonLine(contactRow, `{${body},"tags":[{"__proto__":1}]}`))).toBe('tags[0].__proto__: a field may not be named "__proto__"');
  });

  it('keeps constructor, toString and hasOwnProperty under extra, like any unknown field', () => {
    const row = valueOf(parseJsonLine(contactRow, JSON.stringify({ ...contact, constructor: 'c', toString: 't', hasOwnProperty: 'h' })));
    expect(row).toEqual({ contactId: 'C1', createdAt: expect.any(Date), updatedAt: expect.any(Date), extra: { constructor: 'c', toString: 't', hasOwnProperty: 'h' } });
    expect(Object.keys(row)).not.toContain('constructor');
  });

  it('refuses an escaped lone surrogate, which no UTF-8 store can hold', () => {
    expect(reasonOf(parseJsonLine(contactRow, `{${body},"lastName":"M\\ud800ller"}`))).toBe('lastName: not valid Unicode (an escaped lone surrogate)');
    // A pair, escaped or not, is a character like any other.
    expect(valueOf(parseJsonLine(contactRow, `{${body},"lastName":"\\ud83d\\ude00 😀"}`)).lastName).toBe('😀 😀');
  });

  it('refuses nesting deeper than MongoDB stores, without running out of stack', () => {
    const deep = `{${body},"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(reasonOf(parseJsonLine(contactRow, deep))).toMatch(/^x(\[0\]){31}: nested more than 32 levels deep$/);
  });
});

describe('CSV columns named like Object.prototype', () => {
  const header = [...CSV_COLUMNS['pos/members.csv'].all];
  const cells = ['L1', '', '', '', '', '', '', '2024-01-01T00:00:00', '2024-01-02T00:00:00'];

  it('keeps constructor, toString and hasOwnProperty columns under extra', () => {
    const row = valueOf(parseCsvRecord(memberRow, [...header, 'constructor', 'toString', 'hasOwnProperty'], [...cells, 'c', 't', 'h']));
    expect(row.extra).toEqual({ constructor: 'c', toString: 't', hasOwnProperty: 'h' });
    expect(Object.keys(row)).not.toContain('toString');
  });

  it('refuses a header with a __proto__ column', () => {
    expect(checkCsvHeader('pos/members.csv', [...header, '__proto__'])).toBe('header names a column __proto__, which no field may be called');
  });
});

describe('source ids', () => {
  it('refuses an id longer than 256 bytes of UTF-8, in every id field', () => {
    expect(reasonOf(parseJsonLine(contactRow, JSON.stringify({ ...contact, contactId: 'C'.repeat(2000) })))).toBe(
      'contactId: is 2000 bytes long (UTF-8); an id may have at most 256',
    );
    expect(reasonOf(parseJsonLine(caseRow, JSON.stringify({ ...aCase, contactId: '中'.repeat(86) })))).toBe(
      'contactId: is 258 bytes long (UTF-8); an id may have at most 256',
    );
    expect(valueOf(parseJsonLine(contactRow, JSON.stringify({ ...contact, contactId: 'C'.repeat(256) }))).contactId).toHaveLength(256);
  });

  it('accepts only ids that every page cursor can carry back', () => {
    // The longest list name, and the longest prefix a stored id gets (an activity pointer's).
    const list = 'PosShopper.transactions';
    for (const character of ['a', '"', '\\', 'é', '中', '😀']) {
      const id = character.repeat(Math.floor(MAX_ID_BYTES / Buffer.byteLength(character)));
      expect(valueOf(parseJsonLine(contactRow, JSON.stringify({ ...contact, contactId: id }))).contactId).toBe(id);
      const position = { t: new Date('2026-01-01T00:00:00Z'), id: `pos:transaction:${id}` };
      expect(decodeCursor(list, encodeCursor(list, position))).toEqual(position);
    }
  });

  it('refuses control characters in an id', () => {
    expect(reasonOf(parseJsonLine(contactRow, JSON.stringify({ ...contact, loyaltyId: 'L1\u0000\n' })))).toBe('loyaltyId: must not contain control characters');
  });
});
