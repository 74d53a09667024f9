import { randomUUID } from 'node:crypto';
import { link, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LOCK_FILE, TEMP_SUFFIX, syncDirectory, writeFileAtomically } from './files';
import { DataDirLockedError } from './types';

/** The content of `lock.json`. `token` tells this owner's lock from a later owner's with the same pid. */
export interface LockInfo {
  pid: number;
  port?: number;
  startedAt: string;
  token: string;
  /** Start time of the owning process (Linux clock ticks since boot), to detect a recycled pid. */
  processStart?: string;
}

/**
 * Data directories this process holds, shared by every copy of this module loaded in the process
 * (jest module registries, tsx) so a second opener in the same process is refused too.
 */
const held: Map<string, LockInfo> = ((globalThis as Record<symbol, unknown>)[Symbol.for('omnidex.embedded-mongo.heldDataDirs')] ??=
  new Map<string, LockInfo>()) as Map<string, LockInfo>;

export async function canonicalDir(dataDir: string): Promise<string> {
  return realpath(dataDir);
}

/**
 * Takes the lock of a data directory or throws DataDirLockedError naming the live owner.
 *
 * The lock file appears with its whole content at once: it is written under a temporary name and
 * hard-linked to `lock.json`, which fails if the name exists (an exclusive create, like `wx`, that
 * can never leave a half-written lock behind). A lock whose owner is gone is taken over.
 */
export async function acquireLock(dir: string): Promise<LockInfo> {
  const lockPath = path.join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), token: randomUUID() };
  // Claimed in memory synchronously, so openers in this process are refused without a race.
  const holder = held.get(dir);
  if (holder) throw lockedError(dir, holder);
  held.set(dir, info);

  const temp = `${lockPath}.${info.token}${TEMP_SUFFIX}`;
  let acquired = false;
  try {
    const processStart = await processStartTime(process.pid);
    if (processStart !== undefined) info.processStart = processStart;
    await writeFile(temp, JSON.stringify(info));
    for (let attempt = 0; attempt < 10; attempt += 1) {
      try {
        await createExclusively(temp, lockPath, info);
        await syncDirectory(dir);
        acquired = true;
        return info;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = await readLock(lockPath);
      if (current.kind === 'missing') continue;
      if (current.kind === 'owned' && (await isLive(dir, current.info))) throw lockedError(dir, current.info);
      await removeStaleLock(lockPath, current.raw);
    }
    throw new Error(`could not take the lock ${lockPath}: other processes keep racing for it`);
  } finally {
    if (!acquired) held.delete(dir);
    await unlink(temp).catch(() => undefined);
  }
}

/** Deletes the lock file if it is still this owner's. */
export async function releaseLock(dir: string, info: LockInfo): Promise<void> {
  const lockPath = path.join(dir, LOCK_FILE);
  const current = await readLock(lockPath);
  if (current.kind === 'owned' && current.info.token === info.token) await unlink(lockPath);
  if (held.get(dir)?.token === info.token) held.delete(dir);
}

/** Rewrites the lock with the port the owner serves on, so other processes can find it. */
export async function recordPortInLock(dataDir: string, port: number): Promise<void> {
  const dir = await canonicalDir(dataDir);
  const info = held.get(dir);
  if (!info) throw new Error(`cannot record a serving port for ${dataDir}: this process does not hold its lock`);
  info.port = port;
  await writeFileAtomically(dir, LOCK_FILE, JSON.stringify(info));
}

/** The live owner of a data directory, if any. */
export async function readOwner(dataDir: string): Promise<{ pid: number; port?: number } | undefined> {
  let dir: string;
  try {
    dir = await canonicalDir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const current = await readLock(path.join(dir, LOCK_FILE));
  if (current.kind !== 'owned' || !(await isLive(dir, current.info))) return undefined;
  return current.info.port === undefined ? { pid: current.info.pid } : { pid: current.info.pid, port: current.info.port };
}

type LockState = { kind: 'missing' } | { kind: 'owned'; info: LockInfo; raw: string } | { kind: 'unreadable'; raw: string };

async function readLock(lockPath: string): Promise<LockState> {
  let raw: string;
  try {
    raw = await readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0) {
      return { kind: 'owned', info: parsed as LockInfo, raw };
    }
  } catch {
    // Not JSON: a lock written by something else, or damaged. Nobody can be shown to own it.
  }
  return { kind: 'unreadable', raw };
}

/**
 * Whether the process named in a lock still runs. Our own pid counts only if this process really
 * holds the directory: after a container restart the new server often gets the pid of the old one.
 * Elsewhere a pid can be recycled, so where /proc tells a process's start time, it must match.
 */
async function isLive(dir: string, info: LockInfo): Promise<boolean> {
  if (info.pid === process.pid) return held.get(dir)?.token === info.token;
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (info.processStart !== undefined) {
    const actual = await processStartTime(info.pid);
    if (actual !== undefined && actual !== info.processStart) return false;
  }
  return true;
}

/**
 * Moves a stale lock aside before deleting it, and checks that what was moved is the lock judged
 * stale: if another process replaced it in between, its fresh lock is put back.
 */
async function removeStaleLock(lockPath: string, staleContent: string): Promise<void> {
  const aside = `${lockPath}.${randomUUID()}.stale${TEMP_SUFFIX}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleContent) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside);
}

/**
 * Hard-links the complete temporary file into place. Where the file system has no hard links
 * (some network and container mounts), falls back to an exclusive create (`wx`) and a write.
 */
async function createExclusively(temp: string, lockPath: string, info: LockInfo): Promise<void> {
  try {
    await link(temp, lockPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    await writeFile(lockPath, JSON.stringify(info), { flag: 'wx' });
  }
}

async function processStartTime(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name (field 2) may contain spaces, so count after its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function lockedError(dir: string, info: LockInfo): DataDirLockedError {
  return new DataDirLockedError(dir, info.pid, info.port);
}
