import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import type { MongoClient } from 'mongodb';
import { createFormatError } from './errors';
import { createGraphQLListener } from './http';

/** One subgraph, ready to be served alone or beside others; the gateway composes from `schemaPath`. */
export interface SubgraphModule<TContext> {
  /** 'crm' | 'web' | 'pos' (later 'identity', 'insights'). */
  name: string;
  /** Absolute path of its schema.graphql. */
  schemaPath: string;
  /** The MongoDB database it reads (DATABASES in src/contract/documents.ts). */
  databaseName: string;
  /** The schema built, not listening; `logError` receives the errors hidden from clients. */
  createServer(options?: SubgraphServerOptions): ApolloServer<TContext & BaseContext>;
  /** Fresh per request: new DataLoaders, so nothing is cached across requests. */
  createContext(client: MongoClient): TContext;
  /** Creates the indexes behind every access path of the subgraph; idempotent. */
  ensureIndexes(client: MongoClient): Promise<void>;
}

export interface SubgraphServerOptions {
  /** Receives errors hidden from clients; default `console.error`. */
  logError?: (error: unknown) => void;
}

export interface RunningSubgraph {
  name: string;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4001/graphql. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartSubgraphOptions {
  /** Created once at start-up and shared by every request. */
  client: MongoClient;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest accepted request body; default 256 KiB. */
  maxRequestBytes?: number;
  /** Receives errors hidden from clients; default `console.error`. */
  logError?: (error: unknown) => void;
}

const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
const READINESS_TIMEOUT_MS = 2_000;

function defaultLogger(name: string): (error: unknown) => void {
  return (error) => console.error(`[subgraph ${name}]`, error);
}

/**
 * Builds a subgraph's Apollo Server from its SDL file and resolvers. Landing page, usage and
 * schema reporting and inline traces are off (nothing phones home, nothing leaks timings), and
 * every error passes through one `formatError`.
 */
export function createSubgraphServer<TContext extends BaseContext>(options: {
  name: string;
  schemaPath: string;
  resolvers: GraphQLResolverMap<TContext>;
  logError?: (error: unknown) => void;
}): ApolloServer<TContext> {
  const typeDefs = parse(readFileSync(options.schemaPath, 'utf8'));
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: options.resolvers }]),
    formatError: createFormatError(options.logError ?? defaultLogger(options.name)),
    includeStacktraceInErrorResponses: false,
    // Apollo would stop on SIGINT/SIGTERM and re-raise the signal, killing the process before
    // `omnidex serve` has closed the database (and released the data directory's lock).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
}

/**
 * Serves a subgraph over `node:http`: ensures its indexes, then listens. `/graphql`, `/healthz`,
 * `/readyz` (pings MongoDB; 503 when it cannot).
 */
export async function startSubgraph<TContext>(
  module: SubgraphModule<TContext>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const { client } = options;
  const host = options.host ?? '127.0.0.1';
  const logError = options.logError ?? defaultLogger(module.name);
  await module.ensureIndexes(client);
  const server = module.createServer({ logError });
  await server.start();
  const httpServer = http.createServer(
    createGraphQLListener({
      name: module.name,
      server,
      context: async () => module.createContext(client) as TContext & BaseContext,
      ready: async () => {
        await client.db(module.databaseName).command({ ping: 1 }, { timeoutMS: READINESS_TIMEOUT_MS });
        return true;
      },
      maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
      logError,
    }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? 0, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    name: module.name,
    url: `http://${urlHost}:${port}/graphql`,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await server.stop();
    },
  };
}
