/**
 * Live ingest: sustained web events per second through `POST /ingest/web/events`, and the latency
 * from each request's HTTP 200 to its events being visible in the customer's timeline.
 *
 *   npx tsx bench/ingest.ts [--seconds 20] [--rate 5000] [--batch 500] [--concurrency 4] [--visitors 20000] [--resolver-process]
 *   (or `omnidex bench ingest --rate 5000`)
 *
 * Starts every subgraph, the gateway and the live resolver in this process (as `omnidex serve`
 * does) on `MONGODB_URI`, or on an embedded database in a process of its own (`omnidex db` on a
 * temporary directory, as a deployment has its database apart), then offers `--rate` events a second (0: as fast as
 * the API answers) for `--seconds`, in requests of `--batch` events, `--concurrency` at a time.
 * Each request carries one probe: an event opening a new session; the probe is visible once its
 * session's pointer is in the activity index with a customer (what `Customer.timeline` reads). A
 * poller looks for the probes every 10 ms. Prints the events accepted per second, the 429s, how
 * long the outboxes took to drain after the last request, and latency p50/p95/p99.
 *
 * Beside the load, `--subscribers` customers are followed with `customerChanged` subscriptions
 * through the gateway (as an agent); every 200 ms one of them gets a new session through the same
 * API, and the time from that request's HTTP 200 (and from sending it) to its subscription's event
 * is the subscription latency (p50/p95/p99), measured under the load.
 * Not a test: nothing asserts. The numbers depend on the machine and its other load.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { signBearerToken } from '../src/auth';
import { loadConfig } from '../src/config';
import { COLLECTIONS } from '../src/contract/documents';
import { OUTBOX_COLLECTION } from '../src/live/outbox';
import { customerEvents } from '../src/live/events';
import { subscribeOverSse, type SseSubscription } from '../src/live/sse-client';
import { serve } from '../app/serve';
import { percentile } from './support/stats';

const options = new Command()
  .option('--seconds <n>', 'how long to offer events', Number, 20)
  .option('--rate <n>', 'events offered per second (0: as fast as accepted)', Number, 5000)
  .option('--batch <n>', 'events per request', Number, 500)
  .option('--concurrency <n>', 'requests in flight', Number, 4)
  .option('--visitors <n>', 'distinct visitors', Number, 20000)
  .option('--subscribers <n>', 'customers followed by a customerChanged subscription each (0: none)', Number, 20)
  .option('--resolver-process', 'run the live resolver in a process of its own (`omnidex serve --only resolver`), as a deployment does')
  .parse(process.argv)
  .opts<{ seconds: number; rate: number; batch: number; concurrency: number; visitors: number; subscribers: number; resolverProcess?: boolean }>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `omnidex db` on a temporary directory, in a process of its own. */
async function startDatabaseProcess(): Promise<{ uri: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-bench-ingest-'));
  const child = spawn(process.execPath, [path.resolve(__dirname, '../bin/omnidex.js'), 'db', '--port', '0'], {
    env: { ...process.env, OMNIDEX_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /: (mongodb:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`omnidex db exited: ${output}`)));
  });
  return {
    uri,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `omnidex serve --only resolver` on `uri`; resolves once it runs. */
async function startResolverProcess(uri: string): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.resolve(__dirname, '../bin/omnidex.js'), 'serve', '--only', 'resolver'], {
    env: { ...process.env, MONGODB_URI: uri, OMNIDEX_LIVE_RESOLVE: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('live resolver: consuming')) resolve();
    });
    child.on('exit', () => reject(new Error(`the resolver exited: ${output}`)));
  });
  return {
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const database = process.env.MONGODB_URI ? undefined : await startDatabaseProcess();
  const uri = process.env.MONGODB_URI ?? database!.uri;
  const resolver = options.resolverProcess ? await startResolverProcess(uri) : undefined;
  const config = loadConfig({ ...process.env, MONGODB_URI: uri, OMNIDEX_RATE_LIMIT: '0', OMNIDEX_LIVE_RESOLVE: resolver ? 'false' : 'true', OMNIDEX_DEV: 'false', OMNIDEX_LOG_LEVEL: 'silent' });
  const running = await serve({ config, ephemeralPorts: true, seedCustomers: 0, log: () => undefined });
  const dbs = running.databases!.dbs;
  const origin = new URL(running.gateway!.url).origin;
  const { secret, issuer, audience } = running.auth.bearer;
  const token = await signBearerToken({ secret: secret!, roles: ['ingest'], sub: 'bench-ingest', ttlSeconds: 3_600, issuer, audience });

  const post = (rows: readonly Record<string, unknown>[]) =>
    fetch(`${origin}/ingest/web/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
      body: `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`,
    }).then(async (response) => {
      await response.arrayBuffer();
      return response.status;
    });

  // The followed customers: each made by one login, then subscribed to once its round is over.
  interface Followed {
    visitorId: string;
    subscription: SseSubscription;
    /** The touch in flight: when its request was sent, answered 200, and its event received. */
    touch?: { sentAt: number; ackAt?: number; receivedAt?: number };
    touches: number;
  }
  const followed: Followed[] = [];
  const subscriptionLatencies: number[] = [];
  const subscriptionLatenciesFromSend: number[] = [];
  // The event may come before the client has read the 200: both ends are needed to count it.
  const settle = (follower: Followed) => {
    const touch = follower.touch;
    if (!touch || touch.ackAt === undefined || touch.receivedAt === undefined) return;
    subscriptionLatencies.push(Math.max(0, touch.receivedAt - touch.ackAt));
    subscriptionLatenciesFromSend.push(touch.receivedAt - touch.sentAt);
    follower.touch = undefined;
  };
  if (options.subscribers > 0) {
    const agent = await signBearerToken({ secret: secret!, roles: ['agent'], sub: 'bench-subscriber', ttlSeconds: 3_600, issuer, audience });
    const visitors = Array.from({ length: options.subscribers }, (_, i) => `V-f-${i}`);
    await post(visitors.map((visitorId, i) => ({ eventId: `E-f-${i}-0`, visitorId, sessionId: `S-f-${i}-0`, at: new Date(Date.UTC(2026, 10, 1)).toISOString(), type: 'login', userId: `u-f-${i}` })));
    const records = dbs.identity.collection<{ _id: string; customerId: string }>('records');
    for (const visitorId of visitors) {
      let customerId: string | undefined;
      for (;;) {
        customerId ??= (await records.findOne({ _id: `web:visitor:${visitorId}` }))?.customerId;
        if (customerId && (await customerEvents(dbs.identity).countDocuments({ kind: 'CHANGED', customerIds: customerId })) > 0) break;
        await sleep(20);
      }
      const subscription = await subscribeOverSse(running.gateway!.url, 'subscription($id: ID!) { customerChanged(id: $id) { id } }', { id: customerId }, { authorization: `Bearer ${agent}` });
      if (subscription.status !== 200) throw new Error(`the subscription was refused: ${JSON.stringify(subscription.refusal)}`);
      followed.push({ visitorId, subscription, touches: 0 });
    }
    await sleep(500);
    for (const follower of followed) {
      void (async () => {
        for (;;) {
          const event = await follower.subscription.next(3_600_000).catch(() => undefined);
          if (!event) return;
          if (follower.touch && follower.touch.receivedAt === undefined) {
            follower.touch.receivedAt = event.receivedAt;
            settle(follower);
          }
        }
      })();
    }
  }
  let touching = followed.length > 0;
  const toucher = (async () => {
    for (let n = 0; touching; n += 1) {
      const follower = followed[n % followed.length]!;
      if (follower.touch === undefined) {
        follower.touches += 1;
        const i = followed.indexOf(follower);
        const touch: NonNullable<Followed['touch']> = { sentAt: Date.now() };
        follower.touch = touch;
        const at = new Date(Date.UTC(2026, 10, 2) + n * 1000).toISOString();
        const status = await post([{ eventId: `E-f-${i}-${follower.touches}`, visitorId: follower.visitorId, sessionId: `S-f-${i}-${follower.touches}`, at, type: 'page_view', url: '/f' }]);
        if (status === 200) {
          touch.ackAt = Date.now();
          settle(follower);
        } else follower.touch = undefined;
      }
      await sleep(200);
    }
  })();

  let eventNo = 0;
  let sessionNo = 0;
  const sessionOf = new Map<number, string>();
  const base = Date.UTC(2026, 10, 1);
  const makeEvent = (visitor: number, newSession: boolean) => {
    eventNo += 1;
    let session = sessionOf.get(visitor);
    if (!session || newSession || eventNo % 10 === 0) {
      session = `S-b-${++sessionNo}`;
      sessionOf.set(visitor, session);
    }
    const event: Record<string, unknown> = { eventId: `E-b-${eventNo}`, visitorId: `V-b-${visitor}`, sessionId: session, at: new Date(base + eventNo * 10).toISOString(), type: 'page_view', url: '/p' };
    if (eventNo % 20 === 0) {
      event.type = 'login';
      event.email = `person${visitor % (options.visitors / 2)}@bench-shop.test`;
    }
    return { line: JSON.stringify(event), session };
  };

  const probes = new Map<string, number>(); // activity id → time of its HTTP 200
  const latencies: number[] = [];
  let polling = true;
  const poller = (async () => {
    const activity = dbs.identity.collection<{ _id: string; customerId?: string }>('activity');
    while (polling || probes.size > 0) {
      if (probes.size > 0) {
        const found = await activity.find({ _id: { $in: [...probes.keys()] } }, { projection: { customerId: 1 } }).toArray();
        const now = performance.now();
        for (const doc of found) {
          if (!doc.customerId) continue;
          latencies.push(now - probes.get(doc._id)!);
          probes.delete(doc._id);
        }
      }
      await sleep(10);
    }
  })();

  let accepted = 0;
  let refused429 = 0;
  let failed = 0;
  const started = performance.now();
  const endAt = started + options.seconds * 1000;
  let offered = 0;
  const worker = async () => {
    while (performance.now() < endAt) {
      if (options.rate > 0) {
        const due = started + (offered / options.rate) * 1000;
        if (due > performance.now()) await sleep(due - performance.now());
        if (performance.now() >= endAt) break;
      }
      offered += options.batch;
      const probe = makeEvent(Math.floor(Math.random() * options.visitors), true);
      const lines = [probe.line];
      for (let i = 1; i < options.batch; i++) lines.push(makeEvent(Math.floor(Math.random() * options.visitors), false).line);
      for (;;) {
        const response = await fetch(`${origin}/ingest/web/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
          body: `${lines.join('\n')}\n`,
        });
        const answer = (await response.json()) as { inserted?: number; updated?: number; unchanged?: number };
        if (response.status === 200) {
          probes.set(`web:session:${probe.session}`, performance.now());
          accepted += (answer.inserted ?? 0) + (answer.updated ?? 0) + (answer.unchanged ?? 0);
          break;
        }
        if (response.status === 429) {
          refused429 += 1;
          await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        failed += 1;
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const sendSeconds = (performance.now() - started) / 1000;
  const lastSent = performance.now();
  for (;;) {
    const counts = await Promise.all([dbs.crm, dbs.web, dbs.pos].map((db) => db.collection(OUTBOX_COLLECTION).countDocuments()));
    if (counts.every((c) => c === 0)) break;
    await sleep(20);
  }
  const drainSeconds = (performance.now() - lastSent) / 1000;
  polling = false;
  await poller;
  touching = false;
  await toucher;
  await sleep(1_000);
  for (const follower of followed) follower.subscription.close();
  const totalSeconds = (performance.now() - started) / 1000;
  const events = await dbs.web.collection(COLLECTIONS.web.events).estimatedDocumentCount();
  console.log(
    JSON.stringify(
      {
        offeredRate: options.rate,
        batch: options.batch,
        concurrency: options.concurrency,
        acceptedEvents: accepted,
        storedEvents: events,
        sendSeconds: Number(sendSeconds.toFixed(2)),
        acceptedPerSecond: Math.round(accepted / sendSeconds),
        drainSecondsAfterLastRequest: Number(drainSeconds.toFixed(2)),
        sustainedPerSecond: Math.round(accepted / totalSeconds),
        http429: refused429,
        failedRequests: failed,
        latencyMs: { probes: latencies.length, p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), p99: Math.round(percentile(latencies, 99)) },
        // From the HTTP 200 of a followed customer's new session (the write) to its customerChanged
        // event through the gateway; `fromSend` counts from sending the request, its wait in the
        // channel's queue of bodies included.
        subscriptionLatencyMs: {
          subscribers: followed.length,
          events: subscriptionLatencies.length,
          p50: Math.round(percentile(subscriptionLatencies, 50)),
          p95: Math.round(percentile(subscriptionLatencies, 95)),
          p99: Math.round(percentile(subscriptionLatencies, 99)),
          fromSend: {
            p50: Math.round(percentile(subscriptionLatenciesFromSend, 50)),
            p95: Math.round(percentile(subscriptionLatenciesFromSend, 95)),
            p99: Math.round(percentile(subscriptionLatenciesFromSend, 99)),
          },
        },
      },
      null,
      2,
    ),
  );
  await running.stop();
  await resolver?.stop();
  await database?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
