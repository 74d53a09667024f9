import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { startEmbeddedMongo } from '../../embedded-mongo/src';
import type { MongoClient } from 'mongodb';
import { loadConfig } from '../config';
import { exportMapping, formatResolveReport, runResolve } from '../identity/store';
import { openDatabase } from '../db';
import { createImportProgress, exportQuarantine, formatImportReport, importDirectory, listQuarantine } from '../import';
import { generateSeed } from '../seed';
import { SERVICE_NAMES, serve, type ServiceName } from '../serve';

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive integer');
  return number;
}

function port(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError('expected a port between 0 and 65535');
  }
  return number;
}

function isoDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('expected an ISO-8601 date or time');
  return date;
}

/** Resolves once the process is asked to stop (Ctrl-C, `docker stop`). */
function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

const DEMO_CUSTOMERS = 1_000;

export function buildProgram(): Command {
  const program = new Command('omnidex')
    .description('Customer-360 gateway over the CRM, web shop and point-of-sale data')
    .showHelpAfterError();

  program
    .command('serve')
    .description('serve the subgraphs and the gateway (seeding demo data into an empty database)')
    .addOption(new Option('--only <service>', 'run one service alone').choices(SERVICE_NAMES as string[]))
    .option('--seed-customers <n>', 'demo customers to seed into an empty database', positiveInteger, DEMO_CUSTOMERS)
    .option('--no-seed', 'never seed demo data')
    .action(async (options: { only?: ServiceName; seed: boolean; seedCustomers: number }) => {
      const config = loadConfig();
      const startedAt = Date.now();
      const running = await serve({
        config,
        only: options.only,
        seedCustomers: options.seed ? options.seedCustomers : 0,
      });
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
      console.log(`ready in ${seconds}s${running.gateway ? `: open ${running.gateway.url}` : ''}`);
      const signal = await untilSignalled();
      console.log(`${signal}: stopping`);
      await running.stop();
    });

  program
    .command('db')
    .description('run the embedded MongoDB-compatible server on OMNIDEX_DATA_DIR for other processes')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 27017)
    .action(async (options: { port: number }) => {
      const config = loadConfig();
      const server = await startEmbeddedMongo({ dataDir: config.dataDir, port: options.port, host: config.host });
      console.log(`embedded database on ${config.dataDir}: ${server.uri}`);
      await untilSignalled();
      await server.close();
    });

  program
    .command('seed')
    .description('write a deterministic demo data set as export files (and optionally import it)')
    .option('--customers <n>', 'number of people to generate', positiveInteger, DEMO_CUSTOMERS)
    .option('--seed <s>', 'random seed: the same seed gives the same files', positiveInteger, 1)
    .option('--until <iso>', 'latest time in the data (default: today 00:00 UTC)', isoDate)
    .option('--out <dir>', 'directory to write the export files to', 'seed-data')
    .option('--import', 'also import the files into the channel databases')
    .action(async (options: { customers: number; seed: number; until?: Date; out: string; import?: boolean }) => {
      const until = options.until ?? new Date(new Date().setUTCHours(0, 0, 0, 0));
      const outDir = path.resolve(options.out);
      const summary = await generateSeed({ customers: options.customers, seed: options.seed, until, outDir });
      console.log(`wrote ${outDir}`);
      console.log(JSON.stringify(summary, null, 2));
      if (options.import) await runImport(outDir);
    });

  program
    .command('import')
    .description('load channel export files (any subset of the data contract) into MongoDB')
    .argument('<dir>', 'directory holding crm/, web/ and pos/ export files')
    .action(async (dir: string) => {
      await runImport(path.resolve(dir));
    });

  program
    .command('resolve')
    .description('resolve one persistent customer ID across the imported channel records (incremental)')
    .action(async () => {
      await withDatabase(async (client) => {
        const report = await runResolve(client, { onPhase: (phase) => console.log(`… ${phase}`) });
        console.log(formatResolveReport(report));
      });
    });

  program
    .command('export')
    .description('export data in bulk')
    .argument('<what>', 'what to export: mapping (every source record with its customer id)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (what: string, options: { out?: string }) => {
      if (what !== 'mapping') throw new InvalidArgumentError(`cannot export "${what}"; try: mapping`);
      await withDatabase(async (client) => {
        const out = options.out ? createWriteStream(path.resolve(options.out)) : process.stdout;
        const count = await exportMapping(client, out);
        if (options.out) {
          out.end();
          await finished(out);
          console.error(`exported ${count} records to ${options.out}`);
        }
      });
    });

  program
    .command('quarantine')
    .description('list or export the rows the importer refused')
    .option('--file <path>', 'only rows from this export file (as the import summary names it)')
    .option('--limit <n>', 'rows to list', positiveInteger, 50)
    .option('--export <file>', 'write every matching row as JSON lines instead of listing')
    .action(async (options: { file?: string; limit: number; export?: string }) => {
      await withDatabase(async (client) => {
        if (options.export) {
          const count = await exportQuarantine(client, path.resolve(options.export), { file: options.file });
          console.log(`exported ${count} quarantined rows to ${options.export}`);
          return;
        }
        const rows = await listQuarantine(client, { file: options.file, limit: options.limit });
        for (const row of rows) console.log(`${row.file}:${row.line}\t${row.reason}\t${row.raw}`);
        if (rows.length === 0) console.log('no quarantined rows');
      });
    });

  program
    .command('bench')
    .description('run a benchmark script from bench/ (lists them without a name)')
    .argument('[name]', 'benchmark name, e.g. embedded-mongo')
    .allowUnknownOption()
    .action(async (name: string | undefined, _options: unknown, command: Command) => {
      const benchDir = path.resolve(__dirname, '../../bench');
      const available = (await readdir(benchDir)).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3));
      if (!name) {
        console.log(`benchmarks: ${available.join(', ')}`);
        return;
      }
      if (!available.includes(name)) throw new Error(`no benchmark named ${name}; available: ${available.join(', ')}`);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, `${name}.ts`), ...command.args.slice(1)], {
        stdio: 'inherit',
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      process.exitCode = code ?? 1;
    });

  return program;
}

async function withDatabase(body: (client: MongoClient) => Promise<void>): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    await body(database.client);
  } finally {
    await database.close();
  }
}

async function runImport(dir: string): Promise<void> {
  await withDatabase(async (client) => {
    const progress = createImportProgress(process.stdout);
    const report = await importDirectory(client, dir, { onProgress: progress.onProgress });
    progress.stop();
    console.log(formatImportReport(report));
    if (report.failed) process.exitCode = 1;
  });
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`omnidex: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
