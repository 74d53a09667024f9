import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Binary, Long } from 'bson';
import { openStorage, type CompactionStep, type RecoveredState } from '../src/storage';
import { PARTS_PER_BATCH, batchMutations } from './fixtures/append-batches';
import { spawnFixture, watchChild } from './fixtures/child';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the appending child until `shouldKill` says so (then SIGKILLs it) or until it dies on its
 * own; returns the batches it acknowledged (printed after their append resolved).
 */
async function runChild(args: string[], shouldKill: (acknowledged: number) => boolean): Promise<number[]> {
  const child = spawnFixture('append-batches.ts', [dir, ...args]);
  const acknowledged: number[] = [];
  const exited = watchChild(child, (line) => {
    acknowledged.push(Number(line));
    if (shouldKill(acknowledged.length)) child.kill('SIGKILL');
  });
  const { signal, stderr } = await exited;
  expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
  return acknowledged;
}

/** Every acknowledged batch is there, whole; no batch is there in part; the log kept their order. */
function expectWholeBatches(state: RecoveredState, acknowledged: number[]): number[] {
  const parts = new Map<number, number[]>();
  for (const doc of state.get('crash')?.get('docs')?.docs ?? []) {
    parts.set(doc.batch, [...(parts.get(doc.batch) ?? []), doc.part]);
    expect(doc.big).toEqual(Long.fromNumber(doc.batch * 1000 + doc.part));
    expect(doc.bytes).toEqual(new Binary(Buffer.alloc(64, doc.batch % 256)));
  }
  const present = [...parts.keys()].sort((a, b) => a - b);
  for (const [batch, found] of parts) expect({ batch, parts: found.sort() }).toEqual({ batch, parts: [0, 1, 2, 3].slice(0, PARTS_PER_BATCH) });
  // Batches are logged in the order they were appended, so what survived is a prefix 0..max.
  expect(present).toEqual(present.map((_, i) => i));
  expect(present).toEqual(expect.arrayContaining(acknowledged));
  expect(state.get('crash')?.get('counter')?.docs).toEqual([{ _id: 'counter', n: present.at(-1) }]);
  return present;
}

/** The directory keeps working after recovery: append, compact, append, recover. */
async function expectUsableAfterRecovery(present: number[]): Promise<void> {
  const { state, journal } = await openStorage(dir);
  const next = present.length;
  await journal.append(batchMutations(next));
  const docs = [...(state.get('crash')?.get('docs')?.docs ?? []), ...batchMutations(next).flatMap((m) => (m.op === 'put' && m.coll === 'docs' ? [m.doc] : []))];
  await journal.compact(function* () {
    for (const doc of docs) yield { op: 'put', db: 'crash', coll: 'docs', doc };
    yield { op: 'put', db: 'crash', coll: 'counter', doc: { _id: 'counter', n: next } };
  });
  await journal.append(batchMutations(next + 1));
  await journal.close();
  const { state: after, journal: reopened } = await openStorage(dir);
  await reopened.close();
  expectWholeBatches(after, [...present, next, next + 1]);
}

describe('a process killed with SIGKILL while appending', () => {
  it('loses no acknowledged batch and leaves no batch half-written', async () => {
    const acknowledged = await runChild([], (count) => count >= 400);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    const { state, journal } = await openStorage(dir);
    await journal.close();
    const present = expectWholeBatches(state, acknowledged);
    await expectUsableAfterRecovery(present);
  });

  // The files each crash point leaves (besides lock.json), which proves the kill came where meant.
  const leftBehind: [CompactionStep, string[]][] = [
    ['log-switched', ['log-000000000001.wal', 'log-000000000002.wal']],
    ['snapshot-written', ['log-000000000001.wal', 'log-000000000002.wal', 'snapshot-000000000002.bson.tmp']],
    ['snapshot-renamed', ['log-000000000001.wal', 'log-000000000002.wal', 'snapshot-000000000002.bson']],
    ['old-files-deleted', ['log-000000000002.wal', 'snapshot-000000000002.bson']],
  ];
  it.each(leftBehind)('recovers everything acknowledged when killed during a compaction at %s', async (step, files) => {
    const acknowledged = await runChild(['--compact-after', '150', '--crash-at', step], () => false);
    expect(acknowledged.length).toBeGreaterThan(150);
    expect((await readdir(dir)).filter((name) => name !== 'lock.json').sort()).toEqual(files);

    const { state, journal } = await openStorage(dir);
    await journal.close();
    const present = expectWholeBatches(state, acknowledged);
    await expectUsableAfterRecovery(present);
  });
});
