import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { signBearerToken } from '../../src/auth/bearer';
import { COLLECTIONS, DATABASES } from '../../src/contract/documents';
import { databasesOn, type Databases } from '../../src/db';
import { identityCollections } from '../../src/identity/store';
import { OUTBOX_COLLECTION } from '../../src/live/outbox';

/*
 * kill -9 of the process that serves the ingest API and runs the live resolver, at exact points of
 * its conversation with MongoDB (test/support/kill-at-command.ts): while an ingest writes its outbox
 * entry and rows, just before its HTTP 200, in the middle of a resolver round and as a round's
 * checkpoint is written. The feed does what any client does: a request that got no answer is sent
 * again once the service is back. In the end every acknowledged event is stored once, every session
 * has one timeline pointer, and the customers are exactly the people in the feed: nothing
 * acknowledged is lost, nothing is duplicated, no customer is left without records.
 */

const BIN = path.resolve(__dirname, '../../bin/omnidex.js');
const KILL_HOOK = path.resolve(__dirname, '../support/kill-at-command.ts');
const JWT_SECRET = 'live-crash-test-secret-0123456789abcdef0123456789';
const DEADLINE_MS = 150_000;

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function start(args: string[], env: Record<string, string>, ready: RegExp, preload = false): Promise<Proc & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...(preload ? ['-r', 'tsx/cjs', '-r', KILL_HOOK] : []), BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (more: Buffer) => (output += more.toString()));
        resolve({ child, output: () => output, exited, match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`omnidex ${args[0]} exited before it was ready:\n${output}`)));
  });
}

/** The feed: 60 visitors, two sessions each; 40 of them log in, two per person, so 20 people + 20 anonymous visitors. */
function feed(): string[][] {
  const events: Record<string, unknown>[] = [];
  for (let v = 0; v < 60; v++) {
    for (let s = 0; s < 2; s++) {
      for (let e = 0; e < 3; e++) {
        const event: Record<string, unknown> = {
          eventId: `E-${v}-${s}-${e}`,
          visitorId: `V-${v}`,
          sessionId: `S-${v}-${s}`,
          at: new Date(Date.UTC(2026, 10, 1 + s, 10, v, e)).toISOString(),
          type: e === 2 && s === 1 && v < 40 ? 'login' : 'page_view',
        };
        if (event.type === 'login') event.email = `person${v % 20}@crash-shop.test`;
        events.push(event);
      }
    }
  }
  // Batches of 60 events, visitors spread so that both visitors of a person arrive in different batches.
  const batches: string[][] = [];
  for (let i = 0; i < events.length; i += 60) batches.push(events.slice(i, i + 60).map((e) => JSON.stringify(e)));
  return batches;
}

let tmp: string;
let db: Proc & { match: RegExpExecArray };
let client: MongoClient;
let dbs: Databases;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-live-crash-'));
  db = await start(['db', '--port', '0'], { OMNIDEX_DATA_DIR: path.join(tmp, 'db') }, /: (mongodb:\/\/\S+)/);
  client = await MongoClient.connect(db.match[1]!);
  dbs = databasesOn(client);
});

afterEach(async () => {
  await client?.close();
  db?.child.kill('SIGKILL');
  await db?.exited;
  await fs.rm(tmp, { recursive: true, force: true });
});

function serveEnv(killAt?: string): Record<string, string> {
  const env: Record<string, string> = {
    MONGODB_URI: db.match[1]!,
    OMNIDEX_DATA_DIR: path.join(tmp, 'serve'),
    OMNIDEX_JWT_SECRET: JWT_SECRET,
    PORT: '0',
    OMNIDEX_LIVE_POLL_MS: '20',
    OMNIDEX_OUTBOX_STALE_MS: '500',
    OMNIDEX_RATE_LIMIT: '0',
  };
  for (const name of ['CRM', 'WEB', 'POS', 'IDENTITY', 'INSIGHTS']) env[`OMNIDEX_${name}_PORT`] = '0';
  if (killAt) env.OMNIDEX_TEST_KILL_AT = killAt;
  return env;
}

async function startServe(killAt?: string) {
  return start(['serve', '--no-seed'], serveEnv(killAt), /gateway: (http:\/\/\S+)\/graphql/, true);
}

async function outboxesEmpty(): Promise<boolean> {
  for (const channel of ['crm', 'web', 'pos'] as const) if ((await dbs[channel].collection(OUTBOX_COLLECTION).countDocuments()) > 0) return false;
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runFeed(killAt: string): Promise<{ killed: boolean }> {
  const token = await signBearerToken({ secret: JWT_SECRET, roles: ['ingest'], sub: 'crash-feed', ttlSeconds: 600 });
  let serve = await startServe(killAt);
  let killed = false;
  const restartIfDead = async () => {
    if (serve.child.exitCode === null && serve.child.signalCode === null) return;
    await serve.exited;
    if (serve.output().includes('killing')) killed = true;
    serve = await startServe();
  };
  const until = Date.now() + DEADLINE_MS;
  for (const batch of feed()) {
    for (;;) {
      if (Date.now() > until) throw new Error(`the feed did not get through:\n${serve.output()}`);
      let status: number | undefined;
      try {
        const response = await fetch(`${serve.match[1]}/ingest/web/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
          body: `${batch.join('\n')}\n`,
        });
        status = response.status;
        await response.text();
      } catch {
        // No answer: the service died under the request. Send it again once it is back.
      }
      if (status === 200) break;
      await sleep(50);
      await restartIfDead();
    }
  }
  while (!(await outboxesEmpty())) {
    if (Date.now() > until) throw new Error(`the outboxes never drained:\n${serve.output()}`);
    await restartIfDead();
    await sleep(50);
  }
  await restartIfDead();
  serve.child.kill('SIGTERM');
  await serve.exited;
  return { killed };
}

async function expectExactlyTheFeed(): Promise<void> {
  const events = await dbs.web.collection(COLLECTIONS.web.events).find({}, { projection: { _id: 1 } }).toArray();
  expect(events).toHaveLength(360);
  expect(new Set(events.map((e) => e._id)).size).toBe(360);
  const sessions = await dbs.web.collection(COLLECTIONS.web.sessions).find({}).toArray();
  expect(sessions).toHaveLength(120);
  expect(sessions.every((s) => s.eventCount === 3)).toBe(true);

  const identity = identityCollections(dbs.identity);
  const records = await identity.records.find({}).toArray();
  expect(records.map((r) => r._id).sort()).toEqual(Array.from({ length: 60 }, (_, v) => `web:visitor:V-${v}`).sort());
  const customerOf = new Map(records.map((r) => [r._id, r.customerId]));

  // One pointer per session, on its visitor's customer.
  const activity = await identity.activity.find({}).toArray();
  expect(activity).toHaveLength(120);
  for (const pointer of activity) expect({ id: pointer._id, customerId: pointer.customerId }).toEqual({ id: pointer._id, customerId: customerOf.get(pointer.owner) });

  // The people: V-i and V-(i+20) together for i < 20, every V-40… alone; no customer without records.
  const partition = new Map<string, string[]>();
  for (const [key, customerId] of customerOf) partition.set(customerId, [...(partition.get(customerId) ?? []), key.replace('web:visitor:', '')]);
  const groups = [...partition.values()].map((g) => g.sort().join('+')).sort();
  const expected = [
    ...Array.from({ length: 20 }, (_, i) => [`V-${i}`, `V-${i + 20}`].sort().join('+')),
    ...Array.from({ length: 20 }, (_, i) => `V-${i + 40}`),
  ].sort();
  expect(groups).toEqual(expected);
  const customers = await identity.customers.find({}, { projection: { _id: 1 } }).toArray();
  expect(customers.map((c) => c._id).sort()).toEqual([...partition.keys()].sort());
  expect(await outboxesEmpty()).toBe(true);
}

describe('kill -9 between ingest and resolution', () => {
  it.each([
    // The ingest: its outbox entry written, its rows not yet.
    ['succeeded:insert:outbox:2'],
    // The ingest: its rows written and the entry ready, the HTTP 200 not yet sent.
    ['succeeded:update:outbox:3'],
    // A resolver round: the new customers written, their records not yet.
    ['succeeded:insert:customers:1'],
    // A later round, merging customers: the survivors written, the records and the absorbed ids not yet.
    ['succeeded:update:customers:2'],
    // A later round: its resolution written, its checkpoint (the entries' deletion) being sent.
    ['started:delete:outbox:2'],
  ])('loses and duplicates nothing when killed at %s', async (killAt) => {
    const { killed } = await runFeed(killAt);
    expect(killed).toBe(true);
    await expectExactlyTheFeed();
  }, DEADLINE_MS + 30_000);

  it('matches the same feed with no kill', async () => {
    const { killed } = await runFeed('succeeded:insert:nothing:1');
    expect(killed).toBe(false);
    await expectExactlyTheFeed();
  }, DEADLINE_MS + 30_000);
});
