import http from 'node:http';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import usePrometheus from '@graphql-mesh/plugin-prometheus';
import httpTransport from '@graphql-mesh/transport-http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createBearerVerifier } from '../../src/auth/bearer';
import { ROLES } from '../../src/auth/caller';
import { createDemoTokens, DEMO_TOKEN_TTL_SECONDS } from '../../src/auth/demo';
import type { AuthSettings } from '../../src/auth/secrets';
import type { OidcConfig } from '../../src/config';
import { keepConnectionsLonger, sendJson, sendRequestError } from '../../src/http-responses';
import { metricsRegistry, serveMetrics } from '../../src/metrics';
import { createLogger, describeError, type Logger } from '../../src/telemetry/log';
import { traceIdOf, withRequestTrace } from '../../src/telemetry/trace-context';
import { tracingEnabled } from '../../src/telemetry/tracing';
import { callerOfRequest, propagateCaller, useAuthentication } from './auth';
import { createLimits } from './limits';
import { useTracing } from './plugins/use-tracing';
import { createGatewayLogger } from './log';
import { LimitCode } from './plugins/limit-error';
import { loadPersistedDocuments } from './plugins/persisted-documents';
import { useQuietJsonParser } from './plugins/use-quiet-json-parser';
import { useFetchFailurePaths } from './plugins/use-fetch-failure-paths';
import { useVariableCoercion } from './plugins/use-variable-coercion';
import { alsoOnSubscribe } from './plugins/also-on-subscribe';
import { createIngestRoute, INGEST_PATH_PREFIX } from './ingest';
import { createResilience } from './resilience';
import { unsupportedContentType } from './unsupported-content-type';
import { createConsoleFiles } from './web/console-files';
import { createSignInRoutes } from './web/sign-in';
import type { LimitsConfig } from '../../src/config';

export interface GatewayOptions {
  /** The composed supergraph SDL (gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens now, by subgraph name; overrides the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** GraphiQL on `/graphql` in a browser, and the console's demo tokens. */
  development: boolean;
  /** Origins whose pages may call the gateway from a browser (CORS); none: same origin only. */
  corsOrigins?: readonly string[];
  /** The web console at `/` (docs/CONSOLE.md); absent, the gateway serves none. */
  console?: ConsoleOptions;
  /** Requests with a larger body are refused with 413 before any parsing. */
  maxRequestBytes: number;
  /** The bearer token `/metrics` asks for (OMNIDEX_METRICS_TOKEN); unset, metrics are off. */
  metricsToken?: string;
  /** Where the gateway logs (JSON lines on standard output at `info` by default); tests keep it quiet. */
  logger?: Logger;
  /** How bearer tokens are verified and the secret that signs the caller for the subgraphs. */
  auth: AuthSettings;
  /** Depth, aliases, tokens, cost, string length, rate, trusted documents and subgraph timeouts. */
  limits: LimitsConfig;
  /** The ingest API (`POST /ingest/<kind>`): its body limit, OMNIDEX_MAX_INGEST_KB. Off when absent. */
  ingest?: { maxBytes: number };
}

export interface ConsoleOptions {
  /** Its build (`console/dist`). */
  dir: string;
  /** Sign-in through an identity provider; absent, people paste a bearer token. */
  oidc: OidcConfig | undefined;
  /** Offer signed demo tokens to pick from (development, with an HS256 secret, never in production). */
  demoTokens: boolean;
}

const READINESS_TIMEOUT_MS = 2_000;
/** The gateway's own paths: never a page of the console. */
const GATEWAY_PATHS = ['/graphql', '/metrics', '/healthz', '/readyz', '/auth', '/ingest', '/__hive_health', '/__hive_ready'];

/** JSON lines on standard output at `info`, when the caller brings no logger of its own. */
function defaultLogger(): Logger {
  return createLogger({ service: 'gateway', config: { level: 'info', format: 'json' } });
}

/** Builds the Hive Gateway runtime over the supergraph, with each subgraph at its live URL. */
export function createGateway(options: GatewayOptions): GatewayRuntime {
  const logger = options.logger ?? defaultLogger();
  const { persistedDocumentsPath } = options.limits;
  const limits = createLimits(
    { ...options.limits, persistedDocuments: persistedDocumentsPath ? loadPersistedDocuments(persistedDocumentsPath) : undefined },
    options.development,
    (request) => callerOfRequest(request)?.sub,
  );
  return createGatewayRuntime({
    supergraph: options.supergraphSdl,
    // Hive Router's query planner (Rust, shipped as a prebuilt addon): plans once per document
    // and executes with less work per request than the JavaScript planner (issue 15).
    unifiedGraphHandler,
    transports: { http: httpTransport },
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }]),
    ),
    graphqlEndpoint: '/graphql',
    graphiql: options.development,
    // An allow-list, never the request's own Origin echoed back with credentials.
    cors: options.corsOrigins?.length
      ? { origin: [...options.corsOrigins], credentials: true, methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type'] }
      : false,
    // From the package, never a CDN: the page holds a bearer token (docs/CONSOLE.md, "GraphiQL").
    renderGraphiQL,
    landingPage: false,
    // Hive logs subgraph failures with the subgraph's request and answer: only ids and codes pass.
    logging: createGatewayLogger(logger),
    propagateHeaders: propagateCaller(options.auth.internalSecret),
    persistedDocuments: limits.persistedDocuments,
    disableIntrospection: limits.disableIntrospection,
    ...createResilience(options.limits.subgraphTimeoutMs),
    plugins: (context) => [
      useQuietJsonParser(),
      // Loaded only when this process traces (src/telemetry/tracing.ts): zero cost otherwise.
      ...(tracingEnabled() ? [useTracing(context)] : []),
      ...limits.plugins,
      alsoOnSubscribe(useVariableCoercion()),
      useFetchFailurePaths(),
      useAuthentication({
        settings: options.auth,
        // /healthz, /readyz and /metrics are answered before the runtime.
        openPaths: [],
        logError: (error) => logger.error({ error: describeError(error) }, 'authentication failed on the server side'),
      }),
      usePrometheus({
        log: context.log,
        registry: metricsRegistry,
        // Served by createGatewayServer, behind the metrics token.
        endpoint: false,
        // Bounded labels only: the operation name and an error's path are the client's to choose
        // (150 names made /metrics ten times larger), and fields are not measured.
        labels: { operationName: false, path: false, fieldName: false, typeName: false, returnType: false },
        metrics: {
          graphql_yoga_http_duration: true,
          graphql_envelop_request_duration: true,
          graphql_envelop_phase_parse: true,
          graphql_envelop_phase_validate: true,
          graphql_envelop_phase_execute: true,
          graphql_envelop_error_result: true,
          graphql_gateway_subgraph_execute_duration: true,
          graphql_gateway_subgraph_execute_errors: true,
          graphql_gateway_fetch_duration: true,
        },
      }),
    ],
    // Hive's own health routes are replaced by ours below, which also ask the subgraphs.
    healthCheckEndpoint: '/__hive_health',
    readinessCheckEndpoint: '/__hive_ready',
  });
}

async function subgraphReadiness(subgraphUrls: Record<string, string>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const readyz = new URL('/readyz', url);
      try {
        const response = await fetch(readyz, { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
        return [name, response.ok ? 'ready' : `not ready (HTTP ${response.status})`] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The gateway behind `node:http`, not yet listening: `/graphql`, `/metrics` (Prometheus), `/healthz`
 * (the process is up) and `/readyz` (every subgraph answers its own readiness check).
 */
export function createGatewayServer(options: GatewayOptions): { server: http.Server; gateway: GatewayRuntime } {
  const logger = options.logger ?? defaultLogger();
  const gateway = createGateway({ ...options, logger });
  const logError = (what: string) => (error: unknown) => logger.error({ error: describeError(error) }, what);
  const web = options.console && createWebRoutes(options, options.console, logError);
  const ingest = options.ingest
    ? createIngestRoute({ auth: options.auth, subgraphUrls: options.subgraphUrls, maxBytes: options.ingest.maxBytes })
    : undefined;
  const server = keepConnectionsLonger(http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (ingest && pathname.startsWith(INGEST_PATH_PREFIX)) {
      // Its own body limit (bodies are streamed against it, so chunked ones are fine too) and auth.
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > options.ingest!.maxBytes) {
        sendRequestError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body of ${declared} bytes exceeds the limit of ${options.ingest!.maxBytes} bytes (OMNIDEX_MAX_INGEST_KB)`, {
          connection: 'close',
        });
        req.resume();
        return;
      }
      ingest(req, res, pathname).catch((error: unknown) => {
        logError('ingest route failed')(error);
        if (!res.headersSent) sendRequestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
        else res.destroy();
      });
      return;
    }
    if (pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (pathname === '/metrics') {
      void serveMetrics(req, res, options.metricsToken);
      return;
    }
    if (pathname === '/readyz') {
      void subgraphReadiness(options.subgraphUrls).then((subgraphs) => {
        const ready = Object.values(subgraphs).every((state) => state === 'ready');
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', subgraphs });
      });
      return;
    }
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > options.maxRequestBytes) {
      sendRequestError(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `Request body of ${declaredLength} bytes exceeds the limit of ${options.maxRequestBytes} bytes`,
        { connection: 'close' },
      );
      req.resume();
      return;
    }
    if (req.method === 'POST' && req.headers['content-length'] === undefined) {
      // Without a declared length the limit could only be enforced mid-stream; ask for one instead.
      sendRequestError(res, 411, 'LENGTH_REQUIRED', 'A Content-Length header is required');
      req.resume();
      return;
    }
    const signIn = web?.signIn.routeOf(req.method, pathname);
    if (signIn) {
      void signIn(req, res).catch((error: unknown) => {
        logError('sign-in route failed')(error);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Sign-in failed on the server side' });
      });
      return;
    }
    if (web?.files.owns(req, pathname)) {
      void web.files.serve(req, res, pathname).catch((error: unknown) => {
        logError('console file failed')(error);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    const badContentType = pathname === '/graphql' ? unsupportedContentType(req.method, req.headers) : undefined;
    if (badContentType) {
      sendRequestError(res, 415, LimitCode.UNSUPPORTED_MEDIA_TYPE, badContentType);
      req.resume();
      return;
    }
    // Tracing on, the OpenTelemetry plugin starts the request's span; off, its log lines still share a trace id.
    if (tracingEnabled()) void gateway(req, res);
    else withRequestTrace(traceIdOf(req.headers), () => void gateway(req, res));
  }));
  return { server, gateway };
}

function createWebRoutes(options: GatewayOptions, web: ConsoleOptions, logError: (what: string) => (error: unknown) => void) {
  const demoTokens = web.demoTokens && options.development && options.auth.bearer.secret;
  return {
    files: createConsoleFiles(web.dir, GATEWAY_PATHS),
    signIn: createSignInRoutes({
      oidc: web.oidc,
      // The console reads: the ingest role, which reads nothing, has no use for it.
      demoTokens: demoTokens ? () => createDemoTokens(options.auth, DEMO_TOKEN_TTL_SECONDS, ROLES) : undefined,
      verify: createBearerVerifier(options.auth.bearer),
      logError: logError('sign-in with the identity provider failed'),
    }),
  };
}
