import type { GatewayConfigContext, GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Hive Gateway's OpenTelemetry plugin, on the tracer provider, context manager and propagator that
 * `startTracing` registered: a span for the HTTP request (continuing a caller's `traceparent`),
 * for parse, validate, execute, each subgraph execution and each upstream fetch, whose
 * `traceparent` carries the trace to the subgraph. It records the GraphQL document and URLs too;
 * the exporter scrubs them (src/telemetry/scrub.ts). Required here, not imported at the top, so
 * that a gateway that does not trace never loads it.
 */
export function useTracing(context: GatewayConfigContext): GatewayPlugin {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { useOpenTelemetry } = require('@graphql-hive/plugin-opentelemetry') as typeof import('@graphql-hive/plugin-opentelemetry');
  return useOpenTelemetry({ ...context, traces: true, useContextManager: true, inheritContext: true, propagateContext: true }) as GatewayPlugin;
}
