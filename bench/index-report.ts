/**
 * The portfolio Integration Index report through the gateway, at a given customer count.
 *
 *   npx tsx bench/index-report.ts [--customers 10000] [--runs 3] [--months 12] [--data-dir DIR]
 *   (or `omnidex bench index-report --customers 10000`)
 *
 * Seeds N demo customers into an in-memory embedded database (generate, import, resolve: the slow
 * part, timed separately; with `--data-dir` the database is kept there and a later run with the
 * same directory skips the seeding) and starts every subgraph and the gateway in this process.
 * Then, without and with a `--months` trend: times the computation without the gateway (what
 * `omnidex index` does: the part functions on the database, then `combineReport`), measures the
 * bytes of each subgraph's part fetched as the gateway fetches it (`_entities`), and times
 * `integrationIndexReport` through the gateway — medians of `--runs`, wall and CPU time (the CPU
 * time of this process, which runs every service). Prints the report. Not a test: nothing
 * asserts. Subgraph timeouts are raised to 10 minutes for the run (`OMNIDEX_SUBGRAPH_TIMEOUT_MS`).
 * At 100k customers give Node room: `NODE_OPTIONS=--max-old-space-size=14000`.
 */
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { signBearerToken, signInternalToken } from '../src/auth';
import { formatIndexReport, reportParts } from '../app/cli/index-command';
import { loadConfig } from '../src/config';
import { combineReport, DEFAULT_INDEX_CONFIG, encodeReportId, reportParams, type IntegrationIndexReport } from '../src/insights';
import { serve } from '../app/serve';

const REPORT = `query($trendMonths: Int) {
  integrationIndexReport(trendMonths: $trendMonths) {
    id customers indexed score band
    bands { exemplary moderate poor none }
    channels { channel engagedCustomers accessibility consistency experience score }
    trend { month score indexed }
  }
}`;

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const body = JSON.parse(text) as { data?: any; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`request failed: ${text.slice(0, 500)}`);
  return { data: body.data, ms, bytes: Buffer.byteLength(text) };
}

/** CPU time (user + system) this process spent since `start`, in ms: every service runs in it. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/**
 * Wall time and CPU time, both medians: on a shared machine the wall time includes waiting for a
 * core, the CPU time does not.
 */
function summary(wallMs: number[], cpuMsList: number[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  return `median ${s(median(wallMs))} s wall, ${s(median(cpuMsList))} s CPU (runs: ${wallMs.map(s).join(', ')} s)`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--customers <n>', 'demo customers to seed', '10000')
    .option('--runs <n>', 'timed runs per variant (the median is reported)', '3')
    .option('--months <n>', 'trend months of the second variant', '12')
    .option('--data-dir <dir>', 'keep the embedded database in this directory (reused when already seeded)')
    .parse()
    .opts<{ customers: string; runs: string; months: string; dataDir?: string }>();
  const customers = Number(options.customers);
  const runs = Number(options.runs);
  const months = Number(options.months);

  const seedStarted = performance.now();
  const running = await serve({
    config: loadConfig({
      ...process.env,
      OMNIDEX_DEV: 'false',
      OMNIDEX_SUBGRAPH_TIMEOUT_MS: '600000',
      ...(options.dataDir ? { OMNIDEX_DATA_DIR: options.dataDir } : {}),
    }),
    inMemory: options.dataDir === undefined,
    ephemeralPorts: true,
    seedCustomers: customers,
    log: (line) => console.log(`  ${line}`),
    gatewayLogLevel: false,
  });
  console.log(`seed + import + resolve + start: ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  try {
    const token = await signBearerToken({ secret: running.auth.bearer.secret!, roles: ['admin'], sub: 'bench', ttlSeconds: 3600, issuer: running.auth.bearer.issuer, audience: running.auth.bearer.audience });
    const headers = { authorization: `Bearer ${token}` };
    const gateway = running.gateway!.url;

    let report: IntegrationIndexReport | undefined;
    for (const trendMonths of [0, months]) {
      // The same work without the gateway: what `omnidex index` does.
      const direct: number[] = [];
      const directCpu: number[] = [];
      try {
        for (let i = 0; i < runs; i += 1) {
          const started = performance.now();
          const cpu = process.cpuUsage();
          const params = reportParams({ asOf: new Date(), windowDays: DEFAULT_INDEX_CONFIG.windowDays, trendMonths, salt: randomBytes(12).toString('base64url') });
          report = combineReport(params, await reportParts(running.databases!.dbs, params), DEFAULT_INDEX_CONFIG);
          direct.push(performance.now() - started);
          directCpu.push(cpuMs(cpu));
        }
      } catch (error) {
        // At 100k customers the embedded database can stall past the driver's heartbeat; say so
        // and go on to the other measurements rather than losing them.
        console.log(`direct (omnidex index), trendMonths ${trendMonths}, failed: ${(error as Error).message.slice(0, 300)}`);
        continue;
      }
      console.log(`direct (omnidex index), trendMonths ${trendMonths}: ${summary(direct, directCpu)}`);

      // What crosses the gateway: each subgraph's part for this report, fetched as the gateway does.
      // A token per fetch, as the gateway signs them: at 100k one part takes longer than a token lives.
      const internal = async () => ({
        'x-omnidex-caller': await signInternalToken({ sub: 'bench', roles: ['admin'] }, running.auth.internalSecret),
      });
      const sizes: string[] = [];
      for (const [name, field] of [['identity', 'identityPart'], ['crm', 'crmPart'], ['web', 'webPart'], ['pos', 'posPart']] as const) {
        const url = running.subgraphs.find((s) => s.name === name)!.url;
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on IntegrationIndexReport { ${field} } } }`;
        const id = encodeReportId(reportParams({ asOf: new Date(), windowDays: DEFAULT_INDEX_CONFIG.windowDays, trendMonths, salt: randomBytes(12).toString('base64url') }));
        const part = await post(url, query, { r: [{ __typename: 'IntegrationIndexReport', id }] }, await internal());
        sizes.push(`${name} ${(part.bytes / 1024).toFixed(0)} KiB in ${(part.ms / 1000).toFixed(2)} s`);
      }
      console.log(`  parts: ${sizes.join('; ')}`);

      const times: number[] = [];
      const cpus: number[] = [];
      try {
        for (let i = 0; i < runs; i += 1) {
          const cpu = process.cpuUsage();
          const result = await post(gateway, REPORT, { trendMonths }, headers);
          times.push(result.ms);
          cpus.push(cpuMs(cpu));
          if (result.data.integrationIndexReport.customers !== report!.customers) {
            throw new Error('the gateway and the direct computation disagree on the number of customers');
          }
        }
      } catch (error) {
        console.log(`report through the gateway failed: ${(error as Error).message.slice(0, 300)}`);
        continue;
      }
      console.log(`report through the gateway, trendMonths ${trendMonths}: ${summary(times, cpus)}`);
    }

    if (report !== undefined) console.log(formatIndexReport(report));
  } finally {
    await running.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
