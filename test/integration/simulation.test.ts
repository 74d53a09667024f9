import { loadConfig } from '../../src/config';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

/*
 * The demo's live simulation (app/simulation.ts) on a seeded stack: it posts new sessions and
 * receipts of existing demo customers through the ingest API, which the live resolver resolves,
 * and it stops with the stack. Off unless asked: NODE_ENV=test (jest) and production turn it off.
 */

let stack: Stack | undefined;

afterAll(async () => {
  await stack?.stop();
});

it('is off under tests and in production unless asked for', () => {
  expect(loadConfig({ NODE_ENV: 'test' }).live.simulate).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production' }).live.simulate).toBe(false);
  expect(loadConfig({ NODE_ENV: 'development' }).live.simulate).toBe(true);
  expect(loadConfig({ NODE_ENV: 'development', OMNIDEX_SIMULATE: 'false' }).live.simulate).toBe(false);
});

it('posts sessions and receipts of demo customers through the ingest API, and stops on shutdown', async () => {
  stack = await startStack({
    seedCustomers: 15,
    simulate: true,
    env: { OMNIDEX_LIVE_RESOLVE: 'true', OMNIDEX_LIVE_POLL_MS: '20', OMNIDEX_SIMULATE: 'true', OMNIDEX_SIMULATE_INTERVAL_MS: '100' },
  });
  const running = stack;
  const { web, pos, identity } = running.dbs;
  // Ingested rows carry the request's ingestId: only the ingest API writes it.
  const sessions = await waitFor(async () => {
    const ids = await web.collection('events').distinct('sessionId', { 'imported.ingestId': { $exists: true } });
    return ids.length >= 2 ? (ids as string[]) : undefined;
  }, 'simulated sessions');
  expect(sessions.every((id) => id.startsWith('sim-'))).toBe(true);
  await waitFor(async () => (await pos.collection<{ _id: string }>('transactions').countDocuments({ _id: { $regex: '^sim-' } })) > 0 || undefined, 'a simulated receipt');
  // Sessions of existing visitors, resolved into their customers' timelines.
  await waitFor(async () => (await identity.collection('activity').countDocuments({ entityId: { $in: sessions } })) > 0 || undefined, 'a simulated session in a timeline');
  // Counted once each answer is read, which may come after its rows are visible.
  await waitFor(async () => running.simulation!.posted() >= 3 || undefined, 'three answered posts');

  await running.stop();
  stack = undefined;
  const after = running.simulation!.posted();
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(running.simulation!.posted()).toBe(after);
});
