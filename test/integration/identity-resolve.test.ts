import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { DATABASES } from '../../src/contract/documents';
import { importDirectory } from '../../src/import';
import { identityCollections, runResolve } from '../../src/identity/store';
import { generateSeed, type GroundTruthRecord } from '../../src/seed';
import { identitySubgraph } from '../../subgraphs/identity/src';
import { TEST_ADMIN } from '../support/auth';
import { databasesOn } from '../../src/db';

const UNTIL = new Date('2026-11-01T00:00:00Z');

/** Every document of the identity database except run logs, in a stable order. */
async function snapshotIdentity(mongo: MongoClient): Promise<Record<string, unknown[]>> {
  const identity = identityCollections(databasesOn(mongo).identity);
  return {
    records: await identity.records.find({}).sort({ _id: 1 }).toArray(),
    customers: await identity.customers.find({}).sort({ _id: 1 }).toArray(),
    merges: await identity.merges.find({}).sort({ _id: 1 }).toArray(),
    activity: await identity.activity.find({}).sort({ _id: 1 }).toArray(),
  };
}

async function writeJsonLines(file: string, rows: object[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
}

let server: EmbeddedMongo;
let client: MongoClient;
let tmp: string;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-identity-'));
});

afterAll(async () => {
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  client = await MongoClient.connect(server.uri);
  for (const name of [DATABASES.crm, DATABASES.web, DATABASES.pos, DATABASES.omnidex, DATABASES.identity]) {
    await client.db(name).dropDatabase();
  }
});

afterEach(async () => {
  await client.close();
});

describe('runResolve on a generated seed', () => {
  it('resolves every source record, indexes every interaction, and changes nothing when re-run', async () => {
    const dir = path.join(tmp, 'seed');
    const seed = await generateSeed({ customers: 120, seed: 11, until: UNTIL, outDir: dir });
    await importDirectory(databasesOn(client), dir);

    const first = await runResolve(databasesOn(client));
    expect(first.unchanged).toBe(false);
    const truth = (await fs.readFile(path.join(dir, 'ground-truth.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as GroundTruthRecord);
    expect(first.changedRecords).toBe(truth.length);

    const identity = identityCollections(databasesOn(client).identity);
    const records = await identity.records.find({}, { projection: { customerId: 1 } }).toArray();
    expect(new Set(records.map((r) => r._id))).toEqual(new Set(truth.map((t) => `${t.source}:${t.kind}:${t.id}`)));
    const customerIds = new Set(records.map((r) => r.customerId));
    expect(await identity.customers.countDocuments()).toBe(customerIds.size);
    // Fewer customers than records: records were linked; more than people would be over-merging
    // impossible to tell here, the bench scores that against the ground truth.
    expect(customerIds.size).toBeLessThan(records.length);

    const interactions = seed.counts.cases + seed.counts.sessions + seed.counts.transactions;
    expect(await identity.activity.countDocuments()).toBe(interactions);
    const activity = await identity.activity.find({}).toArray();
    expect(activity.every((a) => customerIds.has(a.customerId))).toBe(true);

    const before = await snapshotIdentity(client);
    const again = await runResolve(databasesOn(client));
    expect(again.unchanged).toBe(true);
    expect(await snapshotIdentity(client)).toEqual(before);

    // Re-importing the same files rewrites every channel row; resolve still finds nothing new.
    await importDirectory(databasesOn(client), dir);
    const reimported = await runResolve(databasesOn(client));
    expect(reimported.changedRecords).toBe(0);
    expect(reimported.unchanged).toBe(true);
    expect(await snapshotIdentity(client)).toEqual(before);
  });
});

describe('runResolve across runs', () => {
  const contact = (contactId: string, fields: Record<string, unknown>, day: number) => ({
    contactId,
    ...fields,
    createdAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00Z`,
    updatedAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00Z`,
  });

  async function importRun(name: string, contacts: object[], cases: object[] = []): Promise<void> {
    const dir = path.join(tmp, name);
    await writeJsonLines(path.join(dir, 'crm/contacts.jsonl'), contacts);
    if (cases.length > 0) await writeJsonLines(path.join(dir, 'crm/cases.jsonl'), cases);
    await importDirectory(databasesOn(client), dir);
  }

  async function customerOf(contactId: string): Promise<string> {
    const doc = await identityCollections(databasesOn(client).identity).records.findOne({ _id: `crm:contact:${contactId}` });
    if (!doc) throw new Error(`contact ${contactId} was not resolved`);
    return doc.customerId;
  }

  it('keeps ids, processes only new records, keeps the older id on a merge and the largest part on a split', async () => {
    const identity = identityCollections(databasesOn(client).identity);
    await importRun('run1', [contact('C1', { email: 'Ann.Lee@Mailbox.NET ' }, 1), contact('C9', { email: 'zed@mail.test' }, 1)]);
    await runResolve(databasesOn(client), { now: new Date('2026-02-01T00:00:00Z') });
    const ann = await customerOf('C1');
    const zed = await customerOf('C9');

    await importRun(
      'run2',
      [contact('C3', { phone: '+44 7946 582731' }, 2)],
      [{ caseId: 'K1', contactId: 'C3', channel: 'phone', subject: 'Where is my order?', status: 'open', openedAt: '2026-01-20T09:00:00Z' }],
    );
    const second = await runResolve(databasesOn(client), { now: new Date('2026-02-02T00:00:00Z') });
    expect(second.changedRecords).toBe(1);
    expect(second.affectedRecords).toBe(1);
    const phoneOwner = await customerOf('C3');
    expect(new Set([ann, zed, phoneOwner]).size).toBe(3);
    expect(await customerOf('C1')).toBe(ann);
    expect((await identity.activity.findOne({ _id: 'crm:case:K1' }))?.customerId).toBe(phoneOwner);

    // C2 carries C1's email and C3's phone: the two customers merge, the older id survives.
    await importRun('run3', [contact('C2', { email: 'ann.lee@mailbox.net', phone: '07946 582731', country: 'GB' }, 3)]);
    const third = await runResolve(databasesOn(client), { now: new Date('2026-02-03T00:00:00Z') });
    expect(third.changedRecords).toBe(1);
    expect(third.affectedRecords).toBe(3);
    expect(third.merges).toEqual([{ survivor: ann, mergedFrom: [phoneOwner] }]);
    for (const id of ['C1', 'C2', 'C3']) expect(await customerOf(id)).toBe(ann);
    expect(await customerOf('C9')).toBe(zed);
    const merged = await identity.customers.findOne({ _id: ann });
    expect(merged?.mergedFrom).toEqual([phoneOwner]);
    expect(merged?.crmContactIds).toEqual(['C1', 'C2', 'C3']);
    expect(merged?.identifiers.map((i) => `${i.type}:${i.value}`)).toEqual(['email:ann.lee@mailbox.net', 'phone:+447946582731']);
    expect(await identity.customers.findOne({ _id: phoneOwner })).toBeNull();
    expect(await identity.merges.findOne({ _id: phoneOwner })).toMatchObject({ survivor: ann });
    expect((await identity.activity.findOne({ _id: 'crm:case:K1' }))?.customerId).toBe(ann);
    // Through the identity subgraph, the merged-away id still finds the survivor.
    const response = await identitySubgraph.createServer({ logError: () => undefined }).executeOperation(
      { query: 'query($id: ID!) { customer(id: $id) { id mergedFrom } }', variables: { id: phoneOwner } },
      { contextValue: identitySubgraph.createContext(databasesOn(client).identity, TEST_ADMIN) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.data).toEqual({ customer: { id: ann, mergedFrom: [phoneOwner] } });

    // C2 corrected without the phone: C3 splits off; the larger part {C1, C2} keeps the id.
    await importRun('run4', [contact('C2', { email: 'ann.lee@mailbox.net' }, 4)]);
    const fourth = await runResolve(databasesOn(client), { now: new Date('2026-02-04T00:00:00Z') });
    expect(fourth.splits).toHaveLength(1);
    expect(await customerOf('C1')).toBe(ann);
    expect(await customerOf('C2')).toBe(ann);
    const splitOff = await customerOf('C3');
    expect(splitOff).not.toBe(ann);
    expect((await identity.activity.findOne({ _id: 'crm:case:K1' }))?.customerId).toBe(splitOff);
    expect(await identity.customers.countDocuments()).toBe(3);

    const settled = await snapshotIdentity(client);
    expect((await runResolve(databasesOn(client))).unchanged).toBe(true);
    expect(await snapshotIdentity(client)).toEqual(settled);
  });
});
