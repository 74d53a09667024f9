import http from 'node:http';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import usePrometheus from '@graphql-mesh/plugin-prometheus';
import httpTransport from '@graphql-mesh/transport-http';
import type { AuthSettings } from '../../src/auth/secrets';
import { sendJson, sendRequestError } from '../../src/http-responses';
import { metricsRegistry } from '../../src/metrics';
import { createGatewayLogger } from '../../src/privacy/gateway-log';
import { callerOfRequest, propagateCaller, useAuthentication } from './auth';
import { createLimits } from './limits';
import { LimitCode } from './plugins/limit-error';
import { loadPersistedDocuments } from './plugins/persisted-documents';
import { useQuietJsonParser } from './plugins/use-quiet-json-parser';
import { createIngestRoute, INGEST_PATH_PREFIX } from './ingest';
import { createResilience } from './resilience';
import { unsupportedContentType } from './unsupported-content-type';
import type { LimitsConfig } from '../../src/config';

export interface GatewayOptions {
  /** The composed supergraph SDL (gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens now, by subgraph name; overrides the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** GraphiQL on `/graphql` in a browser. */
  development: boolean;
  /** Origins whose pages may call the gateway from a browser (CORS); none: same origin only. */
  corsOrigins?: readonly string[];
  /** Requests with a larger body are refused with 413 before any parsing. */
  maxRequestBytes: number;
  /** Gateway log level; tests keep it quiet. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | false;
  /** How bearer tokens are verified and the secret that signs the caller for the subgraphs. */
  auth: AuthSettings;
  /** Depth, aliases, tokens, cost, string length, rate, trusted documents and subgraph timeouts. */
  limits: LimitsConfig;
  /** The ingest API (`POST /ingest/<kind>`): its body limit, OMNIDEX_MAX_INGEST_KB. Off when absent. */
  ingest?: { maxBytes: number };
}

const READINESS_TIMEOUT_MS = 2_000;

/** Builds the Hive Gateway runtime over the supergraph, with each subgraph at its live URL. */
export function createGateway(options: GatewayOptions): GatewayRuntime {
  const { persistedDocumentsPath } = options.limits;
  const limits = createLimits(
    { ...options.limits, persistedDocuments: persistedDocumentsPath ? loadPersistedDocuments(persistedDocumentsPath) : undefined },
    options.development,
    (request) => callerOfRequest(request)?.sub,
  );
  return createGatewayRuntime({
    supergraph: options.supergraphSdl,
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
    landingPage: false,
    // Error messages can quote what a caller sent: the logger blanks emails and phone numbers.
    logging: createGatewayLogger(options.logLevel ?? 'info'),
    propagateHeaders: propagateCaller(options.auth.internalSecret),
    persistedDocuments: limits.persistedDocuments,
    disableIntrospection: limits.disableIntrospection,
    ...createResilience(options.limits.subgraphTimeoutMs),
    plugins: (context) => [
      useQuietJsonParser(),
      ...limits.plugins,
      useAuthentication({
        settings: options.auth,
        // /healthz and /readyz are answered before the runtime; Prometheus serves /metrics.
        openPaths: ['/metrics'],
        logError: (error) => context.log.error('authentication failed on the server side', error),
      }),
      usePrometheus({
        log: context.log,
        registry: metricsRegistry,
        endpoint: '/metrics',
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
  const gateway = createGateway(options);
  const ingest = options.ingest
    ? createIngestRoute({ auth: options.auth, subgraphUrls: options.subgraphUrls, maxBytes: options.ingest.maxBytes })
    : undefined;
  const server = http.createServer((req, res) => {
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
      ingest(req, res, pathname).catch(() => {
        if (!res.headersSent) sendRequestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
        else res.destroy();
      });
      return;
    }
    if (pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
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
    const badContentType = pathname === '/graphql' ? unsupportedContentType(req.method, req.headers) : undefined;
    if (badContentType) {
      sendRequestError(res, 415, LimitCode.UNSUPPORTED_MEDIA_TYPE, badContentType);
      req.resume();
      return;
    }
    void gateway(req, res);
  });
  return { server, gateway };
}
