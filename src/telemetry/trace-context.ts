import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { trace } from '@opentelemetry/api';

/*
 * The trace id every log line carries. With tracing on (./tracing.ts) it is the active span's.
 * With tracing off, each request still gets one: the W3C `traceparent` it arrived with (the gateway
 * sends one to every subgraph fetch), else a new one, kept in an AsyncLocalStorage for the request,
 * so that the gateway's and the subgraphs' lines of one request share it at no tracing cost.
 */

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

interface RequestTrace {
  traceId: string;
}

const requestTrace = new AsyncLocalStorage<RequestTrace>();

/** The trace id (and span id, when tracing) of what runs now; empty outside any request. */
export function currentTraceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  if (span && span.traceId !== '00000000000000000000000000000000') return { trace_id: span.traceId, span_id: span.spanId };
  const store = requestTrace.getStore();
  return store ? { trace_id: store.traceId } : {};
}

/** The trace id of an incoming request's `traceparent` header, or a new one. */
export function traceIdOf(headers: IncomingHttpHeaders): string {
  const header = headers.traceparent;
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim()) : null;
  return match && match[1] !== '0'.repeat(32) ? match[1]! : randomBytes(16).toString('hex');
}

/** Runs one request's handling with its trace id in the log context (tracing off). */
export function withRequestTrace<T>(traceId: string, run: () => T): T {
  return requestTrace.run({ traceId }, run);
}

/** A `traceparent` for an outgoing request of the current one (tracing off): same trace, new span. */
export function outgoingTraceparent(): string | undefined {
  const store = requestTrace.getStore();
  return store ? `00-${store.traceId}-${randomBytes(8).toString('hex')}-00` : undefined;
}
