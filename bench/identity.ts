/**
 * Identity resolution end to end, scored against the seed generator's ground truth.
 *
 *   npx tsx bench/identity.ts [--customers 10000] [--seed 1] [--in-process]
 *
 * Generates the seed, imports it, runs `runResolve`, then reports pairwise precision / recall / F1
 * twice — over all records (`pairwiseScores`) and over the pairs the data can link
 * (`linkableScores`, see LINKABLE_DEFINITION) — over-merges (customers holding records of more than
 * one true person) and throughput: rows/s and records/s for import, records/s for resolve, with
 * the CPU time of this process and of the database and the load average, since the machine is
 * shared. Not a test: nothing asserts. `omnidex bench identity` runs it.
 *
 * The database is `MONGODB_URI` when set; otherwise the embedded server, in memory, in a child
 * process of its own — as it runs under `omnidex serve` or any real MongoDB, so that the client and
 * the database each have a core and a heap. `--in-process` starts it in this process instead (how
 * the figures before 2026-11-27 were taken).
 * At 100k customers give Node room: `NODE_OPTIONS=--max-old-space-size=14000`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { importDirectory } from '../src/import';
import { linkableScores, pairwiseScores, type LinkableScores, type PairwiseScores } from '../src/identity';
import { identityCollections, runResolve, type ResolveReport } from '../src/identity/store';
import { generateSeed, type GroundTruthRecord, type SeedSummary } from '../src/seed';
import { databasesOn } from '../src/db';

/** What "linkable" means in the second set of scores; printed with them. */
export const LINKABLE_DEFINITION =
  'two records of one person are linkable when a chain of that person\'s records connects them, each step sharing ' +
  'evidence no other person holds: an email (any case), phone (any format), loyalty id, web user id or payment card, ' +
  'or the same full name with the same birth date or postal code (src/seed/evidence.ts). ' +
  'Recall counts only those pairs; precision is the same as over all records.';

export interface IdentityBenchResult {
  customers: number;
  /** Where the database ran. */
  database: 'MONGODB_URI' | 'child process' | 'in process';
  seed: SeedSummary;
  records: number;
  rows: number;
  importMs: number;
  resolveMs: number;
  /** Time per phase of the resolve run, in order. */
  phases: { name: string; ms: number }[];
  rerunMs: number;
  rerunUnchanged: boolean;
  report: ResolveReport;
  scores: PairwiseScores;
  linkable: LinkableScores;
  /** Records the data connects to another record of their person. */
  linkableRecords: number;
  /** CPU seconds (user + system) of this process and of the database's, per phase; undefined where not measurable. */
  cpu: { import: { client: number; database?: number }; resolve: { client: number; database?: number } };
  /** 1-minute load average at the start and at the end of import and of resolve. */
  load: { import: [number, number]; resolve: [number, number] };
  /** Customers holding records of more than one true person. */
  overMerged: number;
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

/** Seed → import → resolve → score, on an empty database (see the header for which). */
export async function benchIdentity(options: { customers: number; seed: number; inProcess?: boolean }): Promise<IdentityBenchResult> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'omnidex-bench-identity-'));
  let server: EmbeddedMongo | undefined;
  let databaseProcess: DatabaseProcess | undefined;
  let database: IdentityBenchResult['database'];
  let uri: string;
  if (process.env.MONGODB_URI) {
    uri = process.env.MONGODB_URI;
    database = 'MONGODB_URI';
  } else if (options.inProcess) {
    uri = (server = await startEmbeddedMongo()).uri;
    database = 'in process';
  } else {
    uri = (databaseProcess = await DatabaseProcess.start()).uri;
    database = 'child process';
  }
  const client = await MongoClient.connect(uri);
  try {
    const seed = await generateSeed({ customers: options.customers, seed: options.seed, until: new Date('2026-11-01T00:00:00Z'), outDir: tmp });
    const truth = await readTruth(path.join(tmp, 'ground-truth.jsonl'));
    const rows = seed.counts.contacts + seed.counts.cases + seed.counts.events + seed.counts.members + seed.counts.transactionLines;

    const databaseCpu = async () => (databaseProcess ? databaseProcess.cpuSeconds() : undefined);
    let cpuBefore = process.cpuUsage();
    let databaseBefore = await databaseCpu();
    let loadBefore = load1();
    let started = Date.now();
    await importDirectory(databasesOn(client), tmp);
    const importMs = Date.now() - started;
    const importCpu = { client: cpuSeconds(process.cpuUsage(cpuBefore)), database: await databaseCpu() };
    if (importCpu.database !== undefined) importCpu.database -= databaseBefore!;
    const importLoad: [number, number] = [loadBefore, load1()];

    const phases: { name: string; ms: number }[] = [];
    cpuBefore = process.cpuUsage();
    databaseBefore = await databaseCpu();
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
    const resolveCpu = { client: cpuSeconds(process.cpuUsage(cpuBefore)), database: await databaseCpu() };
    if (resolveCpu.database !== undefined) resolveCpu.database -= databaseBefore!;
    const resolveLoad: [number, number] = [loadBefore, load1()];

    started = Date.now();
    const rerun = await runResolve(databasesOn(client));
    const rerunMs = Date.now() - started;

    const predicted = new Map<string, string>();
    for await (const r of identityCollections(databasesOn(client).identity).records.find({}, { projection: { customerId: 1 }, batchSize: 10_000 })) {
      predicted.set(r._id, r.customerId);
    }
    const peopleOf = new Map<string, Set<string>>();
    for (const [record, customerId] of predicted) {
      const person = truth.person.get(record);
      if (person === undefined) continue;
      let people = peopleOf.get(customerId);
      if (!people) peopleOf.set(customerId, (people = new Set()));
      people.add(person);
    }
    return {
      customers: options.customers,
      database,
      seed,
      records: predicted.size,
      rows,
      importMs,
      resolveMs,
      phases,
      rerunMs,
      rerunUnchanged: rerun.unchanged,
      report,
      scores: pairwiseScores(predicted, truth.person),
      linkable: linkableScores(predicted, truth.person, truth.evidenceGroup),
      linkableRecords: truth.linkableRecords,
      cpu: { import: importCpu, resolve: resolveCpu },
      load: { import: importLoad, resolve: resolveLoad },
      overMerged: [...peopleOf.values()].filter((people) => people.size > 1).length,
    };
  } finally {
    await client.close();
    await server?.close();
    await databaseProcess?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

export function formatIdentityBench(r: IdentityBenchResult): string {
  const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
  const cpu = (c: { client: number; database?: number }) =>
    c.database === undefined ? `CPU ${c.client.toFixed(1)} s` : `CPU ${c.client.toFixed(1)} s client + ${c.database.toFixed(1)} s database`;
  const load = ([from, to]: [number, number]) => `load ${from.toFixed(1)}→${to.toFixed(1)}`;
  const { counts } = r.seed;
  const s = r.scores;
  const l = r.linkable;
  return [
    `identity bench: ${r.customers} people, seed ${r.seed.seed}, database ${r.database}, ${os.cpus().length} cores`,
    `  seed: ${r.records} source records (${counts.contacts} contacts, ${counts.visitors} visitors, ${counts.members} members, ${counts.transactions} transactions), ${r.rows} rows`,
    `  import: ${(r.importMs / 1000).toFixed(1)} s, ${perSecond(r.rows, r.importMs)} rows/s, ${perSecond(r.records, r.importMs)} records/s (${cpu(r.cpu.import)}; ${load(r.load.import)})`,
    `  resolve: ${(r.resolveMs / 1000).toFixed(1)} s, ${perSecond(r.records, r.resolveMs)} records/s (${cpu(r.cpu.resolve)}; ${load(r.load.resolve)}); ${r.report.customers.total} customers, ${r.report.activity.written} activity pointers`,
    `    phases: ${r.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ')}`,
    `  import + resolve: ${((r.importMs + r.resolveMs) / 1000).toFixed(1)} s for ${r.rows} rows`,
    `  re-run with nothing new: ${(r.rerunMs / 1000).toFixed(2)} s, unchanged=${r.rerunUnchanged}`,
    `  over all records: pairwise precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}, F1 ${s.f1.toFixed(4)} (${s.correctPairs}/${s.predictedPairs} predicted pairs correct, ${s.truePairs} true pairs)`,
    `  over linkable pairs: precision ${l.precision.toFixed(4)}, recall ${l.recall.toFixed(4)}, F1 ${l.f1.toFixed(4)} (${l.linkedPairs}/${l.linkablePairs} linkable pairs linked; ` +
      `${r.linkableRecords} of ${r.records} records linkable, ${r.records - r.linkableRecords} carry no evidence shared with another record of their person)`,
    `    linkable: ${LINKABLE_DEFINITION}`,
    `  over-merges: ${r.overMerged} customers mix records of more than one person; guard-rail decisions ${r.report.guardDecisions}`,
  ].join('\n');
}

if (require.main === module && process.argv.includes('--serve-database')) {
  serveDatabase().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  const options = new Command()
    .option('--customers <n>', 'true people to generate', '10000')
    .option('--seed <n>', 'generator seed', '1')
    .option('--in-process', 'run the embedded database in this process rather than a child process')
    .parse()
    .opts<{ customers: string; seed: string; inProcess?: boolean }>();
  benchIdentity({ customers: Number(options.customers), seed: Number(options.seed), inProcess: options.inProcess === true })
    .then((result) => console.log(formatIdentityBench(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
