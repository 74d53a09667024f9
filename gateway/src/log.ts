import { Logger as HiveLogger, type Attributes, type LogLevel, type LogWriter } from '@graphql-hive/gateway-runtime';
import { redactContactDetails } from '../../src/privacy/redact';
import { safeAttributes, type Logger } from '../../src/telemetry/log';

/** Longer messages are cut: a library's message should never need more. */
const MAX_MESSAGE_LENGTH = 200;

/**
 * Hive Gateway's log lines, written by the service's logger. Hive logs every subgraph failure with
 * the error, whose extensions hold the subgraph request (its body: the variables, names, postcodes
 * of the customer asked for) and response: only ids, codes, subgraph and operation names pass
 * (`safeAttributes`), and the message has contact details blanked.
 */
export class GatewayLogWriter implements LogWriter {
  constructor(private readonly logger: Logger) {}

  write(level: LogLevel, attrs: Attributes | null | undefined, msg: string | null | undefined): void {
    const safe = (safeAttributes(attrs) ?? {}) as Record<string, unknown>;
    const message = msg ? redactContactDetails(msg).slice(0, MAX_MESSAGE_LENGTH) : undefined;
    this.logger[level](safe, message);
  }
}

/** Hive Gateway's logger over the service's, at the same level. */
export function createGatewayLogger(logger: Logger): HiveLogger {
  const level = logger.level === 'silent' ? false : (logger.level as LogLevel);
  return new HiveLogger({ level, writers: [new GatewayLogWriter(logger)] });
}
