import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEngine } from '../src/engine/open';
import { findRecordsSync } from '../src/engine/query';
import { watchChild } from './fixtures/child';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-write-failure-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A real failing disk: the kernel's file size limit makes a write stop part-way, then fail (EFBIG).
(process.platform === 'win32' ? it.skip : it)('fails the write that does not fit, keeps every acknowledged one, and goes on', async () => {
  const fixture = path.join(__dirname, 'fixtures', 'append-until-full.ts');
  const child = spawn('bash', ['-c', `ulimit -f 512 && exec "${process.execPath}" -r tsx/cjs "${fixture}" "${dir}"`], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const { code } = await watchChild(child, (line) => lines.push(line));
  expect(code).toBe(0);

  const acknowledged = lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4)));
  expect(acknowledged.length).toBeGreaterThan(10);
  expect(lines.slice(acknowledged.length)).toEqual([`failed ${acknowledged.length}`, expect.stringMatching(/^then (ack|failed)$/)]);
  const smallWritten = lines.at(-1) === 'then ack';

  // Without the limit, the directory opens with every acknowledged write and nothing of the failed one.
  const engine = await openEngine({ dataDir: dir });
  try {
    const ids = () => findRecordsSync(engine.collection('full', 'docs')!, {}).map((record) => record.doc._id);
    expect(ids()).toEqual([...acknowledged, ...(smallWritten ? ['small'] : [])]);
    await engine.write(() => engine.collection('full', 'docs')!.insert({ _id: 'after' }));
    expect(ids()).toContain('after');
  } finally {
    await engine.close();
  }
});
