import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { COLLECTIONS } from '../../src/contract/documents';
import { startStack, type Stack } from '../support/stack';

/* `omnidex ingest FILE --kind KIND` replays an export file against a running gateway's ingest API. */

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/omnidex.js');

let stack: Stack;
let tmp: string;

beforeAll(async () => {
  stack = await startStack();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-ingest-cli-'));
});

afterAll(async () => {
  await stack?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

async function omnidexIngest(args: string[]) {
  const token = await stack.tokenFor('ingest', 'cli-test');
  return run(process.execPath, [BIN, 'ingest', ...args, '--url', new URL(stack.gatewayUrl).origin, '--token', token], {
    env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: '1', OMNIDEX_DATA_DIR: tmp },
  });
}

it('sends a JSON lines file in batches and reports totals and the quarantined lines by their line in the file', async () => {
  const rows = Array.from({ length: 25 }, (_, i) => JSON.stringify({ eventId: `E-cli-${i}`, visitorId: 'V-cli', sessionId: `S-cli-${i % 3}`, at: '2026-11-01T10:00:00Z', type: 'page_view' }));
  rows.splice(12, 0, '{"eventId": "E-cli-bad"}');
  const file = path.join(tmp, 'events.jsonl');
  await fs.writeFile(file, `${rows.join('\n')}\n`);
  const { stdout } = await omnidexIngest([file, '--kind', 'web/events', '--batch', '10', '--rate', '1000']);
  expect(stdout).toMatch(/ingested 26 rows of web\/events in [\d.]+ s \(\d+\/s\): 25 inserted, 0 updated, 0 unchanged, 1 quarantined, 0 suppressed/);
  expect(stdout).toContain(`quarantined ${file}:13\t`);
  expect(await stack.dbs.web.collection(COLLECTIONS.web.events).countDocuments({ visitorId: 'V-cli' })).toBe(25);
});

it('sends a CSV file with its header row in every request', async () => {
  const file = path.join(tmp, 'members.csv');
  const header = 'loyaltyId,firstName,lastName,email,phone,postalCode,country,enrolledAt,updatedAt';
  const rows = Array.from({ length: 5 }, (_, i) => `L-cli-${i},Ann,Cli,,,,GB,2025-01-01,2026-01-01T00:00:00Z`);
  rows.splice(3, 0, 'L-cli-bad,Ann,Cli,,,,GB,not-a-date,2026-01-01T00:00:00Z');
  await fs.writeFile(file, `${header}\n${rows.join('\n')}\n`);
  const { stdout } = await omnidexIngest([file, '--kind', 'pos/members', '--batch', '2']);
  expect(stdout).toMatch(/ingested 6 rows of pos\/members .*: 5 inserted, 0 updated, 0 unchanged, 1 quarantined/);
  // Header on line 1: the bad row is the file's line 5.
  expect(stdout).toContain(`quarantined ${file}:5\t`);
});
