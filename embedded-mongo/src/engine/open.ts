import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DATA_FILE, Environment, isNotADirectory } from '../storage/environment';
import { acquireLock, canonicalDir, releaseLock } from '../storage/lock';
import { Engine, type EngineOptions } from './engine';
import { migrateLegacyDataDir, type MigrationProgress } from './migration';

export interface OpenEngineOptions extends EngineOptions {
  /** Durable storage in this directory; without it, a temporary environment removed on close. */
  dataDir?: string | undefined;
  /** Told how the one-time migration of a data directory of the old format goes, if one runs. */
  onMigrationProgress?: ((progress: MigrationProgress) => void) | undefined;
}

/**
 * Opens an engine on a data directory (created if needed, locked against other processes, and
 * migrated first if it holds the storage format before LMDB), or in a temporary environment.
 */
export async function openEngine(options: OpenEngineOptions = {}): Promise<Engine> {
  if (options.dataDir === undefined) return new Engine(Environment.temporary(), async () => undefined, options);
  try {
    await mkdir(options.dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
  }
  if (await isNotADirectory(options.dataDir)) throw new Error(`data directory ${options.dataDir} exists and is not a directory`);
  const dir = await canonicalDir(options.dataDir);
  const lock = await acquireLock(dir);
  let env: Environment | undefined;
  try {
    await migrateLegacyDataDir(dir, options.onMigrationProgress);
    env = await Environment.open(path.join(dir, DATA_FILE));
    return new Engine(env, () => releaseLock(dir, lock), options);
  } catch (error) {
    await env?.close();
    await releaseLock(dir, lock);
    throw error;
  }
}
