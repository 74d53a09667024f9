import {
  createSuppressionCheck,
  phoneTail,
  PrivacySecretError,
  pseudonymiseTransactionRow,
  redactContactDetails,
  redactReason,
  suppressionHash,
  suppressionHashes,
  type SuppressedIdentifier,
} from '../../../src/privacy';
import { RedactingLogWriter } from '../../../src/privacy/gateway-log';
import { Logger, MemoryLogWriter } from '@graphql-hive/gateway-runtime';

const SECRET = 'unit-test-privacy-secret-0123456789';

function checkFor(identifiers: SuppressedIdentifier[], secret = SECRET) {
  return createSuppressionCheck(secret, suppressionHashes(secret, identifiers));
}

describe('suppressionHash', () => {
  it('is keyed: the same identifier hashes differently under another secret', () => {
    const email: SuppressedIdentifier = { type: 'email', value: 'ana@example.net' };
    expect(suppressionHash(SECRET, email)).toBe(suppressionHash(SECRET, { ...email }));
    expect(suppressionHash(SECRET, email)).not.toBe(suppressionHash(`${SECRET}-other`, email));
  });

  it('tells identifier types apart, so a loyalty id never suppresses an equal web user id', () => {
    expect(suppressionHash(SECRET, { type: 'loyaltyId', value: 'X1' })).not.toBe(suppressionHash(SECRET, { type: 'webUserId', value: 'X1' }));
  });

  it('does not contain the value it hashes', () => {
    const hash = suppressionHash(SECRET, { type: 'email', value: 'ana@example.net' });
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('ana');
  });

  it('refuses a short secret', () => {
    expect(() => createSuppressionCheck('short', new Set())).toThrow(PrivacySecretError);
  });
});

describe('normalisation before the check', () => {
  const check = checkFor([
    { type: 'crmContactId', value: 'C1' },
    { type: 'email', value: 'ana.lima@example.net' },
    { type: 'phone', value: '+33142685300' },
    { type: 'loyaltyId', value: 'L-77' },
  ]);

  it('normalises each identifier field as identity resolution does', () => {
    expect(check.check('crm/contacts.jsonl', { contactId: ' C1 ' })).toMatch(/its contactId/);
    expect(check.check('crm/contacts.jsonl', { contactId: 'C2', email: ' Ana.Lima@Example.NET ' })).toMatch(/its email/);
    expect(check.check('pos/members.csv', { loyaltyId: ' L-77 ' })).toMatch(/its loyaltyId/);
    // Opaque ids keep their case, as the systems issuing them do.
    expect(check.check('pos/members.csv', { loyaltyId: 'l-77' })).toBeUndefined();
  });

  it('reads a national phone number in the row’s own country, and an international one in any', () => {
    expect(check.check('pos/members.csv', { loyaltyId: 'L2', phone: '01 42 68 53 00', country: 'FR' })).toMatch(/its phone/);
    expect(check.check('pos/members.csv', { loyaltyId: 'L2', phone: '+33 (0)1 42 68 53 00', country: 'GB' })).toMatch(/its phone/);
    expect(check.check('pos/members.csv', { loyaltyId: 'L2', phone: '01 42 68 53 00 ext. 12', country: 'FR' })).toMatch(/its phone/);
    // The same digits in Britain are another number.
    expect(check.check('pos/members.csv', { loyaltyId: 'L2', phone: '01 42 68 53 00', country: 'GB' })).toBeUndefined();
  });

  it('compares phone tails without the formatting or an extension', () => {
    expect(phoneTail('+44 20 7946 0958')).toBe('9460958');
    expect(phoneTail('020 7946 0958 x12')).toBe(phoneTail('+442079460958'));
    expect(phoneTail('12 34')).toBeUndefined();
  });
});

describe('createSuppressionCheck', () => {
  const check = checkFor([
    { type: 'email', value: 'ana.lima@example.net' },
    { type: 'phone', value: '+442079460958' },
    { type: 'cardToken', value: 'tok_9' },
    { type: 'webVisitorId', value: 'v-42' },
  ]);

  it('suppresses a valid row carrying any listed identifier, in any written form', () => {
    expect(check.check('crm/contacts.jsonl', { contactId: 'C9', email: 'ANA.LIMA@example.net ' })).toBe(
      'suppressed: its email belongs to a forgotten customer',
    );
    expect(check.check('pos/members.csv', { loyaltyId: 'L1', phone: '+44 20 7946 0958' })).toMatch(/its phone/);
    expect(check.check('pos/transactions.csv', { transactionId: 'T1', cardToken: 'tok_9' })).toMatch(/its cardToken/);
    expect(check.check('web/events.jsonl', { eventId: 'E1', visitorId: 'v-42', sessionId: 's' })).toMatch(/its visitorId/);
    expect(check.check('pos/transactions.csv', { transactionId: 'T2', receiptEmail: 'ana.lima@example.net' })).toMatch(/its receiptEmail/);
  });

  it('lets every other row through', () => {
    expect(check.check('crm/contacts.jsonl', { contactId: 'C9', email: 'bo@example.net', phone: '020 7946 0000' })).toBeUndefined();
    expect(check.check('pos/transactions.csv', { transactionId: 'T1', cardToken: 'tok_10' })).toBeUndefined();
    expect(check.check('web/events.jsonl', { eventId: 'E1', visitorId: 'v-43' })).toBeUndefined();
  });

  it('never names the matching value in its reason', () => {
    expect(check.check('crm/contacts.jsonl', { contactId: 'C9', email: 'ana.lima@example.net' })).not.toContain('ana');
  });

  it('finds identifiers in the raw text of rows that failed validation', () => {
    expect(check.checkRaw('crm/contacts.jsonl', '{"contactId":"C9","email":"Ana.Lima@example.net","createdAt":"not a date"}')).toMatch(
      /the email of a forgotten customer/,
    );
    expect(check.checkRaw('crm/contacts.jsonl', '{"contactId":"C9", "email":"ana.lima@example.net", broken')).toMatch(/email/);
    expect(check.checkRaw('pos/members.csv', 'L1,Ana,Lima,,020 7946 0958,N1 9GU,GB,yesterday,today')).toMatch(/the phone/);
    expect(check.checkRaw('pos/transactions.csv', 'T1,S1,2026-01-01,sale,,tok_9,,SKU,1,2.50,GBP,extra')).toMatch(/the cardToken/);
    expect(check.checkRaw('pos/transactions.csv', 'T1,S1,2026-01-01,sale,,tok_10,,SKU,1,2.50,GBP')).toBeUndefined();
  });

  it('answers nothing from an empty list', () => {
    const empty = checkFor([]);
    expect(empty.size).toBe(0);
    expect(empty.check('crm/contacts.jsonl', { email: 'ana.lima@example.net' })).toBeUndefined();
  });
});

describe('values a row holds beyond the contract', () => {
  const check = checkFor([
    { type: 'email', value: 'ana.lima@example.net' },
    { type: 'phone', value: '+442079460958' },
    { type: 'loyaltyId', value: 'L-77' },
  ]);

  it('suppresses a row whose unknown fields (kept under extra) hold a forgotten identifier of any type', () => {
    const row = { contactId: 'C9', email: 'bo@example.net' };
    expect(check.check('crm/contacts.jsonl', { ...row, extra: { altEmail: ' Ana.Lima@example.net' } })).toBe(
      'suppressed: an unknown field holds the email of a forgotten customer',
    );
    expect(check.check('crm/contacts.jsonl', { ...row, country: 'GB', extra: { altPhone: '020 7946 0958' } })).toMatch(/holds the phone/);
    expect(check.check('pos/members.csv', { loyaltyId: 'L1', extra: { previousCard: 'L-77' } })).toMatch(/holds the loyaltyId/);
    expect(check.check('crm/contacts.jsonl', { ...row, extra: { household: [{ contact: { mail: 'ana.lima@example.net' } }] } })).toMatch(/holds the email/);
    expect(check.check('crm/contacts.jsonl', { ...row, extra: { city: 'Leeds', score: 7, vip: true, note: null } })).toBeUndefined();
  });

  it('sees an email through the invisible characters around it', () => {
    expect(check.check('crm/contacts.jsonl', { contactId: 'C9', email: 'ana.lima@example.net\u200b' })).toMatch(/its email/);
    expect(check.checkRaw('crm/contacts.jsonl', '{"contactId":"C9","email":"\u00adana.lima@example.net\ufeff","createdAt":"no"}')).toMatch(/the email/);
  });

  it('still matches lists written while invisible characters were kept in identifiers', () => {
    const legacy = checkFor([
      { type: 'email', value: 'ana.lima@example.net\u200b' },
      { type: 'loyaltyId', value: 'L-77\u200d' },
    ]);
    expect(legacy.check('crm/contacts.jsonl', { contactId: 'C9', email: 'Ana.Lima@example.net\u200b' })).toMatch(/its email/);
    expect(legacy.check('pos/members.csv', { loyaltyId: 'L-77\u200d' })).toMatch(/its loyaltyId/);
  });
});

describe('redactReason', () => {
  it('removes emails and phone numbers from the reason kept in the audit log', () => {
    expect(redactReason(' Erasure request from ana.lima@example.net, call +44 20 7946 0958 (ticket 4711) ')).toBe(
      'Erasure request from [email removed], call [number removed] (ticket 4711)',
    );
  });
});

describe('redactContactDetails', () => {
  it('blanks emails and phone numbers in a driver error bound for the log', () => {
    expect(redactContactDetails('E11000 duplicate key error dup key: { email: "ana.lima@example.net" }')).toBe(
      'E11000 duplicate key error dup key: { email: "[email removed]" }',
    );
    expect(redactContactDetails('phone 020 7946 0958 and +33 1 42 68 53 00')).toBe('phone [number removed] and [number removed]');
  });

  it('blanks a malformed address too: it is still someone’s', () => {
    expect(redactContactDetails('by.value "ana.lima@example" is not a valid email')).toBe('by.value "[email removed]" is not a valid email');
  });

  it('keeps what a log needs: dates, times, addresses, ports, counts, ids, paths and versions', () => {
    const line = 'at 2026-11-01T10:00:00.000Z from 127.0.0.1:4001 after 1234567 ms, customer cus_52728df0c642b16c, file.ts:120:7';
    expect(redactContactDetails(line)).toBe(line);
    const stack = 'at run (/work/main/node_modules/@apollo/server/dist/cjs/index.js:12:3), graphql-scalars@2.0.0';
    expect(redactContactDetails(stack)).toBe(stack);
  });
});

describe('RedactingLogWriter', () => {
  it('blanks contact details in the message and every attribute, errors included, before writing', () => {
    const memory = new MemoryLogWriter();
    const logger = new Logger({ level: 'info', writers: [new RedactingLogWriter(memory)] });
    logger.error({ message: 'No customer ana.lima@example.net', extensions: { code: 'BAD_USER_INPUT', path: ['findCustomer'] } }, 'call +44 20 7946 0958');
    logger.error(new Error('dup key: { email: "bo@example.org" }'));
    const text = JSON.stringify(memory.logs);
    expect(text).not.toMatch(/ana\.lima|bo@example|7946/);
    expect(text).toContain('No customer [email removed]');
    expect(text).toContain('BAD_USER_INPUT');
  });
});

describe('pseudonymiseTransactionRow', () => {
  it('keeps the receipt for the books and drops every field that leads to the person', () => {
    const line = {
      transactionId: 'T1', storeId: 'S1', at: new Date('2026-01-01T10:00:00Z'), type: 'sale' as const,
      loyaltyId: 'L-77', cardToken: 'tok_9', receiptEmail: 'ana@example.net', extra: { cashier: 'Bo' },
      sku: 'SKU-1', quantity: 2, unitPrice: 4.5, currency: 'GBP',
    };
    expect(pseudonymiseTransactionRow(line)).toEqual({
      transactionId: 'T1', storeId: 'S1', at: line.at, type: 'sale', sku: 'SKU-1', quantity: 2, unitPrice: 4.5, currency: 'GBP',
    });
    expect(line.loyaltyId).toBe('L-77');
  });
});
