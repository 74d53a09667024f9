import fs from 'node:fs/promises';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import {
  COLLECTIONS,
  DATABASES,
  type CrmCaseDoc,
  type CrmContactDoc,
  type PosMemberDoc,
  type PosTransactionDoc,
  type QuarantineDoc,
  type WebSessionDoc,
  type WebVisitorDoc,
} from '../../src/contract/documents';
import { exportQuarantine, formatImportReport, importDirectory, listQuarantine, type ImportReport } from '../../src/import';
import { generateSeed } from '../../src/seed';
import { databasesOn } from '../../src/db';
import { importWatermark } from '../../src/contract/import-log';
import { useEmptyDatabases } from '../support/empty-databases';

const fixture = useEmptyDatabases('omnidex-import-');
let client: MongoClient;
let tmp: string;
beforeAll(() => {
  ({ client, tmp } = fixture);
});

const crm = () => client.db(DATABASES.crm);
const web = () => client.db(DATABASES.web);
const pos = () => client.db(DATABASES.pos);
const contacts = () => crm().collection<CrmContactDoc>(COLLECTIONS.crm.contacts);
const members = () => pos().collection<PosMemberDoc>(COLLECTIONS.pos.members);
const transactions = () => pos().collection<PosTransactionDoc>(COLLECTIONS.pos.transactions);
const sessions = () => web().collection<WebSessionDoc>(COLLECTIONS.web.sessions);
const visitors = () => web().collection<WebVisitorDoc>(COLLECTIONS.web.visitors);

let dirCount = 0;
/** Writes `files` (relative path → content) into a fresh directory. */
async function exportDir(files: Record<string, string>): Promise<string> {
  dirCount += 1;
  const dir = path.join(tmp, `export-${dirCount}`);
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), content);
  }
  return dir;
}

const jsonl = (...rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const MEMBERS_HEADER = 'loyaltyId,firstName,lastName,email,phone,postalCode,country,enrolledAt,updatedAt';
const TX_HEADER = 'transactionId,storeId,at,type,loyaltyId,cardToken,receiptEmail,sku,quantity,unitPrice,currency';

function fileReport(report: ImportReport, file: string) {
  const found = report.files.find((f) => f.file === file);
  if (!found) throw new Error(`no report for ${file} in ${JSON.stringify(report.files.map((f) => f.file))}`);
  return found;
}

/** Nothing is dropped silently: every row read is accounted for. */
function expectAccounted(report: ImportReport): void {
  for (const f of report.files) {
    expect({ file: f.file, read: f.read }).toEqual({ file: f.file, read: f.inserted + f.updated + f.unchanged + f.quarantined });
  }
}

async function countLines(file: string, header: boolean): Promise<number> {
  const text = await fs.readFile(file, 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').length - (header ? 1 : 0);
}

describe('importing a generated seed', () => {
  it('loads every row, derives sessions and visitors, and is idempotent on re-import', async () => {
    const dir = path.join(tmp, 'seed-200');
    const summary = await generateSeed({ customers: 200, seed: 11, until: new Date('2026-10-01T00:00:00Z'), outDir: dir });
    const progress = new Map<string, { bytes: number; total: number }>();
    const first = await importDirectory(databasesOn(client), dir, {
      onProgress: (file, bytes, total) => progress.set(file, { bytes, total }),
    });
    expectAccounted(first);
    expect(first.failed).toBe(false);
    expect(first.ignoredFiles).toEqual(['ground-truth.jsonl']);

    const expectedRows: Record<string, number> = {
      'crm/contacts.jsonl': await countLines(path.join(dir, 'crm/contacts.jsonl'), false),
      'crm/cases.jsonl': await countLines(path.join(dir, 'crm/cases.jsonl'), false),
      'web/events.jsonl': await countLines(path.join(dir, 'web/events.jsonl'), false),
      'pos/members.csv': await countLines(path.join(dir, 'pos/members.csv'), true),
      'pos/transactions.csv': await countLines(path.join(dir, 'pos/transactions.csv'), true),
    };
    for (const [file, rows] of Object.entries(expectedRows)) {
      expect(fileReport(first, file)).toMatchObject({ status: 'imported', read: rows, inserted: rows, quarantined: 0 });
      const size = (await fs.stat(path.join(dir, file))).size;
      expect(progress.get(file)).toEqual({ bytes: size, total: size });
    }

    expect(await contacts().countDocuments()).toBe(summary.counts.contacts);
    expect(await crm().collection(COLLECTIONS.crm.cases).countDocuments()).toBe(summary.counts.cases);
    expect(await web().collection(COLLECTIONS.web.events).countDocuments()).toBe(summary.counts.events);
    expect(await sessions().countDocuments()).toBe(summary.counts.sessions);
    expect(await visitors().countDocuments()).toBe(summary.counts.visitors);
    expect(await members().countDocuments()).toBe(summary.counts.members);
    expect(await transactions().countDocuments()).toBe(summary.counts.transactions);
    const lineCount = (await transactions().find().toArray()).reduce((n, t) => n + t.lines.length, 0);
    expect(lineCount).toBe(summary.counts.transactionLines);
    // Unknown fields of the export are kept.
    expect((await contacts().findOne())?.extra).toHaveProperty('city');

    const second = await importDirectory(databasesOn(client), dir);
    expectAccounted(second);
    for (const [file, rows] of Object.entries(expectedRows)) {
      expect(fileReport(second, file)).toMatchObject({ read: rows, inserted: 0, updated: 0, unchanged: rows, quarantined: 0 });
    }
    expect(await contacts().countDocuments()).toBe(summary.counts.contacts);
    expect(await sessions().countDocuments()).toBe(summary.counts.sessions);
    // The run is logged.
    expect(await client.db(DATABASES.omnidex).collection(COLLECTIONS.omnidex.imports).countDocuments()).toBe(2);
  });
});

describe('malformed rows', () => {
  it('quarantines each bad row with its file, line, raw text and reason, and loads the rest', async () => {
    const goodContact = { contactId: 'C1', email: 'a@x.com', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z' };
    const goodCase = { caseId: 'K1', contactId: 'C1', channel: 'chat', subject: 'Hi', status: 'open', openedAt: '2024-01-03T00:00:00Z' };
    const goodEvent = { eventId: 'E1', visitorId: 'V1', sessionId: 'S1', at: '2024-01-01T10:00:00Z', type: 'page_view' };
    const dir = await exportDir({
      'crm/contacts.jsonl': jsonl(
        goodContact,
        '{"contactId": "C2", "email": ', // bad JSON
        { ...goodContact, contactId: undefined }, // missing id
        { ...goodContact, contactId: 'C3', updatedAt: 'yesterday' }, // bad date
        { ...goodContact, contactId: 'C4', birthDate: '1990-02-30' }, // impossible date
        { ...goodContact, contactId: 'C5', country: 'GBR' }, // bad country
        '',
        { ...goodContact, contactId: 'C6', country: 'nl', loyaltyTier: 'gold' },
      ),
      'crm/cases.jsonl': jsonl(
        goodCase,
        { ...goodCase, caseId: 'K2', csat: 7 }, // CSAT out of range
        { ...goodCase, caseId: 'K3', status: 'pending' }, // unknown enum value
        { ...goodCase, caseId: 'K4', openedAt: '2024-13-01T00:00:00Z' },
      ),
      'web/events.jsonl': jsonl(goodEvent, { ...goodEvent, eventId: 'E2', type: 'click' }, { ...goodEvent, eventId: 'E3', device: 'tv' }),
      'pos/members.csv': [
        MEMBERS_HEADER,
        'L1,Ann,Lee,ann@x.com,,,GB,2024-01-01T00:00:00,2024-01-02T00:00:00',
        'L2,Bob,Lee', // wrong column count
        'L3,,,,,,GB,,2024-01-02T00:00:00', // missing required enrolledAt
        'L4,"Bad"quote,,,,,GB,2024-01-01T00:00:00,2024-01-02T00:00:00', // unparseable CSV
        'L5,Eve,Lee,,,,GB,2024-01-01T00:00:00,2024-01-02T00:00:00',
      ].join('\n'),
      'pos/transactions.csv': [
        TX_HEADER,
        'T1,S1,2024-01-05T10:00:00,sale,,,,SKU-1,1,10.00,EUR',
        'T1,S1,2024-01-05T10:00:00,sale,,,,SKU-2,0,10.00,EUR', // quantity 0
        'T1,S1,2024-01-05T10:00:00,sale,,,,SKU-3,1,-1.00,EUR', // negative price
        'T1,S1,2024-01-05T10:00:00,sale,,,,SKU-4,1,5.00,eur', // bad currency
        'T1,S1,2024-01-05T10:00:00,sale,,,,SKU-5,2,2.50,EUR',
      ].join('\r\n'),
    });

    const report = await importDirectory(databasesOn(client), dir, { importId: 'bad-rows' });
    expectAccounted(report);
    expect(report.failed).toBe(false);
    expect(fileReport(report, 'crm/contacts.jsonl')).toMatchObject({ read: 7, inserted: 2, quarantined: 5 });
    expect(fileReport(report, 'crm/cases.jsonl')).toMatchObject({ read: 4, inserted: 1, quarantined: 3 });
    expect(fileReport(report, 'web/events.jsonl')).toMatchObject({ read: 3, inserted: 1, quarantined: 2 });
    expect(fileReport(report, 'pos/members.csv')).toMatchObject({ read: 5, inserted: 2, quarantined: 3 });
    expect(fileReport(report, 'pos/transactions.csv')).toMatchObject({ read: 5, inserted: 2, quarantined: 3 });

    const quarantined = await listQuarantine(databasesOn(client), { importId: 'bad-rows', limit: 1000 });
    const byPlace = Object.fromEntries(quarantined.map((q) => [`${q.file}:${q.line}`, q.reason]));
    expect(byPlace).toEqual({
      'crm/contacts.jsonl:2': expect.stringMatching(/^not valid JSON: /),
      'crm/contacts.jsonl:3': 'contactId: required',
      'crm/contacts.jsonl:4': 'updatedAt: must be an ISO-8601 time (e.g. 2024-03-01T10:15:00Z), got "yesterday"',
      'crm/contacts.jsonl:5': 'birthDate: is not a real date, got "1990-02-30"',
      'crm/contacts.jsonl:6': 'country: must be a two-letter country code (ISO 3166 alpha-2), got "GBR"',
      'crm/cases.jsonl:2': 'csat: must be an integer 1–5, got 7',
      'crm/cases.jsonl:3': 'status: must be one of open|resolved|closed, got "pending"',
      'crm/cases.jsonl:4': 'openedAt: is not a real date, got "2024-13-01T00:00:00Z"',
      'web/events.jsonl:2': expect.stringMatching(/^type: must be one of page_view\|.*got "click"$/),
      'web/events.jsonl:3': 'device: must be one of desktop|mobile|tablet, got "tv"',
      'pos/members.csv:3': 'wrong column count: expected 9 columns, got 3',
      'pos/members.csv:4': 'enrolledAt: required',
      'pos/members.csv:5': expect.stringMatching(/^not valid CSV: /),
      'pos/transactions.csv:3': 'quantity: must be a number greater than 0, got "0"',
      'pos/transactions.csv:4': 'unitPrice: must be a number of 0 or more, got "-1.00"',
      'pos/transactions.csv:5': 'currency: must be a currency code of three capital letters (e.g. EUR), got "eur"',
    });
    const raw = quarantined.find((q) => q.file === 'pos/members.csv' && q.line === 3)!;
    expect(raw).toMatchObject({ raw: 'L2,Bob,Lee', importId: 'bad-rows' });
    expect(raw.quarantinedAt).toBeInstanceOf(Date);

    expect(await contacts().findOne({ _id: 'C6' })).toMatchObject({ country: 'NL', extra: { loyaltyTier: 'gold' } });
    expect((await members().find().toArray()).map((m) => m._id).sort()).toEqual(['L1', 'L5']);
    // Rejected receipt lines leave the transaction's other lines in place.
    const t1 = await transactions().findOne({ _id: 'T1' });
    expect(t1?.lines.map((l) => l.sku)).toEqual(['SKU-1', 'SKU-5']);
    expect(t1?.totals).toEqual([{ currency: 'EUR', amount: 15 }]);
    expect(t1?.shopperKey).toBe('receipt:T1');

    const out = path.join(tmp, 'quarantine.jsonl');
    expect(await exportQuarantine(databasesOn(client), out, { importId: 'bad-rows', file: 'pos/transactions.csv' })).toBe(3);
    const exported = (await fs.readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as QuarantineDoc);
    expect(exported.map((q) => q.line)).toEqual([3, 4, 5]);
    expect(exported[0]).toMatchObject({ file: 'pos/transactions.csv', raw: 'T1,S1,2024-01-05T10:00:00,sale,,,,SKU-2,0,10.00,EUR' });
    expect(formatImportReport(report)).toContain('16 row(s) quarantined');
  });

  it('keeps one quarantine entry per rejected row however often the file is imported', async () => {
    const dir = await exportDir({
      'crm/contacts.jsonl': jsonl({ contactId: 'C1' }, '{"contactId": "C2", '),
      'pos/members.csv': `${MEMBERS_HEADER}\nL2,Bob,Lee\n`,
    });
    await importDirectory(databasesOn(client), dir, { importId: 'first' });
    const again = await importDirectory(databasesOn(client), dir, { importId: 'again' });
    expect(again.files.map((f) => f.quarantined)).toEqual([2, 1]);
    const entries = await listQuarantine(databasesOn(client), { limit: 100 });
    expect(entries.map((q) => [q.file, q.line, q.importId])).toEqual([
      ['crm/contacts.jsonl', 1, 'again'],
      ['crm/contacts.jsonl', 2, 'again'],
      ['pos/members.csv', 2, 'again'],
    ]);
  });

  it('reports a file that cannot be read as failed, and still imports the others', async () => {
    const dir = await exportDir({
      'crm/contacts.jsonl': jsonl({ contactId: 'C1', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' }),
      'pos/members.csv': 'loyaltyId,firstName\nL1,Ann\n',
    });
    await fs.mkdir(path.join(dir, 'crm/cases.jsonl'));
    const report = await importDirectory(databasesOn(client), dir);
    expectAccounted(report);
    expect(report.failed).toBe(true);
    expect(fileReport(report, 'crm/cases.jsonl')).toMatchObject({ status: 'failed', read: 0, error: expect.stringContaining('not a regular file') });
    expect(fileReport(report, 'pos/members.csv')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('lacks required column(s) enrolledAt, updatedAt'),
    });
    expect(fileReport(report, 'crm/contacts.jsonl')).toMatchObject({ status: 'imported', inserted: 1 });
    const text = formatImportReport(report);
    expect(text).toMatch(/FAILED crm\/cases\.jsonl: .*not a regular file/);
    expect(text).toMatch(/FAILED pos\/members\.csv: header lacks/);
  });

  it('refuses a directory that does not exist', async () => {
    await expect(importDirectory(databasesOn(client), path.join(tmp, 'nope'))).rejects.toThrow(/cannot import from .*nope: no such directory/);
  });
});

describe('the import log', () => {
  const log = () => client.db(DATABASES.omnidex).collection(COLLECTIONS.omnidex.imports);

  it('gives resolve a watermark that leaves out the rows of runs that have not finished', async () => {
    expect(await importWatermark(client.db(DATABASES.omnidex))).toBeUndefined();
    // A first import that was interrupted: resolve must not read what it half wrote.
    const interrupted = new Date('2026-03-01T00:00:00Z');
    await log().insertOne({ _id: 'imp-a' as never, importId: 'imp-a', startedAt: interrupted, status: 'running' });
    expect(await importWatermark(client.db(DATABASES.omnidex))).toEqual(new Date(interrupted.getTime() - 1));

    const report = await importDirectory(databasesOn(client), await exportDir({ 'crm/contacts.jsonl': jsonl({ contactId: 'C1', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' }) }));
    expect(report.completedRuns).toEqual(['imp-a']);
    expect(await importWatermark(client.db(DATABASES.omnidex))).toEqual(report.startedAt);
    expect(await log().findOne({ _id: 'imp-a' as never })).toMatchObject({ status: 'interrupted', completedBy: report.importId });
  });
});

describe('versions and repeated ids', () => {
  const contact = (updatedAt: string, firstName: string) => ({ contactId: 'C1', firstName, createdAt: '2024-01-01T00:00:00Z', updatedAt });

  it('keeps the newest contact by updatedAt across imports; within a file the last row wins', async () => {
    await importDirectory(databasesOn(client), await exportDir({ 'crm/contacts.jsonl': jsonl(contact('2024-05-01T00:00:00Z', 'May')) }));

    const older = await importDirectory(databasesOn(client), await exportDir({ 'crm/contacts.jsonl': jsonl(contact('2024-04-01T00:00:00Z', 'April')) }));
    expect(fileReport(older, 'crm/contacts.jsonl')).toMatchObject({ read: 1, unchanged: 1, updated: 0 });
    expect((await contacts().findOne({ _id: 'C1' }))?.firstName).toBe('May');

    const newer = await importDirectory(databasesOn(client), await exportDir({ 'crm/contacts.jsonl': jsonl(contact('2024-06-01T00:00:00Z', 'June')) }));
    expect(fileReport(newer, 'crm/contacts.jsonl')).toMatchObject({ read: 1, updated: 1 });
    const stored = await contacts().findOne({ _id: 'C1' });
    expect(stored).toMatchObject({ firstName: 'June', updatedAt: new Date('2024-06-01T00:00:00Z') });
    expect(stored?.imported).toMatchObject({ file: 'crm/contacts.jsonl', line: 1 });

    const repeated = await importDirectory(
      databasesOn(client),
      await exportDir({
        'crm/contacts.jsonl': jsonl(contact('2024-08-01T00:00:00Z', 'August'), contact('2024-07-01T00:00:00Z', 'July')),
      }),
      { batchSize: 1 }, // the two rows land in different batches
    );
    expectAccounted(repeated);
    expect(fileReport(repeated, 'crm/contacts.jsonl')).toMatchObject({ read: 2, updated: 2 });
    expect((await contacts().findOne({ _id: 'C1' }))?.firstName).toBe('July');
  });

  it('applies the same rules to POS members from CSV', async () => {
    const member = (name: string, updatedAt: string) => `L1,${name},Lee,,,,GB,2024-01-01T00:00:00,${updatedAt}`;
    const first = await importDirectory(
      databasesOn(client),
      await exportDir({ 'pos/members.csv': [MEMBERS_HEADER, member('Ann', '2024-03-01T00:00:00'), member('Anne', '2024-02-01T00:00:00')].join('\n') }),
    );
    expect(fileReport(first, 'pos/members.csv')).toMatchObject({ read: 2, inserted: 1, updated: 1 });
    expect((await members().findOne({ _id: 'L1' }))?.firstName).toBe('Anne');

    const older = await importDirectory(databasesOn(client), await exportDir({ 'pos/members.csv': [MEMBERS_HEADER, member('Annie', '2024-01-15T00:00:00')].join('\n') }));
    expect(fileReport(older, 'pos/members.csv')).toMatchObject({ unchanged: 1 });
    expect((await members().findOne({ _id: 'L1' }))?.firstName).toBe('Anne');
  });

  it('replaces a repeated transactionId+sku line, keeps the other lines, recomputes totals and shopperKey', async () => {
    await importDirectory(
      databasesOn(client),
      await exportDir({
        'pos/transactions.csv': [
          TX_HEADER,
          'T1,S1,2024-01-05T10:00:00,sale,,tok_1,,SKU-A,1,10.00,EUR',
          'T1,S1,2024-01-05T10:00:00,sale,,tok_1,,SKU-B,2,5.00,EUR',
        ].join('\n'),
      }),
    );
    expect(await transactions().findOne({ _id: 'T1' })).toMatchObject({
      shopperKey: 'card:tok_1',
      totals: [{ currency: 'EUR', amount: 20 }],
    });

    const report = await importDirectory(
      databasesOn(client),
      await exportDir({
        'pos/transactions.csv': [
          TX_HEADER,
          'T1,S1,2024-01-05T10:00:00,sale,L9,tok_1,a@x.com,SKU-A,3,10.00,EUR',
          'T1,S1,2024-01-05T10:00:00,sale,L9,tok_1,a@x.com,SKU-C,1,4.00,USD',
          'T1,S1,2024-01-05T10:00:00,sale,L9,tok_1,a@x.com,SKU-B,1,-5.00,EUR',
        ].join('\n'),
      }),
    );
    expectAccounted(report);
    expect(fileReport(report, 'pos/transactions.csv')).toMatchObject({ read: 3, updated: 1, inserted: 1, quarantined: 1 });
    const t1 = await transactions().findOne({ _id: 'T1' });
    expect(t1?.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([
      ['SKU-A', 3, 10],
      ['SKU-B', 2, 5],
      ['SKU-C', 1, 4],
    ]);
    expect(t1).toMatchObject({
      loyaltyId: 'L9',
      receiptEmail: 'a@x.com',
      shopperKey: 'loyalty:L9',
      totals: [
        { currency: 'EUR', amount: 40 },
        { currency: 'USD', amount: 4 },
      ],
    });
  });

  it('keeps a loyalty id or receipt email seen on any line of a receipt', async () => {
    await importDirectory(
      databasesOn(client),
      await exportDir({
        'pos/transactions.csv': [
          TX_HEADER,
          'T2,S1,2024-01-05T10:00:00,sale,L7,,b@x.com,SKU-A,1,10.00,EUR',
          'T2,S1,2024-01-05T10:00:00,sale,,,,SKU-B,1,5.00,EUR',
        ].join('\n'),
      }),
    );
    expect(await transactions().findOne({ _id: 'T2' })).toMatchObject({
      loyaltyId: 'L7',
      receiptEmail: 'b@x.com',
      shopperKey: 'loyalty:L7',
    });
  });

  it('updates a case whose content changed and counts an identical one unchanged', async () => {
    const aCase = { caseId: 'K1', contactId: 'C1', channel: 'email', subject: 'Refund', status: 'open', openedAt: '2024-01-03T00:00:00Z' };
    await importDirectory(databasesOn(client), await exportDir({ 'crm/cases.jsonl': jsonl(aCase) }));
    const report = await importDirectory(
      databasesOn(client),
      await exportDir({ 'crm/cases.jsonl': jsonl(aCase, { ...aCase, status: 'closed', closedAt: '2024-01-04T00:00:00Z', csat: 4 }) }),
    );
    expect(fileReport(report, 'crm/cases.jsonl')).toMatchObject({ read: 2, unchanged: 1, updated: 1 });
    expect(await crm().collection<CrmCaseDoc>(COLLECTIONS.crm.cases).findOne({ _id: 'K1' })).toMatchObject({ status: 'closed', csat: 4 });
  });
});

describe('derived web sessions and visitors', () => {
  const ev = (eventId: string, sessionId: string, at: string, type: string, extra: Record<string, unknown> = {}) => ({
    eventId,
    visitorId: 'V1',
    sessionId,
    at,
    type,
    device: 'mobile',
    ...extra,
  });

  it('builds sessions and visitors from all stored events, and rebuilds those an import touches', async () => {
    await importDirectory(
      databasesOn(client),
      await exportDir({
        'web/events.jsonl': jsonl(
          ev('E1', 'S1', '2024-01-01T10:00:00Z', 'page_view'),
          ev('E2', 'S1', '2024-01-01T10:05:00Z', 'add_to_cart', { sku: 'SKU-1' }),
          ev('E3', 'S2', '2024-02-01T09:00:00Z', 'login', { userId: 'u1', email: 'Ann@X.com', device: 'desktop' }),
          ev('E4', 'S2', '2024-02-01T09:10:00Z', 'order', { userId: 'u1', email: 'ann@x.com', orderId: 'W1', amount: 20, currency: 'EUR', device: 'desktop' }),
        ),
      }),
    );
    expect(await sessions().findOne({ _id: 'S1' })).toEqual({
      _id: 'S1',
      sessionId: 'S1',
      visitorId: 'V1',
      startedAt: new Date('2024-01-01T10:00:00Z'),
      endedAt: new Date('2024-01-01T10:05:00Z'),
      eventCount: 2,
      devices: ['mobile'],
      hasAddToCart: true,
      hasOrder: false,
      orderIds: [],
    });
    expect(await sessions().findOne({ _id: 'S2' })).toMatchObject({ userId: 'u1', email: 'ann@x.com', hasOrder: true, orderIds: ['W1'] });
    expect(await visitors().findOne({ _id: 'V1' })).toEqual({
      _id: 'V1',
      visitorId: 'V1',
      firstSeenAt: new Date('2024-01-01T10:00:00Z'),
      lastSeenAt: new Date('2024-02-01T09:10:00Z'),
      devices: ['desktop', 'mobile'],
      userIds: ['u1'],
      emails: ['Ann@X.com', 'ann@x.com'],
      latestEmail: 'ann@x.com',
      latestEmailAt: new Date('2024-02-01T09:10:00Z'),
      sessionCount: 2,
      orderCount: 1,
    });

    // A later export: one more event in S1 (earlier than the others) and E2 moved to a new session S3.
    await importDirectory(
      databasesOn(client),
      await exportDir({
        'web/events.jsonl': jsonl(
          ev('E0', 'S1', '2024-01-01T09:55:00Z', 'search', { url: 'https://shop.example.com/search?q=shoes' }),
          ev('E2', 'S3', '2024-03-01T10:05:00Z', 'add_to_cart', { sku: 'SKU-1' }),
        ),
      }),
    );
    expect(await sessions().findOne({ _id: 'S1' })).toMatchObject({
      startedAt: new Date('2024-01-01T09:55:00Z'),
      endedAt: new Date('2024-01-01T10:00:00Z'),
      eventCount: 2,
      hasAddToCart: false,
    });
    expect(await sessions().findOne({ _id: 'S3' })).toMatchObject({ eventCount: 1, hasAddToCart: true, visitorId: 'V1' });
    expect(await visitors().findOne({ _id: 'V1' })).toMatchObject({
      firstSeenAt: new Date('2024-01-01T09:55:00Z'),
      lastSeenAt: new Date('2024-03-01T10:05:00Z'),
      sessionCount: 3,
    });

    // Moving S3's only event away leaves nothing for S3 to describe.
    await importDirectory(databasesOn(client), await exportDir({ 'web/events.jsonl': jsonl(ev('E2', 'S1', '2024-01-01T10:05:00Z', 'add_to_cart', { sku: 'SKU-1' })) }));
    expect(await sessions().findOne({ _id: 'S3' })).toBeNull();
    expect(await sessions().findOne({ _id: 'S1' })).toMatchObject({ eventCount: 3, hasAddToCart: true });
  });
});
