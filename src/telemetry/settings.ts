/* What src/config.ts reads for the telemetry (it imports these; the telemetry imports no configuration). */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The services' logs: JSON lines on standard output (docs/OBSERVABILITY.md). */
export interface LogConfig {
  /** OMNIDEX_LOG_LEVEL: the least severe level written; `silent` writes nothing. */
  level: LogLevel;
  /** OMNIDEX_LOG_FORMAT: `json` (one object per line) or `pretty` (one readable line per entry). */
  format: 'json' | 'pretty';
}

/** OpenTelemetry traces (docs/OBSERVABILITY.md); off unless an OTLP endpoint is set. */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: where spans are sent over OTLP/HTTP; unset, nothing is traced. */
  otlpEndpoint: string | undefined;
}
