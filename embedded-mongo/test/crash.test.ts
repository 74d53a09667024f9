import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Binary, Long, type Document } from 'bson';
import type { Engine } from '../src/engine/engine';
import { openEngine } from '../src/engine/open';
import { findRecordsSync } from '../src/engine/query';
import { PARTS_PER_BATCH, batchDocuments, writeBatch } from './fixtures/append-batches';
import { spawnFixture, watchChild } from './fixtures/child';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the writing child until `shouldKill` says so (then SIGKILLs it); returns the batches it
 * acknowledged (printed after their write resolved).
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

function documentsOf(engine: Engine, name: string): Document[] {
  const collection = engine.collection('crash', name);
  return collection ? findRecordsSync(collection, {}).map((record) => record.doc) : [];
}

/** Every acknowledged batch is there, whole; no batch is there in part; they committed in order. */
function expectWholeBatches(engine: Engine, acknowledged: number[], parts = PARTS_PER_BATCH): number[] {
  const found = new Map<number, number[]>();
  const wrongValues: Document[] = [];
  for (const doc of documentsOf(engine, 'docs')) {
    const partsFound = found.get(doc.batch) ?? [];
    partsFound.push(doc.part);
    found.set(doc.batch, partsFound);
    const exact =
      doc.big instanceof Long &&
      doc.big.equals(Long.fromNumber(doc.batch * 100_000 + doc.part)) &&
      doc.bytes instanceof Binary &&
      Buffer.from(doc.bytes.value()).equals(Buffer.alloc(64, doc.batch % 256));
    if (!exact) wrongValues.push(doc);
  }
  expect(wrongValues).toEqual([]);
  const present = [...found.keys()].sort((a, b) => a - b);
  const partial = [...found].filter(([, partsFound]) => partsFound.length !== parts || new Set(partsFound).size !== parts);
  expect(partial.map(([batch, partsFound]) => ({ batch, parts: partsFound.length }))).toEqual([]);
  // Batches commit in the order they were written, so what survived is a prefix 0..max.
  expect(present).toEqual(present.map((_, i) => i));
  expect(present).toEqual(expect.arrayContaining(acknowledged));
  expect(documentsOf(engine, 'counter')).toEqual([{ _id: 'counter', n: present.at(-1) }]);
  return present;
}

/** The directory keeps working after the crash: write, close, reopen. */
async function expectUsableAfterRecovery(present: number[], parts = PARTS_PER_BATCH): Promise<void> {
  const engine = await openEngine({ dataDir: dir });
  await writeBatch(engine, present.length, parts);
  await engine.close();
  const reopened = await openEngine({ dataDir: dir });
  try {
    expectWholeBatches(reopened, [...present, present.length], parts);
  } finally {
    await reopened.close();
  }
}

describe('a process killed with SIGKILL while writing', () => {
  it('loses no acknowledged batch and leaves no batch half-written', async () => {
    const acknowledged = await runChild([], (count) => count >= 400);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    const engine = await openEngine({ dataDir: dir });
    const present = expectWholeBatches(engine, acknowledged);
    await engine.close();
    await expectUsableAfterRecovery(present);
  });

  it('leaves no trace of a large transaction it was killed in', async () => {
    const parts = 2000;
    // Killed right after an acknowledgement, while the other writers' transactions are being built or committed.
    const acknowledged = await runChild([String(parts)], (count) => count >= 6);
    const engine = await openEngine({ dataDir: dir });
    const present = expectWholeBatches(engine, acknowledged, parts);
    await engine.close();
    await expectUsableAfterRecovery(present, parts);
  });

  it('checks what it claims: a batch missing a part is caught', async () => {
    const engine = await openEngine({ dataDir: dir });
    try {
      await writeBatch(engine, 0);
      await engine.write(() => {
        const docs = engine.collection('crash', 'docs');
        const record = docs?.byId(batchDocuments(0)[1]?._id);
        if (record) docs?.remove(record);
      });
      expect(() => expectWholeBatches(engine, [0])).toThrow();
    } finally {
      await engine.close();
    }
  });
});
