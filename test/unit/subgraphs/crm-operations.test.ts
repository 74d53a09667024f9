import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { COLLECTIONS, DATABASES, type CrmContactDoc } from '../../../src/contract/documents';
import { crmSubgraph } from '../../../subgraphs/crm/src';
import type { CrmContext } from '../../../subgraphs/crm/src/context';
import { TEST_ADMIN } from '../../support/auth';

// Operations run in-process with `executeOperation` and an injected context: no HTTP.
let mongo: EmbeddedMongo;
let client: MongoClient;
const server = crmSubgraph.createServer({ logError: () => undefined });
const createCrmContext = (mongo: MongoClient, caller: typeof TEST_ADMIN): CrmContext => crmSubgraph.createContext(mongo.db(DATABASES.crm), caller);

const contact: CrmContactDoc = {
  _id: 'C-1',
  contactId: 'C-1',
  firstName: 'Ana',
  lastName: 'Silva',
  email: 'ana@example.com',
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-01T00:00:00Z'),
  imported: { file: 'crm/contacts.jsonl', line: 1, importedAt: new Date('2025-01-02T00:00:00Z') },
};

beforeAll(async () => {
  mongo = await startEmbeddedMongo();
  client = new MongoClient(mongo.uri);
  await client.connect();
  await client.db(DATABASES.crm).collection<CrmContactDoc>(COLLECTIONS.crm.contacts).insertOne(contact);
  await server.start();
});

afterAll(async () => {
  await server.stop();
  await client?.close();
  await mongo?.close();
});

async function run(contextValue: CrmContext, query: string) {
  const response = await server.executeOperation({ query }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('crm operations with an injected context', () => {
  it('caches within a request and never across requests', async () => {
    const first = createCrmContext(client, TEST_ADMIN);
    expect((await run(first, '{ crmContact(contactId: "C-1") { email } }')).data).toEqual({ crmContact: { email: 'ana@example.com' } });

    await client.db(DATABASES.crm).collection<CrmContactDoc>(COLLECTIONS.crm.contacts).updateOne({ _id: 'C-1' }, { $set: { email: 'ana@new.example' } });

    // The same context still holds what its loader read; a new request reads the change.
    expect((await run(first, '{ crmContact(contactId: "C-1") { email } }')).data).toEqual({ crmContact: { email: 'ana@example.com' } });
    expect((await run(createCrmContext(client, TEST_ADMIN), '{ crmContact(contactId: "C-1") { email } }')).data).toEqual({
      crmContact: { email: 'ana@new.example' },
    });
  });

  it('reports a bad page size as BAD_USER_INPUT naming the limit', async () => {
    const result = await run(createCrmContext(client, TEST_ADMIN), '{ crmContact(contactId: "C-1") { cases(first: 1000) { totalCount } } }');
    expect(result.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'first must be at most 100; got 1000']]);
  });
});
