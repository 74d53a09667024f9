import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';

/**
 * Creates `dir` (and its missing parents) readable by its owner alone (0700): the data directory
 * holds the database's files and the generated secrets. A directory that exists keeps its mode.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

function temporaryBeside(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** A file being written by `createPrivateFile`. */
export interface PrivateFile {
  stream: WriteStream;
  /** Ends the stream and puts the file in place. */
  close(): Promise<void>;
  /** Drops what was written; `file` is left as it was. */
  discard(): Promise<void>;
}

/**
 * Writes `file` readable by its owner alone (0600) from its first byte, for exports of personal
 * data: into a new file beside it, renamed over `file` once complete. Opening `file` itself would
 * keep the mode of a file that exists already, and whoever holds that one open would read on.
 */
export function createPrivateFile(file: string): PrivateFile {
  const temporary = temporaryBeside(file);
  const stream = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
  return {
    stream,
    async close() {
      stream.end();
      await finished(stream);
      await rename(temporary, file);
    },
    async discard() {
      stream.destroy();
      await rm(temporary, { force: true });
    },
  };
}

/**
 * Writes `content` to `file` only if the file does not exist yet, readable by the owner alone
 * (0600) from its first byte: a temporary file, then hard-linked into place. When several
 * processes (or calls) race on a fresh data directory, the first link wins and the others leave
 * the winner's file untouched, so every caller must read the file back afterwards.
 */
export async function writeSecretFileOnce(file: string, content: string): Promise<void> {
  await ensurePrivateDir(path.dirname(file));
  const temporary = temporaryBeside(file);
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
