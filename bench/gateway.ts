/**
 * Omnidex's gateway against Apollo Gateway over the same running subgraphs (issue 15).
 *
 *   omnidex bench gateway [--customers 1000] [--rounds 3] [--duration 10] [--connections 16]
 *                         [--serial 100] [--scenarios 360,card,list] [--cpu-prof DIR] [--out FILE]
 *
 * Starts the subgraphs (embedded database in memory, demo data seeded as `npm start` does), then
 * Omnidex's gateway and `@apollo/gateway` over the committed supergraph, each in its own process,
 * both verifying the same bearer tokens and signing the same internal caller. Checks that both
 * give identical answers for every request it will send, counts MongoDB commands per query, then
 * alternates rounds of: serial requests (the 360 query, latency percentiles) and autocannon at
 * `--connections` for `--duration` seconds per scenario and gateway. Prints medians over the
 * rounds per gateway and the ratios, with the load average (the machine is shared). Only
 * 127.0.0.1 is ever targeted; every loop is bounded in count and time. Not a test: nothing asserts.
 *
 * The gateway's rate limit is raised out of the way (one bench token is one caller) but stays on,
 * so its cost is measured; Apollo Gateway has none.
 */
import { execSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { signBearerToken } from '../src/auth/bearer';
import type { Role } from '../src/auth/caller';
import { generateSecret } from '../src/auth/secrets';
import { CUSTOMER_360, PAGE_360 } from '../test/support/customer360';
import { BenchProcess } from './support/processes';
import { median, percentile } from './support/stats';

const CARD = /* GraphQL */ `query Card($email: String!) { findCustomer(by: { type: EMAIL, value: $email }) {
  id profile { firstName { value } } integrationIndex { band } metrics { preferredChannel } } }`;

const LIST = /* GraphQL */ `query List($after: String) { customers(first: 20, after: $after) { edges { node { id
  profile { fullName { value } email { value source } }
  integrationIndex { score band channels { channel accessibility consistency experience score } } } } } }`;

interface Scenario {
  name: string;
  role: Role;
  /** One request body per variant (customer, page); the load generator cycles through them. */
  bodies: string[];
}

interface GatewayUnderTest {
  name: 'omnidex' | 'apollo';
  url: string;
  process: BenchProcess;
}

interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, connection errors and 200s carrying GraphQL errors. */
  failures: number;
  /** CPU milliseconds (user + system) per request of the gateway's process and of the subgraphs'. */
  gatewayCpuMs: number;
  subgraphsCpuMs: number;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function post(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return { status: response.status, text: await response.text() };
}

async function load(
  gateway: GatewayUnderTest,
  subgraphs: BenchProcess,
  scenario: Scenario,
  tokens: string[],
  options: { connections: number; duration: number },
): Promise<LoadFigures> {
  let graphqlErrors = 0;
  const [gatewayBefore, subgraphsBefore] = await Promise.all([gateway.process.ask<NodeJS.CpuUsage>('cpu'), subgraphs.ask<NodeJS.CpuUsage>('cpu')]);
  // Each connection is a caller of its own (an agent at a console) starting at its own place in
  // the list: identical in-flight fetches of one caller are deduplicated by the gateway, which a
  // load of 16 connections sending the same bodies in step would measure instead of the gateway.
  let connections = 0;
  const result = await autocannon({
    url: gateway.url,
    connections: options.connections,
    duration: options.duration,
    // A request still unanswered after this long counts as an error rather than stalling the round.
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context: { connection?: number; sent?: number }) => {
          context.connection ??= connections++;
          context.sent = (context.sent ?? 0) + 1;
          const body = scenario.bodies[(context.connection * 7 + context.sent) % scenario.bodies.length]!;
          return { ...request, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[context.connection % tokens.length]}` } };
        },
        onResponse: (status: number, responseBody: string) => {
          if (status === 200 && responseBody.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  const [gatewayAfter, subgraphsAfter] = await Promise.all([gateway.process.ask<NodeJS.CpuUsage>('cpu'), subgraphs.ask<NodeJS.CpuUsage>('cpu')]);
  const requests = Math.max(result.requests.total, 1);
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + graphqlErrors,
    gatewayCpuMs: (cpuMs(gatewayAfter) - cpuMs(gatewayBefore)) / requests,
    subgraphsCpuMs: (cpuMs(subgraphsAfter) - cpuMs(subgraphsBefore)) / requests,
  };
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

async function main(): Promise<void> {
  const options = new Command('bench gateway')
    .option('--customers <n>', 'demo customers to seed', Number, 1_000)
    .option('--rounds <n>', 'alternating rounds of every measurement', Number, 3)
    .option('--duration <s>', 'seconds of load per scenario, gateway and round', Number, 10)
    .option('--connections <n>', 'concurrent connections of the load generator', Number, 16)
    .option('--serial <n>', 'serial 360 requests per gateway and round', Number, 100)
    .option('--scenarios <list>', 'which loads to run: 360, card, list', '360,card,list')
    .option('--cpu-prof <dir>', "write CPU profiles of the Omnidex gateway's and the subgraphs' processes here")
    .option('--omnidex-only', 'skip Apollo Gateway (profiling runs)')
    .option('--out <file>', 'also write the figures as JSON')
    .option('--data-dir <dir>', 'keep the seeded database here and reuse it on the next run (default: in memory)')
    .parse(process.argv)
    .opts<{
      customers: number;
      rounds: number;
      duration: number;
      connections: number;
      serial: number;
      scenarios: string;
      cpuProf?: string;
      omnidexOnly?: boolean;
      out?: string;
      dataDir?: string;
    }>();
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : await mkdtemp(path.join(os.tmpdir(), 'omnidex-bench-gateway-'));
  const jwtSecret = generateSecret();
  const env = {
    OMNIDEX_DATA_DIR: dataDir,
    OMNIDEX_JWT_SECRET: jwtSecret,
    OMNIDEX_INTERNAL_SECRET: generateSecret(),
    OMNIDEX_PRIVACY_SECRET: generateSecret(),
    OMNIDEX_DEV: 'false',
    OMNIDEX_RATE_LIMIT: '100000000',
    // Only so that the 100-customer page of the 360 selection (MongoDB commands) is accepted.
    OMNIDEX_MAX_COST: '1000000',
    APOLLO_TELEMETRY_DISABLED: '1',
    OMNIDEX_LOG_LEVEL: 'warn',
    BENCH_CUSTOMERS: String(options.customers),
    ...(options.dataDir ? { BENCH_KEEP_DATA: 'true' } : {}),
  };
  // Node names each profile CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; tsx's loader thread writes one of its own.
  const profiled = (role: string) => (options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options.cpuProf, role)] : []);
  const processes: BenchProcess[] = [];
  const startedAt = new Date();
  const loadBefore = loadAverage();
  try {
    const subgraphs = await BenchProcess.start({ role: 'subgraphs', env, execArgv: profiled('subgraphs') });
    processes.push(subgraphs);
    const gatewayEnv = { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphs.ready.subgraphUrls) };
    const omnidex = await BenchProcess.start({ role: 'omnidex', env: gatewayEnv, execArgv: profiled('omnidex') });
    processes.push(omnidex);
    const gateways: GatewayUnderTest[] = [{ name: 'omnidex', url: omnidex.ready.url!, process: omnidex }];
    if (!options.omnidexOnly) {
      const apollo = await BenchProcess.start({ role: 'apollo', env: gatewayEnv });
      processes.push(apollo);
      gateways.push({ name: 'apollo', url: apollo.ready.url!, process: apollo });
    }
    const tokens = Object.fromEntries(
      await Promise.all(
        (['admin', 'agent', 'frontend'] as const).map(async (role) => [role, await signBearerToken({ secret: jwtSecret, roles: [role], sub: `bench-${role}`, ttlSeconds: 3_600 })]),
      ),
    ) as Record<'admin' | 'agent' | 'frontend', string>;

    // Fixtures: 50 customers (ids and emails) and 10 pages of 20, read through Omnidex's gateway.
    const pages: { id: string; email?: string; cursor: string; channels: string[] }[] = [];
    let after: string | null = null;
    while (pages.length < 200) {
      const { text } = await post(
        gateways[0]!.url,
        tokens.admin,
        JSON.stringify({
          query: 'query($after: String) { customers(first: 100, after: $after) { edges { cursor node { id channels identifiers { type value } } } pageInfo { hasNextPage endCursor } } }',
          variables: { after },
        }),
      );
      const page = JSON.parse(text).data.customers;
      for (const edge of page.edges) {
        pages.push({ id: edge.node.id, cursor: edge.cursor, channels: edge.node.channels, email: edge.node.identifiers.find((i: { type: string }) => i.type === 'EMAIL')?.value });
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const customers = pages.filter((_, index) => index % 4 === 0).slice(0, 50);
    const emails = pages.filter((p) => p.email).slice(0, 50).map((p) => p.email!);
    const listAfters = [null, ...pages.filter((_, index) => index % 20 === 19).slice(0, 9).map((p) => p.cursor)];
    const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
    const allScenarios: Scenario[] = [
      { name: '360', role: 'agent', bodies: customers.map(({ id }) => body(CUSTOMER_360, { id })) },
      { name: 'card', role: 'frontend', bodies: emails.map((email) => body(CARD, { email })) },
      { name: 'list', role: 'agent', bodies: listAfters.map((cursor) => body(LIST, { after: cursor })) },
    ];
    const scenarios = allScenarios.filter((s) => options.scenarios.split(',').includes(s.name));
    const tokenFor = (scenario: Scenario) => tokens[scenario.role as 'agent' | 'frontend'];
    const callers = Object.fromEntries(
      await Promise.all(
        (['agent', 'frontend'] as const).map(async (role) => [
          role,
          await Promise.all(
            Array.from({ length: options.connections }, (_, n) => signBearerToken({ secret: jwtSecret, roles: [role], sub: `bench-${role}-${n}`, ttlSeconds: 3_600 })),
          ),
        ]),
      ),
    ) as Record<'agent' | 'frontend', string[]>;

    // Identical answers, and no GraphQL error, for every request the load will send.
    for (const scenario of allScenarios) {
      let compared = 0;
      for (const requestBody of scenario.bodies) {
        const answers = await Promise.all(gateways.map((g) => post(g.url, tokenFor(scenario), requestBody)));
        const parsed = answers.map((a) => JSON.parse(a.text));
        if (answers.some((a) => a.status !== 200) || parsed.some((p) => p.errors)) {
          throw new Error(`${scenario.name}: a gateway answered with errors: ${answers.map((a) => `${a.status} ${a.text.slice(0, 300)}`).join(' | ')}`);
        }
        if (parsed.length > 1 && !isDeepStrictEqual(parsed[0], parsed[1])) {
          throw new Error(`${scenario.name}: the gateways' answers differ for ${requestBody}:\n${answers.map((a) => a.text).join('\n')}`);
        }
        compared += 1;
      }
      console.log(`${scenario.name}: ${compared} requests answered identically by ${gateways.map((g) => g.name).join(' and ')}`);
    }

    // MongoDB commands (the subgraphs' driver command monitoring) per 360 query and per page of the 360 selection.
    const commandsOf = async (requestBody: string) => {
      const before = await subgraphs.ask<number>('commands');
      const { text } = await post(gateways[0]!.url, tokens.agent, requestBody);
      if (JSON.parse(text).errors) throw new Error(`commands: ${text.slice(0, 500)}`);
      return (await subgraphs.ask<number>('commands')) - before;
    };
    // A customer on every channel asks every subgraph what a page of 100 does.
    const everywhere = pages.findIndex((p, index) => index > 0 && p.channels.length === 3);
    const before = pages[everywhere - 1]!.cursor;
    const commands = {
      customer360: await commandsOf(body(CUSTOMER_360, { id: pages[everywhere]!.id })),
      page1: await commandsOf(body(PAGE_360, { first: 1, after: before })),
      page100: await commandsOf(body(PAGE_360, { first: 100, after: before })),
    };
    console.log(
      `MongoDB commands: ${commands.customer360} for the 360 query of a customer on every channel; the 360 selection on a page of 1 (that customer): ${commands.page1}, of 100: ${commands.page100}`,
    );

    const serial: Record<string, number[]> = Object.fromEntries(gateways.map((g) => [g.name, []]));
    const loads: Record<string, Record<string, LoadFigures[]>> = {};
    for (let round = 0; round < options.rounds; round += 1) {
      const order = round % 2 === 0 ? gateways : [...gateways].reverse();
      for (const gateway of order) {
        const bodies = allScenarios[0]!.bodies;
        for (let i = 0; i < options.serial; i += 1) {
          const started = performance.now();
          await post(gateway.url, tokens.agent, bodies[i % bodies.length]!);
          serial[gateway.name]!.push(performance.now() - started);
        }
      }
      for (const scenario of scenarios) {
        for (const gateway of order) {
          const figures = await load(gateway, subgraphs, scenario, callers[scenario.role as 'agent' | 'frontend'], options);
          ((loads[scenario.name] ??= {})[gateway.name] ??= []).push(figures);
          console.log(
            `round ${round + 1} ${scenario.name.padEnd(4)} ${gateway.name.padEnd(7)} ${figures.rps.toFixed(1).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  failures ${figures.failures}  CPU/request: gateway ${figures.gatewayCpuMs.toFixed(1)} ms, subgraphs ${figures.subgraphsCpuMs.toFixed(1)} ms  (load ${loadAverage()})`,
          );
        }
      }
    }

    const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { encoding: 'utf8' }).trim() ? '+changes' : '';
    console.log(`\nomnidex bench gateway at ${commit}${dirty}, ${startedAt.toISOString()}, ${options.customers} customers, ${options.rounds} rounds`);
    console.log(`load average before ${loadBefore}, after ${loadAverage()} (${os.cpus().length} cores)`);
    for (const gateway of gateways) {
      const samples = serial[gateway.name]!;
      console.log(`serial 360 ${gateway.name.padEnd(7)} p50 ${percentile(samples, 50).toFixed(1)} ms  p99 ${percentile(samples, 99).toFixed(1)} ms  (${samples.length} requests)`);
    }
    const summary: Record<string, Record<string, LoadFigures>> = {};
    console.log(`\nscenario gateway   req/s    p50 ms  p99 ms  failures  CPU ms/request: gateway subgraphs  (median of ${options.rounds} rounds, ${options.connections} connections, ${options.duration} s each)`);
    for (const [scenario, byGateway] of Object.entries(loads)) {
      for (const [gateway, rounds] of Object.entries(byGateway)) {
        const figures: LoadFigures = {
          rps: median(rounds.map((r) => r.rps)),
          p50: median(rounds.map((r) => r.p50)),
          p99: median(rounds.map((r) => r.p99)),
          failures: rounds.reduce((sum, r) => sum + r.failures, 0),
          gatewayCpuMs: median(rounds.map((r) => r.gatewayCpuMs)),
          subgraphsCpuMs: median(rounds.map((r) => r.subgraphsCpuMs)),
        };
        (summary[scenario] ??= {})[gateway] = figures;
        console.log(`${scenario.padEnd(8)} ${gateway.padEnd(8)} ${figures.rps.toFixed(1).padStart(7)} ${String(figures.p50).padStart(8)} ${String(figures.p99).padStart(7)} ${String(figures.failures).padStart(9)} ${figures.gatewayCpuMs.toFixed(1).padStart(23)} ${figures.subgraphsCpuMs.toFixed(1).padStart(9)}`);
      }
      const { omnidex: ours, apollo } = summary[scenario]!;
      if (ours && apollo) console.log(`${scenario.padEnd(8)} ratio    ${(ours.rps / apollo.rps).toFixed(2)}× Apollo Gateway's throughput`);
    }
    if (options.out) {
      await writeFile(
        options.out,
        `${JSON.stringify({ commit: commit + dirty, at: startedAt, load: { before: loadBefore, after: loadAverage() }, options, commands, serial: Object.fromEntries(Object.entries(serial).map(([g, s]) => [g, { p50: percentile(s, 50), p99: percentile(s, 99) }])), summary }, null, 2)}\n`,
      );
    }
  } finally {
    // Gateways first, so that no request is still on its way to a subgraph that stops.
    for (const child of processes.reverse()) await child.stop();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
