import { readFileSync } from 'node:fs';
import http from 'node:http';
import { inspect } from 'node:util';
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
import type { Caller } from '../../../src/auth/caller';
import { attachAuditTrail, createAuditSink, ensureAuditIndexes, useAuditLog } from './audit';
import { useAuthorization } from './authorization';
import { redactContactDetails } from '../../../src/privacy/redact';
import { createFormatError } from './errors';
import { createGraphQLListener } from './http';

/** One subgraph, ready to be served alone or beside others; the gateway composes from `schemaPath`. */
export interface SubgraphModule<TContext> {
  /** 'crm' | 'web' | 'pos' (later 'identity', 'insights'). */
  name: string;
  /** Absolute path of its schema.graphql. */
  schemaPath: string;
  /**
   * The MongoDB database it reads (DATABASES in src/contract/documents.ts); absent for a subgraph
   * that owns no data (insights), which is then served without a database client.
   */
  databaseName?: string;
  /** The schema built, not listening; `logError` receives the errors hidden from clients. */
  createServer(options?: SubgraphServerOptions): ApolloServer<TContext & BaseContext>;
  /**
   * Fresh per request: new DataLoaders, so nothing is cached across requests. `client` is
   * undefined only for a subgraph without `databaseName` (`startSubgraph` refuses the others).
   * `caller` is who the gateway says is asking, from its verified internal token.
   */
  createContext(client: MongoClient | undefined, caller: Caller, settings?: SubgraphSettings): TContext;
  /** Creates the indexes behind every access path of the subgraph; idempotent. None without data. */
  ensureIndexes?(client: MongoClient): Promise<void>;
  /**
   * A larger request body limit for a subgraph whose requests carry other subgraphs' results (the
   * gateway sends insights the portfolio report's partial tallies); wins over the server-wide limit
   * when larger. Only the gateway can send such a request: it needs the internal token.
   */
  minRequestBytesLimit?: number;
}

/** Start-up settings a subgraph's resolvers need besides the database and the caller. */
export interface SubgraphSettings {
  /** Keys the suppression list of forgotten customers (identity subgraph; src/privacy). */
  privacySecret?: string;
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
  /** Created once at start-up and shared by every request; optional for a subgraph without data. */
  client?: MongoClient;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest accepted request body; default 256 KiB. */
  maxRequestBytes?: number;
  /** Receives errors hidden from clients; default `console.error`. */
  logError?: (error: unknown) => void;
  /**
   * Verifies the gateway's `x-omnidex-caller` token on every `/graphql` request; requests
   * without a valid one get 401 (see src/auth/internal.ts).
   */
  internalSecret: string;
  /** Handed to every request's context (see `SubgraphSettings`). */
  settings?: SubgraphSettings;
}

const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
const READINESS_TIMEOUT_MS = 2_000;

function defaultLogger(name: string): (error: unknown) => void {
  // A driver error can quote the document it failed on (a duplicate key): no contact details in logs.
  return (error) => console.error(`[subgraph ${name}]`, redactContactDetails(inspect(error)));
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
  const logError = options.logError ?? defaultLogger(options.name);
  return new ApolloServer<TContext>({
    // Field-level @auth is enforced here, where the data lives (see ./authorization.ts).
    schema: useAuthorization(buildSubgraphSchema([{ typeDefs, resolvers: options.resolvers }])),
    formatError: createFormatError(logError),
    includeStacktraceInErrorResponses: false,
    // Apollo would stop on SIGINT/SIGTERM and re-raise the signal, killing the process before
    // `omnidex serve` has closed the database (and released the data directory's lock).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      useAuditLog<TContext>(logError),
    ],
  });
}

/**
 * Serves a subgraph over `node:http`: ensures its indexes, then listens. `/graphql`, `/healthz`,
 * `/readyz` (pings MongoDB, 503 when it cannot; always ready for a subgraph without a database).
 */
export async function startSubgraph<TContext>(
  module: SubgraphModule<TContext>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const { client } = options;
  const host = options.host ?? '127.0.0.1';
  const logError = options.logError ?? defaultLogger(module.name);
  if (module.databaseName !== undefined && !client) {
    throw new Error(`subgraph ${module.name} reads database "${module.databaseName}" but was started without a MongoDB client`);
  }
  const database = module.databaseName !== undefined ? client?.db(module.databaseName) : undefined;
  if (client) await module.ensureIndexes?.(client);
  if (client) await ensureAuditIndexes(client);
  const auditSink = client ? createAuditSink(client) : undefined;
  const server = module.createServer({ logError });
  await server.start();
  const httpServer = http.createServer(
    createGraphQLListener({
      name: module.name,
      server,
      context: async (caller) => {
        const context = module.createContext(client, caller, options.settings) as TContext & BaseContext;
        return auditSink ? attachAuditTrail(context, auditSink, module.name) : context;
      },
      internalSecret: options.internalSecret,
      ready: async () => {
        // A subgraph without data is ready as soon as it listens.
        await database?.command({ ping: 1 }, { timeoutMS: READINESS_TIMEOUT_MS });
        return true;
      },
      maxRequestBytes: Math.max(options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES, module.minRequestBytesLimit ?? 0),
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
