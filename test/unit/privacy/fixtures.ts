/** Shared set-up of the privacy tests: a seeded, imported and resolved data set, and ways to search it. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import { DATABASES } from '../../../src/contract/documents';
import type { CustomerDoc } from '../../../src/identity/store/documents';
import { importDirectory } from '../../../src/import';
import { identityCollections, runResolve } from '../../../src/identity/store';
import { generateSeed } from '../../../src/seed';
import { databasesOn } from '../../../src/db';

export const PRIVACY_SECRET = 'privacy-test-secret-0123456789abcdef';
export const UNTIL = new Date('2026-11-01T00:00:00Z');

/** Writes the demo exports to a fresh temporary directory, imports and resolves them; returns the directory. */
export async function seedImportResolve(client: MongoClient, customers = 60, seed = 7): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-privacy-'));
  await generateSeed({ customers, seed, until: UNTIL, outDir: dir });
  await importDirectory(databasesOn(client), dir);
  await runResolve(databasesOn(client));
  return dir;
}

/**
 * Customers with records on every channel, a case, a receipt and identifiers no other customer
 * holds, so that after forgetting one none of its values may remain anywhere.
 */
export async function wellLinkedCustomers(client: MongoClient, count: number): Promise<CustomerDoc[]> {
  const identity = identityCollections(databasesOn(client).identity);
  const out: CustomerDoc[] = [];
  const candidates = identity.customers.find({ channels: { $all: ['crm', 'web', 'pos'] } }).sort({ _id: 1 });
  for await (const customer of candidates) {
    if (customer.crmContactIds.length === 0 || customer.webVisitorIds.length === 0) continue;
    const transactions = await identity.records.countDocuments({ customerId: customer._id, kind: 'transaction' });
    const cases = await client.db(DATABASES.crm).collection('cases').countDocuments({ contactId: { $in: customer.crmContactIds } });
    if (transactions === 0 || cases === 0) continue;
    const shared = await identity.records.countDocuments({ identifierKeys: { $in: customer.identifierKeys }, customerId: { $ne: customer._id } });
    if (shared > 0) continue;
    out.push(customer);
    if (out.length === count) break;
  }
  if (out.length < count) throw new Error(`the seed has only ${out.length} well-linked customers, ${count} needed`);
  return out;
}

/** Every document of every Omnidex database, as JSON text, with its namespace. */
export async function everyDocument(client: MongoClient): Promise<{ ns: string; json: string }[]> {
  const out: { ns: string; json: string }[] = [];
  for (const database of Object.values(DATABASES)) {
    const db = client.db(database);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for await (const doc of db.collection(name).find({})) out.push({ ns: `${database}.${name}`, json: JSON.stringify(doc) });
    }
  }
  return out;
}

/** The documents holding any of `needles` (case-insensitively), to name them in a failure. */
export function holding(documents: { ns: string; json: string }[], needles: string[]): { ns: string; needle: string }[] {
  const hits: { ns: string; needle: string }[] = [];
  for (const { ns, json } of documents) {
    const text = json.toLowerCase();
    for (const needle of needles) if (text.includes(needle.toLowerCase())) hits.push({ ns, needle });
  }
  return hits;
}
