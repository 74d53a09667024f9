import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStorage } from '../src/storage';
import { watchChild } from './fixtures/child';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-write-failure-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A real failing disk: the kernel's file size limit makes a write stop part-way, then fail (EFBIG).
(process.platform === 'win32' ? it.skip : it)('fails every append after a failed write, and recovery keeps what was acknowledged', async () => {
  const fixture = path.join(__dirname, 'fixtures', 'append-until-full.ts');
  const child = spawn('bash', ['-c', `ulimit -f 64 && exec "${process.execPath}" -r tsx/cjs "${fixture}" "${dir}"`], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const { code, stderr } = await watchChild(child, (line) => lines.push(line));
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

  const acknowledged = lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4)));
  expect(acknowledged.length).toBeGreaterThan(10);
  expect(lines.slice(-2)).toEqual([`failed ${acknowledged.length} JournalFailedError`, 'then JournalFailedError']);

  // Without the limit, the directory opens: every acknowledged batch, the partial record cut off.
  const { state, journal } = await openStorage(dir);
  await journal.append([{ op: 'put', db: 'full', coll: 'docs', doc: { _id: 'after' } }]);
  await journal.close();
  expect(state.get('full')?.get('docs')?.docs.map((doc) => doc._id)).toEqual(acknowledged);
  const { state: reopened, journal: again } = await openStorage(dir);
  await again.close();
  expect(reopened.get('full')?.get('docs')?.docs.map((doc) => doc._id)).toEqual([...acknowledged, 'after']);
});
