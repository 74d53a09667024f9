/**
 * A demo Omnidex (in memory, seeded like `npm start`) with the console open in headless Chromium,
 * signed in through the development demo tokens: what `scripts/console-screenshots.ts` and
 * `bench/console.ts` look at.
 */
import type { Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../app/console-build';
import { serve, type RunningOmnidex } from '../app/serve';
import { loadConfig } from '../src/config';
import { launchBrowser, type Browser } from '../test/support/browser';

export interface ConsoleDemo {
  origin: string;
  running: RunningOmnidex;
  browser: Browser;
  /** A page of the console signed in as `role` (the token goes into the tab's session before the app loads). */
  signedInPage(role: string): Promise<Page>;
  stop(): Promise<void>;
}

export async function startConsoleDemo(options: { customers?: number; viewport?: { width: number; height: number } } = {}): Promise<ConsoleDemo> {
  await ensureConsoleBuilt();
  const running = await serve({
    config: loadConfig({ ...process.env, OMNIDEX_DEV: 'true', OMNIDEX_RATE_LIMIT: '0', OMNIDEX_LOG_LEVEL: 'silent' }),
    inMemory: true,
    ephemeralPorts: true,
    seedCustomers: options.customers ?? 1_000,
    log: () => undefined,
  });
  const origin = new URL(running.gateway!.url).origin;
  const browser = await launchBrowser(options.viewport);
  const tokens = ((await (await fetch(`${origin}/auth/demo-tokens`)).json()) as { tokens: Record<string, string> }).tokens;
  return {
    origin,
    running,
    browser,
    async signedInPage(role) {
      const token = tokens[role];
      if (!token) throw new Error(`no demo token for ${role}`);
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; roles: string[]; exp: number };
      const session = { token, sub: claims.sub, roles: claims.roles, expiresAt: claims.exp * 1000, via: 'demo' };
      const page = await browser.context.newPage();
      await page.addInitScript((value) => sessionStorage.setItem('omnidex.session', value), JSON.stringify(session));
      return page;
    },
    async stop() {
      await browser.close();
      await running.stop();
    },
  };
}

/** A customer on all three channels whose golden profile has conflicting values: the console's richest page. */
export async function showcaseCustomer(demo: ConsoleDemo): Promise<{ id: string; name: string }> {
  const identity = demo.running.databases!.dbs.identity!;
  const candidates = await identity
    .collection<{ _id: string; channels: string[]; recordCount: number }>('customers')
    .find({ channels: { $all: ['crm', 'web', 'pos'] }, recordCount: { $gte: 6, $lte: 14 } })
    .sort({ _id: 1 })
    .limit(200)
    .toArray();
  const records = identity.collection<{ customerId: string; kind: string; record: { firstName?: string; lastName?: string; postalCode?: string } }>('records');
  let fallback: { id: string; name: string } | undefined;
  for (const candidate of candidates) {
    const profiles = await records.find({ customerId: candidate._id, kind: { $in: ['contact', 'member'] } }).toArray();
    const named = profiles.find((p) => p.record.firstName && p.record.lastName);
    if (!named) continue;
    const found = { id: candidate._id, name: `${named.record.firstName} ${named.record.lastName}` };
    // Records that disagree (a moved house, a new surname) make conflicts in the golden profile.
    const postcodes = new Set(profiles.map((p) => p.record.postalCode).filter(Boolean));
    const lastNames = new Set(profiles.map((p) => p.record.lastName).filter(Boolean));
    if (postcodes.size > 1 || lastNames.size > 1) return found;
    fallback ??= found;
  }
  if (fallback) return fallback;
  throw new Error('no customer on all three channels in the demo data');
}

/** The most frequent last name (five letters or more) among the demo people: searched misspelt, it shows ranking and typos. */
export async function commonLastName(demo: ConsoleDemo): Promise<string> {
  const identity = demo.running.databases!.dbs.identity!;
  const [top] = await identity
    .collection('records')
    .aggregate<{ _id: string }>([
      { $match: { kind: 'contact', 'record.lastName': { $regex: '^[a-z]{5,}$' } } },
      { $group: { _id: '$record.lastName', n: { $sum: 1 } } },
      { $sort: { n: -1, _id: 1 } },
      { $limit: 1 },
    ])
    .toArray();
  if (!top) throw new Error('no last names in the demo data');
  return top._id;
}
