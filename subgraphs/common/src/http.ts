import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { Caller } from '../../../src/auth/caller';
import { AuthenticationError } from '../../../src/auth/errors';
import { createInternalTokenVerifier, INTERNAL_CALLER_HEADER, INTERNAL_OPERATION_HEADER } from '../../../src/auth/internal';
import { PayloadTooLargeError, readBody, sendJson, sendRequestError } from '../../../src/http-responses';
import { serveMetrics, subgraphRequestDuration } from '../../../src/metrics';
import { traceIdOf, withRequestTrace } from '../../../src/telemetry/trace-context';
import { traceRequest, tracingEnabled } from '../../../src/telemetry/tracing';
import { runInternalOperation, type InternalContext, type InternalHandlers } from './internal';
import { createSubscriptionHandler, wantsEventStream, type SubscriptionOptions } from './subscriptions';

export interface GraphQLListenerOptions<TContext extends BaseContext> {
  /** The subgraph's name, for metrics. */
  name: string;
  server: ApolloServer<TContext>;
  /**
   * Builds a fresh context (new DataLoaders) for each request, for the verified caller and the
   * client operation the gateway named (`x-omnidex-operation`), if any.
   */
  context: (caller: Caller, clientOperation: string | undefined) => Promise<TContext>;
  /** The internal operations (`POST /internal/<name>`) and what they run with; none when absent. */
  internal?: { handlers: InternalHandlers; context: (caller: Caller) => InternalContext };
  /** The secret the gateway (and every service) signs its `x-omnidex-caller` tokens with. */
  internalSecret: string;
  /** Whether the service can answer queries now (e.g. MongoDB answers a ping). */
  ready: () => Promise<boolean>;
  /** The bearer token `/metrics` asks for (OMNIDEX_METRICS_TOKEN); unset, metrics are off. */
  metricsToken?: string;
  /** Larger bodies are refused with 413 before they are parsed. */
  maxRequestBytes: number;
  /** The limit for `/internal/<name>` bodies when larger (a channel's `ingest` carries a whole ingest body); only the internal token's holders can send one. */
  maxInternalRequestBytes?: number;
  /** Receives failures that are not the client's fault; never shown to the client. */
  logError: (error: unknown) => void;
  /** Subscriptions, served as event streams (./subscriptions.ts) beside Apollo; none when absent. */
  subscriptions?: Pick<SubscriptionOptions<TContext>, 'schema' | 'formatError'>;
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,127}$/;

/** The client's operation name the gateway forwarded, when it is one (a GraphQL name). */
function clientOperationOf(req: IncomingMessage): string | undefined {
  const value = req.headers[INTERNAL_OPERATION_HEADER];
  return typeof value === 'string' && OPERATION_NAME.test(value) ? value : undefined;
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/**
 * Serves a subgraph over `node:http`: `/graphql` (GET and POST, through Apollo's
 * `executeHTTPGraphQLRequest`), `/healthz` (the process answers), `/readyz` (it can reach its
 * database) and `/metrics` (Prometheus). Apollo's own integrations do the same body and header
 * plumbing; this one adds a size limit and clear JSON errors for bodies Apollo never sees, and
 * answers `/graphql` only with the gateway's signed caller token (401 otherwise), so a subgraph's
 * port reached directly gives nothing away.
 */
export function createGraphQLListener<TContext extends BaseContext>(options: GraphQLListenerOptions<TContext>): RequestListener {
  const { server, maxRequestBytes } = options;
  const verifyCaller = createInternalTokenVerifier(options.internalSecret);
  const serveSubscription =
    options.subscriptions &&
    createSubscriptionHandler<TContext>({
      ...options.subscriptions,
      context: (caller, req) => options.context(caller, clientOperationOf(req)),
      logError: options.logError,
    });

  /** The verified caller, or undefined once a refusal (413, 401) has been sent. */
  const maxInternalBytes = Math.max(maxRequestBytes, options.maxInternalRequestBytes ?? 0);

  async function admit(req: IncomingMessage, res: ServerResponse, limit = maxRequestBytes): Promise<Caller | undefined> {
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > limit) {
      req.resume();
      sendRequestError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${limit} bytes`, { connection: 'close' });
      return undefined;
    }
    try {
      return await verifyCaller(req.headers[INTERNAL_CALLER_HEADER] as string | undefined);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      req.resume();
      sendRequestError(res, 401, error.code, error.message);
      return undefined;
    }
  }

  /** The body as text, or undefined once a 413 has been sent. */
  async function bodyOf(req: IncomingMessage, res: ServerResponse, limit = maxRequestBytes): Promise<string | undefined> {
    try {
      return (await readBody(req, limit)).toString('utf8');
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendRequestError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${limit} bytes`, { connection: 'close' });
        return undefined;
      }
      throw error;
    }
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const caller = await admit(req, res);
    if (!caller) return;
    if (serveSubscription && wantsEventStream(req)) {
      // graphql-sse reads the body itself, past `readBody`'s limit: only a declared length, which
      // `admit` has checked, keeps a large one out.
      if (req.method === 'POST' && req.headers['content-length'] === undefined) {
        req.resume();
        sendRequestError(res, 411, 'LENGTH_REQUIRED', 'A subscription sent as a POST needs a Content-Length');
        return;
      }
      await serveSubscription(req, res, caller);
      return;
    }
    let body: unknown;
    if (req.method === 'POST') {
      const text = await bodyOf(req, res);
      if (text === undefined) return;
      if (isJson(req.headers['content-type'])) {
        try {
          body = JSON.parse(text);
        } catch {
          sendRequestError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
          return;
        }
      } else {
        // Apollo answers a POST without a JSON content type with its own 400.
        body = text;
      }
    }
    const request: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers: toHeaderMap(req), search, body };
    const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => options.context(caller, clientOperationOf(req)) });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handleInternal(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      sendRequestError(res, 405, 'METHOD_NOT_ALLOWED', 'Internal operations are POST requests', { allow: 'POST' });
      return;
    }
    const caller = await admit(req, res, maxInternalBytes);
    if (!caller) return;
    const text = await bodyOf(req, res, maxInternalBytes);
    if (text === undefined) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      sendRequestError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
      return;
    }
    if (!options.internal) {
      sendRequestError(res, 404, 'NOT_FOUND', 'This service has no internal operations');
      return;
    }
    const answer = await runInternalOperation(operation, body, caller, options.internal.handlers, options.internal.context(caller));
    sendJson(res, answer.status, answer.body);
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    const run = async () => {
      switch (url.pathname) {
        case '/healthz':
          sendJson(res, 200, { status: 'ok' });
          return;
        case '/readyz': {
          const ready = await options.ready().catch(() => false);
          sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
          return;
        }
        case '/graphql': {
          const done = subgraphRequestDuration.startTimer({ subgraph: options.name });
          await handleGraphQL(req, res, url.search);
          done({ status: res.statusCode });
          return;
        }
        case '/metrics':
          await serveMetrics(req, res, options.metricsToken);
          return;
        default:
          if (url.pathname.startsWith('/internal/')) {
            await handleInternal(req, res, url.pathname.slice('/internal/'.length));
            return;
          }
          sendRequestError(res, 404, 'NOT_FOUND', `No route for ${url.pathname}; GraphQL is served on /graphql`);
      }
    };
    const handled = tracingEnabled() ? traceRequest(req, res, url.pathname, options.name, run) : withRequestTrace(traceIdOf(req.headers), run);
    handled.catch((error: unknown) => {
      options.logError(error);
      if (!res.headersSent) sendRequestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    });
  };
}
