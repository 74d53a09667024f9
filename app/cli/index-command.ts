import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { crmReportPart } from '../../subgraphs/crm/src/models/tallies';
import { identityReportPart } from '../../subgraphs/identity/src/models/tallies';
import { posReportPart } from '../../subgraphs/pos/src/models/tallies';
import { webReportPart } from '../../subgraphs/web/src/models/tallies';
import { loadConfig } from '../../src/config';
import { openDatabases, type Databases } from '../../src/db';
import { identityCollections } from '../../src/identity/store';
import { CHANNELS } from '../../src/contract/documents';
import { ensureChannelIndexes } from '../../src/contract/indexes';
import { rebuildAllPartials } from '../../src/insights/partials';
import {
  combineReport,
  customerIndexes,
  loadIndexConfig,
  MAX_TREND_MONTHS,
  reportParams,
  ReportParamsError,
  type IndexConfig,
  type IntegrationIndexReport,
  type ReportParams,
  type ReportParts,
} from '../../src/insights';

/*
 * `omnidex index`: the portfolio report, or one JSON line per customer, straight from the
 * databases with the functions the subgraphs run (the channel tallies, identity's ownership) and
 * the scoring the API uses (`scoreTallies`), so the CLI and the GraphQL report cannot disagree.
 */

interface IndexOptions {
  asof?: Date;
  months: number;
  export?: string;
  store?: string;
  country?: string;
  cohort?: string;
  config?: string;
  rebuild?: boolean;
}

function isoInstant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('expected an ISO-8601 date or time');
  return date;
}

function trendMonths(value: string): number {
  const months = Number(value);
  if (!Number.isInteger(months) || months < 0 || months > MAX_TREND_MONTHS) {
    throw new InvalidArgumentError(`expected a whole number of months from 0 to ${MAX_TREND_MONTHS}`);
  }
  return months;
}

/** The databases whose services hold a report's parts. */
export type ReportDatabases = Pick<Databases, 'identity' | 'crm' | 'web' | 'pos'>;

/**
 * The four parts of a report, each computed by its service's own code on its service's own
 * database, as the subgraphs compute them for the gateway.
 */
export async function reportParts(dbs: ReportDatabases, params: ReportParams): Promise<ReportParts> {
  const [identity, crm, web, pos] = await Promise.all([
    identityReportPart(identityCollections(dbs.identity), params),
    crmReportPart(dbs.crm, params),
    webReportPart(dbs.web, params),
    posReportPart(dbs.pos, params),
  ]);
  return { identity, crm, web, pos };
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/**
 * Writes one JSON line per customer the report covers (every customer without a filter), with
 * nulls as null, respecting the stream's backpressure. Returns the number of lines.
 */
export async function exportCustomerIndexes(
  dbs: ReportDatabases,
  params: ReportParams,
  config: IndexConfig,
  out: NodeJS.WritableStream,
): Promise<number> {
  const parts = await reportParts(dbs, { ...params, trendMonths: 0 });
  let lines = 0;
  for (const { customerId, results } of customerIndexes({ ...params, trendMonths: 0 }, parts, config)) {
    const index = results[0]!;
    const line = JSON.stringify({
      customerId,
      score: index.score,
      band: index.band,
      channels: index.channels.map((c) => ({
        channel: c.channel,
        accessibility: c.accessibility,
        consistency: c.consistency,
        experience: c.experience,
        score: c.score,
      })),
    });
    lines += 1;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  return lines;
}

/** The report as a table, and its trend as a small bar chart. */
export function formatIndexReport(report: IntegrationIndexReport): string {
  const fmt = (value: number | null) => (value === null ? '—' : round(value)!.toFixed(2));
  const filters = Object.entries(report.filter).map(([key, value]) => `${key}=${value}`);
  const lines = [
    `Omni-channel Integration Index as of ${report.asOf.toISOString()} (window from ${report.window.from.toISOString()})` +
      (filters.length ? `, ${filters.join(', ')}` : ''),
    `customers ${report.customers}, with an index ${report.indexed}: portfolio index ${fmt(report.score)}${report.band ? ` (${report.band})` : ''}`,
    '',
    'band        customers   share',
  ];
  for (const band of ['EXEMPLARY', 'MODERATE', 'POOR', 'NONE'] as const) {
    const count = report.bands[band];
    const share = report.customers === 0 ? 0 : (100 * count) / report.customers;
    lines.push(`${band.padEnd(10)} ${String(count).padStart(10)} ${share.toFixed(1).padStart(6)}%`);
  }
  lines.push('', 'channel  engaged  accessibility  consistency  experience   score');
  for (const c of report.channels) {
    lines.push(
      `${c.channel.padEnd(7)} ${String(c.engagedCustomers).padStart(8)} ${fmt(c.accessibility).padStart(14)} ${fmt(c.consistency).padStart(12)} ${fmt(c.experience).padStart(11)} ${fmt(c.score).padStart(7)}`,
    );
  }
  if (report.trend.length > 0) {
    lines.push('', 'trend (index at each month end; bar: 0–100)');
    for (const point of report.trend) {
      const bar = point.score === null ? '' : '█'.repeat(Math.round(point.score / 2.5));
      lines.push(`${point.month}  ${fmt(point.score).padStart(6)}  ${bar}`);
    }
  }
  return lines.join('\n');
}

/** `omnidex index [--asof ISO] [--months N] [--export FILE] [--store ID] [--country CC] [--cohort YYYY[-MM]] [--rebuild]`. */
export function createIndexCommand(): Command {
  return new Command('index')
    .description('print the portfolio Omni-channel Integration Index report, or export every customer\'s index')
    .option('--asof <iso>', 'the instant the index is taken at (default now)', isoInstant)
    .option('--months <n>', 'month ends in the trend', trendMonths, 12)
    .option('--export <file>', 'write one JSON line per customer instead of the report')
    .option('--store <id>', 'only customers with a receipt at this store in the window')
    .option('--country <cc>', 'only customers whose golden-profile country is this')
    .option('--cohort <yyyy-mm>', 'only customers first seen in this year or month')
    .option('--config <file>', 'index configuration file (default OMNIDEX_INDEX_CONFIG or omnidex.index.json)')
    .option('--rebuild', 'recompute the report\'s partials in every channel database from scratch (repair), then report')
    .action(async (options: IndexOptions) => {
      const settings = loadConfig();
      const indexConfig = loadIndexConfig({ path: options.config ?? settings.indexConfigPath });
      let params: ReportParams;
      try {
        params = reportParams({
          asOf: options.asof ?? new Date(),
          windowDays: indexConfig.windowDays,
          trendMonths: options.export ? 0 : options.months,
          filter: { storeId: options.store, country: options.country, cohort: options.cohort },
          salt: randomBytes(12).toString('base64url'),
        });
      } catch (error) {
        if (error instanceof ReportParamsError) throw new InvalidArgumentError(error.message);
        throw error;
      }
      const database = await openDatabases(settings, ['identity', 'crm', 'web', 'pos']);
      try {
        if (options.rebuild) {
          for (const channel of CHANNELS) {
            const started = Date.now();
            await ensureChannelIndexes(database.dbs[channel], channel);
            const records = await rebuildAllPartials(database.dbs[channel], channel);
            console.error(`rebuilt the report partials of ${records} ${channel} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          }
        }
        if (options.export) {
          const out = createWriteStream(options.export);
          const lines = await exportCustomerIndexes(database.dbs, params, indexConfig, out);
          out.end();
          await finished(out);
          console.error(`exported the index of ${lines} customers to ${options.export}`);
          return;
        }
        const report = combineReport(params, await reportParts(database.dbs, params), indexConfig);
        console.log(formatIndexReport(report));
      } finally {
        await database.close();
      }
    });
}
