import { MongoClient, type MongoClientOptions } from 'mongodb';
import { readDataDirOwner, startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import type { Config } from './config';
import { instrumentMongoClient } from './metrics';

export interface Database {
  client: MongoClient;
  /** The URI other processes (subgraphs run apart, `omnidex import`) can reach the same data at. */
  uri: string;
  /** Where the data lives, for messages: a MongoDB URI without credentials, or the data directory. */
  description: string;
  /** Set when this process started the embedded server and owns the data directory. */
  embedded?: EmbeddedMongo;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Keep the embedded server in memory only (tests); ignored with MONGODB_URI. */
  inMemory?: boolean;
  /** Extra driver options. Command monitoring is always on (metrics; tests count commands). */
  clientOptions?: MongoClientOptions;
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * Connects to the configured MongoDB: `MONGODB_URI` when set; otherwise the embedded server that
 * already owns the data directory (another `omnidex` process), or a new one started in-process.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  let uri = config.mongodbUri;
  let embedded: EmbeddedMongo | undefined;
  let description: string;
  if (uri) {
    description = redact(uri);
  } else if (options.inMemory) {
    embedded = await startEmbeddedMongo({ host: config.host });
    uri = embedded.uri;
    description = 'embedded database (in memory)';
  } else {
    const owner = await readDataDirOwner(config.dataDir);
    if (owner?.port) {
      uri = `mongodb://127.0.0.1:${owner.port}/?directConnection=true`;
      description = `embedded database in ${config.dataDir} (served by process ${owner.pid})`;
    } else {
      embedded = await startEmbeddedMongo({ dataDir: config.dataDir, host: config.host });
      uri = embedded.uri;
      description = `embedded database in ${config.dataDir}`;
    }
  }
  // While MongoDB is unreachable a query fails after this long with a clean error, rather than
  // holding the request until the gateway's subgraph timeout; the driver reconnects by itself.
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: config.limits.databaseTimeoutMs,
    monitorCommands: true,
    ...options.clientOptions,
  });
  instrumentMongoClient(client);
  try {
    await client.connect();
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  return {
    client,
    uri,
    description,
    embedded,
    async close() {
      await client.close();
      await embedded?.close();
    },
  };
}
