import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';
import type { TracingConfig } from './settings';
import { ScrubbingSpanExporter } from './scrub';

/*
 * OpenTelemetry traces, from the gateway through each subgraph to each MongoDB command
 * (docs/OBSERVABILITY.md). Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: nothing of the SDK is
 * loaded, no span is made, and the request paths test one boolean. On, the process registers a
 * tracer provider, an AsyncLocalStorage context manager and the W3C trace-context propagator; the
 * gateway's spans come from Hive Gateway's OpenTelemetry plugin, a subgraph's request span from
 * `traceRequest`, and one span per MongoDB command from the driver's command monitoring. Every
 * span passes `ScrubbingSpanExporter` on its way out, which keeps allow-listed attributes only.
 */

const TRACER = 'omnidex';
let enabled = false;

/** Whether this process traces (`startTracing` found an endpoint or was handed an exporter). */
export function tracingEnabled(): boolean {
  return enabled;
}

export interface Tracing {
  /** Sends what is buffered (tests read their exporter after this). */
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** `service.name` of every span: `omnidex`, or `omnidex-crm` for a service run alone. */
  serviceName: string;
  config: TracingConfig;
  /** Instead of OTLP (tests: an in-memory exporter); spans are then exported one by one, at once. */
  exporter?: SpanExporter;
}

/** Starts tracing for this process when configured; undefined (and nothing loaded) when not. */
export async function startTracing(options: StartTracingOptions): Promise<Tracing | undefined> {
  if (!options.exporter && !options.config.otlpEndpoint) return undefined;
  const [{ BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
    ]);
  let processor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor(new ScrubbingSpanExporter(options.exporter));
  } else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = `${options.config.otlpEndpoint!.replace(/\/$/, '')}/v1/traces`;
    processor = new BatchSpanProcessor(new ScrubbingSpanExporter(new OTLPTraceExporter({ url })));
  }
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), spanProcessors: [processor] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  enabled = true;
  return {
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * Runs a subgraph's handling of one HTTP request inside a server span that continues the caller's
 * trace (the `traceparent` the gateway sent). Attributes: method, route, status, the subgraph.
 */
export function traceRequest(req: IncomingMessage, res: ServerResponse, route: string, service: string, run: () => Promise<void>): Promise<void> {
  const parent = propagation.extract(context.active(), req.headers);
  const span = trace.getTracer(TRACER).startSpan(
    `${req.method ?? 'GET'} ${route}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'http.route': route, 'omnidex.service': service } },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      await run();
    } finally {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  });
}

/** Driver commands that are its own upkeep, not the application's. */
const UPKEEP_COMMANDS = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'saslStart', 'saslContinue']);

/**
 * One client span per MongoDB command, a child of whatever span is active where the command was
 * sent (a subgraph request). From the driver's command monitoring (the client needs
 * `monitorCommands: true`): the database, the command's name and collection, the server, never the
 * command's filter or documents.
 */
export function traceMongoCommands(client: MongoClient): void {
  const open = new Map<string, Span>();
  const keyOf = (event: { requestId: number; connectionId?: string | number }) => `${event.connectionId ?? ''}:${event.requestId}`;
  client.on('commandStarted', (event: CommandStartedEvent) => {
    if (!enabled || UPKEEP_COMMANDS.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    const span = trace.getTracer(TRACER).startSpan(`mongodb.${event.commandName}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': 'mongodb',
        'db.name': event.databaseName,
        'db.operation': event.commandName,
        ...(typeof collection === 'string' ? { 'db.mongodb.collection': collection } : {}),
        'server.address': event.address,
      },
    });
    open.set(keyOf(event), span);
  });
  const finish = (event: CommandSucceededEvent | CommandFailedEvent, failed: boolean) => {
    const span = open.get(keyOf(event));
    if (!span) return;
    open.delete(keyOf(event));
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  client.on('commandSucceeded', (event) => finish(event, false));
  client.on('commandFailed', (event) => finish(event, true));
}
