/**
 * The privacy functions over the embedded database, as the CLI and the identity subgraph call
 * them: forget (erasure, pseudonymised sales, audit, suppression, crash and re-run), and export.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { COLLECTIONS, DATABASES, type PosTransactionDoc } from '../../src/contract/documents';
import type { CustomerDoc } from '../../src/identity/store/documents';
import { importDirectory } from '../../src/import';
import { identityCollections, runResolve } from '../../src/identity/store';
import {
  exportCustomerData,
  ForgetError,
  forgetCustomer,
  loadSuppression,
  privacyLog,
  SuppressionKeyError,
  type ForgetCount,
} from '../../src/privacy';
import { everyDocument, holding, PRIVACY_SECRET, seedImportResolve, wellLinkedCustomers } from '../unit/privacy/fixtures';
import { databasesOn } from '../../src/db';
import { exportParticipantsOn, forgetParticipantsOn } from '../support/services';

type Json = { [key: string]: any };

let server: EmbeddedMongo;
let client: MongoClient;
let seedDir: string;
let quarantineDir: string;
let forgotten: CustomerDoc;
let bystander: CustomerDoc;
let interrupted: CustomerDoc;
let forgottenExport: Json;

/** The values that identify a person in an export: emails, phones, ids, as JSON-quoted needles. */
function identifyingValues(data: Json): string[] {
  const values = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') values.add(JSON.stringify(value));
  };
  for (const c of data.crm.contacts) [c.contactId, c.email, c.phone, c.loyaltyId].forEach(add);
  for (const v of data.web.visitors) [v.visitorId, ...v.userIds, ...v.emails].forEach(add);
  for (const e of data.web.events) [e.userId, e.email].forEach(add);
  for (const m of data.pos.members) [m.loyaltyId, m.email, m.phone].forEach(add);
  for (const t of data.pos.transactions) [t.loyaltyId, t.cardToken, t.receiptEmail].forEach(add);
  for (const i of data.identity.identifiers) add(i.value);
  return [...values];
}

function countOf(counts: ForgetCount[], database: string, collection: string, action: ForgetCount['action']): number {
  return counts.find((c) => c.database === database && c.collection === collection && c.action === action)?.count ?? 0;
}

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(server.uri);
  await client.connect();
  seedDir = await seedImportResolve(client);
  [forgotten, bystander, interrupted] = await wellLinkedCustomers(client, 3) as [CustomerDoc, CustomerDoc, CustomerDoc];
  forgottenExport = (await exportCustomerData(databasesOn(client).identity, forgotten._id, exportParticipantsOn(databasesOn(client)))) as Json;

  // A malformed row carrying the person's email (the importer quarantines its raw text), and a new
  // contact of the same person that no resolve has linked yet.
  const email = forgottenExport.crm.contacts.find((c: Json) => c.email)?.email ?? forgottenExport.identity.identifiers.find((i: Json) => i.type === 'email').value;
  quarantineDir = await fs.mkdtemp(path.join(seedDir, 'bad-'));
  await fs.mkdir(path.join(quarantineDir, 'crm'));
  const newContact = { contactId: 'NEW-1', email, createdAt: '2026-10-01T00:00:00Z', updatedAt: '2026-10-01T00:00:00Z' };
  await fs.writeFile(
    path.join(quarantineDir, 'crm', 'contacts.jsonl'),
    `${JSON.stringify({ contactId: 'BAD-1', email, createdAt: 'yesterday' })}\n${JSON.stringify(newContact)}\n`,
  );
  await importDirectory(databasesOn(client), quarantineDir);
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  if (seedDir) await fs.rm(seedDir, { recursive: true, force: true });
});

describe('exportCustomerData', () => {
  it('holds every record of the customer, in full', async () => {
    const data = forgottenExport;
    expect(data.customerId).toBe(forgotten._id);
    expect(new Date(data.generatedAt).getTime()).not.toBeNaN();
    expect(data.sources).toEqual(expect.arrayContaining(['crm.contacts', 'crm.cases', 'web.events', 'pos.transactions', 'identity.activity']));
    const crm = client.db(DATABASES.crm);
    const web = client.db(DATABASES.web);
    const identity = identityCollections(databasesOn(client).identity);
    expect(data.crm.contacts.map((c: Json) => c._id).sort()).toEqual([...forgotten.crmContactIds].sort());
    const cases = await crm.collection(COLLECTIONS.crm.cases).find({ contactId: { $in: forgotten.crmContactIds } }).toArray();
    expect(data.crm.cases.map((c: Json) => c._id).sort()).toEqual(cases.map((c) => c._id).sort());
    // In full: a case comes with its transcript, as stored.
    const withTranscript = cases.find((c) => c.transcript?.length > 0);
    if (withTranscript) {
      const exported = data.crm.cases.find((c: Json) => c._id === withTranscript._id);
      expect(exported.transcript).toEqual(JSON.parse(JSON.stringify(withTranscript.transcript)));
    }
    const events = await web.collection(COLLECTIONS.web.events).countDocuments({ visitorId: { $in: forgotten.webVisitorIds } });
    expect(data.web.events).toHaveLength(events);
    expect(data.web.visitors.map((v: Json) => v._id).sort()).toEqual([...forgotten.webVisitorIds].sort());
    const transactionRecords = await identity.records.find({ customerId: forgotten._id, kind: 'transaction' }).toArray();
    expect(data.pos.transactions.map((t: Json) => t._id).sort()).toEqual(transactionRecords.map((r) => r.sourceId).sort());
    expect(data.activity).toHaveLength(await identity.activity.countDocuments({ customerId: forgotten._id }));
    expect(data.identity.identifiers).toEqual(JSON.parse(JSON.stringify(forgotten.identifiers)));
    expect(data.profile).toEqual(expect.any(Object));
  });

  it('holds nothing of another customer', async () => {
    const other = (await exportCustomerData(databasesOn(client).identity, bystander._id, exportParticipantsOn(databasesOn(client)))) as Json;
    const text = JSON.stringify(forgottenExport).toLowerCase();
    const leaks = identifyingValues(other).filter((needle) => text.includes(needle.toLowerCase()));
    expect(leaks).toEqual([]);
    expect(text).not.toContain(bystander._id);
  });

  it('answers null for an unknown customer', async () => {
    expect(await exportCustomerData(databasesOn(client).identity, 'cus_nobody', exportParticipantsOn(databasesOn(client)))).toBeNull();
  });
});

describe('forgetCustomer', () => {
  let salesBefore: PosTransactionDoc[];
  let result: Awaited<ReturnType<typeof forgetCustomer>>;

  beforeAll(async () => {
    const ids = forgottenExport.pos.transactions.map((t: Json) => t._id);
    salesBefore = await client.db(DATABASES.pos).collection<PosTransactionDoc>(COLLECTIONS.pos.transactions).find({ _id: { $in: ids } }).toArray();
    // The new contact was imported after the last resolve: a forget now would miss it.
    await expect(forgetCustomer(databasesOn(client).identity, forgotten._id, 'request', 'admin-7', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: PRIVACY_SECRET })).rejects.toThrow(
      expect.objectContaining({ code: 'UNRESOLVED_IMPORTS', message: expect.stringMatching(/run `omnidex resolve`/) }),
    );
    expect(await identityCollections(databasesOn(client).identity).customers.countDocuments({ _id: forgotten._id })).toBe(1);
    await runResolve(databasesOn(client));
    result = await forgetCustomer(databasesOn(client).identity, forgotten._id, 'Erasure request from a@b.example via +44 20 7946 0958', 'admin-7', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: PRIVACY_SECRET,
    });
  });

  it('leaves none of the person’s identifying values in any database', async () => {
    const needles = identifyingValues(forgottenExport);
    expect(needles.length).toBeGreaterThan(3);
    expect(holding(await everyDocument(client), needles)).toEqual([]);
  });

  it('removes the customer from the identity map and the activity index', async () => {
    const identity = identityCollections(databasesOn(client).identity);
    expect(await identity.customers.countDocuments({ _id: forgotten._id })).toBe(0);
    expect(await identity.records.countDocuments({ customerId: forgotten._id })).toBe(0);
    expect(await identity.activity.countDocuments({ customerId: forgotten._id })).toBe(0);
    expect(await identity.merges.countDocuments({ survivor: forgotten._id })).toBe(0);
    const caseIds = forgottenExport.crm.cases.map((c: Json) => c._id);
    expect(await client.db(DATABASES.crm).collection(COLLECTIONS.crm.cases).countDocuments({ _id: { $in: caseIds } })).toBe(0);
  });

  it('keeps the sales for the books, pseudonymised, amounts intact', async () => {
    expect(salesBefore.length).toBeGreaterThan(0);
    const after = await client
      .db(DATABASES.pos)
      .collection<PosTransactionDoc>(COLLECTIONS.pos.transactions)
      .find({ _id: { $in: salesBefore.map((t) => t._id) } })
      .toArray();
    expect(after).toHaveLength(salesBefore.length);
    for (const sale of after) {
      const before = salesBefore.find((t) => t._id === sale._id)!;
      expect(sale).not.toHaveProperty('loyaltyId');
      expect(sale).not.toHaveProperty('cardToken');
      expect(sale).not.toHaveProperty('receiptEmail');
      expect(sale.shopperKey).toBe(`receipt:${sale._id}`);
      expect(sale.totals).toEqual(before.totals);
      expect(sale.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual(before.lines.map((l) => [l.sku, l.quantity, l.unitPrice]));
    }
    expect(countOf(result.counts, 'pos', 'transactions', 'pseudonymised')).toBe(salesBefore.length);
  });

  it('says what it did per collection and leaves an audit entry without PII', async () => {
    expect(result).toMatchObject({ requestedId: forgotten._id, customerId: forgotten._id, alreadyForgotten: false, auditId: `forget:${forgotten._id}` });
    // The new contact resolved into the customer before the forget, and went with it.
    expect(countOf(result.counts, 'crm', 'contacts', 'deleted')).toBe(forgottenExport.crm.contacts.length + 1);
    expect(countOf(result.counts, 'crm', 'cases', 'deleted')).toBe(forgottenExport.crm.cases.length);
    expect(countOf(result.counts, 'web', 'events', 'deleted')).toBe(forgottenExport.web.events.length);
    expect(countOf(result.counts, 'web', 'visitors', 'deleted')).toBe(forgottenExport.web.visitors.length);
    expect(countOf(result.counts, 'pos', 'members', 'deleted')).toBe(forgottenExport.pos.members.length);
    expect(countOf(result.counts, 'identity', 'customers', 'deleted')).toBe(1);
    expect(countOf(result.counts, 'identity', 'activity', 'deleted')).toBe(forgottenExport.activity.length);
    expect(countOf(result.counts, 'crm', 'quarantine', 'deleted')).toBe(1);
    expect(countOf(result.counts, 'identity', 'suppression', 'suppressed')).toBeGreaterThanOrEqual(forgotten.identifiers.length);

    const entry = await privacyLog(databasesOn(client).identity).findOne({ _id: result.auditId });
    expect(entry).toMatchObject({
      kind: 'forget',
      customerId: forgotten._id,
      actor: 'admin-7',
      status: 'done',
      reason: 'Erasure request from [email removed] via [number removed]',
    });
    expect(entry!.requestedAt).toBeInstanceOf(Date);
    expect(entry!.finishedAt).toBeInstanceOf(Date);
    expect(entry!.counts).toEqual(result.counts);
  });

  it('leaves every other customer as it was', async () => {
    const identity = identityCollections(databasesOn(client).identity);
    expect(await identity.customers.findOne({ _id: bystander._id })).toEqual(bystander);
    const data = (await exportCustomerData(databasesOn(client).identity, bystander._id, exportParticipantsOn(databasesOn(client)))) as Json;
    expect(data.crm.contacts.length).toBe(bystander.crmContactIds.length);
  });

  it('is idempotent: asking again answers that it is already done, and changes nothing', async () => {
    const before = await everyDocument(client);
    const again = await forgetCustomer(databasesOn(client).identity, forgotten._id, 'again', 'admin-8', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: PRIVACY_SECRET });
    expect(again).toMatchObject({ alreadyForgotten: true, customerId: forgotten._id, auditId: result.auditId, counts: result.counts });
    expect(await everyDocument(client)).toEqual(before);
  });

  it('puts the identifiers on the suppression list, which only the same secret can read', async () => {
    const check = await loadSuppression(databasesOn(client).identity, PRIVACY_SECRET);
    const contact = forgottenExport.crm.contacts[0];
    expect(check.check('crm/contacts.jsonl', { ...contact, contactId: 'NEW-1' })).toMatch(/^suppressed: /);
    expect(check.check('crm/cases.jsonl', { caseId: 'K1', contactId: contact.contactId })).toMatch(/its contactId/);
    const visitor = forgottenExport.web.visitors[0];
    expect(check.check('web/events.jsonl', { eventId: 'E-new', visitorId: visitor.visitorId })).toMatch(/its visitorId/);
    const other = ((await exportCustomerData(databasesOn(client).identity, bystander._id, exportParticipantsOn(databasesOn(client)))) as Json).crm.contacts[0];
    expect(check.check('crm/contacts.jsonl', other)).toBeUndefined();
    await expect(loadSuppression(databasesOn(client).identity, `${PRIVACY_SECRET}-rotated`)).rejects.toThrow(SuppressionKeyError);
  });

  it('refuses an unknown customer, a blank reason and a short secret with clear errors', async () => {
    await expect(forgetCustomer(databasesOn(client).identity, 'cus_nobody', 'r', 'a', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: PRIVACY_SECRET })).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'No customer cus_nobody' }),
    );
    await expect(forgetCustomer(databasesOn(client).identity, bystander._id, '  ', 'a', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: PRIVACY_SECRET })).rejects.toThrow(ForgetError);
    await expect(forgetCustomer(databasesOn(client).identity, bystander._id, 'r', 'a', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: 'short' })).rejects.toThrow(/at least 16 characters/);
    expect(await identityCollections(databasesOn(client).identity).customers.countDocuments({ _id: bystander._id })).toBe(1);
  });
});

describe('forgetCustomer after a crash halfway', () => {
  it('finishes the job when run again', async () => {
    const data = (await exportCustomerData(databasesOn(client).identity, interrupted._id, exportParticipantsOn(databasesOn(client)))) as Json;
    const crash = new Error('simulated crash');
    await expect(
      forgetCustomer(databasesOn(client).identity, interrupted._id, 'request', 'admin-7', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: PRIVACY_SECRET,
        onStep: (step) => {
          if (step.collection === COLLECTIONS.web.sessions) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    // Halfway: the CRM side is gone, the customer still resolves, the audit entry says in progress.
    expect(await client.db(DATABASES.crm).collection<{ _id: string }>(COLLECTIONS.crm.contacts).countDocuments({ _id: { $in: interrupted.crmContactIds } })).toBe(0);
    expect(await identityCollections(databasesOn(client).identity).customers.countDocuments({ _id: interrupted._id })).toBe(1);
    expect(await privacyLog(databasesOn(client).identity).findOne({ _id: `forget:${interrupted._id}` })).toMatchObject({ status: 'in-progress' });

    const finished = await forgetCustomer(databasesOn(client).identity, interrupted._id, 'request', 'admin-7', { participants: forgetParticipantsOn(databasesOn(client), PRIVACY_SECRET), secret: PRIVACY_SECRET });
    expect(finished.alreadyForgotten).toBe(false);
    expect(holding(await everyDocument(client), identifyingValues(data))).toEqual([]);
    expect(await identityCollections(databasesOn(client).identity).customers.countDocuments({ _id: interrupted._id })).toBe(0);
    const entry = await privacyLog(databasesOn(client).identity).findOne({ _id: finished.auditId });
    expect(entry).toMatchObject({ status: 'done' });
    expect(entry!.resumedAt).toBeInstanceOf(Date);
    // The counts add up over both attempts.
    expect(countOf(entry!.counts, 'crm', 'contacts', 'deleted')).toBe(data.crm.contacts.length);
    expect(countOf(entry!.counts, 'web', 'events', 'deleted')).toBe(data.web.events.length);
    expect(countOf(entry!.counts, 'pos', 'transactions', 'pseudonymised')).toBe(data.pos.transactions.length);
  });
});

describe('forgetCustomer on an id that merged away', () => {
  let mergeServer: EmbeddedMongo;
  let mergeClient: MongoClient;
  let dir: string;

  beforeAll(async () => {
    mergeServer = await startEmbeddedMongo();
    mergeClient = new MongoClient(mergeServer.uri);
    await mergeClient.connect();
    dir = await fs.mkdtemp(path.join(seedDir, 'merge-'));
  });

  afterAll(async () => {
    await mergeClient?.close();
    await mergeServer?.close();
  });

  it('follows the merge to the survivor, and knows the merged id afterwards', async () => {
    // Two contacts of one person, one with her email, one with her phone: two customers at first.
    const contacts = [
      { contactId: 'C1', firstName: 'Ana', lastName: 'Lima', email: 'ana.lima@example.net', country: 'GB', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' },
      { contactId: 'C2', firstName: 'Ana', lastName: 'Lima', phone: '020 7946 0958', country: 'GB', createdAt: '2025-02-01T00:00:00Z', updatedAt: '2025-02-01T00:00:00Z' },
    ];
    await fs.mkdir(path.join(dir, 'first', 'crm'), { recursive: true });
    await fs.writeFile(path.join(dir, 'first', 'crm', 'contacts.jsonl'), contacts.map((c) => JSON.stringify(c)).join('\n') + '\n');
    await importDirectory(databasesOn(mergeClient), path.join(dir, 'first'));
    await runResolve(databasesOn(mergeClient));
    const identity = identityCollections(databasesOn(mergeClient).identity);
    const [older, newer] = (await identity.customers.find({}).sort({ createdAt: 1 }).toArray()).map((c) => c._id);
    expect(newer).toBeDefined();

    // Her loyalty card carries both: the customers merge, the older id survives.
    await fs.mkdir(path.join(dir, 'second', 'pos'), { recursive: true });
    await fs.writeFile(
      path.join(dir, 'second', 'pos', 'members.csv'),
      'loyaltyId,firstName,lastName,email,phone,postalCode,country,enrolledAt,updatedAt\n' +
        'L1,Ana,Lima,ana.lima@example.net,+44 20 7946 0958,N1 9GU,GB,2025-03-01T00:00:00Z,2025-03-01T00:00:00Z\n',
    );
    await importDirectory(databasesOn(mergeClient), path.join(dir, 'second'));
    await runResolve(databasesOn(mergeClient));
    expect(await identity.merges.findOne({ _id: newer! })).toMatchObject({ survivor: older });

    const result = await forgetCustomer(databasesOn(mergeClient).identity, newer!, 'request', 'admin-7', { participants: forgetParticipantsOn(databasesOn(mergeClient), PRIVACY_SECRET), secret: PRIVACY_SECRET });
    expect(result).toMatchObject({ requestedId: newer, customerId: older, alreadyForgotten: false });
    expect(countOf(result.counts, 'crm', 'contacts', 'deleted')).toBe(2);
    expect(countOf(result.counts, 'pos', 'members', 'deleted')).toBe(1);
    expect(countOf(result.counts, 'identity', 'merges', 'deleted')).toBe(1);
    expect(holding(await everyDocument(mergeClient), ['ana.lima@example.net', '7946', '"C1"', '"C2"', '"L1"', 'loyalty:L1'])).toEqual([]);

    const again = await forgetCustomer(databasesOn(mergeClient).identity, newer!, 'request', 'admin-7', { participants: forgetParticipantsOn(databasesOn(mergeClient), PRIVACY_SECRET), secret: PRIVACY_SECRET });
    expect(again).toMatchObject({ requestedId: newer, customerId: older, alreadyForgotten: true });
  });
});
