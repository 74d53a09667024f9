/**
 * Recovery speed of the embedded server (target: 1M documents in < 10 s): storage replayed into the engine, indexes built.
 *
 *   npx tsx bench/embedded-mongo-recovery.ts [--docs 1000000] [--runs 3] [--batch 1000]
 *     [--shape small|customer] [--layouts log,snapshot,half] [--keep DIR] [--no-decode]
 *
 * Builds data directories holding `--docs` documents three ways (all in the log, all in a
 * snapshot, half and half), then opens each `--runs` times, every time in a fresh Node process so
 * the time and RSS are those of a server starting up; alternated with a bare bson decode of the same
 * files for scale. Prints medians. Not a test: nothing asserts.
 *
 * `--shape small` (default) documents have an ObjectId `_id` and six fields; `--shape customer`
 * ones are bench/embedded-mongo.ts's customers (string `_id`, subdocument, Decimal128, array).
 * `--keep DIR` builds each layout once under DIR (DIR/<layout>-<shape>-<docs>) and reuses it on
 * later runs, so two versions of the code can be compared on the same files within minutes.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { Long, ObjectId, deserialize, type Document } from 'bson';
import { Command } from 'commander';
import { Engine } from '../src/engine/engine';
import { RecoveryLoader } from '../src/engine/recovery';
import { openStorage, openStorageInto, type Mutation } from '../src/storage';
import { customer } from './support/customer-documents';

interface RecoveryRun {
  ms: number;
  /** CPU time (user + system, all threads): less disturbed than wall time on a busy machine. */
  cpuMs: number;
  /** Of `ms`, the time spent building indexes once the files were replayed (recovery runs only). */
  indexMs?: number;
  indexCpuMs?: number;
  rssMiB: number;
  docs: number;
}

/**
 * Child mode: open the directory once as the server does (replayed straight into an engine, whose
 * indexes are then built), report time, RSS and what was recovered.
 */
async function recoverOnce(dir: string): Promise<void> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const engine = new Engine();
  const loader = new RecoveryLoader(engine);
  const { journal } = await openStorageInto(dir, loader);
  const replayed = process.hrtime.bigint();
  const cpuReplayed = process.cpuUsage();
  loader.finish();
  const indexCpu = process.cpuUsage(cpuReplayed);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const indexMs = Number(process.hrtime.bigint() - replayed) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  let docs = 0;
  for (const collections of engine.databases.values()) for (const collection of collections.values()) docs += collection.size;
  const indexCpuMs = (indexCpu.user + indexCpu.system) / 1000;
  const run: RecoveryRun = { ms, cpuMs, indexMs, indexCpuMs, rssMiB: process.memoryUsage().rss / 2 ** 20, docs };
  await journal.close();
  process.stdout.write(JSON.stringify(run));
}

/**
 * Child mode, for scale: the irreducible part of any recovery that hands the engine `bson`
 * documents, i.e. reading the same files and deserializing every document in them, kept in an
 * array, with no checksums, no replay and no dedup. Recovery time is best read against this on a
 * machine whose load varies.
 */
async function decodeOnce(dir: string): Promise<void> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const kept: Document[] = [];
  const options = { promoteLongs: false, allowObjectSmallerThanBufferSize: true, index: 0, validation: { utf8: false as const } };
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.wal') && !name.endsWith('.bson')) continue;
    const bytes = await readFile(path.join(dir, name));
    for (let record = 16; record + 12 <= bytes.length; ) {
      const end = record + 12 + bytes.readUInt32LE(record);
      for (let at = record + 12; at < end; at += bytes.readInt32LE(at)) {
        options.index = at;
        kept.push(deserialize(bytes, options));
      }
      record = end;
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const run: RecoveryRun = { ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMiB: process.memoryUsage().rss / 2 ** 20, docs: kept.length };
  process.stdout.write(JSON.stringify(run));
}


function makeSmallDoc(i: number): Document {
  return {
    _id: new ObjectId(),
    customerId: `C${String(i).padStart(8, '0')}`,
    email: `user${i}@example.com`,
    visits: i % 97,
    total: Long.fromNumber(i * 13),
    updatedAt: new Date(1_700_000_000_000 + i * 1000),
  };
}


/** Writes `docs` documents: the first `inSnapshot` of them compacted into a snapshot, the rest logged. */
async function build(dir: string, docs: number, inSnapshot: number, batchSize: number, makeDoc: (i: number) => Document): Promise<{ appendMs: number; compactMs: number }> {
  const memory: Document[] = [];
  const { journal } = await openStorage(dir);
  let appendMs = 0;
  let compactMs = 0;
  const appendRange = async (from: number, to: number) => {
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let start = from; start < to; start += batchSize) {
      const batch: Mutation[] = [];
      for (let i = start; i < Math.min(to, start + batchSize); i += 1) {
        const doc = makeDoc(i);
        memory.push(doc);
        batch.push({ op: 'put', db: 'bench', coll: 'customers', doc });
      }
      inFlight.push(journal.append(batch));
      if (inFlight.length >= 8) await inFlight.shift();
    }
    await Promise.all(inFlight);
    appendMs += performance.now() - started;
  };
  await journal.append([{ op: 'createIndex', db: 'bench', coll: 'customers', spec: { name: 'email_1', key: { email: 1 }, unique: true } }]);
  await appendRange(0, inSnapshot);
  if (inSnapshot > 0) {
    const started = performance.now();
    await journal.compact(function* () {
      yield { op: 'createIndex', db: 'bench', coll: 'customers', spec: { name: 'email_1', key: { email: 1 }, unique: true } };
      for (const doc of memory) yield { op: 'put', db: 'bench', coll: 'customers', doc };
    });
    compactMs = performance.now() - started;
  }
  await appendRange(inSnapshot, docs);
  await journal.close();
  return { appendMs, compactMs };
}

async function dirMiB(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(path.join(dir, name))).size;
  return bytes / 2 ** 20;
}

function runChild(mode: '--recover-once' | '--decode-once', dir: string): RecoveryRun {
  const child = spawnSync(process.execPath, ['-r', 'tsx/cjs', __filename, mode, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} ${dir} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as RecoveryRun;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function summary(runs: RecoveryRun[]): string {
  return (
    `median ${seconds(median(runs.map((r) => r.ms)))} s (runs ${runs.map((r) => seconds(r.ms)).join(', ')}),` +
    ` CPU ${seconds(median(runs.map((r) => r.cpuMs)))} s, RSS ${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB` +
    (runs[0]?.indexMs === undefined ? '' : `, of which index builds ${seconds(median(runs.map((r) => r.indexMs ?? 0)))} s (CPU ${seconds(median(runs.map((r) => r.indexCpuMs ?? 0)))} s)`)
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const program = new Command()
    .option('--docs <n>', 'documents', '1000000')
    .option('--runs <n>', 'recoveries per layout', '3')
    .option('--batch <n>', 'documents per appended batch', '1000')
    .option('--shape <shape>', 'documents: small (ObjectId _id) or customer (string _id, as bench/embedded-mongo.ts)', 'small')
    .option('--layouts <list>', 'which layouts, comma-separated: log, snapshot, half', 'log,snapshot,half')
    .option('--keep <dir>', 'build the directories under DIR once and reuse them (not deleted)')
    .option('--no-decode', 'skip the bare bson decode runs')
    .option('--recover-once <dir>', 'internal: open DIR once and print the figures')
    .option('--decode-once <dir>', 'internal: only deserialize the documents of DIR, for scale')
    .parse();
  const options = program.opts<{
    docs: string;
    runs: string;
    batch: string;
    shape: string;
    layouts: string;
    keep?: string;
    decode: boolean;
    recoverOnce?: string;
    decodeOnce?: string;
  }>();
  if (options.recoverOnce) return recoverOnce(options.recoverOnce);
  if (options.decodeOnce) return decodeOnce(options.decodeOnce);

  const docs = Number(options.docs);
  const runs = Number(options.runs);
  const batch = Number(options.batch);
  if (options.shape !== 'small' && options.shape !== 'customer') throw new Error(`--shape must be small or customer, not ${options.shape}`);
  const makeDoc = options.shape === 'customer' ? customer : makeSmallDoc;
  const allLayouts: Record<string, [string, number]> = {
    log: ['log only', 0],
    snapshot: ['snapshot only', docs],
    half: ['half snapshot, half log', Math.floor(docs / 2)],
  };
  const layouts = options.layouts.split(',').map((name) => {
    const layout = allLayouts[name.trim()];
    if (!layout) throw new Error(`--layouts: unknown layout ${name} (log, snapshot, half)`);
    return [name.trim(), ...layout] as const;
  });
  console.log(
    `${docs.toLocaleString('en')} ${options.shape} documents, batches of ${batch}, ${runs} recoveries each (fresh process each), ` +
      `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start`,
  );
  for (const [key, name, inSnapshot] of layouts) {
    const kept = options.keep ? path.join(options.keep, `${key}-${options.shape}-${docs}`) : undefined;
    const dir = kept ?? (await mkdtemp(path.join(tmpdir(), 'omnidex-recovery-bench-')));
    try {
      let built = '';
      if (kept && (await readdir(kept).catch(() => [])).length > 0) {
        built = 'reused';
      } else {
        if (kept) await mkdir(kept, { recursive: true });
        const { appendMs, compactMs } = await build(dir, docs, inSnapshot, batch, makeDoc);
        built = `append ${seconds(appendMs)} s` + (compactMs ? `, compact ${seconds(compactMs)} s` : '');
      }
      const results: RecoveryRun[] = [];
      const decodes: RecoveryRun[] = [];
      // Alternated, so both see the same machine load.
      for (let run = 0; run < runs; run += 1) {
        const result = runChild('--recover-once', dir);
        if (result.docs !== docs) throw new Error(`recovered ${result.docs} documents, expected ${docs}`);
        results.push(result);
        if (options.decode) decodes.push(runChild('--decode-once', dir));
      }
      console.log(
        `${name}: files ${(await dirMiB(dir)).toFixed(0)} MiB, ${built}, load average ${os.loadavg()[0]!.toFixed(1)} at end` +
          `\n  recovery     ${summary(results)}` +
          (options.decode ? `\n  bson decode  ${summary(decodes)}` : ''),
      );
    } finally {
      if (!kept) await rm(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
