/**
 * Identity resolution end to end, scored against the seed generator's ground truth.
 *
 *   npx tsx bench/identity.ts [--customers 10000] [--seed 1]
 *
 * Generates the seed, imports it into the embedded database (in memory; or `MONGODB_URI`), runs
 * `runResolve`, then reports pairwise precision / recall / F1 (`pairwiseScores`), over-merges
 * (customers holding records of more than one true person) and throughput: records/s for import
 * and for resolve. Not a test: nothing asserts. `omnidex bench identity` can call
 * `benchIdentity` and print `formatIdentityBench`.
 * At 100k customers give Node room: `NODE_OPTIONS=--max-old-space-size=14000` (the in-memory
 * database lives in the same heap).
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../embedded-mongo/src';
import { importDirectory } from '../src/import';
import { pairwiseScores, type PairwiseScores } from '../src/identity';
import { identityCollections, runResolve, type ResolveReport } from '../src/identity/store';
import { generateSeed, type GroundTruthRecord, type SeedSummary } from '../src/seed';

export interface IdentityBenchResult {
  customers: number;
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
  /** Customers holding records of more than one true person. */
  overMerged: number;
}

async function readTruth(file: string): Promise<Map<string, string>> {
  const truth = new Map<string, string>();
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.trim()) continue;
    const t = JSON.parse(line) as GroundTruthRecord;
    truth.set(`${t.source}:${t.kind}:${t.id}`, t.personId);
  }
  return truth;
}

/** Seed → import → resolve → score, on an empty database (`MONGODB_URI`, else in-memory embedded). */
export async function benchIdentity(options: { customers: number; seed: number }): Promise<IdentityBenchResult> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'omnidex-bench-identity-'));
  let server: EmbeddedMongo | undefined;
  const uri = process.env.MONGODB_URI ?? (server = await startEmbeddedMongo()).uri;
  const client = await MongoClient.connect(uri);
  try {
    const seed = await generateSeed({ customers: options.customers, seed: options.seed, until: new Date('2026-11-01T00:00:00Z'), outDir: tmp });
    const truth = await readTruth(path.join(tmp, 'ground-truth.jsonl'));
    const rows = seed.counts.contacts + seed.counts.cases + seed.counts.events + seed.counts.members + seed.counts.transactionLines;

    let started = Date.now();
    await importDirectory(client, tmp);
    const importMs = Date.now() - started;

    const phases: { name: string; ms: number }[] = [];
    let phaseStart = Date.now();
    started = phaseStart;
    const report = await runResolve(client, {
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

    started = Date.now();
    const rerun = await runResolve(client);
    const rerunMs = Date.now() - started;

    const predicted = new Map<string, string>();
    for await (const r of identityCollections(client).records.find({}, { projection: { customerId: 1 }, batchSize: 10_000 })) {
      predicted.set(r._id, r.customerId);
    }
    const peopleOf = new Map<string, Set<string>>();
    for (const [record, customerId] of predicted) {
      const person = truth.get(record);
      if (person === undefined) continue;
      let people = peopleOf.get(customerId);
      if (!people) peopleOf.set(customerId, (people = new Set()));
      people.add(person);
    }
    return {
      customers: options.customers,
      seed,
      records: predicted.size,
      rows,
      importMs,
      resolveMs,
      phases,
      rerunMs,
      rerunUnchanged: rerun.unchanged,
      report,
      scores: pairwiseScores(predicted, truth),
      overMerged: [...peopleOf.values()].filter((people) => people.size > 1).length,
    };
  } finally {
    await client.close();
    await server?.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

export function formatIdentityBench(r: IdentityBenchResult): string {
  const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
  const { counts } = r.seed;
  const s = r.scores;
  return [
    `identity bench: ${r.customers} people, seed ${r.seed.seed}`,
    `  seed: ${r.records} source records (${counts.contacts} contacts, ${counts.visitors} visitors, ${counts.members} members, ${counts.transactions} transactions), ${r.rows} rows`,
    `  import: ${(r.importMs / 1000).toFixed(1)} s, ${perSecond(r.rows, r.importMs)} rows/s, ${perSecond(r.records, r.importMs)} records/s`,
    `  resolve: ${(r.resolveMs / 1000).toFixed(1)} s, ${perSecond(r.records, r.resolveMs)} records/s; ${r.report.customers.total} customers, ${r.report.activity.written} activity pointers`,
    `    phases: ${r.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ')}`,
    `  re-run with nothing new: ${(r.rerunMs / 1000).toFixed(2)} s, unchanged=${r.rerunUnchanged}`,
    `  pairwise precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}, F1 ${s.f1.toFixed(4)} (${s.correctPairs}/${s.predictedPairs} predicted pairs correct, ${s.truePairs} true pairs)`,
    `  over-merges: ${r.overMerged} customers mix records of more than one person; guard-rail decisions ${r.report.guardDecisions}`,
  ].join('\n');
}

if (require.main === module) {
  const options = new Command()
    .option('--customers <n>', 'true people to generate', '10000')
    .option('--seed <n>', 'generator seed', '1')
    .parse()
    .opts<{ customers: string; seed: string }>();
  benchIdentity({ customers: Number(options.customers), seed: Number(options.seed) })
    .then((result) => console.log(formatIdentityBench(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
