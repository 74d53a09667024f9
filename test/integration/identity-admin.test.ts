import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { importDirectory } from '../../src/import';
import { exportMapping, identityCollections, runResolve, splitCustomer, unlinkRecord, ManualDecisionError } from '../../src/identity/store';
import { identitySubgraph } from '../../subgraphs/identity/src';
import { TEST_ADMIN } from '../support/auth';
import { databasesOn } from '../../src/db';

let server: EmbeddedMongo;
let client: MongoClient;
let tmp: string;

const contact = (contactId: string, fields: Record<string, unknown>, updated = '2026-01-05T10:00:00Z') => ({
  contactId,
  ...fields,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: updated,
});

async function importContacts(name: string, contacts: object[]): Promise<void> {
  const dir = path.join(tmp, name);
  await fs.mkdir(path.join(dir, 'crm'), { recursive: true });
  await fs.writeFile(path.join(dir, 'crm/contacts.jsonl'), contacts.map((c) => JSON.stringify(c)).join('\n') + '\n');
  await importDirectory(databasesOn(client), dir);
}

async function customerOf(contactId: string): Promise<string> {
  const doc = await identityCollections(databasesOn(client).identity).records.findOne({ _id: `crm:contact:${contactId}` });
  return doc!.customerId;
}

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = await MongoClient.connect(server.uri);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-identity-admin-'));
  await importContacts('base', [
    contact('C1', { email: 'kim.ortega@mailbox.net' }),
    contact('C2', { email: 'kim.ortega@mailbox.net', phone: '+44 7946 582731' }),
    contact('C3', { phone: '+44 7946 582731' }),
  ]);
  await runResolve(databasesOn(client));
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('admin corrections, explanation and export', () => {
  it('explains which records are linked and by which identifier', async () => {
    const id = await customerOf('C1');
    const apollo = identitySubgraph.createServer({ logError: () => undefined });
    const response = await apollo.executeOperation(
      {
        query: `query($id: ID!) { explainCustomer(id: $id) {
          customer { id }
          records { key channel kind id identifiers { type value } }
          links { a b rule identifierType identifierValue }
          decisions { rule summary }
        } }`,
        variables: { id },
      },
      { contextValue: identitySubgraph.createContext(databasesOn(client).identity, TEST_ADMIN) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const explanation = response.body.singleResult.data?.explainCustomer as any;
    expect(explanation.records.map((r: any) => r.key)).toEqual(['crm:contact:C1', 'crm:contact:C2', 'crm:contact:C3']);
    expect(explanation.links).toHaveLength(2);
    expect(explanation.links.map((l: any) => l.identifierType).sort()).toEqual(['EMAIL', 'PHONE']);
    expect(explanation.links.find((l: any) => l.identifierType === 'PHONE').identifierValue).toBe('+447946582731');
  });

  it('splits a customer for good: the largest part keeps the id and later runs do not re-merge it', async () => {
    const id = await customerOf('C1');
    await expect(splitCustomer(databasesOn(client).identity, id, [['crm:contact:C1'], ['crm:contact:C2']])).rejects.toThrow(ManualDecisionError);

    const result = await splitCustomer(databasesOn(client).identity, id, [['crm:contact:C1', 'crm:contact:C2'], ['crm:contact:C3']], 'two people');
    expect(result.customerIds).toHaveLength(2);
    expect(await customerOf('C1')).toBe(id);
    expect(await customerOf('C2')).toBe(id);
    const apart = await customerOf('C3');
    expect(apart).not.toBe(id);
    expect(await identityCollections(databasesOn(client).identity).decisions.countDocuments({ kind: 'split' })).toBe(1);

    // C2 changes and is re-resolved with its phone still shared with C3: the split holds.
    await importContacts('c2-updated', [contact('C2', { email: 'kim.ortega@mailbox.net', phone: '+44 7946 582731', postalCode: 'SW1A 1AA' }, '2026-02-01T10:00:00Z')]);
    const rerun = await runResolve(databasesOn(client));
    expect(rerun.changedRecords).toBe(1);
    expect(await customerOf('C2')).toBe(id);
    expect(await customerOf('C3')).toBe(apart);
  });

  it('unlinks one record from its customer', async () => {
    const id = await customerOf('C1');
    const result = await unlinkRecord(databasesOn(client).identity, id, 'crm:contact:C2');
    expect(result.customerIds).toHaveLength(2);
    expect(await customerOf('C1')).toBe(id);
    expect(await customerOf('C2')).not.toBe(id);
  });

  it('exports the record → customer mapping as JSON lines', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const count = await exportMapping(databasesOn(client).identity, out);
    out.end();
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(count).toBe(3);
    expect(lines).toEqual([
      { source: 'crm', kind: 'contact', id: 'C1', customerId: await customerOf('C1') },
      { source: 'crm', kind: 'contact', id: 'C2', customerId: await customerOf('C2') },
      { source: 'crm', kind: 'contact', id: 'C3', customerId: await customerOf('C3') },
    ]);
  });
});
