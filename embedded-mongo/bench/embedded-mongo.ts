/**
 * The embedded MongoDB-compatible server on a data directory, measured through the official
 * driver as Omnidex uses it, against the targets of issue 13.
 *
 *   npx omnidex bench embedded-mongo [--docs 100000] [--large-docs 1000000] [--runs 3] [--keep DIR]
 *
 * Each run starts a server in this process, as `npm start` runs it beside Omnidex, on a fresh
 * data directory, creates three indexes and times insertMany of `--docs` customer-like documents,
 * an indexed findOne, `$in` over 1,000 `_id`s and a 2,000-upsert bulkWrite. The large phase fills
 * a directory with `--large-docs` documents once (or reuses `--keep DIR`), then each run opens it
 * in a server process of its own (bench/support/server-process.ts) that has not opened it before,
 * so that the RSS read afterwards is the server's alone: it times the open and first query, reads
 * the RSS, and times a projected scan of every document. Prints medians. Not a test: nothing
 * asserts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { MongoClient, type AnyBulkWriteOperation } from 'mongodb';
import { startEmbeddedMongo } from '../src';
import { customer, type Customer } from './support/customer-documents';

const TARGETS: Record<string, string> = {
  'insertMany (ms)': '< 1500',
  'indexed findOne, median of 200 (ms)': '< 0.3',
  '$in over 1,000 _ids (ms)': '< 10',
  'bulkWrite of 2,000 upserts (ms)': '< 150',
  'open of the large directory + first query (ms)': '< 1000',
  'server RSS after that open and query (MiB)': '< 300',
  'projected scan of every document (ms)': '< 3000',
};

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

/** A server process, and a request/reply over its IPC channel. */
class ServerProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'server-process.ts')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const server = new ServerProcess(child);
    await server.reply();
    return server;
  }

  async open(dataDir: string): Promise<string> {
    this.child.send({ open: dataDir });
    const { port } = await this.reply();
    return `mongodb://127.0.0.1:${port}/?directConnection=true`;
  }

  async rss(): Promise<number> {
    this.child.send({ rss: true });
    return (await this.reply()).rss as number;
  }

  async stop(): Promise<void> {
    this.child.send({ close: true });
    await this.reply();
    this.child.disconnect();
  }

  private reply(): Promise<Record<string, number>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the server process exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (message: Record<string, number>) => {
        this.child.off('exit', onExit);
        resolve(message);
      });
    });
  }
}

/**
 * A query a service repeats all day is timed as the median of `repetitions` runs after a warm-up
 * run, rather than by its first, cold execution.
 */
async function steadyMedian(body: () => Promise<unknown>, repetitions = 15): Promise<number> {
  await body();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) times.push((await timed(body))[0]);
  return median(times);
}

type Figures = Record<string, number>;

async function smallRun(docs: number): Promise<Figures> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'omnidex-bench-'));
  const server = await startEmbeddedMongo({ dataDir });
  const figures: Figures = {};
  try {
    const client = await new MongoClient(server.uri).connect();
    const coll = client.db('bench').collection<Customer>('customers');
    await coll.createIndexes([{ key: { email: 1 }, unique: true }, { key: { seq: 1 } }, { key: { city: 1, seq: 1 } }]);

    const all = Array.from({ length: docs }, (_, i) => customer(i));
    [figures['insertMany (ms)']] = await timed(() => coll.insertMany(all, { ordered: false }));

    const probes = Array.from({ length: 200 }, (_, i) => `person${(i * 7919) % docs}@example.com`);
    await coll.findOne({ email: probes[0] });
    const times: number[] = [];
    for (const email of probes) times.push((await timed(() => coll.findOne({ email })))[0]);
    figures['indexed findOne, median of 200 (ms)'] = median(times);

    const ids = Array.from({ length: 1000 }, (_, i) => `cust-${(i * 97) % docs}`);
    const found = await coll.find({ _id: { $in: ids } }).toArray();
    if (found.length !== new Set(ids).size) throw new Error(`$in found ${found.length} documents`);
    figures['$in over 1,000 _ids (ms)'] = await steadyMedian(() => coll.find({ _id: { $in: ids } }).toArray());

    const upserts: AnyBulkWriteOperation<Customer>[] = Array.from({ length: 2000 }, (_, i) => ({
      updateOne: {
        // Half update existing customers, half create new ones.
        filter: { email: `person${i % 2 === 0 ? i * 13 : docs + i}@example.com` },
        update: { $set: { lastSeen: new Date(), city: 'moved' }, $inc: { visits: 1 }, $setOnInsert: { seq: docs + i } },
        upsert: true,
      },
    }));
    [figures['bulkWrite of 2,000 upserts (ms)']] = await timed(() => coll.bulkWrite(upserts, { ordered: false }));
    await client.close();
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/** Fills a data directory with `docs` customers (unique index on email), in batches of 50,000. */
async function fillLargeDirectory(dataDir: string, docs: number): Promise<void> {
  const server = await ServerProcess.start();
  try {
    const client = await new MongoClient(await server.open(dataDir)).connect();
    const coll = client.db('bench').collection<Customer>('customers');
    await coll.createIndex({ email: 1 }, { unique: true });
    for (let from = 0; from < docs; from += 50_000) {
      await coll.insertMany(Array.from({ length: Math.min(50_000, docs - from) }, (_, i) => customer(from + i)), { ordered: false });
      process.stdout.write(`  filled ${Math.min(from + 50_000, docs)} of ${docs}\n`);
    }
    await client.close();
  } finally {
    await server.stop();
  }
}

async function largeRun(dataDir: string, docs: number): Promise<Figures> {
  const figures: Figures = {};
  const server = await ServerProcess.start();
  try {
    let client: MongoClient | undefined;
    [figures['open of the large directory + first query (ms)']] = await timed(async () => {
      client = await new MongoClient(await server.open(dataDir)).connect();
      const first = await client.db('bench').collection<Customer>('customers').findOne({ email: `person${docs >> 1}@example.com` });
      if (!first) throw new Error('the first query found nothing');
    });
    figures['server RSS after that open and query (MiB)'] = (await server.rss()) / 1048576;
    const coll = (client as MongoClient).db('bench').collection<Customer>('customers');
    [figures['projected scan of every document (ms)']] = await timed(async () => {
      let n = 0;
      for await (const doc of coll.find({}, { projection: { email: 1, city: 1 } })) if (doc.email) n++;
      if (n !== docs) throw new Error(`the scan read ${n} documents`);
    });
    await client?.close();
  } finally {
    await server.stop();
  }
  return figures;
}

function print(results: Figures[]): void {
  for (const key of Object.keys(results[0] ?? {})) {
    const values = results.map((f) => f[key] as number);
    const shown = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
    console.log(
      `${key.padEnd(50)} median ${shown(median(values)).padStart(8)}   target ${(TARGETS[key] ?? '').padEnd(7)}   runs: ${values.map(shown).join(', ')}`,
    );
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--docs <n>', 'documents inserted per run', '100000')
    .option('--large-docs <n>', 'documents of the large directory (0 to skip)', '1000000')
    .option('--runs <n>', 'runs (medians are printed)', '3')
    .option('--keep <dir>', 'keep the large directory here, and reuse it if it exists')
    .parse()
    .opts<{ docs: string; largeDocs: string; runs: string; keep?: string }>();
  const docs = Number(options.docs);
  const largeDocs = Number(options.largeDocs);
  const runs = Number(options.runs);
  console.log(`embedded-mongo: ${runs} runs of ${docs} documents, then ${runs} opens of a directory of ${largeDocs}`);
  const results: Figures[] = [];
  for (let r = 0; r < runs; r++) {
    results.push(await smallRun(docs));
    process.stdout.write(`  run ${r + 1}/${runs} done\n`);
  }
  if (largeDocs > 0) {
    const dataDir = options.keep ?? (await mkdtemp(path.join(tmpdir(), 'omnidex-bench-large-')));
    try {
      if (!(await stat(path.join(dataDir, 'omnidex.mdb')).catch(() => undefined))) await fillLargeDirectory(dataDir, largeDocs);
      for (let r = 0; r < runs; r++) {
        Object.assign(results[r] ?? (results[r] = {}), await largeRun(dataDir, largeDocs));
        process.stdout.write(`  open ${r + 1}/${runs} done\n`);
      }
    } finally {
      if (!options.keep) await rm(dataDir, { recursive: true, force: true });
    }
  }
  print(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
