/**
 * Identity resolution end to end: accuracy and throughput on the seed generator's data and on two
 * outside record-linkage benchmarks, each through the real `omnidex import` and `omnidex resolve`.
 *
 *   omnidex bench identity [--only seed,splink,febrl3] [--customers 10000] [--seed 1] [--in-process]
 *                          [--incremental 0.01] [--core]
 *
 * For each data set: pairwise precision / recall / F1 (`pairwiseScores`), over-merges (customers
 * holding records of more than one true person), and the recall of blocking (true pairs the
 * matcher compares at all, per rule). The seed also reports F1 over the pairs its data can link
 * (`linkableScores`, see LINKABLE_DEFINITION) and throughput: rows/s and records/s for import,
 * records/s for resolve, with the CPU time of this process and of the database and the load
 * average, since the machine is shared. Splink's fake_1000 and FEBRL3 come from
 * ../shared/datasets (bench/identity/datasets.ts maps them; skipped with a message when absent).
 *
 * `--incremental 0.01` imports and resolves the seed without its last 1 % of rows first, then
 * times resolving that 1 % (the incremental target); `--core` times the pure core
 * (`clusterRecords`) on the seed's records in memory, without a database.
 *
 * The database is `MONGODB_URI` when set; otherwise the embedded server, in memory, in a child
 * process of its own — as it runs under `omnidex serve` or any real MongoDB, so that the client and
 * the database each have a core and a heap. `--in-process` starts it in this process instead.
 * At 100k customers give Node room: `NODE_OPTIONS=--max-old-space-size=14000`. Not a test:
 * nothing asserts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { parse as parseCsv } from 'csv-parse/sync';
import { importDirectory } from '../src/import';
import {
  blockingRecall,
  clusterRecords,
  defaultResolveConfig,
  fromCrmContact,
  fromPosMember,
  fromPosTransaction,
  fromWebVisitor,
  linkableScores,
  pairwiseScores,
  ruleOfKey,
  type BlockingRecall,
  type IdentityRecord,
  type LinkableScores,
  type PairwiseScores,
} from '../src/identity';
import { identityCollections, runResolve, type ResolveReport } from '../src/identity/store';
import { generateSeed, type GroundTruthRecord, type SeedSummary } from '../src/seed';
import { DATABASES, type PosTransactionDoc, type WebVisitorDoc } from '../src/contract/documents';
import { contactRow, eventRow, memberRow, parseCsvRecord, parseJsonLine, transactionLineRow } from '../src/contract/schemas';
import { databasesOn } from '../src/db';
import { writeFebrl3, writeSplinkFake1000, type MappedDataset } from './identity/datasets';

/** What "linkable" means in the second set of scores; printed with them. */
export const LINKABLE_DEFINITION =
  'two records of one person are linkable when a chain of that person\'s records connects them, each step sharing ' +
  'evidence no other person holds: an email (any case), phone (any format), loyalty id, web user id or payment card, ' +
  'or the same full name with the same birth date or postal code (src/seed/evidence.ts). ' +
  'Recall counts only those pairs; precision is the same as over all records.';

/** Accuracy of one resolved data set. */
export interface AccuracyResult {
  name: string;
  records: number;
  customers: number;
  scores: PairwiseScores;
  /** Customers holding records of more than one true person. */
  overMerged: number;
  blocking: BlockingRecall;
  guardDecisions: number;
  importMs: number;
  resolveMs: number;
  notes: string[];
}

export interface SeedBenchResult extends AccuracyResult {
  seed: SeedSummary;
  rows: number;
  /** Time per phase of the resolve run, in order. */
  phases: { name: string; ms: number }[];
  rerunMs: number;
  rerunUnchanged: boolean;
  report: ResolveReport;
  linkable: LinkableScores;
  /** Records the data connects to another record of their person. */
  linkableRecords: number;
  /** CPU seconds (user + system) of this process and of the database's, per phase; undefined where not measurable. */
  cpu: { import: { client: number; database?: number }; resolve: { client: number; database?: number } };
  /** 1-minute load average at the start and at the end of import and of resolve. */
  load: { import: [number, number]; resolve: [number, number] };
  /** `--incremental`: the later import's share of rows and how long its resolve took. */
  incremental?: { rows: number; records: number; resolveMs: number; report: ResolveReport };
}

interface Truth {
  person: Map<string, string>;
  evidenceGroup: Map<string, string>;
  linkableRecords: number;
}

async function readTruth(file: string): Promise<Truth> {
  const truth: Truth = { person: new Map(), evidenceGroup: new Map(), linkableRecords: 0 };
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.trim()) continue;
    const t = JSON.parse(line) as GroundTruthRecord;
    const key = `${t.source}:${t.kind}:${t.id}`;
    truth.person.set(key, t.personId);
    truth.evidenceGroup.set(key, t.evidenceGroup);
    if (t.linkable) truth.linkableRecords++;
  }
  return truth;
}

const cpuSeconds = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1e6;
const load1 = (): number => os.loadavg()[0]!;

/**
 * The embedded server in a child process (this same file, run with `--serve-database`), which
 * answers `cpu` messages with its CPU usage so the bench can tell the database's share.
 */
class DatabaseProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly uri: string,
  ) {}

  static async start(): Promise<DatabaseProcess> {
    const child = fork(__filename, ['--serve-database'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`the database process exited (code ${String(code)}) before it was ready`);
      }),
    ])) as [{ uri: string }];
    return new DatabaseProcess(child, message.uri);
  }

  async cpuSeconds(): Promise<number> {
    this.child.send('cpu');
    const [usage] = (await once(this.child, 'message')) as [NodeJS.CpuUsage];
    return cpuSeconds(usage);
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.disconnect();
    await exited;
  }
}

/** The child side of `DatabaseProcess`: serves until the parent disconnects. */
async function serveDatabase(): Promise<void> {
  const server = await startEmbeddedMongo();
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.(process.cpuUsage());
  });
  process.once('disconnect', () => void server.close().then(() => process.exit(0)));
  process.send?.({ uri: server.uri });
}

/** A database for the bench (see the header for which) and a way to empty it between data sets. */
async function openDatabase(inProcess: boolean): Promise<{ client: MongoClient; where: string; cpu: () => Promise<number | undefined>; close: () => Promise<void> }> {
  let server: EmbeddedMongo | undefined;
  let child: DatabaseProcess | undefined;
  let uri: string;
  let where: string;
  if (process.env.MONGODB_URI) {
    uri = process.env.MONGODB_URI;
    where = 'MONGODB_URI';
  } else if (inProcess) {
    uri = (server = await startEmbeddedMongo()).uri;
    where = 'in process';
  } else {
    uri = (child = await DatabaseProcess.start()).uri;
    where = 'child process';
  }
  const client = await MongoClient.connect(uri);
  return {
    client,
    where,
    cpu: async () => (child ? child.cpuSeconds() : undefined),
    close: async () => {
      await client.close();
      await server?.close();
      await child?.stop();
    },
  };
}

async function dropAll(client: MongoClient): Promise<void> {
  for (const name of Object.values(DATABASES)) await client.db(name).dropDatabase();
}

/** Scores what resolve stored against `person` (record key → true person). */
async function scoreResolved(client: MongoClient, person: Map<string, string>): Promise<Omit<AccuracyResult, 'name' | 'importMs' | 'resolveMs' | 'notes' | 'guardDecisions'> & { predicted: Map<string, string> }> {
  const predicted = new Map<string, string>();
  const keys = new Map<string, string[]>();
  const records = identityCollections(databasesOn(client).identity).records;
  for await (const r of records.find({}, { projection: { customerId: 1, blockingKeys: 1 }, batchSize: 10_000 })) {
    predicted.set(r._id, r.customerId);
    if (r.blockingKeys.length > 0) keys.set(r._id, r.blockingKeys);
  }
  const peopleOf = new Map<string, Set<string>>();
  for (const [record, customerId] of predicted) {
    const p = person.get(record);
    if (p === undefined) continue;
    let people = peopleOf.get(customerId);
    if (!people) peopleOf.set(customerId, (people = new Set()));
    people.add(p);
  }
  return {
    predicted,
    records: predicted.size,
    customers: new Set(predicted.values()).size,
    scores: pairwiseScores(predicted, person),
    overMerged: [...peopleOf.values()].filter((people) => people.size > 1).length,
    blocking: blockingRecall(person, keys, ruleOfKey, defaultResolveConfig().matching.maxBlockSize),
  };
}

/** Imports an outside data set's directory and resolves it on empty databases. */
async function benchDataset(client: MongoClient, dir: string, dataset: MappedDataset): Promise<AccuracyResult> {
  await dropAll(client);
  let started = Date.now();
  await importDirectory(databasesOn(client), dir);
  const importMs = Date.now() - started;
  started = Date.now();
  const report = await runResolve(databasesOn(client));
  const resolveMs = Date.now() - started;
  const { predicted: _ignored, ...accuracy } = await scoreResolved(client, dataset.truth);
  return { name: dataset.name, ...accuracy, guardDecisions: report.guardDecisions, importMs, resolveMs, notes: dataset.notes };
}

/** Splits every contract file of `dir` into the first `1 - share` of its rows (left in place) and the rest (moved to `later`). */
async function splitRows(dir: string, later: string, share: number): Promise<number> {
  let moved = 0;
  for (const file of ['crm/contacts.jsonl', 'crm/cases.jsonl', 'web/events.jsonl', 'pos/members.csv', 'pos/transactions.csv']) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    const header = file.endsWith('.csv') ? lines.shift()! : undefined;
    const keep = Math.round(lines.length * (1 - share));
    const withHeader = (rows: string[]) => (header ? [header, ...rows] : rows).join('\n') + '\n';
    await mkdir(path.dirname(path.join(later, file)), { recursive: true });
    await writeFile(path.join(dir, file), withHeader(lines.slice(0, keep)));
    await writeFile(path.join(later, file), withHeader(lines.slice(keep)));
    moved += lines.length - keep;
  }
  return moved;
}

/** Seed → import → resolve → score, on empty databases; with `incremental`, the last share of rows in a second run. */
async function benchSeed(
  db: Awaited<ReturnType<typeof openDatabase>>,
  options: { customers: number; seed: number; incremental?: number },
): Promise<SeedBenchResult> {
  const { client } = db;
  await dropAll(client);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'omnidex-bench-identity-'));
  try {
    const seed = await generateSeed({ customers: options.customers, seed: options.seed, until: new Date('2026-11-01T00:00:00Z'), outDir: tmp });
    const truth = await readTruth(path.join(tmp, 'ground-truth.jsonl'));
    const rows = seed.counts.contacts + seed.counts.cases + seed.counts.events + seed.counts.members + seed.counts.transactionLines;
    const later = path.join(tmp, 'later');
    const laterRows = options.incremental ? await splitRows(tmp, later, options.incremental) : 0;

    let cpuBefore = process.cpuUsage();
    let databaseBefore = await db.cpu();
    let loadBefore = load1();
    let started = Date.now();
    await importDirectory(databasesOn(client), tmp);
    const importMs = Date.now() - started;
    const importCpu = { client: cpuSeconds(process.cpuUsage(cpuBefore)), database: await db.cpu() };
    if (importCpu.database !== undefined) importCpu.database -= databaseBefore!;
    const importLoad: [number, number] = [loadBefore, load1()];

    const phases: { name: string; ms: number }[] = [];
    cpuBefore = process.cpuUsage();
    databaseBefore = await db.cpu();
    loadBefore = load1();
    let phaseStart = Date.now();
    started = phaseStart;
    const report = await runResolve(databasesOn(client), {
      onPhase: (name) => {
        const now = Date.now();
        const last = phases.at(-1);
        if (last) last.ms = now - phaseStart;
        phases.push({ name, ms: 0 });
        phaseStart = now;
      },
    });
    const resolveMs = Date.now() - started;
    const last = phases.at(-1);
    if (last) last.ms = Date.now() - phaseStart;
    const resolveCpu = { client: cpuSeconds(process.cpuUsage(cpuBefore)), database: await db.cpu() };
    if (resolveCpu.database !== undefined) resolveCpu.database -= databaseBefore!;
    const resolveLoad: [number, number] = [loadBefore, load1()];

    started = Date.now();
    const rerun = await runResolve(databasesOn(client));
    const rerunMs = Date.now() - started;

    let incremental: SeedBenchResult['incremental'];
    if (options.incremental) {
      await importDirectory(databasesOn(client), later);
      started = Date.now();
      const second = await runResolve(databasesOn(client));
      incremental = { rows: laterRows, records: second.changedRecords, resolveMs: Date.now() - started, report: second };
    }

    const { predicted, ...accuracy } = await scoreResolved(client, truth.person);
    return {
      name: `seed (${options.customers} people, seed ${options.seed})`,
      ...accuracy,
      guardDecisions: report.guardDecisions,
      importMs,
      resolveMs,
      notes: [],
      seed,
      rows,
      phases,
      rerunMs,
      rerunUnchanged: rerun.unchanged,
      report,
      linkable: linkableScores(predicted, truth.person, truth.evidenceGroup),
      linkableRecords: truth.linkableRecords,
      cpu: { import: importCpu, resolve: resolveCpu },
      load: { import: importLoad, resolve: resolveLoad },
      ...(incremental ? { incremental } : {}),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The seed's records mapped in memory and clustered by the pure core: its speed without a database. */
async function benchCore(options: { customers: number; seed: number }): Promise<string> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'omnidex-bench-core-'));
  try {
    await generateSeed({ customers: options.customers, seed: options.seed, until: new Date('2026-11-01T00:00:00Z'), outDir: tmp });
    const imported = { file: 'bench', line: 1, importedAt: new Date() };
    const mapper = { defaultCountry: 'GB' };
    const records: IdentityRecord[] = [];
    for (const line of (await readFile(path.join(tmp, 'crm/contacts.jsonl'), 'utf8')).split('\n')) {
      const r = line ? parseJsonLine(contactRow, line) : undefined;
      if (r?.ok) records.push(fromCrmContact({ _id: r.value.contactId, ...r.value, imported }, mapper));
    }
    const csv = async (file: string) => parseCsv(await readFile(path.join(tmp, file))) as string[][];
    const [memberHeader, ...members] = await csv('pos/members.csv');
    for (const cells of members) {
      const r = parseCsvRecord(memberRow, memberHeader!, cells);
      if (r.ok) records.push(fromPosMember({ _id: r.value.loyaltyId, ...r.value, imported }, mapper));
    }
    const [lineHeader, ...lines] = await csv('pos/transactions.csv');
    const receipts = new Map<string, PosTransactionDoc>();
    for (const cells of lines) {
      const r = parseCsvRecord(transactionLineRow, lineHeader!, cells);
      if (r.ok && !receipts.has(r.value.transactionId)) {
        receipts.set(r.value.transactionId, { ...r.value, _id: r.value.transactionId, shopperKey: '', lines: [], totals: [] });
      }
    }
    for (const doc of receipts.values()) records.push(fromPosTransaction(doc, mapper));
    // A visitor is what the importer derives from its events: every userId and email it carried.
    const visitors = new Map<string, WebVisitorDoc>();
    // Streamed: at a million records the file is larger than one string may be.
    for await (const line of createInterface({ input: createReadStream(path.join(tmp, 'web/events.jsonl')) })) {
      const r = line ? parseJsonLine(eventRow, line) : undefined;
      if (!r?.ok) continue;
      const e = r.value;
      let v = visitors.get(e.visitorId);
      if (!v) {
        v = { _id: e.visitorId, visitorId: e.visitorId, firstSeenAt: e.at, lastSeenAt: e.at, devices: [], userIds: [], emails: [], sessionCount: 0, orderCount: 0 };
        visitors.set(e.visitorId, v);
      }
      if (e.userId && !v.userIds.includes(e.userId)) v.userIds.push(e.userId);
      if (e.email && !v.emails.includes(e.email)) v.emails.push(e.email);
    }
    for (const doc of visitors.values()) records.push(fromWebVisitor(doc, mapper));
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    const result = clusterRecords(records, defaultResolveConfig());
    const ms = Date.now() - started;
    return [
      `core: clusterRecords over ${records.length} records (contacts, members, visitors, receipts of ${options.customers} people) ` +
        `in ${(ms / 1000).toFixed(1)} s wall, CPU ${cpuSeconds(process.cpuUsage(cpuBefore)).toFixed(1)} s; ` +
        `${result.matching.candidatePairs} candidate pairs, ${result.clusters.length} clusters; load ${load1().toFixed(1)}`,
    ].join('\n');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const fixed = (x: number) => x.toFixed(4);

function formatAccuracy(r: AccuracyResult): string[] {
  const s = r.scores;
  const b = r.blocking;
  return [
    `${r.name}: ${r.records} records → ${r.customers} customers (import ${(r.importMs / 1000).toFixed(1)} s, resolve ${(r.resolveMs / 1000).toFixed(1)} s)`,
    `  precision ${fixed(s.precision)}, recall ${fixed(s.recall)}, F1 ${fixed(s.f1)} (${s.correctPairs}/${s.predictedPairs} predicted pairs correct, ${s.truePairs} true pairs)`,
    `  over-merges: ${r.overMerged} customers mix records of more than one person; guard-rail decisions ${r.guardDecisions}`,
    `  blocking recall ${fixed(b.recall)} (${b.compared} of ${b.truePairs} true pairs of match candidates compared); by rule: ` +
      b.byRule.map((x) => `${x.rule} ${fixed(x.recall)}`).join(', '),
    ...r.notes.map((n) => `  note: ${n}`),
  ];
}

export function formatSeedBench(r: SeedBenchResult, where: string): string {
  const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
  const cpu = (c: { client: number; database?: number }) =>
    c.database === undefined ? `CPU ${c.client.toFixed(1)} s` : `CPU ${c.client.toFixed(1)} s client + ${c.database.toFixed(1)} s database`;
  const load = ([from, to]: [number, number]) => `load ${from.toFixed(1)}→${to.toFixed(1)}`;
  const { counts } = r.seed;
  const l = r.linkable;
  const lines = [
    `identity bench: ${r.seed.customers} people, seed ${r.seed.seed}, database ${where}, ${os.cpus().length} cores`,
    `  seed: ${r.records} source records (${counts.contacts} contacts, ${counts.visitors} visitors, ${counts.members} members, ${counts.transactions} transactions), ${r.rows} rows`,
    `  import: ${(r.importMs / 1000).toFixed(1)} s, ${perSecond(r.rows, r.importMs)} rows/s (${cpu(r.cpu.import)}; ${load(r.load.import)})`,
    `  resolve: ${(r.resolveMs / 1000).toFixed(1)} s, ${perSecond(r.report.changedRecords, r.resolveMs)} records/s (${cpu(r.cpu.resolve)}; ${load(r.load.resolve)}); ${r.report.customers.total} customers, ${r.report.activity.written} activity pointers`,
    `    phases: ${r.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ')}`,
    `  re-run with nothing new: ${(r.rerunMs / 1000).toFixed(2)} s, unchanged=${r.rerunUnchanged}`,
  ];
  if (r.incremental) {
    const i = r.incremental;
    lines.push(
      `  incremental: ${i.rows} more rows (${i.records} new or changed records) resolved in ${(i.resolveMs / 1000).toFixed(1)} s; ` +
        `re-clustered ${i.report.affectedRecords} records, ${i.report.customers.total} customers in all`,
    );
  }
  lines.push(
    ...formatAccuracy({ ...r, name: 'over all records' }).map((line) => `  ${line}`),
    `    over linkable pairs: precision ${fixed(l.precision)}, recall ${fixed(l.recall)}, F1 ${fixed(l.f1)} (${l.linkedPairs}/${l.linkablePairs} linkable pairs linked; ` +
      `${r.linkableRecords} of ${r.records} records linkable, ${r.records - r.linkableRecords} carry no evidence shared with another record of their person)`,
    `    linkable: ${LINKABLE_DEFINITION}`,
  );
  return lines.join('\n');
}

interface BenchOptions {
  only: string[];
  customers: number;
  seed: number;
  inProcess: boolean;
  incremental?: number;
  core: boolean;
}

async function main(options: BenchOptions): Promise<void> {
  console.log(`${new Date().toISOString()}, uptime load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (options.core) {
    console.log(await benchCore(options));
    return;
  }
  const db = await openDatabase(options.inProcess);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'omnidex-bench-datasets-'));
  try {
    if (options.only.includes('seed')) {
      console.log(formatSeedBench(await benchSeed(db, options), db.where));
    }
    const outside: [string, (dir: string) => Promise<MappedDataset | undefined>][] = [
      ['splink', writeSplinkFake1000],
      ['febrl3', (dir) => writeFebrl3(dir, false)],
      ['febrl3', (dir) => writeFebrl3(dir, true)],
    ];
    for (const [name, write] of outside) {
      if (!options.only.includes(name)) continue;
      const dir = path.join(tmp, `${name}-${(await readdir(tmp)).length}`);
      const dataset = await write(dir);
      if (!dataset) {
        console.log(`${name}: skipped, its file is not in ../shared/datasets (see the README there)`);
        continue;
      }
      console.log(formatAccuracy(await benchDataset(db.client, dir, dataset)).join('\n'));
    }
  } finally {
    await db.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv.includes('--serve-database')) {
  serveDatabase().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  const options = new Command()
    .option('--only <names>', 'comma-separated: seed, splink, febrl3', 'seed,splink,febrl3')
    .option('--customers <n>', 'true people to generate', '10000')
    .option('--seed <n>', 'generator seed', '1')
    .option('--in-process', 'run the embedded database in this process rather than a child process')
    .option('--incremental <share>', 'resolve the last share of the seed rows in a second, timed run (e.g. 0.01)')
    .option('--core', 'time clusterRecords on the seed records in memory, without a database')
    .parse()
    .opts<{ only: string; customers: string; seed: string; inProcess?: boolean; incremental?: string; core?: boolean }>();
  main({
    only: options.only.split(','),
    customers: Number(options.customers),
    seed: Number(options.seed),
    inProcess: options.inProcess === true,
    ...(options.incremental ? { incremental: Number(options.incremental) } : {}),
    core: options.core === true,
  }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
