import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import { readSupergraph } from '../gateway/src/compose';
import { startGateway, type RunningGateway } from '../gateway/src';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/src/subgraph';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from './config';
import { COLLECTIONS, DATABASES } from './contract/documents';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db';
import { runResolve } from './identity/store';
import { importDirectory } from './import';
import { generateSeed } from './seed';
import { SUBGRAPH_MODULES } from './subgraph-registry';

export type ServiceName = SubgraphName | 'gateway';
export const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];

export interface ServeOptions {
  config: Config;
  /** Run one service alone, as deployments do; all of them when absent. */
  only?: ServiceName;
  /** Keep the embedded database in memory (tests). */
  inMemory?: boolean;
  /** Extra driver options for the subgraphs' client, e.g. command monitoring in tests. */
  clientOptions?: OpenDatabaseOptions['clientOptions'];
  /** Seed this many demo customers when the channel databases are empty; 0 never seeds. */
  seedCustomers?: number;
  /** Listen on port 0 everywhere (tests). */
  ephemeralPorts?: boolean;
  log?: (line: string) => void;
  gatewayLogLevel?: 'debug' | 'info' | 'warn' | 'error' | false;
}

export interface RunningOmnidex {
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

/**
 * Starts Omnidex: the database connection, the channel subgraphs and the gateway in this process,
 * or one of them alone (`only`).
 */
export async function serve(options: ServeOptions): Promise<RunningOmnidex> {
  const { config, only } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const subgraphNames = SUBGRAPH_NAMES.filter((name) => !only || only === name);
  const running: RunningOmnidex = {
    subgraphs: [],
    async stop() {
      await running.gateway?.stop();
      await Promise.all(running.subgraphs.map((subgraph) => subgraph.stop()));
      await running.database?.close();
    },
  };
  try {
    if (subgraphNames.length > 0) {
      running.database = await openDatabase(config, {
        inMemory: options.inMemory,
        clientOptions: options.clientOptions,
      });
      log(`database: ${running.database.description}`);
      const { client } = running.database;
      if (!only && options.seedCustomers && (await channelDatabasesAreEmpty(client))) {
        await seedDemoData(client, options.seedCustomers, log);
      }
      for (const name of subgraphNames) {
        const subgraph = await startSubgraph(SUBGRAPH_MODULES[name], {
          client,
          host: config.host,
          port: options.ephemeralPorts ? 0 : config.subgraphPorts[name],
          maxRequestBytes: config.maxRequestBytes,
        });
        running.subgraphs.push(subgraph);
        log(`subgraph ${name}: ${subgraph.url}`);
      }
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
      });
      log(`gateway: ${running.gateway.url}`);
    }
    return running;
  } catch (error) {
    await running.stop();
    throw error;
  }
}
