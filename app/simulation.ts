/**
 * The demo's live simulation: every few seconds a new web session of an existing visitor, or a new
 * receipt of an existing loyalty member, posted through the ingest API exactly as a feed would
 * (`POST /ingest/<kind>` with an `ingest` token), so the console's timelines, the index and the
 * subscriptions move while someone looks at them. `omnidex serve` runs it in development
 * (docs/LIVE.md, "The demo simulation"); never in production.
 *
 * It reads the channel databases only to pick whose activity to make up: what it writes goes
 * through the gateway, the channel services and the live resolver like any ingested row.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { COLLECTIONS, type PosTransactionDoc, type WebVisitorDoc } from '../src/contract/documents';

export interface SimulationOptions {
  /** The gateway's origin, e.g. http://localhost:4000. */
  gatewayOrigin: string;
  /** A bearer token holding the `ingest` role (made anew when it nears its end). */
  token: () => Promise<string>;
  web: Db;
  pos: Db;
  intervalMs: number;
  onError?: (error: unknown) => void;
}

export interface Simulation {
  /** Bodies posted and answered 200 so far. */
  posted(): number;
  stop(): Promise<void>;
}

const PAGES = ['/', '/new-in', '/sale', '/women', '/men', '/home', '/gifts'];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** A random document of the collection (skip to a random position: the demo's sizes are small). */
async function randomDocument<T extends object>(db: Db, collection: string, filter: Record<string, unknown> = {}): Promise<T | undefined> {
  const count = await db.collection(collection).countDocuments(filter);
  if (count === 0) return undefined;
  const [doc] = await db.collection(collection).find(filter).skip(Math.floor(Math.random() * count)).limit(1).toArray();
  return doc as T | undefined;
}

/** A visitor's new session: a few page and product views, sometimes a cart, sometimes an order. */
export function simulatedSession(visitor: Pick<WebVisitorDoc, 'visitorId' | 'userIds' | 'emails'>, now: Date): Record<string, unknown>[] {
  const id = `sim-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
  const signedIn = visitor.userIds[0] ? { userId: visitor.userIds[0] } : {};
  const at = (seconds: number) => new Date(now.getTime() - 60_000 + seconds * 1000).toISOString();
  const events: Record<string, unknown>[] = [
    { eventId: `${id}-1`, visitorId: visitor.visitorId, sessionId: id, at: at(0), type: 'page_view', url: pick(PAGES), device: pick(['desktop', 'mobile', 'tablet']) },
    { eventId: `${id}-2`, visitorId: visitor.visitorId, sessionId: id, at: at(10), type: 'product_view', sku: `SKU-${1000 + Math.floor(Math.random() * 200)}`, ...signedIn },
  ];
  if (Math.random() < 0.4) {
    events.push({ eventId: `${id}-3`, visitorId: visitor.visitorId, sessionId: id, at: at(20), type: 'add_to_cart', sku: events[1]!.sku, ...signedIn });
    if (Math.random() < 0.5) {
      events.push({ eventId: `${id}-4`, visitorId: visitor.visitorId, sessionId: id, at: at(40), type: 'order', orderId: `${id}-order`, amount: 20 + Math.round(Math.random() * 8000) / 100, currency: 'GBP', ...signedIn });
    }
  }
  return events;
}

/** A member's new receipt, in the store, currency and products of one of their earlier ones. */
export function simulatedReceipt(earlier: Pick<PosTransactionDoc, 'storeId' | 'loyaltyId' | 'lines'>, now: Date): Record<string, unknown>[] {
  const id = `sim-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
  const lines = earlier.lines.slice(0, 1 + Math.floor(Math.random() * 2));
  return lines.map((line, i) => ({
    transactionId: id,
    storeId: earlier.storeId,
    at: now.toISOString(),
    type: 'sale',
    loyaltyId: earlier.loyaltyId,
    sku: line.sku,
    quantity: 1,
    unitPrice: line.unitPrice,
    currency: line.currency,
    lineNo: i + 1,
  }));
}

export function startSimulation(options: SimulationOptions): Simulation {
  let stopped = false;
  let posted = 0;
  let wake: (() => void) | undefined;
  const nap = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  async function post(kind: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    const response = await fetch(`${options.gatewayOrigin}/ingest/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${await options.token()}` },
      body: rows.map((row) => JSON.stringify(row)).join('\n') + '\n',
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    // 429 (resolution behind) and 503 are the feed's to wait out: the next tick tries anew.
    if (response.status === 200) posted += 1;
    else if (response.status !== 429 && response.status !== 503) throw new Error(`the ingest API answered ${response.status} to the simulation`);
  }

  async function tick(n: number): Promise<void> {
    const now = new Date();
    if (n % 3 === 2) {
      const earlier = await randomDocument<PosTransactionDoc>(options.pos, COLLECTIONS.pos.transactions, { type: 'sale', loyaltyId: { $exists: true } });
      if (earlier?.loyaltyId && earlier.lines.length > 0) await post('pos/transactions', simulatedReceipt(earlier, now));
      return;
    }
    const visitor = await randomDocument<WebVisitorDoc>(options.web, COLLECTIONS.web.visitors);
    if (visitor) await post('web/events', simulatedSession(visitor, now));
  }

  const loop = (async () => {
    for (let n = 0; !stopped; n += 1) {
      await nap(options.intervalMs);
      if (stopped) break;
      try {
        await tick(n);
      } catch (error) {
        if (!stopped) options.onError?.(error);
      }
    }
  })();

  return {
    posted: () => posted,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
