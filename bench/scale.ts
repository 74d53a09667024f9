/**
 * Every stage at a given customer count, each as the command a user runs, in its own process.
 *
 *   npx tsx bench/scale.ts [--customers 10000] [--queries 50] [--data-dir DIR]
 *   (or `omnidex bench scale --customers 10000`)
 *
 * seed (the export files) → import → resolve → the portfolio report (`omnidex index --months 0`,
 * then with a 12-month trend) → `serve` until ready → the agent's 360 query on `--queries`
 * customers, one at a time (p50, p95). Each stage's wall time and peak RSS: the child's VmHWM,
 * read from /proc every 100 ms, so a peak held for less than that may be missed. The database is
 * the embedded server on a data directory of its own (removed at the end unless `--data-dir` is
 * given), opened by each command in turn as a user's would be. Prints a table; nothing asserts.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { CUSTOMER_360 } from '../test/support/customer360';
import { percentile } from './support/stats';

const BIN = path.resolve(__dirname, '../bin/omnidex.js');

interface StageResult {
  stage: string;
  seconds: number;
  peakRssMiB: number;
}

async function peakRssMiB(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined; // gone, or not Linux
  }
}

/** Runs `omnidex ARGS` to its end (or until `readyLine` appears, leaving it running). */
function runStage(stage: string, args: string[], env: NodeJS.ProcessEnv, readyLine?: RegExp) {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let peak = 0;
  const sampler = setInterval(() => {
    void peakRssMiB(child.pid!).then((mib) => (peak = Math.max(peak, mib ?? 0)));
  }, 100);
  return new Promise<{ result: StageResult; output: () => string; stop: () => Promise<void> }>((resolve, reject) => {
    const finish = () => {
      clearInterval(sampler);
      return { stage, seconds: (performance.now() - started) / 1000, peakRssMiB: peak };
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyLine?.test(output)) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (more: Buffer) => (output += more.toString()));
        const result = finish();
        resolve({
          result,
          output: () => output,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            result.peakRssMiB = Math.max(result.peakRssMiB, (await peakRssMiB(child.pid!)) ?? 0);
            const closed = new Promise((done) => child.once('close', done));
            child.kill('SIGTERM');
            await closed;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('close', (code) => {
      if (readyLine) return reject(new Error(`omnidex ${args.join(' ')} exited (${code}) before it was ready:\n${output.slice(-2000)}`));
      if (code !== 0) return reject(new Error(`omnidex ${args.join(' ')} failed (${code}):\n${output.slice(-2000)}`));
      resolve({ result: finish(), output: () => output, stop: async () => undefined });
    });
  });
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--customers <n>', 'people to seed', '10000')
    .option('--queries <n>', '360 queries to time', '50')
    .option('--data-dir <dir>', 'keep the data directory here (else a temporary one, removed)')
    .parse()
    .opts<{ customers: string; queries: string; dataDir?: string }>();
  const work = await mkdtemp(path.join(os.tmpdir(), 'omnidex-scale-'));
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : path.join(work, 'data');
  const seedDir = path.join(work, 'seed');
  // Ports of their own, so a demo on the default ports can keep running.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OMNIDEX_DATA_DIR: dataDir,
    OMNIDEX_LOG_LEVEL: 'warn',
    OMNIDEX_CONSOLE: 'false',
    OMNIDEX_RATE_LIMIT: '0',
    OMNIDEX_SUBGRAPH_TIMEOUT_MS: '600000',
    PORT: '4700',
    OMNIDEX_CRM_PORT: '4701',
    OMNIDEX_WEB_PORT: '4702',
    OMNIDEX_POS_PORT: '4703',
    OMNIDEX_IDENTITY_PORT: '4704',
    OMNIDEX_INSIGHTS_PORT: '4705',
  };
  const results: StageResult[] = [];
  const load = () => os.loadavg().map((n) => n.toFixed(2)).join(', ');
  const loadBefore = load();
  try {
    const stage = async (name: string, args: string[]) => {
      const { result } = await runStage(name, args, env);
      results.push(result);
      console.error(`${name}: ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`);
    };
    await stage('seed (files)', ['seed', '--customers', options.customers, '--out', seedDir]);
    await stage('import', ['import', seedDir]);
    await stage('resolve', ['resolve']);
    await stage('report', ['index', '--months', '0']);
    await stage('report, 12-month trend', ['index', '--months', '12']);

    const served = await runStage('serve until ready', ['serve', '--no-seed'], env, /ready in [\d.]+s/);
    try {
      results.push(served.result);
      const token = /^\s+agent\s+(\S+)$/m.exec(served.output())?.[1];
      if (!token) throw new Error('serve printed no agent token');
      const ask = async (query: string, variables: Record<string, unknown>) => {
        const response = await fetch(`http://127.0.0.1:${env.PORT}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
        if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
        return body.data!;
      };
      const queries = Number(options.queries);
      const page = (await ask('query($first: Int!) { customers(first: $first) { edges { node { id } } } }', { first: Math.min(queries, 100) })) as {
        customers: { edges: { node: { id: string } }[] };
      };
      const ids = page.customers.edges.map((edge) => edge.node.id);
      await ask(CUSTOMER_360, { id: ids[0] }); // warm-up
      const times: number[] = [];
      for (let i = 0; i < queries; i++) {
        const started = performance.now();
        await ask(CUSTOMER_360, { id: ids[i % ids.length] });
        times.push(performance.now() - started);
      }
      await served.stop();
      console.log(`\nomnidex bench scale, ${options.customers} seeded customers, load average before ${loadBefore}, after ${load()} (${os.cpus().length} cores)`);
      console.log('stage                      seconds   peak RSS MiB');
      for (const r of results) console.log(`${r.stage.padEnd(26)} ${r.seconds.toFixed(1).padStart(8)}   ${r.peakRssMiB.toFixed(0).padStart(12)}`);
      console.log(`360 query, ${queries} serial      p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
    } finally {
      await served.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
