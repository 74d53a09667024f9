import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import { readSupergraph } from '../gateway/src/compose';
import { startGateway, type RunningGateway } from '../gateway/src';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/src/subgraph';
import { createDemoTokens } from '../src/auth/demo';
import { resolveAuthSettings, type AuthSettings } from '../src/auth/secrets';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '../src/config';
import { COLLECTIONS, DATABASES } from '../src/contract/documents';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../src/db';
import { runResolve } from '../src/identity/store';
import { importDirectory } from '../src/import';
import { resolvePrivacySecret } from '../src/privacy/secret';
import { generateSeed } from '../src/seed';
import { SUBGRAPH_MODULES } from './services';

export type ServiceName = SubgraphName | 'gateway';
export const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];

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
  log?: (line: string) => void;
  gatewayLogLevel?: 'debug' | 'info' | 'warn' | 'error' | false;
  /** Log one signed demo token per role after the gateway's URL (never in production). */
  demoTokens?: boolean;
}

export interface RunningOmnidex {
  /** The secrets in force: how bearer tokens are verified, what signs the internal caller token. */
  auth: AuthSettings;
  /** Keys the suppression list (src/privacy); set when the identity subgraph runs here. */
  privacySecret?: string;
  database?: Database;
  subgraphs: RunningSubgraph[];
  gateway?: RunningGateway;
  stop(): Promise<void>;
}

async function channelDatabasesAreEmpty(client: MongoClient): Promise<boolean> {
  const counts = await Promise.all([
    client.db(DATABASES.crm).collection(COLLECTIONS.crm.contacts).estimatedDocumentCount(),
    client.db(DATABASES.web).collection(COLLECTIONS.web.events).estimatedDocumentCount(),
    client.db(DATABASES.pos).collection(COLLECTIONS.pos.transactions).estimatedDocumentCount(),
  ]);
  return counts.every((count) => count === 0);
}

/**
 * Writes a demo data set as export files, imports and resolves it, exactly as a user's exports
 * would be.
 */
async function seedDemoData(client: MongoClient, customers: number, log: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-seed-'));
  try {
    const until = new Date();
    until.setUTCHours(0, 0, 0, 0);
    await generateSeed({ customers, seed: 1, until, outDir: dir });
    const report = await importDirectory(client, dir);
    const rows = report.files.reduce((sum, file) => sum + file.read, 0);
    const resolved = await runResolve(client);
    log(`seeded ${customers} demo customers (${rows} source rows, ${resolved.customers.total} resolved customers)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const DEMO_TOKEN_TTL_SECONDS = 12 * 3_600;

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
  const privacySecret = subgraphNames.includes('identity')
    ? await resolvePrivacySecret({ configured: config.privacySecret, dataDir: config.dataDir, production: config.auth.production, ephemeral: options.inMemory })
    : undefined;
  const running: RunningOmnidex = {
    auth,
    privacySecret,
    subgraphs: [],
    async stop() {
      await running.gateway?.stop();
      await Promise.all(running.subgraphs.map((subgraph) => subgraph.stop()));
      await running.database?.close();
    },
  };
  try {
    // Insights owns no data: `serve --only insights` opens no database (and takes no data-dir lock).
    const needsDatabase = subgraphNames.some((name) => SUBGRAPH_MODULES[name].databaseName !== undefined);
    if (needsDatabase) {
      running.database = await openDatabase(config, {
        inMemory: options.inMemory,
        clientOptions: options.clientOptions,
      });
      log(`database: ${running.database.description}`);
      const { client } = running.database;
      if (!only && options.seedCustomers && (await channelDatabasesAreEmpty(client))) {
        await seedDemoData(client, options.seedCustomers, log);
      }
    }
    for (const name of subgraphNames) {
      const subgraph = await startSubgraph(SUBGRAPH_MODULES[name], {
        client: running.database?.client,
        host: config.host,
        port: options.ephemeralPorts ? 0 : config.subgraphPorts[name],
        maxRequestBytes: config.maxRequestBytes,
        internalSecret: auth.internalSecret,
        settings: { privacySecret },
      });
      running.subgraphs.push(subgraph);
      log(`subgraph ${name}: ${subgraph.url}`);
    }
    if (!only || only === 'gateway') {
      const subgraphUrls: Record<string, string> = { ...config.subgraphUrls };
      for (const subgraph of running.subgraphs) subgraphUrls[subgraph.name] = subgraph.url;
      running.gateway = await startGateway({
        supergraphSdl: await readSupergraph(),
        subgraphUrls,
        development: config.development,
        maxRequestBytes: config.maxRequestBytes,
        host: config.host,
        port: options.ephemeralPorts ? 0 : config.gatewayPort,
        logLevel: options.gatewayLogLevel,
        auth,
        limits: config.limits,
      });
      log(`gateway: ${running.gateway.url}`);
      if (options.demoTokens && !config.auth.production) await logDemoTokens(auth, log);
    }
    return running;
  } catch (error) {
    await running.stop();
    throw error;
  }
}
