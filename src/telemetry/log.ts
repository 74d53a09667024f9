import { Writable } from 'node:stream';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogConfig } from './settings';
import { currentTraceFields } from './trace-context';

export type { Logger } from 'pino';

/*
 * The services' structured logs: one JSON object per line (or a readable line with
 * OMNIDEX_LOG_FORMAT=pretty), each with the service, the level, the time and the request's trace
 * id. Log lines carry ids, codes and operation names only: never request bodies, variables,
 * subgraph answers or error messages, which can quote personal data (docs/SECURITY.md, "Logs").
 */

export interface LoggerOptions {
  /** `gateway`, `crm`, … : the `service` field of every line. */
  service: string;
  config: LogConfig;
  /** Where lines go; standard output by default (tests capture them here). */
  destination?: DestinationStream;
}

const PRETTY_SKIPPED = new Set(['level', 'time', 'service', 'msg']);

/** Formats pino's JSON lines as `time LEVEL service: message key=value …`. */
function prettyStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        const fields = Object.entries(entry)
          .filter(([key]) => !PRETTY_SKIPPED.has(key))
          .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
        out.write(`${String(entry.time)} ${String(entry.level).toUpperCase().padEnd(5)} ${String(entry.service)}: ${String(entry.msg ?? '')} ${fields.join(' ')}\n`);
      }
      done();
    },
  });
}

/** A service's logger, as configured (OMNIDEX_LOG_LEVEL, OMNIDEX_LOG_FORMAT). */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? (options.config.format === 'pretty' ? prettyStream(process.stdout) : pino.destination({ sync: false }));
  return pino(
    {
      level: options.config.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: currentTraceFields,
    },
    destination,
  );
}

/** Keys whose primitive values a log line may carry from an error or a library's attributes. */
const SAFE_KEYS = new Set(['code', 'subgraph', 'subgraphName', 'serviceName', 'operationName', 'requestId', 'status', 'statusCode', 'method', 'phase']);

/**
 * What a log line may say of an error: its class, its code (`extensions.code` of a GraphQL error,
 * or a driver's `code`), the subgraph it names, and where in the code it was thrown. Not its
 * message, which can quote what a caller sent or a document the database refused.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const { name, stack } = error as { name?: unknown; stack?: unknown };
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions ?? {};
  const described: Record<string, unknown> = { type: typeof name === 'string' ? name : 'Error' };
  for (const [key, value] of Object.entries({ ...extensions, code: extensions.code ?? (error as { code?: unknown }).code })) {
    if (SAFE_KEYS.has(key) && (typeof value === 'string' || typeof value === 'number')) described[key] = value;
  }
  // Only the frames: the first line of a stack is the message.
  if (typeof stack === 'string') described.stack = stack.split('\n').filter((line) => line.startsWith('    at ')).join('\n');
  return described;
}

/** An Error, or one serialised for logging (a GraphQL error as Hive logs it: message, path, extensions). */
function isErrorLike(value: unknown): boolean {
  if (value instanceof Error) return true;
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string' && ('extensions' in value || 'stack' in value);
}

/**
 * Keeps of a library's log attributes (Hive Gateway's) only what `SAFE_KEYS` names, and errors as
 * `describeError` describes them: the rest (a subgraph request's body, variables, a response) is
 * dropped, since its shape is the library's and may change.
 */
export function safeAttributes(value: unknown, depth = 0): unknown {
  if (isErrorLike(value)) return { error: describeError(value) };
  if (typeof value !== 'object' || value === null || depth > 4) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => safeAttributes(item, depth + 1)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SAFE_KEYS.has(key) && (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) kept[key] = item;
    else if (isErrorLike(item)) kept.error = describeError(item);
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}
