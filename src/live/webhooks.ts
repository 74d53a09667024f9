/**
 * Webhooks: change notifications an admin registers (`omnidex webhook add URL`), sent when the live
 * resolver merges or splits customers (`customer.merged`, `customer.split`) and when an admin
 * forgets one (`customer.forgotten`, queued by the identity service, which owns this database).
 *
 * - Each delivery is a POST of a JSON body `{ id, type, at, data }` with `x-omnidex-event`,
 *   `x-omnidex-delivery`, `x-omnidex-timestamp` (Unix seconds) and `x-omnidex-signature:
 *   v1=<hex HMAC-SHA256 of "<timestamp>.<body>" under the webhook's secret>`: the receiver
 *   recomputes it and refuses stale timestamps, so a captured request cannot be replayed later.
 * - The body carries customer ids only, never a name, email or any other personal value, so no
 *   receiver learns more than a caller of any role could read.
 * - A delivery answered anything but 2xx (or not at all within 10 s) is tried again after each of
 *   the backoff delays (1 s, 5 s, 30 s, 2 min, 10 min by default); then it goes to the dead-letter
 *   list (`state: 'dead'`, `omnidex webhook dead-letters`), kept with its last error.
 * - Deliveries are documents in the identity database (`webhook_deliveries`), enqueued by the round
 *   that caused them with an id derived from the event, so a round redone after a crash does not
 *   send twice; a dispatcher claims each one for 30 s before sending, so replicas do not either
 *   (a receiver may still see a delivery twice if a sender dies after sending and before recording
 *   it: the delivery id is there to deduplicate).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { ResolveReport } from '../identity/store';

export const WEBHOOK_EVENTS = ['customer.merged', 'customer.split', 'customer.bandChanged', 'customer.forgotten'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookDoc {
  _id: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  createdAt: Date;
}

export interface DeliveryDoc {
  _id: string;
  webhookId: string;
  type: WebhookEvent;
  /** The exact body sent (and signed). */
  body: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  lastError?: string;
  deliveredAt?: Date;
}

export const DEFAULT_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];
const CLAIM_MS = 30_000;
const TIMEOUT_MS = 10_000;

export function webhooks(identity: Db): Collection<WebhookDoc> {
  return identity.collection<WebhookDoc>('webhooks');
}

export function deliveries(identity: Db): Collection<DeliveryDoc> {
  return identity.collection<DeliveryDoc>('webhook_deliveries');
}

export async function addWebhook(identity: Db, input: { url: string; events?: readonly WebhookEvent[]; secret?: string }): Promise<WebhookDoc> {
  const url = new URL(input.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`a webhook URL must be http(s), not ${url.protocol}`);
  const doc: WebhookDoc = {
    _id: `wh_${randomBytes(8).toString('hex')}`,
    url: url.href,
    secret: input.secret ?? randomBytes(32).toString('base64url'),
    events: [...(input.events ?? WEBHOOK_EVENTS)],
    createdAt: new Date(),
  };
  await webhooks(identity).insertOne(doc);
  return doc;
}

export async function removeWebhook(identity: Db, id: string): Promise<boolean> {
  return (await webhooks(identity).deleteOne({ _id: id })).deletedCount === 1;
}

export function deadLetters(identity: Db, limit = 100): Promise<DeliveryDoc[]> {
  return deliveries(identity).find({ state: 'dead' }).sort({ createdAt: -1 }).limit(limit).toArray();
}

/** `v1=<hex>`: HMAC-SHA256 of `<timestamp>.<body>`. */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The events a resolution round caused: its merges and splits, by customer id only. */
export function eventsOfRound(report: ResolveReport): { type: WebhookEvent; data: Record<string, unknown> }[] {
  return [
    ...report.merges.map((merge) => ({ type: 'customer.merged' as const, data: { customerId: merge.survivor, mergedFrom: [...merge.mergedFrom].sort() } })),
    ...report.splits.map((split) => ({ type: 'customer.split' as const, data: { customerId: split.id, parts: split.parts.map((part) => part.customerId).sort() } })),
  ];
}

/** Queues one delivery per webhook subscribed to each event; an event queued again (a redone round) is not queued twice. */
export async function enqueueEvents(
  identity: Db,
  /** `key` names the event when its data alone would not (a band can change back and forth); by default the data does. */
  events: readonly { type: WebhookEvent; data: Record<string, unknown>; key?: string }[],
  now = new Date(),
): Promise<number> {
  if (events.length === 0) return 0;
  const hooks = await webhooks(identity).find({}).toArray();
  const ops = [];
  for (const event of events) {
    const eventId = `evt_${createHash('sha256').update(`${event.type}\u0000${event.key ?? JSON.stringify(event.data)}`).digest('hex').slice(0, 24)}`;
    const body = JSON.stringify({ id: eventId, type: event.type, at: now.toISOString(), data: event.data });
    for (const hook of hooks.filter((h) => h.events.includes(event.type))) {
      const doc: DeliveryDoc = { _id: `${hook._id}:${eventId}`, webhookId: hook._id, type: event.type, body, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
      ops.push({ updateOne: { filter: { _id: doc._id }, update: { $setOnInsert: doc }, upsert: true } });
    }
  }
  if (ops.length > 0) await deliveries(identity).bulkWrite(ops, { ordered: false });
  return ops.length;
}

export interface DispatcherOptions {
  identity: Db;
  pollMs: number;
  backoffMs?: readonly number[];
  onError?: (error: unknown) => void;
}

/** Sends the due deliveries, one claim at a time; returns how many it tried. */
export async function dispatchDue(identity: Db, backoffMs: readonly number[] = DEFAULT_BACKOFF_MS): Promise<number> {
  let tried = 0;
  for (;;) {
    const now = new Date();
    const claimed = await deliveries(identity).findOneAndUpdate(
      { state: 'pending', nextAttemptAt: { $lte: now } },
      { $set: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    );
    if (!claimed) return tried;
    tried += 1;
    const hook = await webhooks(identity).findOne({ _id: claimed.webhookId });
    if (!hook) {
      await deliveries(identity).updateOne({ _id: claimed._id }, { $set: { state: 'dead', lastError: 'the webhook was removed' } });
      continue;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    let error: string | undefined;
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-omnidex-event': claimed.type,
          'x-omnidex-delivery': claimed._id,
          'x-omnidex-timestamp': String(timestamp),
          'x-omnidex-signature': signDelivery(hook.secret, timestamp, claimed.body),
        },
        body: claimed.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status > 299) error = `HTTP ${response.status}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const attempts = claimed.attempts + 1;
    if (!error) {
      await deliveries(identity).updateOne({ _id: claimed._id }, { $set: { state: 'delivered', attempts, deliveredAt: new Date() }, $unset: { lastError: '' } });
    } else if (attempts > backoffMs.length) {
      await deliveries(identity).updateOne({ _id: claimed._id }, { $set: { state: 'dead', attempts, lastError: error } });
    } else {
      await deliveries(identity).updateOne(
        { _id: claimed._id },
        { $set: { attempts, lastError: error, nextAttemptAt: new Date(Date.now() + backoffMs[attempts - 1]!) } },
      );
    }
  }
}

export async function ensureWebhookIndexes(identity: Db): Promise<void> {
  await deliveries(identity).createIndexes([{ key: { state: 1, nextAttemptAt: 1 } }, { key: { state: 1, createdAt: -1 } }]);
}

/** The dispatcher loop: sends due deliveries every `pollMs`. */
export function startWebhookDispatcher(options: DispatcherOptions): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    await ensureWebhookIndexes(options.identity).catch(options.onError);
    while (!stopped) {
      try {
        await dispatchDue(options.identity, options.backoffMs);
      } catch (error) {
        options.onError?.(error);
      }
      if (!stopped) await sleep(options.pollMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
