import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { readDataDirOwner, startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import type { Config } from './config';
import { ensurePrivateDir } from './secret-file';
import { DATABASES, type DatabaseName } from './contract/documents';
import { instrumentMongoClient } from './metrics';

/**
 * The databases by owner (DATABASES). A service is handed only its own; the batch jobs (import,
 * resolve) the few they read and write. They may live on different servers (`OMNIDEX_<NAME>_MONGODB_URI`).
 */
export type Databases = Readonly<Record<DatabaseName, Db>>;

/** Every database on one client: tests and single-server set-ups. */
export function databasesOn(client: MongoClient): Databases {
  const db = (name: DatabaseName) => client.db(DATABASES[name]);
  return { crm: db('crm'), web: db('web'), pos: db('pos'), identity: db('identity'), insights: db('insights'), omnidex: db('omnidex') };
}

export interface OpenedDatabases<N extends DatabaseName> {
  dbs: Pick<Databases, N>;
  /** Where the data lives, for messages: MongoDB URIs without credentials, or the data directory. */
  description: string;
  /** One per distinct server; commands can be watched on them (metrics, tests). */
  clients: readonly MongoClient[];
  /** Set when this process started the embedded server and owns the data directory. */
  embedded?: EmbeddedMongo;
  /** The URI of the embedded server (started here or found serving the data directory). */
  embeddedUri?: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Keep the embedded server in memory only (tests); ignored for databases with a configured URI. */
  inMemory?: boolean;
  /** Extra driver options. Command monitoring is always on (metrics; tests count commands). */
  clientOptions?: MongoClientOptions;
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/** The embedded server that already owns the data directory (another `omnidex` process), or a new one. */
async function embeddedServer(config: Config, inMemory: boolean | undefined): Promise<{ uri: string; description: string; started?: EmbeddedMongo }> {
  if (inMemory) {
    const started = await startEmbeddedMongo({ host: config.host });
    return { uri: started.uri, description: 'embedded database (in memory)', started };
  }
  await ensurePrivateDir(config.dataDir);
  const owner = await readDataDirOwner(config.dataDir);
  if (owner?.port) {
    return {
      uri: `mongodb://127.0.0.1:${owner.port}/?directConnection=true`,
      description: `embedded database in ${config.dataDir} (served by process ${owner.pid})`,
    };
  }
  const started = await startEmbeddedMongo({ dataDir: config.dataDir, host: config.host });
  return { uri: started.uri, description: `embedded database in ${config.dataDir}`, started };
}

/**
 * Connects to the databases `names`, each at its configured URI (`OMNIDEX_<NAME>_MONGODB_URI`, else
 * `MONGODB_URI`), else on the embedded server: the one serving the data directory, or one started
 * here. One client per distinct server.
 */
export async function openDatabases<N extends DatabaseName>(
  config: Config,
  names: readonly N[],
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabases<N>> {
  const uriOf = new Map<N, string | undefined>(names.map((name) => [name, config.databaseUris[name] ?? config.mongodbUri]));
  const embedded = [...uriOf.values()].includes(undefined) ? await embeddedServer(config, options.inMemory) : undefined;
  const clients = new Map<string, MongoClient>();
  const close = async () => {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await embedded?.started?.close();
  };
  try {
    const dbs = {} as Record<N, Db>;
    for (const name of names) {
      const uri = uriOf.get(name) ?? embedded!.uri;
      let client = clients.get(uri);
      if (!client) {
        // While MongoDB is unreachable a query fails after this long with a clean error, rather
        // than holding the request until the gateway's subgraph timeout; the driver reconnects.
        client = new MongoClient(uri, {
          serverSelectionTimeoutMS: config.limits.databaseTimeoutMs,
          monitorCommands: true,
          ...options.clientOptions,
        });
        instrumentMongoClient(client);
        clients.set(uri, client);
        await client.connect();
      }
      dbs[name] = client.db(DATABASES[name]);
    }
    const descriptions = new Set([...uriOf.values()].map((uri) => (uri ? redact(uri) : embedded!.description)));
    return {
      dbs,
      clients: [...clients.values()],
      description: [...descriptions].join(', '),
      embedded: embedded?.started,
      embeddedUri: embedded?.uri,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
