import { randomBytes } from 'node:crypto';
import { MongoClient, type Db, type Document } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/index';

/**
 * The conformance suite's connection: the embedded server (in memory, port 0), or the real
 * MongoDB named by MONGODB_URI, so the same assertions check both. Each call gets its own
 * database, dropped by `close`, so suites can share a real server.
 */
export interface TestDatabase {
  client: MongoClient;
  db: Db;
  uri: string;
  /** True when running against the embedded server (some assertions are about its own errors). */
  embedded: boolean;
  /** Another client on the same server, for concurrency tests. */
  newClient(): Promise<MongoClient>;
  close(): Promise<void>;
}

export async function openTestDatabase(prefix: string): Promise<TestDatabase> {
  const external = process.env.MONGODB_URI;
  let server: EmbeddedMongo | undefined;
  const uri = external ?? (server = await startEmbeddedMongo()).uri;
  const clients: MongoClient[] = [];
  const connect = async (): Promise<MongoClient> => {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
    clients.push(client);
    return client;
  };
  const client = await connect();
  const db = client.db(`${prefix}_${randomBytes(4).toString('hex')}`);
  return {
    client,
    db,
    uri,
    embedded: server !== undefined,
    newClient: connect,
    close: async () => {
      await db.dropDatabase();
      for (const c of clients) await c.close();
      await server?.close();
    },
  };
}

/**
 * A document of any shape whose `_id` may be of any BSON type. The driver's typings derive the
 * `_id` type from the schema and fall back to ObjectId; this suite deliberately uses numbers,
 * strings and documents, so its collections are loosely typed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = any;
