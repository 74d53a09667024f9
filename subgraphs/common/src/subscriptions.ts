import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Caller } from '../../../src/auth/caller';
import { sendRequestError } from '../../../src/http-responses';
import { auditTrailOf } from './audit';

/*
 * GraphQL subscriptions over server-sent events, the "distinct connections" mode of the GraphQL
 * over SSE protocol: the gateway (Hive Gateway's HTTP transport) asks `GET /graphql?query=…` with
 * `Accept: text/event-stream` and reads `event: next` messages until `event: complete`. Apollo
 * Server serves no subscriptions, so they run here, with graphql-js's `subscribe` over the same
 * schema (its field authorization included) and a context built as for a query; the audit trail
 * is written after each event, before the event is sent.
 */

/** Comments every so often, so that idle connections are not closed by proxies on the way. */
const HEARTBEAT_MS = 12_000;

export interface SubscriptionRequestOptions<TContext> {
  schema: GraphQLSchema;
  caller: Caller;
  context: () => Promise<TContext>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logError: (error: unknown) => void;
}

/** True for a request asking for an event stream (a subscription). */
export function wantsEventStream(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('text/event-stream');
}

interface Params {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function paramsOf(search: string, body: unknown): Params {
  if (body && typeof body === 'object') return body as Params;
  const params = new URLSearchParams(search);
  const parseJson = (value: string | null) => (value ? (JSON.parse(value) as unknown) : undefined);
  return { query: params.get('query') ?? undefined, variables: parseJson(params.get('variables')), operationName: params.get('operationName') ?? undefined };
}

function formatResult(result: ExecutionResult, formatError: SubscriptionRequestOptions<unknown>['formatError']): Record<string, unknown> {
  return {
    ...(result.errors?.length ? { errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : {}),
    ...('data' in result ? { data: result.data } : {}),
  };
}

/** Answers one subscription request: 400 for a request that cannot start, else the event stream. */
export async function serveSubscription<TContext extends object>(
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
  body: unknown,
  options: SubscriptionRequestOptions<TContext>,
): Promise<void> {
  let params: Params;
  let document: DocumentNode;
  try {
    params = paramsOf(search, body);
    if (typeof params.query !== 'string') throw new GraphQLError('A subscription request needs a `query`');
    document = parse(params.query);
  } catch (error) {
    sendRequestError(res, 400, 'BAD_REQUEST', error instanceof GraphQLError ? error.message : 'The subscription request is not well-formed');
    return;
  }
  const validationErrors = validate(options.schema, document);
  const operation = getOperationAST(document, typeof params.operationName === 'string' ? params.operationName : undefined);
  if (validationErrors.length > 0 || operation?.operation !== 'subscription') {
    const errors = validationErrors.length > 0 ? validationErrors : [new GraphQLError('Only subscriptions are served as event streams')];
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: errors.map((error) => ({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) }));
    return;
  }
  const contextValue = await options.context();
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.flushHeaders();
  const send = (result: ExecutionResult) => res.write(`event: next\ndata: ${JSON.stringify(formatResult(result, options.formatError))}\n\n`);
  const heartbeat = setInterval(() => res.write(':\n\n'), HEARTBEAT_MS).unref();
  let stream: AsyncIterator<ExecutionResult> | undefined;
  const closed = () => void stream?.return?.();
  req.socket.on('close', closed);
  try {
    const result = await subscribe({
      schema: options.schema,
      document,
      variableValues: (params.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof params.operationName === 'string' ? params.operationName : undefined,
      contextValue,
    });
    if (!(Symbol.asyncIterator in result)) {
      send(result);
      return;
    }
    stream = result[Symbol.asyncIterator]();
    if (res.destroyed) return;
    for (;;) {
      let next: IteratorResult<ExecutionResult>;
      try {
        next = await stream.next();
      } catch (error) {
        // The event source failed (the database unreachable): the client hears why, then the end.
        const failure = error instanceof GraphQLError ? error : new GraphQLError('The event stream failed', { originalError: error as Error });
        if (!res.destroyed) send({ errors: [failure] });
        break;
      }
      if (next.done || res.destroyed) break;
      const trail = auditTrailOf(contextValue);
      try {
        await trail?.flush({ caller: options.caller, operationName: operation.name?.value ?? null });
      } catch (error) {
        // Audit fails closed: no personal data leaves without its record.
        send({ errors: [new GraphQLError('The audit log could not be written, so no personal data is returned', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] });
        options.logError(error);
        break;
      }
      send(next.value);
    }
  } finally {
    clearInterval(heartbeat);
    req.socket.off('close', closed);
    await stream?.return?.();
    if (!res.destroyed) res.end('event: complete\ndata:\n\n');
  }
}
