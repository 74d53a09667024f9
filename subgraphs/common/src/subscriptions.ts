import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  validate,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import type { Caller } from '../../../src/auth/caller';
import { auditTrailOf } from './audit';

/*
 * GraphQL subscriptions over server-sent events, served by graphql-sse in its "distinct
 * connections" mode: Hive Gateway's HTTP transport asks `GET /graphql?query=…` with
 * `Accept: text/event-stream` (exactly that value, which is also the only one graphql-sse streams
 * to) and reads `event: next` messages until `event: complete`; graphql-sse also sends the
 * keep-alive comments every 12 s. Apollo Server serves no subscriptions, so they run here with
 * graphql-js's `subscribe` over the same schema (its field authorization included) and a context
 * built as for a query.
 */

export interface SubscriptionOptions<TContext> {
  schema: GraphQLSchema;
  /** The context of a query, for the caller the listener has already verified. */
  context: (caller: Caller, req: IncomingMessage) => Promise<TContext>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logError: (error: unknown) => void;
}

/** True for a request graphql-sse answers with an event stream (a subscription). */
export function wantsEventStream(req: IncomingMessage): boolean {
  return req.headers.accept === 'text/event-stream';
}

type Context = Record<PropertyKey, unknown>;
type Events = AsyncIterableIterator<ExecutionResult>;

/**
 * graphql-sse sends what an operation yields as it comes: the audit trail has to be written
 * between the event being resolved and being sent, and a failure has to end the stream after one
 * error event, which `onNext` (it can replace an event, not end the stream) cannot do. Not an
 * async generator: one waiting on the next event could not be returned until that event came,
 * so a subscriber gone away would keep its poller running.
 */
function audited(events: Events, caller: Caller, operationName: string | null, context: Context, logError: (error: unknown) => void): Events {
  let ended = false;
  const end = async (value: ExecutionResult): Promise<IteratorResult<ExecutionResult>> => {
    ended = true;
    await events.return?.();
    return { done: false, value };
  };
  const iterator: Events = {
    async next() {
      if (ended) return { done: true, value: undefined };
      let next: IteratorResult<ExecutionResult>;
      try {
        next = await events.next();
      } catch (error) {
        // The event source failed (the database unreachable): the client hears why, then the end.
        return end({ errors: [error instanceof GraphQLError ? error : new GraphQLError('The event stream failed', { originalError: error as Error })] });
      }
      if (next.done || ended) return { done: true, value: undefined };
      try {
        await auditTrailOf(context)?.flush({ caller, operationName });
      } catch (error) {
        // Audit fails closed: no personal data leaves without its record.
        logError(error);
        return end({ errors: [new GraphQLError('The audit log could not be written, so no personal data is returned', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] });
      }
      return next;
    },
    async return() {
      ended = true;
      await events.return?.();
      return { done: true, value: undefined };
    },
    // graphql-sse ends an operation when its client goes away only if it has `throw` too (if it
    // looks like an async generator).
    async throw(error: unknown) {
      await iterator.return!();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * The `text/event-stream` half of a subgraph's `/graphql`, for callers the listener has verified.
 * It reads a POST's body itself, so the listener must not have read it.
 */
export function createSubscriptionHandler<TContext extends object>(options: SubscriptionOptions<TContext>): (req: IncomingMessage, res: ServerResponse, caller: Caller) => Promise<void> {
  // graphql-sse is given Node's request only: the caller the listener verified rides beside it.
  const callers = new WeakMap<IncomingMessage, Caller>();
  const handle = createHandler<Context>({
    schema: options.schema,
    // No single connection mode: the gateway opens one stream per subscription, and a stream
    // reserved by one caller must not be reachable through its token by another.
    authenticate: () => null,
    context: async (req) => (await options.context(callers.get(req.raw)!, req.raw)) as unknown as Context,
    // Queries and mutations belong to Apollo, with its plugins (the audit log among them). Over an
    // event stream graphql-sse answers a document that fails validation with one error event and
    // `complete` (HTTP 200), which the gateway passes on as it would a 400's errors.
    validate: (schema, document) => {
      const errors = validate(schema, document);
      const refused = errors.length > 0 ? errors : document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== 'subscription') ? [new GraphQLError('Only subscriptions are served as event streams')] : [];
      return refused.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    },
    onOperation: (context, req, args, result) => {
      if (!(Symbol.asyncIterator in Object(result))) return undefined;
      const operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
      return audited(result as Events, callers.get(req.raw)!, operationName, context, options.logError);
    },
    // graphql-sse types an event's errors as GraphQLErrors but only serialises them: formatted
    // ones (a query's, from the same `formatError`) serialise the same way.
    onNext: (_context, _req, result) =>
      result.errors?.length ? { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) as unknown as GraphQLError[] } : result,
  });
  return async (req, res, caller) => {
    callers.set(req, caller);
    // Proxies on the way (nginx) would otherwise hold events back in their buffers.
    res.setHeader('x-accel-buffering', 'no');
    await handle(req, res);
  };
}
