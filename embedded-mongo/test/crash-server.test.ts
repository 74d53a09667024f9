import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Binary, Decimal128, Long, ObjectId, type Document } from 'bson';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src';
import { spawnFixture, watchChild } from './fixtures/child';

const DOCS_PER_BATCH = 5;
const INSERTERS = 4;
const KILL_AFTER_BATCHES = 120;

/** The documents of insertMany call number `batch`, rebuilt identically by the checks. */
function batchDocs(batch: number): Document[] {
  return Array.from({ length: DOCS_PER_BATCH }, (_, k) => ({
    _id: `b${batch}-d${k}`,
    batch,
    k,
    long: Long.fromString(`${9_007_199_254_740_993n + BigInt(batch)}`),
    price: Decimal128.fromString(`${batch}.${k}0`),
    at: new Date(Date.UTC(2024, 0, 1) + batch * 1000 + k),
    bytes: new Binary(Buffer.from([batch % 256, k, 0, 255])),
    ref: ObjectId.createFromTime(1_700_000_000 + batch),
    nested: { list: [batch, { k }], ratio: batch + 0.5 },
  }));
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-crash-server-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps every acknowledged insertMany, whole and exact, when the server is killed mid-stream', async () => {
  // 1. A server on the data directory, in a child process we can SIGKILL.
  const child = spawnFixture('serve-data-dir.ts', [dir]);
  let listening!: (port: number) => void;
  const port = new Promise<number>((resolve) => (listening = resolve));
  const exited = watchChild(child, (line) => {
    const match = /^port (\d+)$/.exec(line);
    if (match) listening(Number(match[1]));
  });
  const childPort = await Promise.race([port, exited.then(({ stderr }) => Promise.reject(new Error(`the server exited: ${stderr}`)))]);

  // 2. Concurrent inserters, each insertMany one command; acknowledged batches are recorded.
  // No retries: a write retried against the dead server would only wait for a timeout.
  const client = new MongoClient(`mongodb://127.0.0.1:${childPort}/?directConnection=true`, { retryWrites: false, serverSelectionTimeoutMS: 2000 });
  await client.connect();
  const collection = client.db('crash').collection('orders');
  const acknowledged: number[] = [];
  let next = 0;
  let killed = false;
  const inserter = async () => {
    while (!killed) {
      const batch = next++;
      try {
        await collection.insertMany(batchDocs(batch));
      } catch {
        expect(killed).toBe(true); // only the kill may fail an insert
        return;
      }
      acknowledged.push(batch);
      if (acknowledged.length >= KILL_AFTER_BATCHES && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: INSERTERS }, inserter));
  expect((await exited).signal).toBe('SIGKILL');
  await client.close(true);

  // 3. Restart on the same directory (the dead child's lock is taken over) and read everything back.
  const server = await startEmbeddedMongo({ dataDir: dir, port: 0 });
  const reader = new MongoClient(server.uri, { promoteLongs: false });
  try {
    const docs = await reader.db('crash').collection('orders').find().toArray();
    const byBatch = new Map<number, Document[]>();
    for (const doc of docs) byBatch.set(doc.batch, [...(byBatch.get(doc.batch) ?? []), doc]);

    for (const batch of acknowledged) expect(byBatch.has(batch)).toBe(true);
    // Whole batches only (a batch the kill caught before it was acknowledged is all there or absent),
    // and every value exactly as sent.
    for (const [batch, found] of byBatch) {
      expect(found.sort((a, b) => a.k - b.k)).toEqual(batchDocs(batch));
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_BATCHES);
  } finally {
    await reader.close();
    await server.close();
  }
});
