import { open, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Names of the files in a data directory (see FORMAT.md). A generation is a positive integer,
 * zero-padded so that names sort in generation order.
 */
export const LOCK_FILE = 'lock.json';
export const TEMP_SUFFIX = '.tmp';

const GENERATION_DIGITS = 12;
const LOG_NAME = /^log-(\d{12})\.wal$/;
const SNAPSHOT_NAME = /^snapshot-(\d{12})\.bson$/;

export function logFileName(generation: number): string {
  return `log-${String(generation).padStart(GENERATION_DIGITS, '0')}.wal`;
}

export function snapshotFileName(generation: number): string {
  return `snapshot-${String(generation).padStart(GENERATION_DIGITS, '0')}.bson`;
}

export interface DataDirListing {
  /** Log generations present, ascending. */
  logs: number[];
  /** Snapshot generations present, ascending. */
  snapshots: number[];
  /**
   * Leftovers of an interrupted log or snapshot write (`*.tmp`), never read. Lock temporaries are
   * not listed: they may belong to another process trying the lock right now.
   */
  temps: string[];
}

export function classifyDataDirEntries(names: readonly string[]): DataDirListing {
  const listing: DataDirListing = { logs: [], snapshots: [], temps: [] };
  for (const name of names) {
    const log = LOG_NAME.exec(name);
    const snapshot = SNAPSHOT_NAME.exec(name);
    if (log?.[1]) listing.logs.push(Number(log[1]));
    else if (snapshot?.[1]) listing.snapshots.push(Number(snapshot[1]));
    else if (name.endsWith(TEMP_SUFFIX) && (name.startsWith('log-') || name.startsWith('snapshot-'))) listing.temps.push(name);
  }
  listing.logs.sort((a, b) => a - b);
  listing.snapshots.sort((a, b) => a - b);
  return listing;
}

/**
 * Makes a directory's entries (creations, renames, deletions) durable. A rename is only atomic
 * *and* persistent once the directory itself is synced; Windows cannot open directories for this,
 * and NTFS journals its metadata, so there it is skipped.
 */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a whole file under a temporary name, syncs it, renames it into place, syncs the dir. */
export async function writeFileAtomically(dir: string, name: string, content: Buffer | string): Promise<void> {
  const target = path.join(dir, name);
  const temp = `${target}.${process.pid}${TEMP_SUFFIX}`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
  await syncDirectory(dir);
}
