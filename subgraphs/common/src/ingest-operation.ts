import type { Db } from 'mongodb';
import type { Caller } from '../../../src/auth/caller';
import type { Channel } from '../../../src/contract/documents';
import type { IngestAnswer } from '../../../src/contract/internal-operations';
import { DEFAULT_MAX_ROW_KB } from '../../../src/config';
import { ingestBody, INGEST_KINDS } from '../../../src/import/ingest';
import { channelOfFile } from '../../../src/import/import-directory';
import { countPending, ensureOutboxIndexes } from '../../../src/live/outbox';
import { createSuppressionCheck, type SuppressionCheck } from '../../../src/privacy/suppression';
import type { InternalHandlers } from './internal';
import type { SubgraphRuntime } from './runtime';

/** How long the suppression list fetched from identity is used before it is asked again. */
const SUPPRESSION_TTL_MS = 2_000;
/** How long one count of the outbox answers the back-pressure check. */
const PENDING_TTL_MS = 200;
const DEFAULT_MAX_PENDING = 500;

/**
 * The request body limit of a channel subgraph: an ingest body (at most 16 MiB, OMNIDEX_MAX_INGEST_KB)
 * travels as a JSON string, escaped, or base64 when it is not UTF-8. Only a holder of the internal
 * token can send one (the gateway); the limit is checked against Content-Length before anything else.
 */
export const INGEST_REQUEST_BYTES = 48 * 1024 * 1024;

interface ChannelState {
  /** Bodies are written one after another: a web session is rebuilt from all its events, by one writer at a time. */
  queue: Promise<unknown>;
  suppression?: { at: number; check: SuppressionCheck };
  pending?: { at: number; count: number };
  indexed?: Promise<void>;
}

const states = new WeakMap<Db, ChannelState>();

function stateOf(db: Db): ChannelState {
  let state = states.get(db);
  if (!state) {
    state = { queue: Promise.resolve() };
    states.set(db, state);
  }
  return state;
}

/** Forgets the cached suppression list (a customer was just forgotten): the next body asks identity again. */
export function dropCachedSuppression(db: Db): void {
  const state = states.get(db);
  if (state) state.suppression = undefined;
}

async function suppressionFor(db: Db, runtime: SubgraphRuntime, caller: Caller): Promise<SuppressionCheck> {
  const state = stateOf(db);
  const now = Date.now();
  if (state.suppression && now - state.suppression.at < SUPPRESSION_TTL_MS) return state.suppression.check;
  if (!runtime.privacySecret) throw new Error('the channel subgraph was started without a privacy secret (OMNIDEX_PRIVACY_SECRET)');
  const identity = runtime.services?.identity;
  if (!identity) throw new Error('the channel subgraph does not know the identity service, which keeps the suppression list');
  const { hashes } = await identity.call('suppression-list', {}, caller);
  const check = createSuppressionCheck(runtime.privacySecret, new Set(hashes));
  state.suppression = { at: now, check };
  return check;
}

async function pendingCount(db: Db, bound: number): Promise<number> {
  const state = stateOf(db);
  const now = Date.now();
  if (state.pending && now - state.pending.at < PENDING_TTL_MS) return state.pending.count;
  const count = await countPending(db, bound + 1);
  state.pending = { at: now, count };
  return count;
}

/**
 * The `ingest` internal operation of a channel subgraph: the gateway forwards each
 * `POST /ingest/<kind>` of this channel's kinds here, and only this service writes its database.
 * Refused with `busy` (429 at the gateway) while the outbox holds more unresolved entries than
 * OMNIDEX_OUTBOX_MAX_PENDING.
 */
export function channelIngestOperations(channel: Channel): InternalHandlers {
  return {
    async ingest(input, { db, runtime, caller }): Promise<IngestAnswer> {
      const file = INGEST_KINDS[input.kind];
      if (channelOfFile(file) !== channel) throw new Error(`${input.kind} rows belong to the ${channelOfFile(file)} service, not ${channel}`);
      const state = stateOf(db);
      state.indexed ??= ensureOutboxIndexes(db);
      await state.indexed;
      const maxPending = runtime.ingest?.outboxMaxPending ?? DEFAULT_MAX_PENDING;
      const pending = await pendingCount(db, maxPending);
      if (pending >= maxPending) return { status: 'busy', pending, retryAfterSeconds: 2 };
      const suppression = await suppressionFor(db, runtime, caller);

      const run = state.queue.then(() =>
        ingestBody(db, {
          kind: input.kind,
          format: input.format,
          body: Buffer.from(input.body, input.encoding === 'base64' ? 'base64' : 'utf8'),
          ingestId: input.ingestId,
          receivedAt: new Date(input.receivedAt),
          maxRowBytes: runtime.ingest?.maxRowBytes ?? DEFAULT_MAX_ROW_KB * 1024,
          suppression,
        }),
      );
      state.queue = run.catch(() => undefined);
      const { report, quarantined } = await run;
      if (state.pending) state.pending.count += 1;
      if (report.status === 'failed') return { status: 'refused', reason: report.error ?? 'the body could not be read' };
      const { read, inserted, updated, unchanged, quarantined: quarantinedCount, suppressed } = report;
      return { status: 'accepted', read, inserted, updated, unchanged, quarantined: quarantinedCount, suppressed, quarantinedRows: quarantined };
    },
  };
}
