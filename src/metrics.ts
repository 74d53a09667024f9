import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { sendRequestError } from './http-responses';
import type { MongoClient } from 'mongodb';

/**
 * The process's Prometheus registry, served on `/metrics` by the gateway and every subgraph. When
 * several services share a process (`omnidex serve`), each endpoint shows the whole process; run
 * apart (`serve --only NAME`) each shows its own.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'omnidex_' });

const mongoCommands = new Counter({
  name: 'omnidex_mongodb_commands_total',
  help: 'MongoDB commands sent, by database (each subgraph owns one) and command name',
  labelNames: ['database', 'command'] as const,
  registers: [metricsRegistry],
});

const mongoFailures = new Counter({
  name: 'omnidex_mongodb_command_failures_total',
  help: 'MongoDB commands that failed, by database and command name',
  labelNames: ['database', 'command'] as const,
  registers: [metricsRegistry],
});

export const subgraphRequestDuration = new Histogram({
  name: 'omnidex_subgraph_request_duration_seconds',
  help: 'Time to answer one GraphQL request on a subgraph, by subgraph and HTTP status',
  labelNames: ['subgraph', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Driver commands the monitor reports that are the driver's own upkeep, not the application's. */
const UPKEEP_COMMANDS = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'saslStart', 'saslContinue']);

/** Counts the client's commands; it must be created with `monitorCommands: true`. */
export function instrumentMongoClient(client: MongoClient): void {
  client.on('commandStarted', (event) => {
    if (!UPKEEP_COMMANDS.has(event.commandName)) mongoCommands.inc({ database: event.databaseName, command: event.commandName });
  });
  client.on('commandFailed', (event) => {
    mongoFailures.inc({ database: event.databaseName, command: event.commandName });
  });
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Answers `GET /metrics` for a scraper holding `Authorization: Bearer <OMNIDEX_METRICS_TOKEN>`
 * (compared in constant time): 401 without it, 404 when no token is configured (metrics are then
 * off). The registry's labels are bounded (no client-chosen strings), so the answer stays the
 * same size whatever clients send (docs/SECURITY.md, "Metrics").
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string | undefined): Promise<void> {
  req.resume();
  if (!token) {
    sendRequestError(res, 404, 'METRICS_DISABLED', 'Metrics are off: set OMNIDEX_METRICS_TOKEN and scrape with it as a bearer token');
    return;
  }
  const presented = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
  if (!timingSafeEqual(digest(presented), digest(token))) {
    sendRequestError(res, 401, 'UNAUTHENTICATED', 'Metrics need the metrics bearer token (OMNIDEX_METRICS_TOKEN)', { 'www-authenticate': 'Bearer' });
    return;
  }
  res.writeHead(200, { 'content-type': metricsRegistry.contentType });
  res.end(await metricsRegistry.metrics());
}
