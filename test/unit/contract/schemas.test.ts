import {
  CSV_COLUMNS,
  caseRow,
  checkCsvHeader,
  contactRow,
  eventRow,
  memberRow,
  parseCsvRecord,
  parseJsonLine,
  transactionLineRow,
  type RowResult,
} from '../../../src/contract/schemas';
import { parseIsoTime } from '../../../src/contract/values';

const contact = {
  contactId: 'C1',
  email: 'Ann@Example.com',
  createdAt: '2024-01-02T03:04:05Z',
  updatedAt: '2024-02-01T00:00:00Z',
};
const aCase = {
  caseId: 'K1',
  contactId: 'C1',
  channel: 'chat',
  subject: 'Where is my order?',
  status: 'closed',
  openedAt: '2024-03-01T10:00:00Z',
};
const event = { eventId: 'E1', visitorId: 'V1', sessionId: 'S1', at: '2024-03-01T10:00:00Z', type: 'page_view' };
const memberHeader = [...CSV_COLUMNS['pos/members.csv'].all];
const txHeader = [...CSV_COLUMNS['pos/transactions.csv'].all];
const txCells = ['T1', 'GB-001', '2024-03-01T10:00:00', 'sale', '', '', '', 'SKU-1', '2', '9.99', 'GBP'];

function json<T>(schema: Parameters<typeof parseJsonLine<T>>[0], value: unknown): RowResult<T> {
  return parseJsonLine(schema, JSON.stringify(value));
}

function reasonOf(result: RowResult<unknown>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return result.reason;
}

function valueOf<T>(result: RowResult<T>): T {
  if (!result.ok) throw new Error(`expected acceptance, got: ${result.reason}`);
  return result.value;
}

describe('JSON Lines decoding', () => {
  it('rejects a line that is not JSON, naming the problem', () => {
    expect(reasonOf(parseJsonLine(contactRow, '{"contactId": "C1",'))).toMatch(/^not valid JSON: /);
  });
  it('rejects JSON that is not an object', () => {
    expect(reasonOf(parseJsonLine(contactRow, '[1,2]'))).toBe('must be a JSON object, got an array');
    expect(reasonOf(parseJsonLine(contactRow, '42'))).toBe('must be a JSON object, got 42');
  });
});

describe('required fields and ids', () => {
  it('accepts a minimal contact and keeps the email exactly as written (trimmed only)', () => {
    const row = valueOf(json(contactRow, { ...contact, email: '  Ann@Example.COM ' }));
    expect(row.email).toBe('Ann@Example.COM');
    expect(row.createdAt).toEqual(new Date('2024-01-02T03:04:05Z'));
  });
  it('rejects a missing or blank id', () => {
    const { contactId: _omit, ...noId } = contact;
    expect(reasonOf(json(contactRow, noId))).toBe('contactId: required');
    expect(reasonOf(json(contactRow, { ...contact, contactId: '   ' }))).toBe('contactId: required');
  });
  it('accepts an integer id as its digits, rejects other non-string ids', () => {
    expect(valueOf(json(contactRow, { ...contact, contactId: 123 })).contactId).toBe('123');
    expect(reasonOf(json(contactRow, { ...contact, contactId: { id: 1 } }))).toBe('contactId: must be a string id, got {"id":1}');
  });
  it('leaves absent, null and blank optional fields out of the document', () => {
    const row = valueOf(json(contactRow, { ...contact, phone: null, firstName: '  ', lastName: undefined }));
    expect('firstName' in row).toBe(false);
    expect('phone' in row).toBe(false);
  });
  it('does not normalise phones beyond trimming', () => {
    expect(valueOf(json(contactRow, { ...contact, phone: ' (020) 7946 0018 ' })).phone).toBe('(020) 7946 0018');
  });
});

describe('times and dates', () => {
  it('reads ISO-8601 times, with no offset meaning UTC', () => {
    expect(parseIsoTime('2024-03-01T10:15:00')).toEqual(new Date('2024-03-01T10:15:00Z'));
    expect(parseIsoTime('2024-03-01T10:15:00+02:00')).toEqual(new Date('2024-03-01T08:15:00Z'));
    expect(parseIsoTime('2024-03-01T10:15:00.123456Z')).toEqual(new Date('2024-03-01T10:15:00.123Z'));
    expect(parseIsoTime('2024-03-01 10:15')).toEqual(new Date('2024-03-01T10:15:00Z'));
  });
  it('rejects a time that is not ISO-8601', () => {
    expect(reasonOf(json(contactRow, { ...contact, updatedAt: '01/02/2024' }))).toBe(
      'updatedAt: must be an ISO-8601 time (e.g. 2024-03-01T10:15:00Z), got "01/02/2024"',
    );
    expect(reasonOf(json(contactRow, { ...contact, updatedAt: 1706745600 }))).toBe(
      'updatedAt: must be an ISO-8601 time string, got 1706745600',
    );
  });
  it('rejects impossible dates and times', () => {
    expect(reasonOf(json(caseRow, { ...aCase, openedAt: '2024-02-30T10:00:00Z' }))).toBe(
      'openedAt: is not a real date, got "2024-02-30T10:00:00Z"',
    );
    expect(reasonOf(json(caseRow, { ...aCase, openedAt: '2023-02-29T10:00:00Z' }))).toMatch(/not a real date/);
    expect(reasonOf(json(caseRow, { ...aCase, openedAt: '2024-03-01T24:00:00Z' }))).toMatch(/not a real time of day/);
    expect(valueOf(json(caseRow, { ...aCase, openedAt: '2024-02-29T23:59:59Z' })).openedAt).toEqual(
      new Date('2024-02-29T23:59:59Z'),
    );
  });
  it('accepts a real birth date and rejects impossible or badly written ones', () => {
    expect(valueOf(json(contactRow, { ...contact, birthDate: '1990-02-28' })).birthDate).toBe('1990-02-28');
    expect(reasonOf(json(contactRow, { ...contact, birthDate: '1990-02-29' }))).toBe('birthDate: is not a real date, got "1990-02-29"');
    expect(reasonOf(json(contactRow, { ...contact, birthDate: '28.02.1990' }))).toBe(
      'birthDate: must be a date YYYY-MM-DD, got "28.02.1990"',
    );
  });
});

describe('enumerations', () => {
  it('accepts listed values and rejects others, listing the allowed ones', () => {
    expect(valueOf(json(caseRow, { ...aCase, channel: 'store' })).channel).toBe('store');
    expect(reasonOf(json(caseRow, { ...aCase, channel: 'fax' }))).toBe('channel: must be one of phone|email|chat|store, got "fax"');
    expect(reasonOf(json(eventRow, { ...event, type: 'purchase' }))).toMatch(/^type: must be one of page_view\|/);
    expect(reasonOf(json(eventRow, { ...event, device: 'watch' }))).toBe('device: must be one of desktop|mobile|tablet, got "watch"');
    expect(reasonOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(3, 'refund')))).toBe(
      'type: must be one of sale|return, got "refund"',
    );
  });
});

describe('CSAT', () => {
  it('accepts integers 1–5 and no rating', () => {
    expect(valueOf(json(caseRow, { ...aCase, csat: 5 })).csat).toBe(5);
    expect(valueOf(json(caseRow, { ...aCase, csat: 1 })).csat).toBe(1);
    expect('csat' in valueOf(json(caseRow, aCase))).toBe(false);
  });
  it('rejects values outside 1–5 and fractions', () => {
    expect(reasonOf(json(caseRow, { ...aCase, csat: 7 }))).toBe('csat: must be an integer 1–5, got 7');
    expect(reasonOf(json(caseRow, { ...aCase, csat: 0 }))).toBe('csat: must be an integer 1–5, got 0');
    expect(reasonOf(json(caseRow, { ...aCase, csat: 4.5 }))).toBe('csat: must be an integer 1–5, got 4.5');
  });
});

describe('transcripts', () => {
  it('parses messages and defaults to an empty transcript', () => {
    const row = valueOf(json(caseRow, { ...aCase, transcript: [{ at: '2024-03-01T10:01:00Z', from: 'agent', text: ' Hello ' }] }));
    expect(row.transcript).toEqual([{ at: new Date('2024-03-01T10:01:00Z'), from: 'agent', text: 'Hello' }]);
    expect(valueOf(json(caseRow, aCase)).transcript).toEqual([]);
  });
  it('names the failing message and field', () => {
    const bad = { ...aCase, transcript: [{ at: '2024-03-01T10:01:00Z', from: 'agent', text: 'ok' }, { at: '2024-03-01T10:02:00Z', from: 'bot', text: 'x' }] };
    expect(reasonOf(json(caseRow, bad))).toBe('transcript[1].from: must be one of customer|agent, got "bot"');
    expect(reasonOf(json(caseRow, { ...aCase, transcript: 'hello' }))).toBe(
      'transcript: must be a list of messages {at, from, text}, got "hello"',
    );
  });
});

describe('POS lines: quantity, price, currency', () => {
  it('accepts a valid line and reads numbers from CSV text', () => {
    const row = valueOf(parseCsvRecord(transactionLineRow, txHeader, txCells));
    expect(row).toMatchObject({ transactionId: 'T1', quantity: 2, unitPrice: 9.99, currency: 'GBP' });
    expect(row.at).toEqual(new Date('2024-03-01T10:00:00Z'));
    expect('loyaltyId' in row).toBe(false);
  });
  it('rejects a quantity of 0 or less', () => {
    expect(reasonOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(8, '0')))).toBe(
      'quantity: must be a number greater than 0, got "0"',
    );
    expect(reasonOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(8, '-1')))).toMatch(/^quantity: /);
  });
  it('accepts a free item and rejects a negative price', () => {
    expect(valueOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(9, '0'))).unitPrice).toBe(0);
    expect(reasonOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(9, '-0.01')))).toBe(
      'unitPrice: must be a number of 0 or more, got "-0.01"',
    );
    expect(reasonOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(9, 'ten')))).toMatch(/^unitPrice: /);
  });
  it('rejects a currency that is not three capitals', () => {
    expect(reasonOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(10, 'gbp')))).toBe(
      'currency: must be a currency code of three capital letters (e.g. EUR), got "gbp"',
    );
    expect(reasonOf(json(eventRow, { ...event, type: 'order', currency: 'EURO' }))).toMatch(/^currency: /);
  });
  it('requires the contract columns of transactions.csv but not the shopper ones', () => {
    expect(reasonOf(parseCsvRecord(transactionLineRow, txHeader, txCells.with(7, '')))).toBe('sku: required');
  });
});

describe('countries', () => {
  it('upper-cases two-letter codes and rejects others', () => {
    expect(valueOf(json(contactRow, { ...contact, country: 'gb' })).country).toBe('GB');
    expect(reasonOf(json(contactRow, { ...contact, country: 'GBR' }))).toBe(
      'country: must be a two-letter country code (ISO 3166 alpha-2), got "GBR"',
    );
  });
});

describe('CSV records', () => {
  it('treats blank cells as absent and requires loyaltyId, enrolledAt, updatedAt', () => {
    const cells = ['L1', '', '', '', '', '', 'nl', '2024-01-01T00:00:00', '2024-01-02T00:00:00'];
    expect(valueOf(parseCsvRecord(memberRow, memberHeader, cells))).toEqual({
      loyaltyId: 'L1',
      country: 'NL',
      enrolledAt: new Date('2024-01-01T00:00:00Z'),
      updatedAt: new Date('2024-01-02T00:00:00Z'),
    });
    expect(reasonOf(parseCsvRecord(memberRow, memberHeader, cells.with(7, '')))).toBe('enrolledAt: required');
  });
  it('rejects a wrong column count', () => {
    expect(reasonOf(parseCsvRecord(memberRow, memberHeader, ['L1', 'Ann']))).toBe('wrong column count: expected 9 columns, got 2');
  });
  it('checks a header for the required columns', () => {
    expect(checkCsvHeader('pos/members.csv', memberHeader)).toBeUndefined();
    expect(checkCsvHeader('pos/members.csv', ['loyaltyId', 'firstName', 'enrolledAt'])).toMatch(/lacks required column\(s\) updatedAt/);
    expect(checkCsvHeader('pos/transactions.csv', ['transactionId', 'storeId', 'at', 'type', 'sku', 'quantity', 'unitPrice', 'currency'])).toBeUndefined();
  });
});

describe('unknown fields', () => {
  it('keeps unknown JSON fields under extra', () => {
    const row = valueOf(json(contactRow, { ...contact, county: 'West Yorkshire', tags: ['vip'], score: null }));
    expect(row.extra).toEqual({ county: 'West Yorkshire', tags: ['vip'], score: null });
  });
  it('keeps unknown CSV columns under extra, blank cells left out', () => {
    const header = [...memberHeader, 'tier', 'note'];
    const cells = ['L1', '', '', '', '', '', '', '2024-01-01T00:00:00', '2024-01-02T00:00:00', 'gold', ''];
    expect(valueOf(parseCsvRecord(memberRow, header, cells)).extra).toEqual({ tier: 'gold' });
  });
  it('reads the optional address and birth date columns of members.csv by header name, in any order', () => {
    const header = [...memberHeader, 'region', 'city', 'addressLine1', 'birthDate', 'addressLine2'];
    const cells = ['L1', 'Ann', 'Lee', '', '', 'LS1 4AP', 'GB', '2024-01-01T00:00:00', '2024-01-02T00:00:00', 'West Yorkshire', 'Leeds', ' 12 Park St ', '1980-02-29', ''];
    expect(valueOf(parseCsvRecord(memberRow, header, cells))).toMatchObject({
      addressLine1: '12 Park St',
      city: 'Leeds',
      region: 'West Yorkshire',
      birthDate: '1980-02-29',
    });
    expect(valueOf(parseCsvRecord(memberRow, header, cells)).addressLine2).toBeUndefined();
    expect(reasonOf(parseCsvRecord(memberRow, header, cells.with(12, '1981-02-29')))).toBe('birthDate: is not a real date, got "1981-02-29"');
  });
  it('keeps unknown transcript message fields', () => {
    const row = valueOf(json(caseRow, { ...aCase, transcript: [{ at: '2024-03-01T10:01:00Z', from: 'agent', text: 'hi', agentId: 7 }] }));
    expect(row.transcript[0]?.extra).toEqual({ agentId: 7 });
  });
});

describe('several failures', () => {
  it('reports every failing field in one reason', () => {
    expect(reasonOf(json(caseRow, { ...aCase, csat: 9, status: 'done' }))).toBe(
      'status: must be one of open|resolved|closed, got "done"; csat: must be an integer 1–5, got 9',
    );
  });
});
