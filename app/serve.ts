import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readSupergraph } from '../gateway/src/compose';
import { startGateway, type RunningGateway } from '../gateway/src';
import type { RunningSubgraph } from '../subgraphs/common/src/subgraph';
import { createServiceClient, type ServiceClients } from '../subgraphs/common/src/service-client';
import { createDemoTokens, DEMO_TOKEN_TTL_SECONDS } from '../src/auth/demo';
import { resolveAuthSettings, type AuthSettings } from '../src/auth/secrets';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '../src/config';
import { COLLECTIONS, type DatabaseName } from '../src/contract/documents';
import { openDatabases, type Databases, type OpenDatabaseOptions, type OpenedDatabases } from '../src/db';
import { ensureSearchIndex, identityCollections, runResolve } from '../src/identity/store';
import { importDirectory } from '../src/import';
import { resolvePrivacySecret } from '../src/privacy/secret';
import { generateSeed } from '../src/seed';
import { CONSOLE_DIST, ensureConsoleBuilt } from './console-build';
import { createLogger, describeError } from '../src/telemetry/log';
import { startTracing } from '../src/telemetry/tracing';
import type { DestinationStream } from 'pino';
import { startLiveResolver, type LiveResolver } from '../src/live/resolver';
import { enqueueEvents, eventsOfRound, startWebhookDispatcher } from '../src/live/webhooks';
import { appendCustomerEvents, customersTouchedByRound, eventsOfResolution } from '../src/live/events';
import { startBandWatcher } from '../src/live/bands';
import { loadIndexConfig } from '../src/insights';
import { SUBGRAPH_MODULES } from './services';
import { startSimulation, type Simulation } from './simulation';
import { signBearerToken } from '../src/auth/bearer';

/** `resolver` is the live resolver (src/live/resolver.ts): a batch job over the databases, one replica active at a time. */
export type ServiceName = SubgraphName | 'gateway' | 'resolver';
export const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway', 'resolver'];

export interface ServeOptions {
  config: Config;
  /** Run one service alone, as deployments do; all of them when absent. */
  only?: ServiceName;
  /** Keep the embedded database in memory, and unset secrets random for this process only (tests). */
  inMemory?: boolean;
  /** Extra driver options for the subgraphs' client, e.g. command monitoring in tests. */
  clientOptions?: OpenDatabaseOptions['clientOptions'];
  /** Seed this many demo customers when the channel databases are empty; 0 never seeds. */
  seedCustomers?: number;
  /** Listen on port 0 everywhere (tests). */
  ephemeralPorts?: boolean;
  /** Human-readable start-up lines (the CLI prints them); the services log JSON (OMNIDEX_LOG_*). */
  log?: (line: string) => void;
  /** Where the services' log lines go; standard output by default (tests capture them). */
  logDestination?: DestinationStream;
  /** Log one signed demo token per role after the gateway's URL (never in production). */
  demoTokens?: boolean;
  /** Start the subgraphs but no gateway: the CLI's in-process services (app/local-services.ts). */
  withoutGateway?: boolean;
  /**
   * Run the demo's live simulation (app/simulation.ts) when the configuration allows it
   * (OMNIDEX_SIMULATE): the CLI asks for it; tests only when they test it.
   */
  simulate?: boolean;
  /**
   * Build the console first when this checkout's build is missing or stale, so that `npm install &&
   * npm start` stays the whole set-up (a deployment builds it into its image; tests once per run).
   */
  buildConsole?: boolean;
}

export interface RunningOmnidex {
  /** The secrets in force: how bearer tokens are verified, what signs the internal caller token. */
  auth: AuthSettings;
  /** Keys the suppression list (src/privacy); set when a subgraph that needs it runs here. */
  privacySecret?: string;
  /** The databases this process opened: each subgraph's own (all of them for `serve`). */
  databases?: OpenedDatabases<DatabaseName>;
  subgraphs: RunningSubgraph[];
  gateway?: RunningGateway;
  /** The live resolver, when it runs here, and the webhook dispatcher and band watcher beside it. */
  resolver?: LiveResolver;
  webhooks?: { stop(): Promise<void> };
  bands?: { stop(): Promise<void> };
  /** The demo's live simulation, when it runs. */
  simulation?: Simulation;
  stop(): Promise<void>;
}

type DemoDatabases = Pick<Databases, 'crm' | 'web' | 'pos' | 'omnidex' | 'identity'>;

async function channelDatabasesAreEmpty(dbs: DemoDatabases): Promise<boolean> {
  const counts = await Promise.all([
    dbs.crm.collection(COLLECTIONS.crm.contacts).estimatedDocumentCount(),
    dbs.web.collection(COLLECTIONS.web.events).estimatedDocumentCount(),
    dbs.pos.collection(COLLECTIONS.pos.transactions).estimatedDocumentCount(),
  ]);
  return counts.every((count) => count === 0);
}

/**
 * Writes a demo data set as export files, imports and resolves it, exactly as a user's exports
 * would be.
 */
async function seedDemoData(dbs: DemoDatabases, customers: number, log: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-seed-'));
  try {
    const until = new Date();
    until.setUTCHours(0, 0, 0, 0);
    await generateSeed({ customers, seed: 1, until, outDir: dir });
    const report = await importDirectory(dbs, dir);
    const rows = report.files.reduce((sum, file) => sum + file.read, 0);
    const resolved = await runResolve(dbs);
    log(`seeded ${customers} demo customers (${rows} source rows, ${resolved.customers.total} resolved customers)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Subgraphs that need the privacy secret: identity keeps the suppression list, the channels scrub their quarantines. */
const NEEDS_PRIVACY_SECRET: readonly SubgraphName[] = ['crm', 'web', 'pos', 'identity'];

async function logDemoTokens(auth: AuthSettings, log: (line: string) => void): Promise<void> {
  const tokens = await createDemoTokens(auth, DEMO_TOKEN_TTL_SECONDS);
  if (!tokens) {
    log('bearer tokens come from the identity provider at OMNIDEX_JWKS_URL (no demo tokens)');
    return;
  }
  log(`demo tokens, valid for 12 hours (send "Authorization: Bearer <token>"; \`omnidex token --role ROLE\` makes more):`);
  for (const [role, token] of Object.entries(tokens)) log(`  ${role.padEnd(9)} ${token}`);
}

/**
 * Starts Omnidex: the database connection, the channel subgraphs and the gateway in this process,
 * or one of them alone (`only`).
 */
export async function serve(options: ServeOptions): Promise<RunningOmnidex> {
  const { config, only } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const subgraphNames = SUBGRAPH_NAMES.filter((name) => !only || only === name);
  // Before anything starts: in production, missing secrets stop start-up here.
  const auth = await resolveAuthSettings(config.auth, {
    dataDir: config.dataDir,
    ephemeral: options.inMemory,
    verifiesBearerTokens: !only || only === 'gateway',
  });
  const privacySecret = subgraphNames.some((name) => NEEDS_PRIVACY_SECRET.includes(name))
    ? await resolvePrivacySecret({ configured: config.privacySecret, dataDir: config.dataDir, production: config.auth.production, ephemeral: options.inMemory })
    : undefined;
  // Before the database clients exist, so that their commands are traced (off unless configured).
  const tracing = await startTracing({ serviceName: only ? `omnidex-${only}` : 'omnidex', config: config.tracing });
  const running: RunningOmnidex = {
    auth,
    privacySecret,
    subgraphs: [],
    async stop() {
      await running.simulation?.stop();
      await running.resolver?.stop();
      await running.bands?.stop();
      await running.webhooks?.stop();
      await running.gateway?.stop();
      await Promise.all(running.subgraphs.map((subgraph) => subgraph.stop()));
      await running.databases?.close();
      await tracing?.shutdown();
    },
  };
  try {
    // Each subgraph's own database; all of them (the importer's too) when serving everything,
    // which seeds the demo data into an empty set-up.
    const names: DatabaseName[] =
      only === 'resolver'
        ? ['crm', 'web', 'pos', 'identity']
        : only
          ? subgraphNames.map((name) => SUBGRAPH_MODULES[name].database)
          : ['crm', 'web', 'pos', 'identity', 'insights', 'omnidex'];
    if (names.length > 0) {
      const databases = await openDatabases(config, names, { inMemory: options.inMemory, clientOptions: options.clientOptions });
      running.databases = databases;
      log(`database: ${databases.description}`);
      // Only the databases named above are open: the rest are absent at run time.
      const dbs: Partial<Databases> = databases.dbs;
      if (!only && options.seedCustomers && dbs.crm && dbs.web && dbs.pos && dbs.omnidex && dbs.identity) {
        const demo = { crm: dbs.crm, web: dbs.web, pos: dbs.pos, omnidex: dbs.omnidex, identity: dbs.identity };
        if (await channelDatabasesAreEmpty(demo)) await seedDemoData(demo, options.seedCustomers, log);
      }
      // A data directory resolved before customer search existed gets its index here; a service
      // deployed alone leaves that to the next `omnidex resolve` (docs/SEARCH.md).
      if (!only && dbs.identity) await ensureSearchIndex(identityCollections(dbs.identity));
    }
    // Identity asks the others for what their databases hold: those running here are filled in
    // as they start, the rest are reached where the configuration says.
    const subgraphUrls: Record<SubgraphName, string> = { ...config.subgraphUrls };
    const services: ServiceClients = {};
    const opened: Partial<Databases> = running.databases?.dbs ?? {};
    for (const name of subgraphNames) {
      const module = SUBGRAPH_MODULES[name];
      const db = opened[module.database];
      if (!db) throw new Error(`the ${module.database} database was not opened for the ${name} subgraph`);
      const subgraph = await module.start({
        db,
        host: config.host,
        port: options.ephemeralPorts ? 0 : config.subgraphPorts[name],
        maxRequestBytes: config.maxRequestBytes,
        internalSecret: auth.internalSecret,
        runtime: { privacySecret, services, ingest: { maxRowBytes: config.maxRowBytes, outboxMaxPending: config.live.outboxMaxPending } },
        logger: createLogger({ service: name, config: config.log, destination: options.logDestination }),
        metricsToken: config.metricsToken,
      });
      running.subgraphs.push(subgraph);
      subgraphUrls[name] = subgraph.url;
      log(`subgraph ${name}: ${subgraph.url}`);
    }
    for (const name of SUBGRAPH_NAMES) {
      services[name] = createServiceClient({
        name,
        graphqlUrl: subgraphUrls[name],
        internalSecret: auth.internalSecret,
        timeoutMs: config.limits.subgraphTimeoutMs[name],
      });
    }
    if (config.live.resolve && (!only || only === 'resolver') && !options.withoutGateway) {
      const { crm, web, pos, identity } = opened;
      if (!crm || !web || !pos || !identity) throw new Error('the live resolver needs the crm, web, pos and identity databases');
      // A database error's message can quote a record's values (a duplicate key): log its kind and code only.
      const liveLog = createLogger({ service: 'live', config: config.log, destination: options.logDestination });
      running.resolver = startLiveResolver({
        dbs: { crm, web, pos, identity },
        leaseMs: config.live.leaseMs,
        pollMs: config.live.pollMs,
        staleMs: config.live.staleMs,
        onError: (error) => liveLog.error({ error: describeError(error) }, 'live resolver round failed'),
        onRound: async ({ report, entries }) => {
          await enqueueEvents(identity, eventsOfRound(report));
          // Before the checkpoint, like the webhooks: a redone round writes the same keys, taken once.
          await appendCustomerEvents(identity, eventsOfResolution(report, await customersTouchedByRound(identity, report, entries), entries));
        },
      });
      running.bands = startBandWatcher({
        dbs: { crm, web, pos, identity },
        config: loadIndexConfig({ path: config.indexConfigPath }),
        holder: `bands-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
        leaseMs: config.live.leaseMs,
        pollMs: Math.max(config.live.pollMs, 100),
        onError: (error) => liveLog.error({ error: describeError(error) }, 'band watcher failed'),
      });
      running.webhooks = startWebhookDispatcher({
        identity,
        pollMs: Math.max(config.live.pollMs, 100),
        backoffMs: config.live.webhookBackoffMs,
        onError: (error) => liveLog.error({ error: describeError(error) }, 'webhook dispatch failed'),
      });
      log('live resolver: consuming the outboxes');
    }
    if ((!only && !options.withoutGateway) || only === 'gateway') {
      const { console: web } = config;
      if (options.buildConsole && web.enabled && !config.auth.production && web.dir === CONSOLE_DIST) await ensureConsoleBuilt(log);
      running.gateway = await startGateway({
        supergraphSdl: await readSupergraph(),
        subgraphUrls,
        development: config.development,
        corsOrigins: config.corsOrigins,
        maxRequestBytes: config.maxRequestBytes,
        host: config.host,
        port: options.ephemeralPorts ? 0 : config.gatewayPort,
        logger: createLogger({ service: 'gateway', config: config.log, destination: options.logDestination }),
        metricsToken: config.metricsToken,
        auth,
        limits: config.limits,
        console: web.enabled ? { dir: web.dir, oidc: web.oidc, demoTokens: config.development && !config.auth.production } : undefined,
        ingest: { maxBytes: config.live.maxIngestBytes },
      });
      log(`gateway: ${running.gateway.url}`);
      if (options.demoTokens && !config.auth.production) await logDemoTokens(auth, log);
      const { secret, issuer, audience } = auth.bearer;
      // The demo's: a serve that seeds no demo data (`--no-seed`: a deployment's, a test's) never simulates.
      if (options.simulate && options.seedCustomers && config.live.simulate && !config.auth.production && !only && running.resolver && secret && opened.web && opened.pos) {
        const tokenTtlSeconds = 3_600;
        let token: { value: string; until: number } | undefined;
        const simulationLog = createLogger({ service: 'simulation', config: config.log, destination: options.logDestination });
        running.simulation = startSimulation({
          gatewayOrigin: new URL(running.gateway.url).origin,
          token: async () => {
            if (!token || token.until < Date.now()) {
              const value = await signBearerToken({ secret, roles: ['ingest'], sub: 'demo-simulation', ttlSeconds: tokenTtlSeconds, issuer, audience });
              token = { value, until: Date.now() + (tokenTtlSeconds / 2) * 1000 };
            }
            return token.value;
          },
          web: opened.web,
          pos: opened.pos,
          intervalMs: config.live.simulateIntervalMs,
          onError: (error) => simulationLog.warn({ error: describeError(error) }, 'simulated post failed'),
        });
        log(`live simulation: a new web session or receipt every ${config.live.simulateIntervalMs / 1000} s through /ingest (OMNIDEX_SIMULATE=false or --no-simulate turns it off)`);
      }
    }
    return running;
  } catch (error) {
    await running.stop();
    throw error;
  }
}
