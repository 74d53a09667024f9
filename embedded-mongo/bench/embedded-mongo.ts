/**
 * The embedded MongoDB-compatible server, measured through the official driver as Omnidex uses it.
 *
 *   npx tsx bench/embedded-mongo.ts [--docs 100000] [--runs 5] [--recovery-docs 1000000] [--memory]
 *
 * Each run starts a server on a fresh data directory (durable: every write acknowledged only once
 * on disk; `--memory` for the in-memory server), loads `--docs` customer-like documents with
 * insertMany, then times an indexed find, `$in` over 1,000 indexed ids, a range scan, a
 * 2,000-upsert bulkWrite, a `$group` aggregation and the restart (recovery) of that directory.
 * A last phase loads `--recovery-docs` documents and times their recovery. Prints medians.
 * Targets from the issue: $in < 20 ms, 2,000 upserts < 0.5 s, insertMany 100k < 3 s,
 * recovery of 1M documents < 10 s. Not a test: nothing asserts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { MongoClient, type AnyBulkWriteOperation } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';
import { customer, type Customer } from './support/customer-documents';


const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function timed<T>(body: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await body();
  return [performance.now() - started, result];
}

async function start(dataDir: string | undefined): Promise<{ server: EmbeddedMongo; client: MongoClient }> {
  const server = await startEmbeddedMongo(dataDir ? { dataDir } : {});
  const client = await new MongoClient(server.uri).connect();
  return { server, client };
}

async function stop({ server, client }: { server: EmbeddedMongo; client: MongoClient }): Promise<void> {
  await client.close();
  await server.close();
}

/**
 * A query a service repeats all day is timed as the median of `repetitions` runs after a warm-up
 * run, rather than by its first, cold execution (JIT compilation of the query path).
 */
async function steadyMedian(body: () => Promise<unknown>, repetitions = 15): Promise<number> {
  await body();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) times.push((await timed(body))[0]);
  return median(times);
}

type Figures = Record<string, number>;

async function oneRun(docs: number, memory: boolean): Promise<Figures> {
  const dataDir = memory ? undefined : await mkdtemp(path.join(tmpdir(), 'omnidex-bench-'));
  const figures: Figures = {};
  try {
    let running = await start(dataDir);
    let coll = running.client.db('bench').collection<Customer>('customers');
    await coll.createIndexes([{ key: { email: 1 }, unique: true }, { key: { seq: 1 } }, { key: { city: 1, seq: 1 } }]);

    const all = Array.from({ length: docs }, (_, i) => customer(i));
    [figures['insertMany (ms)']] = await timed(() => coll.insertMany(all, { ordered: false }));

    const probes = Array.from({ length: 200 }, (_, i) => `person${(i * 7919) % docs}@example.com`);
    const [findAll] = await timed(async () => {
      for (const email of probes) await coll.findOne({ email });
    });
    figures['indexed findOne, per query (ms)'] = findAll / probes.length;

    const ids = Array.from({ length: 1000 }, (_, i) => `cust-${(i * 97) % docs}`);
    const found = await coll.find({ _id: { $in: ids } }).toArray();
    if (found.length !== new Set(ids).size) throw new Error(`$in found ${found.length} documents`);
    figures['$in over 1,000 _ids (ms)'] = await steadyMedian(() => coll.find({ _id: { $in: ids } }).toArray());
    const emails = ids.map((id) => `person${id.slice(5)}@example.com`);
    figures['$in over 1,000 emails, secondary index (ms)'] = await steadyMedian(() => coll.find({ email: { $in: emails } }).toArray());

    [figures['range scan, 1,000 of seq (ms)']] = await timed(() => coll.find({ seq: { $gte: 5000, $lt: 6000 } }).toArray());
    [figures['sorted page: city = x, sort seq, limit 50 (ms)']] = await timed(() =>
      coll.find({ city: 'city-7' }).sort({ seq: -1 }).limit(50).toArray(),
    );

    const upserts: AnyBulkWriteOperation<Customer>[] = Array.from({ length: 2000 }, (_, i) => ({
      updateOne: {
        // Half update existing customers, half create new ones.
        filter: { email: `person${i % 2 === 0 ? i * 13 : docs + i}@example.com` },
        update: { $set: { lastSeen: new Date(), city: 'moved' }, $inc: { visits: 1 }, $setOnInsert: { seq: docs + i } },
        upsert: true,
      },
    }));
    [figures['bulkWrite of 2,000 upserts (ms)']] = await timed(() => coll.bulkWrite(upserts, { ordered: false }));

    [figures['$group by city over all documents (ms)']] = await timed(() =>
      coll.aggregate([{ $group: { _id: '$city', total: { $sum: '$amount' }, n: { $sum: 1 } } }, { $sort: { total: -1 } }]).toArray(),
    );
    [figures['countDocuments with a filter on an unindexed field (ms)']] = await timed(() => coll.countDocuments({ amount: { $gt: 50 } }));

    figures['RSS after load (MiB)'] = process.memoryUsage().rss / 1048576;

    if (dataDir) {
      await stop(running);
      [figures['restart with recovery (ms)']] = await timed(async () => {
        running = await start(dataDir);
      });
      coll = running.client.db('bench').collection<Customer>('customers');
      const count = await coll.estimatedDocumentCount();
      if (count !== docs + 1000) throw new Error(`recovered ${count} documents, expected ${docs + 1000}`);
    }
    await stop(running);
  } finally {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/**
 * Fills a data directory through a server that is then closed. A function of its own, so that
 * server (and its million documents) is garbage by the time the restarts are timed: held in a
 * variable of the timing loop, it stayed reachable and the restarts measured the garbage
 * collector marking two copies of the data instead of one recovery.
 */
async function fillRecoveryDirectory(dataDir: string, docs: number): Promise<void> {
  const running = await start(dataDir);
  const coll = running.client.db('bench').collection<Customer>('customers');
  await coll.createIndex({ email: 1 }, { unique: true });
  for (let from = 0; from < docs; from += 50_000) {
    await coll.insertMany(Array.from({ length: Math.min(50_000, docs - from) }, (_, i) => customer(from + i)), { ordered: false });
  }
  await stop(running);
}

async function recoveryRun(docs: number, restarts: number): Promise<number[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'omnidex-bench-recovery-'));
  try {
    await fillRecoveryDirectory(dataDir, docs);
    const times: number[] = [];
    for (let r = 0; r < restarts; r++) {
      let again: { server: EmbeddedMongo; client: MongoClient } | undefined;
      const [ms] = await timed(async () => {
        again = await start(dataDir);
      });
      times.push(ms);
      if (again) await stop(again);
    }
    return times;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--docs <n>', 'documents per run', '100000')
    .option('--runs <n>', 'runs (medians are printed)', '5')
    .option('--recovery-docs <n>', 'documents for the recovery phase (0 to skip)', '1000000')
    .option('--memory', 'use the in-memory server (no data directory)')
    .parse()
    .opts<{ docs: string; runs: string; recoveryDocs: string; memory?: boolean }>();
  const docs = Number(options.docs);
  const runs = Number(options.runs);
  console.log(`embedded-mongo: ${docs} documents, ${runs} runs, ${options.memory ? 'in memory' : 'on a data directory'}`);
  const results: Figures[] = [];
  for (let r = 0; r < runs; r++) {
    results.push(await oneRun(docs, options.memory === true));
    process.stdout.write(`  run ${r + 1}/${runs} done\n`);
  }
  for (const key of Object.keys(results[0] ?? {})) {
    const values = results.map((f) => f[key] as number);
    console.log(`${key.padEnd(58)} median ${median(values).toFixed(2).padStart(9)}   runs: ${values.map((v) => v.toFixed(1)).join(', ')}`);
  }
  const recoveryDocs = Number(options.recoveryDocs);
  if (recoveryDocs > 0 && !options.memory) {
    const times = await recoveryRun(recoveryDocs, 3);
    console.log(
      `${`restart with recovery of ${recoveryDocs} documents (ms)`.padEnd(58)} median ${median(times).toFixed(0).padStart(9)}   runs: ${times.map((v) => v.toFixed(0)).join(', ')}`,
    );
    console.log(`${'RSS after the recovery phase (MiB)'.padEnd(58)} ${(process.memoryUsage().rss / 1048576).toFixed(0).padStart(16)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
