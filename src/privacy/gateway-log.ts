/**
 * The gateway's logger, with contact details blanked. Hive Gateway logs every GraphQL error a
 * subgraph answers, and error messages may quote what the caller sent (a malformed email given to
 * `findCustomer`, a variable graphql-js could not coerce): without this, those land in the logs.
 */
import { ConsoleLogWriter, Logger, type Attributes, type LogLevel, type LogWriter } from '@graphql-hive/gateway-runtime';
import { redactContactDetails } from './redact';

/** Deep enough for an error inside a GraphQL error inside a log's attributes. */
const MAX_DEPTH = 8;

/** A copy of `value` with every string passed through `redactContactDetails`. */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactContactDetails(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactLogValue(item, depth + 1));
  if (value instanceof Error) {
    const copy = new Error(redactContactDetails(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactContactDetails(value.stack);
    return copy;
  }
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactLogValue(item, depth + 1)]));
}

/** Passes every log line through `redactLogValue` on its way to another writer. */
export class RedactingLogWriter implements LogWriter {
  constructor(private readonly inner: LogWriter) {}

  write(level: LogLevel, attrs: Attributes | null | undefined, msg: string | null | undefined): void | Promise<void> {
    return this.inner.write(level, attrs ? (redactLogValue(attrs) as Attributes) : attrs, msg ? redactContactDetails(msg) : msg);
  }

  flush(): void | Promise<void> {
    return this.inner.flush?.();
  }
}

/** Hive Gateway's console logger at `level` (false: silent), with contact details blanked. */
export function createGatewayLogger(level: LogLevel | false): Logger {
  return new Logger({ level, writers: [new RedactingLogWriter(new ConsoleLogWriter())] });
}
