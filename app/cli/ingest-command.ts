import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { signBearerToken } from '../../src/auth/bearer';
import { INGEST_ROLE } from '../../src/auth/caller';
import { resolveAuthSettings } from '../../src/auth/secrets';
import { loadConfig } from '../../src/config';
import { CONTRACT_FILES } from '../../src/contract/schemas';
import { INGEST_KIND_NAMES, INGEST_KINDS, type IngestKind } from '../../src/import/ingest';

/*
 * `omnidex ingest FILE --kind KIND`: replays an export file against the ingest API
 * (`POST /ingest/<kind>` on the gateway), in requests of `--batch` rows, at most `--rate` rows a
 * second: a demo of live data, and a load generator. A 429 is waited out (Retry-After) and the
 * same rows sent again; so is a request that got no answer (ingest is idempotent).
 */

interface IngestOptions {
  kind: IngestKind;
  rate?: number;
  batch: number;
  url?: string;
  token?: string;
}

const TOTALS = ['read', 'inserted', 'updated', 'unchanged', 'quarantined', 'suppressed'] as const;

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive integer');
  return number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token for the ingest role: `--token`, OMNIDEX_TOKEN, or one signed here with the gateway's secret (not in production). */
async function ingestToken(explicit: string | undefined): Promise<string> {
  const given = explicit ?? process.env.OMNIDEX_TOKEN;
  if (given) return given;
  const config = loadConfig();
  const { secret, issuer, audience } = config.auth.production
    ? { secret: config.auth.jwtSecret, issuer: config.auth.issuer, audience: config.auth.audience }
    : (await resolveAuthSettings(config.auth, { dataDir: config.dataDir })).bearer;
  if (!secret) throw new Error('no token: pass --token or set OMNIDEX_TOKEN (a bearer token with the ingest role)');
  return signBearerToken({ secret, roles: [INGEST_ROLE], sub: 'cli-ingest', ttlSeconds: 3_600, issuer, audience });
}

export function createIngestCommand(): Command {
  return new Command('ingest')
    .description('send an export file to the ingest API, in batches, optionally at a fixed rate (demo and load)')
    .argument('<file>', 'an export file in the data contract (JSON lines, or CSV for the pos kinds)')
    .addOption(new Option('--kind <kind>', 'what the rows are').choices(INGEST_KIND_NAMES as string[]).makeOptionMandatory())
    .option('--rate <n>', 'rows per second at most (default: as fast as the API takes them)', positiveInteger)
    .option('--batch <n>', 'rows per request', positiveInteger, 1_000)
    .option('--url <url>', 'the gateway (default http://localhost:$PORT)')
    .option('--token <jwt>', 'a bearer token with the ingest role (default OMNIDEX_TOKEN, or one signed here)')
    .action(async (file: string, options: IngestOptions) => {
      const config = loadConfig();
      const base = options.url ?? `http://localhost:${config.gatewayPort}`;
      const endpoint = new URL(`/ingest/${options.kind}`, base);
      const token = await ingestToken(options.token);
      const csv = CONTRACT_FILES[INGEST_KINDS[options.kind]].format === 'csv' && path.extname(file).toLowerCase() === '.csv';
      const contentType = csv ? 'text/csv' : 'application/x-ndjson';
      const totals: Record<(typeof TOTALS)[number], number> = { read: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, suppressed: 0 };
      const started = Date.now();
      let failed = false;

      const send = async (lines: string[], firstLine: number, header: string | undefined): Promise<void> => {
        const body = `${header !== undefined ? `${header}\n` : ''}${lines.join('\n')}\n`;
        for (let attempt = 0; ; attempt++) {
          let response: Response | undefined;
          try {
            response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}` }, body });
          } catch (error) {
            if (attempt >= 10) throw new Error(`${endpoint.href} is unreachable: ${(error as Error).message}`);
          }
          if (response?.status === 429 || response?.status === 503 || !response) {
            const wait = Number(response?.headers.get('retry-after') ?? 1) || 1;
            await response?.text();
            await sleep(wait * 1000);
            continue;
          }
          const answer = (await response.json()) as Record<string, any>;
          if (response.status !== 200) {
            failed = true;
            console.error(`lines ${firstLine}–${firstLine + lines.length - 1}: HTTP ${response.status} ${answer.errors?.[0]?.message ?? ''}`);
            return;
          }
          for (const key of TOTALS) totals[key] += Number(answer[key] ?? 0);
          // The API numbers the body's lines; the header line (CSV) comes first in every body.
          const offset = firstLine - (header !== undefined ? 2 : 1);
          for (const row of answer.quarantinedRows ?? []) console.log(`quarantined ${file}:${row.line + offset}\t${row.reason}`);
          return;
        }
      };

      const reader = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
      let header: string | undefined;
      let batch: string[] = [];
      let batchStart = 1;
      let lineNo = 0;
      let sent = 0;
      for await (const line of reader) {
        lineNo += 1;
        if (csv && header === undefined) {
          header = line;
          batchStart = lineNo + 1;
          continue;
        }
        if (batch.length === 0) batchStart = lineNo;
        batch.push(line);
        if (batch.length >= options.batch) {
          await send(batch, batchStart, header);
          sent += batch.length;
          batch = [];
          if (options.rate) {
            const due = started + (sent / options.rate) * 1000;
            if (due > Date.now()) await sleep(due - Date.now());
          }
        }
      }
      if (batch.length > 0) await send(batch, batchStart, header);
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `ingested ${totals.read} rows of ${options.kind} in ${seconds.toFixed(1)} s (${Math.round(totals.read / Math.max(seconds, 0.001))}/s): ` +
          TOTALS.slice(1).map((key) => `${totals[key]} ${key}`).join(', '),
      );
      if (failed) process.exitCode = 1;
    });
}
