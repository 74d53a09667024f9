import type { Engine } from './engine/engine';
import { LEGACY_BACKUP_DIR, type MigrationProgress } from './engine/migration';
import { openEngine } from './engine/open';
import { WireServer } from './server';
import { readOwner, recordPortInLock } from './storage/lock';

export { DataDirLockedError } from './storage/types';
export type { MigrationProgress } from './engine/migration';

export interface EmbeddedMongoOptions {
  /** Directory for durable storage; without it the server keeps everything in a temporary file removed on close. */
  dataDir?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /**
   * Told how the one-time migration of a data directory of the storage format before LMDB goes,
   * if one is needed; by default progress is written to stderr.
   */
  onMigrationProgress?: (progress: MigrationProgress) => void;
  /**
   * Memory one blocking sort (no index serves it) or `$group` may hold before the query is
   * refused (code 292); 100 MiB by default, as MongoDB's limit without `allowDiskUse`.
   */
  queryMemoryLimitBytes?: number;
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
  const engine: Engine = await openEngine({
    dataDir: options.dataDir,
    onMigrationProgress: options.onMigrationProgress ?? (options.dataDir === undefined ? undefined : migrationLog(options.dataDir)),
    queryMemoryLimitBytes: options.queryMemoryLimitBytes,
  });
  const server = new WireServer(engine);
  let port: number;
  try {
    port = await server.listen(options.port ?? 0, host);
    if (options.dataDir !== undefined) await recordPortInLock(options.dataDir, port);
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

/** Migration progress on stderr: where it starts, every tenth of the way, and the end. */
function migrationLog(dataDir: string): (progress: MigrationProgress) => void {
  let shown = -1;
  return ({ phase, bytesRead, totalBytes, documents }) => {
    const tenth = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 10) : 10;
    if (phase === 'documents' && tenth === shown) return;
    shown = tenth;
    const what =
      phase === 'done'
        ? `done, ${documents.toLocaleString('en')} documents; the old files are in ${LEGACY_BACKUP_DIR}/ and may be deleted`
        : phase === 'indexes'
          ? 'building indexes'
          : `${tenth * 10}% (${documents.toLocaleString('en')} documents)`;
    process.stderr.write(`embedded-mongo: migrating ${dataDir} to the LMDB format: ${what}\n`);
  };
}

/** The live process holding a data directory (and its port once recorded), or undefined. */
export async function readDataDirOwner(dataDir: string): Promise<{ pid: number; port?: number } | undefined> {
  return readOwner(dataDir);
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
