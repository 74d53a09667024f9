import { open, rename } from 'node:fs/promises';
import path from 'node:path';

/** The data directory's owner (lock.ts), and the suffix of a file being written. */
export const LOCK_FILE = 'lock.json';
export const TEMP_SUFFIX = '.tmp';

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
