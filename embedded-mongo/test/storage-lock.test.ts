import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirLockedError, readDataDirOwner } from '../src';
import { openEngine } from '../src/engine/open';
import { recordPortInLock } from '../src/storage/lock';
import { spawnFixture, watchChild } from './fixtures/child';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (and so cannot own anything). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('the data directory lock', () => {
  it('refuses a second opener in the same process, naming the owner, until the first closes', async () => {
    const engine = await openEngine({ dataDir: dir });
    await recordPortInLock(dir, 27123);
    const second = openEngine({ dataDir: dir });
    await expect(second).rejects.toThrow(DataDirLockedError);
    await expect(second).rejects.toThrow(`is in use by process ${process.pid} (serving on port 27123)`);
    await expect(second).rejects.toMatchObject({ ownerPid: process.pid, ownerPort: 27123 });
    // Through another spelling of the same directory too.
    await expect(openEngine({ dataDir: path.join(dir, '..', path.basename(dir)) })).rejects.toThrow(DataDirLockedError);

    await engine.close();
    expect(await readdir(dir)).not.toContain('lock.json');
    const reopened = await openEngine({ dataDir: dir });
    await reopened.close();
  });

  it('writes the lock as JSON with pid, port and start time', async () => {
    const engine = await openEngine({ dataDir: dir });
    await recordPortInLock(dir, 4567);
    const lock = JSON.parse(await readFile(path.join(dir, 'lock.json'), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, port: 4567 });
    expect(new Date(lock.startedAt).getTime()).not.toBeNaN();
    expect(await readDataDirOwner(dir)).toEqual({ pid: process.pid, port: 4567 });
    await engine.close();
    expect(await readDataDirOwner(dir)).toBeUndefined();
  });

  it('reports no owner for a directory that does not exist', async () => {
    expect(await readDataDirOwner(path.join(dir, 'missing'))).toBeUndefined();
  });

  it('refuses to record a port for a directory this process does not hold', async () => {
    await expect(recordPortInLock(dir, 1)).rejects.toThrow(/does not hold its lock/);
  });

  it('refuses an opener while another process holds the directory, and names it', async () => {
    const child = spawnFixture('hold-data-dir.ts', [dir, '31337']);
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const exited = watchChild(child, (line) => line === 'ready' && ready());
    await Promise.race([isReady, exited.then(({ stderr }) => Promise.reject(new Error(`the child exited: ${stderr}`)))]);

    expect(await readDataDirOwner(dir)).toEqual({ pid: child.pid, port: 31337 });
    const opening = openEngine({ dataDir: dir });
    await expect(opening).rejects.toThrow(DataDirLockedError);
    await expect(opening).rejects.toThrow(`data directory ${dir} is in use by process ${child.pid} (serving on port 31337)`);

    child.stdin.end(); // the child closes the directory and exits
    expect((await exited).code).toBe(0);
    const engine = await openEngine({ dataDir: dir });
    await engine.close();
  });

  it('takes over the lock of a process killed without closing', async () => {
    const child = spawnFixture('hold-data-dir.ts', [dir, '31338']);
    const exited = watchChild(child, (line) => line === 'ready' && child.kill('SIGKILL'));
    expect((await exited).signal).toBe('SIGKILL');
    expect(JSON.parse(await readFile(path.join(dir, 'lock.json'), 'utf8')).pid).toBe(child.pid);

    expect(await readDataDirOwner(dir)).toBeUndefined();
    const engine = await openEngine({ dataDir: dir });
    expect(await readDataDirOwner(dir)).toEqual({ pid: process.pid });
    await engine.close();
  });

  it('takes over a stale lock naming a dead pid, or this pid in an earlier life', async () => {
    for (const pid of [await deadPid(), process.pid]) {
      await writeFile(path.join(dir, 'lock.json'), JSON.stringify({ pid, port: 9, startedAt: '2020-01-01T00:00:00.000Z', token: 'old' }));
      expect(await readDataDirOwner(dir)).toBeUndefined();
      const engine = await openEngine({ dataDir: dir });
      expect(JSON.parse(await readFile(path.join(dir, 'lock.json'), 'utf8'))).toMatchObject({ pid: process.pid });
      await engine.close();
    }
  });

  // Only Linux exposes process start times (/proc/PID/stat) to tell a recycled pid.
  (process.platform === 'linux' ? it : it.skip)('takes over a lock whose pid now belongs to another program (pid reuse)', async () => {
    // Our parent is alive, but its start time differs from the one the lock recorded.
    const lock = { pid: process.ppid, startedAt: '2020-01-01T00:00:00.000Z', token: 'old', processStart: '1' };
    await writeFile(path.join(dir, 'lock.json'), JSON.stringify(lock));
    const engine = await openEngine({ dataDir: dir });
    await engine.close();
  });

  it('takes over a damaged lock file', async () => {
    await writeFile(path.join(dir, 'lock.json'), '{"pid": 12');
    const engine = await openEngine({ dataDir: dir });
    await engine.close();
  });

  it('lets exactly one of many concurrent openers in a process win', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => openEngine({ dataDir: dir })));
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const attempt of attempts) if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(DataDirLockedError);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openEngine>>>).value.close();
  });

  it('lets exactly one of several processes starting at once take the directory', async () => {
    const children = Array.from({ length: 3 }, (_, i) => spawnFixture('hold-data-dir.ts', [dir, String(40000 + i)]));
    // Owners hold the directory until every child has either taken it or given up.
    let settled = 0;
    const owners: typeof children = [];
    const settle = () => {
      settled += 1;
      if (settled === children.length) for (const owner of owners) owner.stdin.end();
    };
    const results = await Promise.all(
      children.map((child) => {
        const exited = watchChild(child, (line) => {
          if (line !== 'ready') return;
          owners.push(child);
          settle();
        });
        void exited.then(({ code }) => code !== 0 && settle());
        return exited;
      }),
    );
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    for (const refused of results.filter((r) => r.code !== 0)) expect(refused.stderr).toMatch(/DataDirLockedError: data directory .* is in use by process \d+/);
  });
});
