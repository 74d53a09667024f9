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
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Db } from 'mongodb';
import type { Caller } from '../../../src/auth/caller';
import type { SubgraphName } from '../../../src/config';
import type { DatabaseName } from '../../../src/contract/documents';
import { keepConnectionsLonger } from '../../../src/http-responses';
import { createLogger, describeError, type Logger } from '../../../src/telemetry/log';
import { auditEntries, ensureAuditIndexes } from '../../../src/privacy/audit-log';
import { attachAuditTrail, createAuditSink, useAuditLog } from './audit';
import { useAuthorization } from './authorization';
import { createFormatError } from './errors';
import { createGraphQLListener } from './http';
import type { InternalHandlers } from './internal';
import type { SubgraphRuntime } from './runtime';

/** The resolver map `buildSubgraphSchema` takes; codegen's `Resolvers` of each subgraph fits it. */
type SchemaModule = Exclude<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], DocumentNode>;
export type SubgraphResolvers = NonNullable<SchemaModule['resolvers']>;

/** What every request's context holds: the subgraph's own database, its loaders, the caller. */
export type SubgraphContext<TLoaders, TExtra extends object = object> = {
  /** The subgraph's own database; it is handed no other. */
  db: Db;
  /** Made fresh for each request, so nothing is cached across requests or callers. */
  loaders: TLoaders;
  /** Who is asking, as the gateway (or the calling service) vouched for it. */
  caller: Caller;
} & TExtra;

/** What the composition root needs of a subgraph: its name, schema and database, and how to serve it. */
export interface SubgraphModule {
  readonly name: SubgraphName;
  /** Absolute path of its schema.graphql; the gateway composes from it. */
  readonly schemaPath: string;
  /** The database it owns (DATABASES in src/contract/documents.ts). */
  readonly database: DatabaseName;
  /** Creates its indexes, then listens. */
  start(options: StartSubgraphOptions): Promise<RunningSubgraph>;
}

/** A subgraph as `defineSubgraph` makes it: the module, plus what tests drive in-process. */
export interface SubgraphDefinition<TContext extends BaseContext> extends SubgraphModule {
  /** The schema built, not listening; `logError` receives the errors hidden from clients. */
  createServer(options?: SubgraphServerOptions): ApolloServer<TContext>;
  /** A request's context, as the served subgraph builds it. */
  createContext(db: Db, caller: Caller, runtime?: SubgraphRuntime): TContext;
  /** The internal operations it answers (`POST /internal/<name>`). */
  readonly internal: InternalHandlers;
}

export interface SubgraphServerOptions {
  /** Receives errors hidden from clients; default: logged as `describeError` describes them. */
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
  /** The subgraph's own database, on a client created once at start-up and shared by every request. */
  db: Db;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest accepted request body; default 256 KiB. */
  maxRequestBytes?: number;
  /** Receives errors hidden from clients; default: logged as `describeError` describes them. */
  logError?: (error: unknown) => void;
  /** The service's logger: JSON lines on standard output at `info` by default. */
  logger?: Logger;
  /** The bearer token `/metrics` asks for (OMNIDEX_METRICS_TOKEN); unset, metrics are off. */
  metricsToken?: string;
  /**
   * Verifies the `x-omnidex-caller` token on every request; requests without a valid one get 401
   * (see src/auth/internal.ts).
   */
  internalSecret: string;
  runtime?: SubgraphRuntime;
}

export interface SubgraphSpec<TLoaders, TExtra extends object> {
  name: SubgraphName;
  /** Absolute path of the subgraph's schema.graphql. */
  schemaPath: string;
  database: DatabaseName;
  resolvers: SubgraphResolvers;
  /** Per-request DataLoaders over the subgraph's database (one per entity key). */
  createLoaders(db: Db): TLoaders;
  /** What the subgraph's requests need from its start-up settings, added to every context. */
  contextFrom?(db: Db, runtime: SubgraphRuntime): TExtra;
  /** The indexes behind every access path; idempotent. The audit log's come on their own. */
  ensureIndexes?(db: Db): Promise<void>;
  /** The internal operations it answers besides `audit-entries`, which every subgraph answers. */
  internal?: InternalHandlers;
  /**
   * Called when the server is built, so that a bad configuration stops start-up rather than a
   * request (insights reads its index configuration here).
   */
  prepare?(): void;
  /**
   * A larger request body limit for a subgraph whose requests carry other subgraphs' results (the
   * gateway sends insights the portfolio report's partial tallies); wins over the server-wide limit
   * when larger. Only the gateway can send such a request: it needs the internal token.
   */
  minRequestBytesLimit?: number;
  /** A larger limit for internal operation bodies only (the channels' `ingest`); `/graphql` keeps the server-wide one. */
  internalRequestBytesLimit?: number;
}

const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
const READINESS_TIMEOUT_MS = 2_000;

function errorLogger(logger: Logger): (error: unknown) => void {
  // Never the message: a driver error can quote the document it failed on (a duplicate key).
  return (error) => logger.error({ error: describeError(error) }, 'request failed');
}

function defaultLogger(name: string): Logger {
  return createLogger({ service: name, config: { level: 'info', format: 'json' } });
}

/**
 * Builds a subgraph's Apollo Server from its SDL file and resolvers. Landing page, usage and
 * schema reporting and inline traces are off (nothing phones home, nothing leaks timings), and
 * every error passes through one `formatError`.
 */
/** The subgraph's executable schema, with field-level @auth enforced where the data lives (./authorization.ts). */
function buildSchema(schemaPath: string, resolvers: SubgraphResolvers): GraphQLSchema {
  const typeDefs = parse(readFileSync(schemaPath, 'utf8'));
  return useAuthorization(buildSubgraphSchema([{ typeDefs, resolvers }]));
}

function createSubgraphServer<TContext extends BaseContext>(
  name: string,
  schema: GraphQLSchema,
  logError = errorLogger(defaultLogger(name)),
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema,
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

async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Defines a subgraph: its name, schema, database, resolvers and loaders, and the internal
 * operations it answers. Served, it answers `/graphql` (through Apollo Server), `/internal/<name>`,
 * `/healthz`, `/readyz` (its database answers a ping) and `/metrics`; every request gets a fresh
 * context with new loaders and an audit trail written to its own database.
 */
export function defineSubgraph<TLoaders, TExtra extends object = object>(
  spec: SubgraphSpec<TLoaders, TExtra>,
): SubgraphDefinition<SubgraphContext<TLoaders, TExtra>> {
  type TContext = SubgraphContext<TLoaders, TExtra>;
  const createContext = (db: Db, caller: Caller, runtime: SubgraphRuntime = {}): TContext => ({
    db,
    loaders: spec.createLoaders(db),
    caller,
    ...(spec.contextFrom?.(db, runtime) ?? ({} as TExtra)),
  });
  const createServer = (options: SubgraphServerOptions = {}, schema = buildSchema(spec.schemaPath, spec.resolvers)) => {
    spec.prepare?.();
    return createSubgraphServer<TContext>(spec.name, schema, options.logError);
  };
  const internal: InternalHandlers = { 'audit-entries': (input, { db }) => auditEntries(db, input), ...spec.internal };

  async function start(options: StartSubgraphOptions): Promise<RunningSubgraph> {
    const { db } = options;
    const host = options.host ?? '127.0.0.1';
    const logger = options.logger ?? defaultLogger(spec.name);
    const logError = options.logError ?? errorLogger(logger);
    const runtime = options.runtime ?? {};
    await spec.ensureIndexes?.(db);
    await ensureAuditIndexes(db);
    const auditSink = createAuditSink(db);
    const schema = buildSchema(spec.schemaPath, spec.resolvers);
    const server = createServer({ logError }, schema);
    await server.start();
    const httpServer = keepConnectionsLonger(http.createServer(
      createGraphQLListener({
        name: spec.name,
        server,
        context: async (caller, clientOperation) =>
          attachAuditTrail(createContext(db, caller, runtime), auditSink, spec.name, clientOperation),
        internal: { handlers: internal, context: (caller) => ({ db, caller, runtime }) },
        internalSecret: options.internalSecret,
        metricsToken: options.metricsToken,
        ready: async () => {
          await db.command({ ping: 1 }, { timeoutMS: READINESS_TIMEOUT_MS });
          return true;
        },
        maxRequestBytes: Math.max(options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES, spec.minRequestBytesLimit ?? 0),
        maxInternalRequestBytes: spec.internalRequestBytesLimit,
        logError,
        subscriptions: schema.getSubscriptionType() ? { schema, formatError: createFormatError(logError) } : undefined,
      }),
    ));
    let port: number;
    try {
      port = await listen(httpServer, options.port ?? 0, host);
    } catch (error) {
      await server.stop();
      throw error;
    }
    const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return {
      name: spec.name,
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

  return { name: spec.name, schemaPath: spec.schemaPath, database: spec.database, start, createServer, createContext, internal };
}
