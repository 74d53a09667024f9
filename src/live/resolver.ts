/**
 * The live resolver: consumes the channel databases' outboxes (outbox.ts) and resolves what they
 * name, incrementally (`resolveChanges`, the code `omnidex resolve` runs), writing customers,
 * records and the activity index, so that an ingested event shows in its customer's timeline
 * within about a second.
 *
 * One at a time among replicas: a lease document in the identity database (`leases`), taken when
 * free or expired and renewed while held. Each round takes the oldest entries of every channel,
 * resolves them, then deletes them (the checkpoint). A kill anywhere in a round leaves its entries
 * for the next holder, which resolves them again: resolution reads current state and is
 * idempotent, and new customers get ids derived from the round's first entry and their records
 * (`newId`), so a round run twice creates the same customers, not two of each.
 *
 * Like `omnidex resolve`, it is a batch job over the channel databases (it reads them and deletes
 * the outbox entries it consumed), not a service: `omnidex serve` runs it beside the services, or
 * `omnidex serve --only resolver` alone.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Db, ObjectId } from 'mongodb';
import { CHANNELS, type Channel } from '../contract/documents';
import type { Databases } from '../db';
import { identityCollections, resolveChanges, type ChangedIds, type ResolveReport } from '../identity/store';
import { acknowledge, ensureOutboxIndexes, takeable, type OutboxDoc } from './outbox';

export const LEASE_COLLECTION = 'leases';
const LEASE_ID = 'live-resolver';
/** The round in progress (`_id: 'current'`), written before it resolves and deleted after its checkpoint. */
export const ROUND_COLLECTION = 'live_rounds';

interface RoundDoc {
  _id: 'current';
  startedAt: Date;
  holder: string;
}

interface LeaseDoc {
  _id: string;
  holder: string;
  expiresAt: Date;
}

export type LiveDatabases = Pick<Databases, 'crm' | 'web' | 'pos' | 'identity'>;

export interface LiveResolverOptions {
  dbs: LiveDatabases;
  /** This replica's name in the lease; random by default. */
  holder?: string;
  leaseMs: number;
  pollMs: number;
  staleMs: number;
  /** Outbox entries taken per channel per round (each up to 1 000 rows). */
  entriesPerRound?: number;
  onError?: (error: unknown) => void;
  /** After each round's resolution and before its checkpoint, with what it resolved and the entries it consumed (change notifications). */
  onRound?: (round: LiveRound) => void | Promise<void>;
}

export interface LiveRound {
  report: ResolveReport;
  entries: OutboxDoc[];
}

export interface LiveResolver {
  /** Runs one round now if the lease is (or can be) held; the number of entries consumed. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

function leases(identity: Db): Collection<LeaseDoc> {
  return identity.collection<LeaseDoc>(LEASE_COLLECTION);
}

/** Takes or renews the lease for `holder`; false while another holder's has not expired. */
export async function acquireLease(identity: Db, holder: string, leaseMs: number, now = new Date(), leaseId = LEASE_ID): Promise<boolean> {
  try {
    await leases(identity).updateOne(
      { _id: leaseId, $or: [{ holder }, { expiresAt: { $lte: now } }] },
      { $set: { holder, expiresAt: new Date(now.getTime() + leaseMs) } },
      { upsert: true },
    );
    return true;
  } catch (error) {
    // The lease exists, held by someone else: the upsert's insert collides with it.
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/** Gives the lease up (a clean stop), so another replica need not wait for it to expire. */
export async function releaseLease(identity: Db, holder: string, leaseId = LEASE_ID): Promise<void> {
  await leases(identity).deleteOne({ _id: leaseId, holder });
}

function mergeIds(entries: readonly OutboxDoc[]): ChangedIds {
  const out: Record<string, Set<string>> = {};
  for (const entry of entries) {
    for (const [kind, ids] of Object.entries(entry.ids)) {
      const set = (out[kind] ??= new Set());
      for (const id of ids as string[]) set.add(id);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([kind, set]) => [kind, [...set]]));
}

/**
 * Deletes the customers written since `since` that no record names: left by a round killed after
 * it wrote customers and before their records (the redo gave those records other ids), or before
 * it deleted the customers a merge absorbed.
 */
async function sweepUnnamedCustomers(identity: Db, since: Date): Promise<number> {
  const collections = identityCollections(identity);
  const unnamed: string[] = [];
  for await (const customer of collections.customers.find({ updatedAt: { $gte: since } }, { projection: { _id: 1 } })) {
    if (!(await collections.records.findOne({ customerId: customer._id }, { projection: { _id: 1 } }))) unnamed.push(customer._id);
  }
  if (unnamed.length > 0) await collections.customers.deleteMany({ _id: { $in: unnamed } });
  return unnamed.length;
}

export function startLiveResolver(options: LiveResolverOptions): LiveResolver {
  const { dbs } = options;
  const holder = options.holder ?? `resolver-${randomBytes(6).toString('hex')}`;
  const perRound = options.entriesPerRound ?? 20;
  let stopped = false;
  let leaseUntil = 0;
  let indexed: Promise<unknown> | undefined;

  async function holdLease(): Promise<boolean> {
    const now = Date.now();
    // Renewed once a third of it has run, not on every round.
    if (leaseUntil - now > (options.leaseMs * 2) / 3) return true;
    if (!(await acquireLease(dbs.identity, holder, options.leaseMs, new Date(now)))) {
      leaseUntil = 0;
      return false;
    }
    leaseUntil = now + options.leaseMs;
    return true;
  }

  async function runOnce(): Promise<number> {
    indexed ??= Promise.all([
      ...CHANNELS.map((channel) => ensureOutboxIndexes(dbs[channel])),
      // For the sweep after an interrupted round.
      dbs.identity.collection('customers').createIndexes([{ key: { updatedAt: 1 } }]),
    ]);
    await indexed;
    if (!(await holdLease())) return 0;
    const staleBefore = new Date(Date.now() - options.staleMs);
    const taken = new Map<Channel, OutboxDoc[]>();
    for (const channel of CHANNELS) taken.set(channel, await takeable(dbs[channel], staleBefore, perRound));
    const entries = [...taken.values()].flat();
    if (entries.length === 0) return 0;
    const rounds = dbs.identity.collection<RoundDoc>(ROUND_COLLECTION);
    const interrupted = await rounds.findOne({ _id: 'current' });
    if (!interrupted) await rounds.insertOne({ _id: 'current', startedAt: new Date(), holder });
    const seed = entries.map((entry) => entry._id.toHexString()).sort()[0]!;
    const report = await resolveChanges(dbs, mergeIds(entries), {
      newId: (records) => `cus_${createHash('sha256').update(`${seed}\u0000${records[0] ?? ''}`).digest('hex').slice(0, 16)}`,
    });
    if (interrupted) await sweepUnnamedCustomers(dbs.identity, interrupted.startedAt);
    // Before the checkpoint: a notification queued twice (a redone round) is queued once.
    await options.onRound?.({ report, entries });
    // Our lease may have lapsed mid-round (a long pause): the next holder redoes the round, harmlessly.
    for (const [channel, list] of taken) await acknowledge(dbs[channel], list.map((entry) => entry._id as ObjectId));
    await rounds.deleteOne({ _id: 'current' });
    return entries.length;
  }

  const loop = (async () => {
    while (!stopped) {
      let consumed = 0;
      try {
        consumed = await runOnce();
      } catch (error) {
        options.onError?.(error);
        await sleep(Math.max(options.pollMs, 500));
      }
      if (consumed === 0 && !stopped) await sleep(options.pollMs);
    }
  })();

  return {
    runOnce,
    async stop() {
      stopped = true;
      await loop;
      if (leaseUntil > Date.now()) await releaseLease(dbs.identity, holder).catch(() => undefined);
    },
  };
}
