import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `content` to `file` only if the file does not exist yet, readable by the owner alone
 * (0600) from its first byte: a temporary file, then hard-linked into place. When several
 * processes (or calls) race on a fresh data directory, the first link wins and the others leave
 * the winner's file untouched, so every caller must read the file back afterwards.
 */
export async function writeSecretFileOnce(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  try {
    // Unlike rename, a hard link fails when the file appeared meanwhile instead of overwriting it.
    await link(temporary, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(temporary, { force: true });
  }
}

/** The text of a secret file, or undefined when it does not exist yet (any other error is thrown). */
export async function readSecretFileIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
