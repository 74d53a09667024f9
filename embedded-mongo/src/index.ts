import { Engine } from './engine/engine';
import { RecoveryLoader } from './engine/recovery';
import { WireServer } from './server';
import { openStorageInto, readDataDirOwner, recordServingPort } from './storage';

export { DataDirLockedError, readDataDirOwner } from './storage';

export interface EmbeddedMongoOptions {
  /** Directory for durable storage; without it the server keeps everything in memory. */
  dataDir?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
}

export interface EmbeddedMongo {
  /** A connection string for the official driver, e.g. `mongodb://127.0.0.1:PORT/?directConnection=true`. */
  uri: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts Omnidex's embedded MongoDB-wire-compatible server, in memory or on a data directory.
 * Speak to it only through the official `mongodb` driver.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const engine = new Engine();
  if (options.dataDir !== undefined) {
    const loader = new RecoveryLoader(engine);
    const { journal } = await openStorageInto(options.dataDir, loader);
    try {
      loader.finish();
    } catch (error) {
      await journal.close();
      throw error;
    }
    engine.attachJournal(journal);
  }
  const server = new WireServer(engine);
  let port: number;
  try {
    port = await server.listen(options.port ?? 0, host);
    if (options.dataDir !== undefined) await recordServingPort(options.dataDir, port);
  } catch (error) {
    await server.close();
    await engine.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    uri: `mongodb://${host}:${port}/?directConnection=true`,
    host,
    port,
    close: () => {
      closing ??= (async () => {
        await server.close();
        await engine.close();
      })();
      return closing;
    },
  };
}

/**
 * The connection string of the live process serving a data directory, if there is one, so a CLI
 * command can share it instead of failing on the lock. Undefined when nobody holds the directory
 * (start a server with `startEmbeddedMongo({ dataDir })`) or the owner has not recorded its port yet.
 */
export async function findServingEmbeddedMongo(dataDir: string, host = '127.0.0.1'): Promise<string | undefined> {
  const owner = await readDataDirOwner(dataDir);
  if (!owner?.port) return undefined;
  return `mongodb://${host}:${owner.port}/?directConnection=true`;
}
