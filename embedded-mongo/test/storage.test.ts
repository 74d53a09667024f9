import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID, serialize, type Document } from 'bson';
import { CorruptDataError, openStorage, type Mutation, type RecoveredState, type StorageOptions } from '../src/storage';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-storage-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Opens the directory, hands back what was recovered, and closes it again. */
async function recover(options?: StorageOptions, at: string = dir): Promise<RecoveredState> {
  const { state, journal } = await openStorage(at, options);
  await journal.close();
  return state;
}

function docsOf(state: RecoveredState, db: string, coll: string): Document[] {
  return state.get(db)?.get(coll)?.docs ?? [];
}

const put = (doc: Document, coll = 'c', db = 'd'): Mutation => ({ op: 'put', db, coll, doc });

async function logFile(): Promise<string> {
  const name = (await readdir(dir)).find((n) => n.startsWith('log-'));
  if (!name) throw new Error(`no log in ${dir}`);
  return path.join(dir, name);
}

describe('append and recover', () => {
  it('starts empty and creates its files', async () => {
    expect((await recover()).size).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['log-000000000001.wal']);
  });

  it('round-trips every BSON type and any kind of _id exactly', async () => {
    const docs: Document[] = [
      {
        _id: new ObjectId(),
        date: new Date('2024-02-29T12:34:56.789Z'),
        decimal: Decimal128.fromString('1234567890.123456789012345678901234'),
        long: Long.fromString('9007199254740993'),
        smallLong: Long.fromNumber(5),
        int: new Int32(7),
        double: new Double(7),
        fraction: new Double(0.1),
        binary: new Binary(Buffer.from([0, 1, 2, 255]), Binary.SUBTYPE_DEFAULT),
        uuid: new UUID('0b2b1f3a-9f0e-4e3c-8d4f-6c1d2b3a4f5e').toBinary(),
        timestamp: new Timestamp({ t: 1700000000, i: 3 }),
        minMax: [new MinKey(), new MaxKey()],
        regex: /^a.c$/i,
        nested: { deep: { list: [1, 'two', { three: new Int32(3) }, null, true] } },
        nothing: null,
      },
      { _id: 'a string id', v: 1 },
      { _id: new Int32(42), v: 2 },
      { _id: new Double(2.5), v: 3 },
      { _id: { compound: 'key', n: new Int32(1) }, v: 4 },
      { _id: new Date(0), v: 5 },
    ];
    const { journal } = await openStorage(dir);
    await journal.append(docs.map((doc) => put(doc)));
    await journal.close();

    // promoteValues: false keeps Int32 and Double wrappers, the strictest representation.
    const recovered = docsOf(await recover({ deserializeOptions: { promoteValues: false } }), 'd', 'c');
    // Byte-identical BSON proves every value kept its type (Int32 vs Double, Long, subtypes).
    expect(recovered.map((doc) => Buffer.from(serialize(doc)))).toEqual(docs.map((doc) => Buffer.from(serialize(doc))));
    expect(recovered[0]!.long).toBeInstanceOf(Long);
    expect(recovered[0]!.decimal.toString()).toBe('1234567890.123456789012345678901234');
    expect(recovered[0]!.date).toEqual(new Date('2024-02-29T12:34:56.789Z'));
  });

  it('by default gives numbers back as JS numbers and Longs as Longs, the engine representation', async () => {
    const doc = { _id: 1, whole: 3, fraction: 0.5, long: Long.fromNumber(9), when: new Date(5), id: new ObjectId() };
    const { journal } = await openStorage(dir);
    await journal.append([put(doc)]);
    await journal.close();

    const recovered = docsOf(await recover(), 'd', 'c')[0]!;
    expect(recovered).toEqual(doc);
    expect(recovered.long).toBeInstanceOf(Long);
    expect(Buffer.from(serialize(recovered))).toEqual(Buffer.from(serialize(doc)));
  });

  it('replays puts, deletes, collections, databases and indexes in order', async () => {
    const { journal } = await openStorage(dir);
    await journal.append([
      { op: 'createCollection', db: 'shop', coll: 'orders', options: { validator: { total: { $gte: 0 } } } },
      { op: 'createIndex', db: 'shop', coll: 'orders', spec: { name: 'customer_1', key: { customer: 1 } } },
      { op: 'createIndex', db: 'shop', coll: 'orders', spec: { name: 'sku_1', key: { sku: 1 }, unique: true } },
      put({ _id: 1, customer: 'a', total: 5 }, 'orders', 'shop'),
      put({ _id: 2, customer: 'b', total: 7 }, 'orders', 'shop'),
    ]);
    await journal.append([
      put({ _id: 1, customer: 'a', total: 6 }, 'orders', 'shop'),
      { op: 'delete', db: 'shop', coll: 'orders', id: 2 },
      { op: 'dropIndex', db: 'shop', coll: 'orders', name: 'sku_1' },
      put({ _id: 'x' }, 'gone', 'shop'),
      { op: 'dropCollection', db: 'shop', coll: 'gone' },
      put({ _id: 'y' }, 'any', 'scratch'),
      { op: 'dropDatabase', db: 'scratch' },
    ]);
    await journal.close();

    const state = await recover();
    expect([...state.keys()]).toEqual(['shop']);
    expect([...state.get('shop')!.keys()]).toEqual(['orders']);
    expect(state.get('shop')!.get('orders')).toEqual({
      options: { validator: { total: { $gte: 0 } } },
      indexes: [{ name: 'customer_1', key: { customer: 1 } }],
      docs: [{ _id: 1, customer: 'a', total: 6 }],
    });
  });

  it('logs a batch as it was when appended, even if the caller changes the objects afterwards', async () => {
    const { journal } = await openStorage(dir);
    const doc: Document = { _id: 'k', v: 1 };
    const acknowledged = journal.append([put(doc)]);
    doc.v = 2;
    await acknowledged;
    await journal.close();
    expect(docsOf(await recover(), 'd', 'c')).toEqual([{ _id: 'k', v: 1 }]);
  });

  it('counts the log bytes recovery would replay, also after a restart', async () => {
    const { journal } = await openStorage(dir);
    expect(journal.logBytes).toBe(0);
    await journal.append([put({ _id: 1, text: 'x'.repeat(1000) })]);
    const written = journal.logBytes;
    expect(written).toBeGreaterThan(1000);
    await journal.close();
    const reopened = await openStorage(dir);
    expect(reopened.journal.logBytes).toBe(written);
    await reopened.journal.close();
  });

  it('says so when the data directory is a file', async () => {
    const file = path.join(dir, 'not-a-dir');
    await writeFile(file, '');
    await expect(openStorage(file)).rejects.toThrow(`data directory ${file} exists and is not a directory`);
  });

  it('rejects appends after close', async () => {
    const { journal } = await openStorage(dir);
    await journal.close();
    await expect(journal.append([put({ _id: 1 })])).rejects.toThrow(/closed/);
  });
});

describe('group commit', () => {
  it('acknowledges many concurrent appends with fewer syncs, all recovered in append order', async () => {
    const { journal } = await openStorage(dir);
    const appends = Array.from({ length: 500 }, (_, i) =>
      journal.append([put({ _id: `doc-${i}`, i }), put({ _id: 'last', i })]),
    );
    await Promise.all(appends);
    const { records, syncs } = journal.stats;
    await journal.close();

    expect(records).toBe(500);
    expect(syncs).toBeLessThan(records);
    expect(syncs).toBeGreaterThan(0);
    // Documents keep their first-insertion order; `last`, first put by batch 0 and overwritten by
    // every later batch, holds the last batch's value.
    const docs = docsOf(await recover(), 'd', 'c');
    expect(docs.map((d) => [d._id, d.i])).toEqual([
      ['doc-0', 0],
      ['last', 499],
      ...Array.from({ length: 499 }, (_, k) => [`doc-${k + 1}`, k + 1]),
    ]);
  });

  it('syncs each append on its own when they come one after another', async () => {
    const { journal } = await openStorage(dir);
    for (let i = 0; i < 5; i += 1) await journal.append([put({ _id: i })]);
    expect(journal.stats).toMatchObject({ records: 5, syncs: 5 });
    await journal.close();
  });
});

describe('a torn or damaged log', () => {
  /** Three batches; returns where the last record starts and the log's full size. */
  async function writeThreeBatches(): Promise<{ lastStart: number; end: number }> {
    const { journal } = await openStorage(dir);
    await journal.append([put({ _id: 1, v: 'first' })]);
    await journal.append([put({ _id: 2, v: 'second' }), put({ _id: 3, v: 'second' })]);
    const lastStart = (await stat(await logFile())).size;
    await journal.append([put({ _id: 4, v: 'third' }), put({ _id: 5, v: 'third' }), { op: 'delete', db: 'd', coll: 'c', id: 1 }]);
    await journal.close();
    return { lastStart, end: (await stat(await logFile())).size };
  }

  it('drops a last record cut at any byte, keeps the batches before it, and appends after them', async () => {
    const { lastStart, end } = await writeThreeBatches();
    const log = await logFile();
    const pristine = await readFile(log);
    for (let cut = lastStart; cut < end; cut += 1) {
      await writeFile(log, pristine.subarray(0, cut));
      const { state, journal } = await openStorage(dir);
      expect(docsOf(state, 'd', 'c').map((d) => d._id)).toEqual([1, 2, 3]);
      // The torn bytes are gone, so a new batch follows the intact ones and is recovered.
      await journal.append([put({ _id: 'after', cut })]);
      await journal.close();
      expect(docsOf(await recover(), 'd', 'c').map((d) => d._id)).toEqual([1, 2, 3, 'after']);
    }
  });

  it('recovers every batch when the log is intact', async () => {
    await writeThreeBatches();
    expect(docsOf(await recover(), 'd', 'c').map((d) => d._id)).toEqual([2, 3, 4, 5]);
  });

  it('drops a zero-filled tail (what a power cut can leave after an append)', async () => {
    const { end } = await writeThreeBatches();
    const log = await logFile();
    await writeFile(log, Buffer.concat([await readFile(log), Buffer.alloc(4096)]));
    expect(docsOf(await recover(), 'd', 'c').map((d) => d._id)).toEqual([2, 3, 4, 5]);
    expect((await stat(log)).size).toBe(end);
  });

  it('refuses to start when a record in the middle fails its checksum', async () => {
    const { lastStart } = await writeThreeBatches();
    const log = await logFile();
    const bytes = await readFile(log);
    bytes[lastStart - 3]! ^= 0xff; // inside the second batch's payload
    await writeFile(log, bytes);
    const opening = openStorage(dir);
    await expect(opening).rejects.toThrow(CorruptDataError);
    await expect(opening).rejects.toThrow(/log-000000000001\.wal at byte \d+: a record fails its checksum and intact records follow it/);
    // The lock was released: a fixed directory opens again.
    bytes[lastStart - 3]! ^= 0xff;
    await writeFile(log, bytes);
    expect(docsOf(await recover(), 'd', 'c')).toHaveLength(4);
  });

  it('refuses to start when a record header in the middle is damaged', async () => {
    await writeThreeBatches();
    const log = await logFile();
    const bytes = await readFile(log);
    bytes[16]! ^= 0x01; // the first record's length
    await writeFile(log, bytes);
    await expect(openStorage(dir)).rejects.toThrow(/at byte 16: a record header fails its checksum/);
  });

  it('refuses a file that is not a log of this format', async () => {
    await writeThreeBatches();
    const log = await logFile();
    const bytes = await readFile(log);
    bytes.write('NOTALOG!', 0, 'latin1');
    await writeFile(log, bytes);
    await expect(openStorage(dir)).rejects.toThrow(/does not start with OMXWAL01/);
  });
});

describe('compaction', () => {
  const dumpOf = (docs: Iterable<Document>) =>
    function* dump(): Iterable<Mutation> {
      yield { op: 'createIndex', db: 'd', coll: 'c', spec: { name: 'v_1', key: { v: 1 } } };
      for (const doc of docs) yield put(doc);
    };

  it('snapshots the state, starts a new log, deletes the old files, and recovers snapshot + new log', async () => {
    const memory = new Map<number, Document>();
    const { journal } = await openStorage(dir);
    for (let i = 0; i < 50; i += 1) {
      const doc = { _id: i, v: Long.fromNumber(i) };
      memory.set(i, doc);
      await journal.append([put(doc)]);
    }
    const before = journal.logBytes;
    await journal.compact(dumpOf(memory.values()));
    expect(journal.logBytes).toBe(0);
    expect(before).toBeGreaterThan(0);
    expect((await readdir(dir)).sort()).toEqual(['lock.json', 'log-000000000002.wal', 'snapshot-000000000002.bson']);

    await journal.append([put({ _id: 0, v: 'changed after the snapshot' }), { op: 'delete', db: 'd', coll: 'c', id: 1 }]);
    await journal.close();

    const state = await recover();
    expect(state.get('d')!.get('c')!.indexes).toEqual([{ name: 'v_1', key: { v: 1 } }]);
    const docs = docsOf(state, 'd', 'c');
    expect(docs).toHaveLength(49);
    expect(docs[0]).toEqual({ _id: 0, v: 'changed after the snapshot' });
    expect(docs.find((d) => d._id === 2)!.v).toEqual(Long.fromNumber(2));
  });

  it('loses nothing when writes continue while the snapshot is written', async () => {
    const memory = new Map<number, Document>();
    let writes = 0;
    const writesAt: Partial<Record<string, number>> = {};
    const { journal } = await openStorage(dir, { onCompactionStep: (step) => (writesAt[step] = writes) });
    const padding = 'x'.repeat(200); // enough bytes for the snapshot to take several records
    for (let i = 0; i < 20_000; i += 1) memory.set(i, { _id: i, v: 0, padding });
    await journal.append([...memory.values()].map((doc) => put(doc)));

    // Engine-like writers: apply in memory, then log; updates, deletes and re-inserts (which a
    // Map iterator may visit twice) interleaved with the snapshot's records.
    let compacting = true;
    const compaction = journal.compact(dumpOf(memory.values())).finally(() => (compacting = false));
    const acknowledged: Promise<void>[] = [];
    for (let k = 0; compacting; k += 1) {
      const id = (k * 7919) % 20_000;
      if (k % 3 === 2) {
        memory.delete(id);
        acknowledged.push(journal.append([{ op: 'delete', db: 'd', coll: 'c', id }]));
      } else {
        const doc = { _id: id, v: k + 1, padding };
        memory.delete(id);
        memory.set(id, doc);
        acknowledged.push(journal.append([put(doc)]));
      }
      writes += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([compaction, ...acknowledged]);
    await journal.close();

    expect(writesAt['snapshot-written']! - writesAt['log-switched']!).toBeGreaterThan(0);
    const recovered = new Map(docsOf(await recover(), 'd', 'c').map((d) => [d._id, d.v]));
    expect(recovered).toEqual(new Map([...memory.values()].map((d) => [d._id, d.v])));
  });

  it('joins a compaction already running', async () => {
    const { journal } = await openStorage(dir);
    await journal.append([put({ _id: 1 })]);
    const first = journal.compact(dumpOf([{ _id: 1 }]));
    const second = journal.compact(dumpOf([{ _id: 'never used' }]));
    expect(second).toBe(first);
    await first;
    await journal.close();
    expect(docsOf(await recover(), 'd', 'c')).toEqual([{ _id: 1 }]);
  });

  it('keeps the old log when the snapshot cannot be written, and keeps working', async () => {
    const { journal } = await openStorage(dir);
    await journal.append([put({ _id: 1 })]);
    await expect(
      journal.compact(function* () {
        yield put({ _id: 1 });
        throw new Error('the engine failed half-way through its dump');
      }),
    ).rejects.toThrow(/half-way/);
    await journal.append([put({ _id: 2 })]);
    expect(journal.logBytes).toBeGreaterThan(0);
    await journal.close();
    expect((await readdir(dir)).sort()).toEqual(['log-000000000001.wal', 'log-000000000002.wal']);
    expect(docsOf(await recover(), 'd', 'c').map((d) => d._id)).toEqual([1, 2]);
  });

  it('refuses a snapshot cut short (snapshots are complete by construction)', async () => {
    const { journal } = await openStorage(dir);
    await journal.append([put({ _id: 1 })]);
    await journal.compact(dumpOf([{ _id: 1 }]));
    await journal.close();
    const snapshot = path.join(dir, 'snapshot-000000000002.bson');
    const bytes = await readFile(snapshot);
    await truncate(snapshot, bytes.length - 1);
    await expect(openStorage(dir)).rejects.toThrow(/snapshot-000000000002\.bson.*the snapshot is incomplete/);
  });

  it('refuses to start when the log that follows the snapshot is missing', async () => {
    const { journal } = await openStorage(dir);
    await journal.append([put({ _id: 1 })]);
    await journal.compact(dumpOf([{ _id: 1 }]));
    await journal.close();
    await rm(path.join(dir, 'log-000000000002.wal'));
    await expect(openStorage(dir)).rejects.toThrow(/log-000000000002\.wal: missing/);
  });
});
