import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { DATABASES, QUARANTINE_COLLECTION } from '../../src/contract/documents';
import { databasesOn } from '../../src/db';
import { importDirectory } from '../../src/import';
import { generateSeed } from '../../src/seed';

/*
 * An import interrupted by SIGKILL — of the importer, or of the database under it — at an exact
 * point, then run again, must leave every database exactly as one uninterrupted import of the same
 * files does. The kill points are driver commands (test/support/kill-at-command.ts), so each case
 * interrupts the same write on every run.
 */

const BIN = path.resolve(__dirname, '../../bin/omnidex.js');
const KILL_HOOK = path.resolve(__dirname, '../support/kill-at-command.ts');
/** Longer than any run here takes on a loaded machine; a child still running then has hung. */
const CHILD_DEADLINE_MS = 150_000;

let tmp: string;
let exportDir: string;
let clean: Snapshot;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs `omnidex …` (with the kill hook preloaded) to its end, whatever ends it. */
function omnidex(args: string[], env: Record<string, string>): Promise<Finished> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-r', KILL_HOOK, BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = setTimeout(() => child.kill('SIGKILL'), CHILD_DEADLINE_MS);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, output });
    });
  });
}

/** `omnidex db` on `dataDir`, in a process of its own; resolves once it listens. */
async function startDatabaseProcess(dataDir: string): Promise<{ uri: string; pid: number; exited: Promise<Finished> }> {
  const child = spawn(process.execPath, [BIN, 'db', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', OMNIDEX_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
  const uri = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /: (mongodb:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`omnidex db exited before listening:\n${output}`)));
  });
  return { uri, pid: child.pid!, exited };
}

type Snapshot = Record<string, { indexes: unknown[]; docs: unknown[] }>;

/**
 * What may differ between a recovered import and a clean one, removed before comparing:
 * - `imported.importedAt` of every row (and receipt line): the start of the run that wrote it, so a
 *   row the interrupted run wrote and the re-run found unchanged keeps the interrupted run's time;
 * - a quarantined row's `importId` and `quarantinedAt`: the run that last refused it;
 * - in the import log, the runs' ids and times, and how each file's stored rows split into
 *   inserted/updated/unchanged (the re-run finds rows already there); their sum is compared.
 *   The interrupted runs are listed as such, and checked apart (`interruptedRuns`).
 */
function withoutProvenance(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProvenance);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'imported') {
      const { importedAt: _time, ...rest } = inner as Record<string, unknown>;
      out[key] = rest;
    } else {
      out[key] = withoutProvenance(inner);
    }
  }
  return out;
}

function comparableLogEntry(entry: Document): unknown {
  return {
    dir: entry.dir,
    status: entry.status,
    failed: entry.failed,
    ignoredFiles: entry.ignoredFiles,
    files: (entry.files as Document[]).map(({ inserted, updated, unchanged, ...rest }) => ({ ...rest, stored: inserted + updated + unchanged })),
  };
}

async function snapshot(client: MongoClient): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const name of Object.values(DATABASES)) {
    const db = client.db(name);
    for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      let docs: unknown[] = await db.collection(collection).find().sort({ _id: 1 }).toArray();
      if (collection === QUARANTINE_COLLECTION) docs = docs.map((doc) => ({ ...(doc as Document), importId: undefined, quarantinedAt: undefined }));
      if (name === DATABASES.omnidex) docs = (docs as Document[]).filter((doc) => doc.status !== 'interrupted').map(comparableLogEntry);
      const indexes = (await db.collection(collection).indexes()).map((index) => index.key);
      out[`${name}.${collection}`] = { indexes, docs: docs.map(withoutProvenance) };
    }
  }
  return out;
}

/** Compares collection by collection, so that a difference names its collection first. */
async function expectSameAsClean(client: MongoClient): Promise<void> {
  const found = await snapshot(client);
  expect(Object.keys(found).sort()).toEqual(Object.keys(clean).sort());
  for (const [collection, content] of Object.entries(clean)) expect({ collection, ...found[collection] }).toEqual({ collection, ...content });
}

/** The runs the log records as interrupted, each naming the run that completed it. */
async function interruptedRuns(client: MongoClient): Promise<Document[]> {
  const log = client.db(DATABASES.omnidex).collection('imports');
  const finished = await log.find({ status: 'finished' }).toArray();
  expect(finished).toHaveLength(1);
  const interrupted = await log.find({ status: 'interrupted' }).toArray();
  for (const run of interrupted) expect(run.completedBy).toBe(finished[0]!._id);
  return interrupted;
}

const jsonl = (rows: unknown[]) => rows.map((row) => `${typeof row === 'string' ? row : JSON.stringify(row)}\n`).join('');

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-import-crash-'));
  exportDir = path.join(tmp, 'export');
  await generateSeed({ customers: 150, seed: 7, until: new Date('2026-10-01T00:00:00Z'), outDir: exportDir });

  // Enough contacts for two batches, so a kill can fall between them; the file's last row is an
  // older version of its first contact (within a file the last row wins, whatever its date).
  const contactsFile = path.join(exportDir, 'crm/contacts.jsonl');
  const first = JSON.parse((await fs.readFile(contactsFile, 'utf8')).split('\n')[0]!) as Record<string, string>;
  const filler = Array.from({ length: 1_000 }, (_, i) => ({
    contactId: `F${i}`,
    lastName: `Filler ${i}`,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-02T00:00:00Z',
  }));
  const older = { ...first, firstName: 'Older', updatedAt: '2000-01-01T00:00:00Z' };
  await fs.appendFile(contactsFile, jsonl([...filler, '{"contactId": "broken', { contactId: 'NO-DATES' }, older]));
  // Rows the quarantine keeps, in every channel; and an early event moved to another session and visitor.
  const eventsFile = path.join(exportDir, 'web/events.jsonl');
  const firstEvent = JSON.parse((await fs.readFile(eventsFile, 'utf8')).split('\n')[0]!) as Record<string, string>;
  await fs.appendFile(eventsFile, jsonl([{ eventId: 'E-BAD', type: 'click' }, { ...firstEvent, sessionId: 'S-MOVED', visitorId: 'V-MOVED' }]));
  await fs.appendFile(path.join(exportDir, 'pos/transactions.csv'), 'T-BAD,S1,2024-01-05T10:00:00,sale,,,,SKU-1,0,1.00,EUR\n');

  const server = await startEmbeddedMongo();
  const client = await MongoClient.connect(server.uri);
  try {
    const report = await importDirectory(databasesOn(client), exportDir);
    expect(report.failed).toBe(false);
    clean = await snapshot(client);
  } finally {
    await client.close();
    await server.close();
  }
  expect(clean['web.sessions']!.docs.length).toBeGreaterThan(500);
  expect(clean['crm.quarantine']!.docs).toHaveLength(2);
}, 120_000);

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('the importer killed (SIGKILL) mid-import, then run again', () => {
  let server: EmbeddedMongo;
  let client: MongoClient;
  let dataDir: string;
  beforeEach(async () => {
    server = await startEmbeddedMongo();
    client = await MongoClient.connect(server.uri);
    dataDir = await fs.mkdtemp(path.join(tmp, 'data-'));
  });
  afterEach(async () => {
    await client?.close();
    await server?.close();
  });

  // Files go contacts (2 batches), cases, events (3 batches), members, transactions (2 batches);
  // then sessions (2 chunks) and visitors are rebuilt from the events, then the report's partials
  // are recomputed, then the run is logged.
  it.each([
    ['after the first batch of contacts', ['succeeded:update:contacts:1']],
    ['as a batch of events is sent, after its rebuild was recorded', ['started:update:events:3']],
    ['between two batches of receipts, then again in the re-run while sessions are rebuilt', ['succeeded:update:transactions:1', 'succeeded:update:sessions:1']],
    ['once visitors are rebuilt, before the run is logged', ['succeeded:update:visitors:1']],
    // The report's partials: named pending before a batch is written, then recomputed at the end.
    ['once a batch of cases is named pending for the partials, before the cases are written', ['succeeded:update:pending_partials:3']],
    ['while the partials are recomputed, after their first chunk is written', ['succeeded:update:report_partials:1']],
  ])('%s', async (_name, killPoints) => {
    for (const point of killPoints) {
      const killed = await omnidex(['import', exportDir], { MONGODB_URI: server.uri, OMNIDEX_DATA_DIR: dataDir, OMNIDEX_TEST_KILL_AT: point });
      expect({ signal: killed.signal, output: killed.output }).toEqual({ signal: 'SIGKILL', output: expect.stringContaining(`killing the importer at ${point}`) });
    }
    // The re-run in this process (what `omnidex import` runs), which saves starting another CLI.
    const rerun = await importDirectory(databasesOn(client), exportDir);
    expect(rerun.completedRuns).toHaveLength(killPoints.length);
    await expectSameAsClean(client);
    expect(await interruptedRuns(client)).toHaveLength(killPoints.length);
  }, 300_000);
});

describe('the database killed (SIGKILL) mid-import', () => {
  it('loses nothing once it is restarted and the import is run again', async () => {
    const dataDir = await fs.mkdtemp(path.join(tmp, 'db-'));
    const first = await startDatabaseProcess(dataDir);
    const env = { OMNIDEX_DATA_DIR: dataDir };
    const failed = await omnidex(['import', exportDir], { ...env, OMNIDEX_TEST_KILL_AT: 'succeeded:update:events:2', OMNIDEX_TEST_KILL_PID: String(first.pid) });
    expect({ code: failed.code, output: failed.output }).toEqual({ code: 1, output: expect.stringContaining(`killing process ${first.pid}`) });
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await startDatabaseProcess(dataDir);
    const client = await MongoClient.connect(second.uri);
    try {
      const rerun = await omnidex(['import', exportDir], env);
      expect({ code: rerun.code, output: rerun.output }).toEqual({ code: 0, output: expect.stringMatching(/^total .* ok$[^]*^Completed the interrupted import/m) });
      await expectSameAsClean(client);
      expect(await interruptedRuns(client)).toHaveLength(1);
    } finally {
      await client.close();
      process.kill(second.pid, 'SIGTERM');
      await second.exited;
    }
  }, 300_000);
});
