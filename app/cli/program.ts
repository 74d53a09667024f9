import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { startEmbeddedMongo } from '@omnidex/embedded-mongo';
import { loadConfig, SUBGRAPH_NAMES } from '../../src/config';
import { exportMapping, formatResolveReport, runResolve } from '../../src/identity/store';
import { openDatabases, type Databases } from '../../src/db';
import type { DatabaseName } from '../../src/contract/documents';
import { createImportProgress, exportQuarantine, formatImportReport, importDirectory, listQuarantine } from '../../src/import';
import { generateSeed } from '../../src/seed';
import { createIndexCommand } from './index-command';
import { createIngestCommand } from './ingest-command';
import { addWebhook, deadLetters, removeWebhook, WEBHOOK_EVENTS, webhooks, type WebhookEvent } from '../../src/live/webhooks';
import { formatForgetResult, loadSuppression, redactContactDetails, resolvePrivacySecret, type ForgetResult } from '../../src/privacy';
import { signBearerToken } from '../../src/auth/bearer';
import { BEARER_ROLES, type BearerRole } from '../../src/auth/caller';
import { parseDurationSeconds } from '../../src/durations';
import { resolveAuthSettings } from '../../src/auth/secrets';
import { createPrivateFile, ensurePrivateDir } from '../../src/secret-file';
import type { ServiceName } from '../serve';

/*
 * `serve` and the local services load the gateway, Apollo and every subgraph: about 2.5 s of
 * start-up that the commands working on the databases alone (import, resolve, index…) need not
 * pay, so those modules are imported where they are used.
 */
const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway', 'resolver'];
// require, not import(): the CLI runs through tsx's CommonJS hook, which import() bypasses.
const withLocalServices: typeof import('../local-services').withLocalServices = (...args) =>
  (require('../local-services') as typeof import('../local-services')).withLocalServices(...args);

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

function duration(value: string): number {
  try {
    return parseDurationSeconds(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
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
    .option('--no-simulate', 'no live simulation of demo sessions and receipts (off in production anyway)')
    .action(async (options: { only?: ServiceName; seed: boolean; seedCustomers: number; simulate: boolean }) => {
      const config = loadConfig();
      const startedAt = Date.now();
      const { serve } = require('../serve') as typeof import('../serve');
      const running = await serve({
        config,
        only: options.only,
        seedCustomers: options.seed ? options.seedCustomers : 0,
        demoTokens: true,
        buildConsole: true,
        simulate: options.simulate,
      });
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
      const consoleUrl = running.gateway && config.console.enabled ? new URL('/', running.gateway.url).href : undefined;
      const where = consoleUrl ? `: the console at ${consoleUrl}, GraphQL at ${running.gateway!.url}` : running.gateway ? `: open ${running.gateway.url}` : '';
      console.log(`ready in ${seconds}s${where}`);
      const signal = await untilSignalled();
      console.log(`${signal}: stopping`);
      await running.stop();
    });

  program
    .command('token')
    .description('print a signed bearer token for trying the API (HS256, with OMNIDEX_JWT_SECRET or the data directory\'s secret)')
    .addOption(new Option('--role <role>', 'the role the token grants').choices(BEARER_ROLES as readonly string[] as string[]).makeOptionMandatory())
    .option('--sub <id>', 'the caller id (`sub` claim) audits and logs will show', undefined)
    .addOption(new Option('--ttl <duration>', 'how long the token is valid, e.g. 15m, 1h, 7d').argParser(duration).default(3_600, '1h'))
    .action(async (options: { role: BearerRole; sub?: string; ttl: number }) => {
      const config = loadConfig();
      // In production nothing is generated and the internal secret is none of this command's business.
      const { secret, issuer, audience } = config.auth.production
        ? { secret: config.auth.jwtSecret, issuer: config.auth.issuer, audience: config.auth.audience }
        : (await resolveAuthSettings(config.auth, { dataDir: config.dataDir })).bearer;
      if (!secret) {
        throw new Error(
          config.auth.jwksUrl
            ? 'OMNIDEX_JWT_SECRET is not set, so the gateway takes tokens only from the identity provider at OMNIDEX_JWKS_URL; set it to sign tokens here'
            : 'NODE_ENV=production: set OMNIDEX_JWT_SECRET (the one the gateway uses) to sign tokens',
        );
      }
      if (options.ttl > config.auth.maxTokenLifetimeSeconds) {
        throw new InvalidArgumentError(
          `--ttl ${options.ttl}s is longer than the gateway accepts (${config.auth.maxTokenLifetimeSeconds}s, OMNIDEX_MAX_TOKEN_LIFETIME)`,
        );
      }
      const sub = options.sub ?? `demo-${options.role}`;
      console.log(await signBearerToken({ secret, roles: [options.role], sub, ttlSeconds: options.ttl, issuer, audience }));
    });

  program
    .command('db')
    .description('run the embedded MongoDB-compatible server on OMNIDEX_DATA_DIR for other processes')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 27017)
    .action(async (options: { port: number }) => {
      const config = loadConfig();
      await ensurePrivateDir(config.dataDir);
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
      await withDatabases(['identity', 'crm', 'web', 'pos', 'omnidex'], async (dbs) => {
        const report = await runResolve(dbs, { onPhase: (phase) => console.log(`… ${phase}`) });
        console.log(formatResolveReport(report));
      });
    });

  program
    .command('export')
    .description('export data: every record\'s customer id, or everything held on one customer')
    .argument('<what>', 'mapping (every source record with its customer id) or customer (a subject access request, as JSON)')
    .argument('[id]', 'the customer id, for `export customer`')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (what: string, id: string | undefined, options: { out?: string }) => {
      if (what === 'customer') {
        if (!id) throw new InvalidArgumentError('export customer needs the customer id: omnidex export customer ID [--out FILE]');
        await exportCustomer(id, options.out);
        return;
      }
      if (what !== 'mapping') throw new InvalidArgumentError(`cannot export "${what}"; try: mapping, customer`);
      await withDatabases(['identity'], async ({ identity }) => {
        // Every record's customer id: readable by the owner alone, like every export.
        const file = options.out ? createPrivateFile(path.resolve(options.out)) : undefined;
        const count = await exportMapping(identity, file?.stream ?? process.stdout);
        if (file) {
          await file.close();
          console.error(`exported ${count} records to ${options.out}`);
        }
      });
    });

  program
    .command('forget')
    .description('erase a customer from every database (GDPR/CCPA erasure); store sales are kept, pseudonymised')
    .argument('<id>', 'the customer id')
    .requiredOption('--reason <text>', 'why, kept in the privacy log (emails and phone numbers are removed)')
    .option('--actor <id>', 'who asks, for the privacy log (default: cli:<your user name>)')
    .action(async (id: string, options: { reason: string; actor?: string }) => {
      const actor = options.actor ?? `cli:${os.userInfo().username}`;
      const { forgetCustomer } = await withLocalServices(loadConfig(), (services) =>
        services.request<{ forgetCustomer: ForgetResult }>('identity', FORGET_MUTATION, { id, reason: options.reason }, { sub: actor, roles: ['admin'] }),
      );
      console.log(formatForgetResult(forgetCustomer));
    });

  program
    .command('quarantine')
    .description('list or export the rows the importer refused')
    .option('--file <path>', 'only rows from this export file (as the import summary names it)')
    .option('--limit <n>', 'rows to list', positiveInteger, 50)
    .option('--export <file>', 'write every matching row as JSON lines instead of listing')
    .action(async (options: { file?: string; limit: number; export?: string }) => {
      await withDatabases(['crm', 'web', 'pos'], async (dbs) => {
        if (options.export) {
          const count = await exportQuarantine(dbs, path.resolve(options.export), { file: options.file });
          console.log(`exported ${count} quarantined rows to ${options.export}`);
          return;
        }
        const rows = await listQuarantine(dbs, { file: options.file, limit: options.limit });
        for (const row of rows) console.log(`${row.file}:${row.line}\t${row.reason}\t${row.raw}`);
        if (rows.length === 0) console.log('no quarantined rows');
      });
    });

  program.addCommand(createIndexCommand());
  program.addCommand(createIngestCommand());

  program
    .command('webhook')
    .description('register, list and remove webhooks (customer.merged, customer.split, customer.bandChanged, customer.forgotten), and list the dead-letter deliveries')
    .argument('<action>', 'add URL, list, remove ID, or dead-letters')
    .argument('[target]', 'the URL (add) or the webhook id (remove)')
    .option('--events <list>', 'comma-separated events for add (default: all)', (value: string) => value.split(',').map((e) => e.trim()))
    .action(async (action: string, target: string | undefined, options: { events?: string[] }) => {
      await withDatabases(['identity'], async ({ identity }) => {
        switch (action) {
          case 'add': {
            if (!target) throw new InvalidArgumentError('webhook add needs the URL: omnidex webhook add URL [--events customer.merged,customer.split]');
            const unknown = (options.events ?? []).filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
            if (unknown.length > 0) throw new InvalidArgumentError(`unknown events ${unknown.join(', ')}; events are ${WEBHOOK_EVENTS.join(', ')}`);
            const hook = await addWebhook(identity, { url: target, events: options.events as WebhookEvent[] | undefined });
            console.log(`webhook ${hook._id} → ${hook.url} (${hook.events.join(', ')})`);
            console.log(`signing secret (shown once; verify x-omnidex-signature with it): ${hook.secret}`);
            return;
          }
          case 'list':
            for (const hook of await webhooks(identity).find({}).sort({ createdAt: 1 }).toArray()) console.log(`${hook._id}\t${hook.url}\t${hook.events.join(',')}`);
            return;
          case 'remove':
            if (!target) throw new InvalidArgumentError('webhook remove needs the webhook id');
            console.log((await removeWebhook(identity, target)) ? `removed ${target}` : `no webhook ${target}`);
            return;
          case 'dead-letters':
            for (const delivery of await deadLetters(identity)) console.log(`${delivery._id}\t${delivery.type}\t${delivery.attempts} attempts\t${delivery.lastError ?? ''}`);
            return;
          default:
            throw new InvalidArgumentError(`unknown action ${action}; try: add, list, remove, dead-letters`);
        }
      });
    });

  program
    .command('bench')
    .description('run a benchmark script from bench/ (lists them without a name)')
    .argument('[name]', 'benchmark name, e.g. embedded-mongo')
    .allowUnknownOption()
    // The benchmark's own options (`--customers 10000`) pass through to its script.
    .allowExcessArguments()
    .action(async (name: string | undefined, _options: unknown, command: Command) => {
      // The embedded database keeps its own benchmarks beside its code (they time its internals).
      const benchDirs = [path.resolve(__dirname, '../../bench'), path.resolve(__dirname, '../../embedded-mongo/bench')];
      const available = new Map<string, string>();
      for (const dir of benchDirs) {
        for (const file of await readdir(dir)) {
          if (file.endsWith('.ts')) available.set(file.slice(0, -3), path.join(dir, file));
        }
      }
      if (!name) {
        console.log(`benchmarks: ${[...available.keys()].sort().join(', ')}`);
        return;
      }
      const script = available.get(name);
      if (!script) throw new Error(`no benchmark named ${name}; available: ${[...available.keys()].sort().join(', ')}`);
      const child = spawn(process.execPath, ['--import', 'tsx', script, ...command.args.slice(1)], {
        stdio: 'inherit',
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      process.exitCode = code ?? 1;
    });

  return program;
}

const FORGET_MUTATION = `mutation Forget($id: ID!, $reason: String!) {
  forgetCustomer(id: $id, reason: $reason) {
    requestedId customerId alreadyForgotten auditId sharedIdentifiers counts { database collection action count }
  }
}`;

/** Writes everything held on one customer; a file gets mode 0600 (even one that existed), since it is all personal data. */
async function exportCustomer(id: string, out: string | undefined): Promise<void> {
  const actor = `cli:${os.userInfo().username}`;
  const { exportCustomerData: data } = await withLocalServices(loadConfig(), (services) =>
    services.request<{ exportCustomerData: Record<string, unknown> | null }>(
      'identity',
      'query Export($id: ID!) { exportCustomerData(id: $id) }',
      { id },
      { sub: actor, roles: ['admin'] },
    ),
  );
  if (!data) throw new Error(`no customer ${id}`);
  const text = `${JSON.stringify(data, null, 2)}\n`;
  if (!out) {
    process.stdout.write(text);
    return;
  }
  const file = createPrivateFile(path.resolve(out));
  file.stream.write(text);
  await file.close();
  console.error(`exported customer ${String(data.customerId)} to ${out}`);
}

/** Opens the databases a batch command reads and writes, and closes them when it is done. */
async function withDatabases<N extends DatabaseName>(names: readonly N[], body: (dbs: Pick<Databases, N>) => Promise<void>): Promise<void> {
  const databases = await openDatabases(loadConfig(), names);
  try {
    await body(databases.dbs);
  } finally {
    await databases.close();
  }
}

async function runImport(dir: string): Promise<void> {
  const config = loadConfig();
  const secret = await resolvePrivacySecret({ configured: config.privacySecret, dataDir: config.dataDir, production: config.auth.production });
  await withDatabases(['crm', 'web', 'pos', 'omnidex', 'identity'], async (dbs) => {
    const suppression = await loadSuppression(dbs.identity, secret);
    const progress = createImportProgress(process.stdout);
    const report = await importDirectory(dbs, dir, { onProgress: progress.onProgress, suppression, maxRowBytes: config.maxRowBytes });
    progress.stop();
    console.log(formatImportReport(report));
    if (report.failed) process.exitCode = 1;
  });
}
