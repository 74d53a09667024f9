import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import {
  COLLECTIONS,
  DATABASES,
  type CrmCaseDoc,
  type CrmContactDoc,
  type PosMemberDoc,
  type PosTransactionDoc,
  type WebSessionDoc,
  type WebVisitorDoc,
} from '../../src/contract/documents';
import { databasesOn } from '../../src/db';
import type { CustomerDoc, IdentityRecordDoc } from '../../src/identity/store/documents';
import { customerInputsFromDocuments, type CustomerInputs } from '../../src/insights';
import { runResolve } from '../../src/identity/store';
import { importDirectory } from '../../src/import';
import { generateSeed } from '../../src/seed';

export interface ResolvedSeed {
  server: EmbeddedMongo;
  client: MongoClient;
  /** A temporary directory: the seed's export files are in `seed/` inside it. */
  tmp: string;
}

/**
 * For the tests of one file: a seed of `customers` people written as export files, imported and
 * resolved on an embedded database in memory, before the first test; all of it goes after the
 * last. Read the fields inside tests.
 */
export function useResolvedSeed(prefix: string, seed: { customers: number; seed: number; until: Date }): ResolvedSeed {
  const fixture = {} as ResolvedSeed;
  beforeAll(async () => {
    fixture.server = await startEmbeddedMongo();
    fixture.client = await MongoClient.connect(fixture.server.uri);
    fixture.tmp = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    await generateSeed({ ...seed, outDir: path.join(fixture.tmp, 'seed') });
    await importDirectory(databasesOn(fixture.client), path.join(fixture.tmp, 'seed'));
    await runResolve(databasesOn(fixture.client));
  }, 300_000);
  afterAll(async () => {
    await fixture.client?.close();
    await fixture.server?.close();
    if (fixture.tmp) await fs.rm(fixture.tmp, { recursive: true, force: true });
  });
  return fixture;
}

/**
 * One customer's index inputs from its documents, gathered by what identity linked to it: the
 * way round the report does not take, for tests that check the report against it.
 */
export async function inputsFromDocuments(client: MongoClient, customer: CustomerDoc): Promise<CustomerInputs> {
  const records = await client
    .db(DATABASES.identity)
    .collection<IdentityRecordDoc>(COLLECTIONS.identity.records)
    .find({ customerId: customer._id, kind: { $in: ['member', 'transaction'] } })
    .toArray();
  const ids = (kind: string) => records.filter((r) => r.kind === kind).map((r) => r.sourceId);
  const crm = client.db(DATABASES.crm);
  const web = client.db(DATABASES.web);
  const pos = client.db(DATABASES.pos);
  return customerInputsFromDocuments({
    crmContacts: await crm.collection<CrmContactDoc>(COLLECTIONS.crm.contacts).find({ _id: { $in: customer.crmContactIds } }).toArray(),
    crmCases: await crm.collection<CrmCaseDoc>(COLLECTIONS.crm.cases).find({ contactId: { $in: customer.crmContactIds } }).toArray(),
    webVisitors: await web.collection<WebVisitorDoc>(COLLECTIONS.web.visitors).find({ _id: { $in: customer.webVisitorIds } }).toArray(),
    webSessions: await web.collection<WebSessionDoc>(COLLECTIONS.web.sessions).find({ visitorId: { $in: customer.webVisitorIds } }).toArray(),
    posMembers: await pos.collection<PosMemberDoc>(COLLECTIONS.pos.members).find({ _id: { $in: ids('member') } }).toArray(),
    posTransactions: await pos.collection<PosTransactionDoc>(COLLECTIONS.pos.transactions).find({ _id: { $in: ids('transaction') } }).toArray(),
  });
}
