/**
 * The customer search index over MongoDB: `search_terms` in the identity database, written where
 * resolve writes customers (and so kept right through merges, splits and unlinks), deleted with a
 * forgotten customer, and read by `searchCustomers`. How terms and lookups work:
 * docs/SEARCH.md.
 */
import type { AnyBulkWriteOperation, Filter } from 'mongodb';
import { parseSearchQuery, planLookups, matchTerm, type Lookup, type TermMatch } from '../search/query';
import { searchTermsOf, type SearchTermDoc } from '../search/terms';
import type { IdentityRecord } from '../records';
import { chunks, writeInBatches, type IdentityCollections } from './collections';
import { IN_BATCH } from './state-source';

/** Bump when the terms a customer gets change: the next resolve rebuilds the whole index. */
export const SEARCH_TERMS_VERSION = 1;
const STATE_ID = 'search';

/** A customer whose terms are (re)written, from all its records. */
export interface SearchSubject {
  id: string;
  records: readonly IdentityRecord[];
}

/**
 * Replaces the terms of `customers` and deletes those of `removed` (ids merged away or gone).
 * `fresh`: the index is known to be empty, so nothing is deleted first.
 */
export async function writeSearchTerms(
  identity: IdentityCollections,
  customers: readonly SearchSubject[],
  removed: readonly string[],
  options: { fresh?: boolean; batchSize: number },
): Promise<number> {
  if (!options.fresh) {
    const stale = [...customers.map((customer) => customer.id), ...removed];
    for (const batch of chunks(stale, IN_BATCH)) await identity.search.deleteMany({ c: { $in: batch } });
  }
  const ops: AnyBulkWriteOperation<SearchTermDoc>[] = [];
  for (const customer of customers) {
    for (const document of searchTermsOf(customer.id, customer.records)) ops.push({ insertOne: { document } });
  }
  await writeInBatches(identity.search, ops, options.batchSize);
  return ops.length;
}

/** Whether the index holds terms of the current version (an empty database counts as current). */
export async function searchIndexIsCurrent(identity: IdentityCollections): Promise<boolean> {
  const state = await identity.searchState.findOne({ _id: STATE_ID });
  if (state?.version === SEARCH_TERMS_VERSION) return true;
  return (await identity.records.findOne({}, { projection: { _id: 1 } })) === null;
}

export async function markSearchIndexCurrent(identity: IdentityCollections, now: Date): Promise<void> {
  await identity.searchState.replaceOne({ _id: STATE_ID }, { version: SEARCH_TERMS_VERSION, updatedAt: now }, { upsert: true });
}

/**
 * Rebuilds every customer's terms from the records resolve keeps (after an upgrade that changed
 * the terms, or on a database resolved before search existed). Returns the number of terms.
 */
export async function rebuildSearchIndex(identity: IdentityCollections, options: { batchSize?: number; now?: Date } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  await identity.search.deleteMany({});
  let written = 0;
  let pending: SearchSubject[] = [];
  let current: { id: string; records: IdentityRecord[] } | undefined;
  const flush = async () => {
    written += await writeSearchTerms(identity, pending, [], { fresh: true, batchSize });
    pending = [];
  };
  const records = identity.records.find({}, { projection: { customerId: 1, record: 1 }, batchSize: IN_BATCH }).sort({ customerId: 1 });
  for await (const { customerId, record } of records) {
    if (current?.id !== customerId) {
      if (current) pending.push(current);
      if (pending.length >= batchSize) await flush();
      current = { id: customerId, records: [] };
    }
    current.records.push(record);
  }
  if (current) pending.push(current);
  await flush();
  await markSearchIndexCurrent(identity, options.now ?? new Date());
  return written;
}

/** Rebuilds the index when it is not current; a no-op (one small read) when it is. */
export async function ensureSearchIndex(identity: IdentityCollections): Promise<void> {
  if (!(await searchIndexIsCurrent(identity))) await rebuildSearchIndex(identity);
}

// ---- reading ------------------------------------------------------------------------------------

/** Hits beyond this rank are not served: a search is for finding someone, not for listing everyone. */
export const MAX_SEARCH_RESULTS = 500;
/** Most entries one single-term lookup reads, unless it says fewer (docs/SEARCH.md, "Cost"). */
const MAX_READ = 2_000;
/** Most entries a multi-term lookup (typo variants, exact identifiers) reads. */
const WHOLE_READ_LIMIT = 1_000;
/** Matches listed per hit. */
const MATCHES_PER_HIT = 3;
const EPSILON = 1e-9;

export interface SearchHit {
  customerId: string;
  score: number;
  /** What matched, best first. */
  matches: TermMatch[];
}

export interface SearchPage {
  hits: SearchHit[];
  hasNextPage: boolean;
}

type Entry = Pick<SearchTermDoc, 'c' | 't' | 'r' | 'v'>;
const ENTRY_FIELDS = { _id: 0, c: 1, t: 1, r: 1, v: 1 } as const;

interface LookupState {
  lookup: Lookup;
  entries: Entry[];
  /** How many entries to have read. */
  limit: number;
  /** Everything the lookup matches has been read. */
  complete: boolean;
  max: number;
}

async function readLookup(identity: IdentityCollections, state: LookupState): Promise<void> {
  const { lookup } = state;
  if (lookup.terms.length !== 1 || !lookup.bound) {
    const filter: Filter<SearchTermDoc> = { t: { $in: lookup.terms }, ...(lookup.wholeOnly ? { r: 0 } : {}) };
    state.entries = await identity.search.find(filter, { projection: ENTRY_FIELDS }).limit(WHOLE_READ_LIMIT).toArray();
    state.complete = true;
    return;
  }
  // One term, in rank order, from where the previous read stopped.
  const last = state.entries.at(-1);
  const after: Filter<SearchTermDoc> = last ? { $or: [{ r: { $gt: last.r } }, { r: last.r, c: { $gt: last.c } }] } : {};
  const want = state.limit - state.entries.length;
  const more = await identity.search
    .find({ t: lookup.terms[0]!, ...after }, { projection: ENTRY_FIELDS })
    .sort({ r: 1, c: 1 })
    .limit(want)
    .toArray();
  state.entries.push(...more);
  state.complete = more.length < want;
}

function byRank(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
}

function collectHits(query: ReturnType<typeof parseSearchQuery>, states: readonly LookupState[]): SearchHit[] {
  const hits = new Map<string, SearchHit>();
  for (const state of states) {
    for (const entry of state.entries) {
      const match = matchTerm(query, entry);
      if (!match) continue;
      let hit = hits.get(entry.c);
      if (!hit) hits.set(entry.c, (hit = { customerId: entry.c, score: 0, matches: [] }));
      if (!hit.matches.some((m) => m.field === match.field && m.value === match.value)) hit.matches.push(match);
      hit.score = Math.max(hit.score, match.score);
    }
  }
  for (const hit of hits.values()) hit.matches = hit.matches.sort((a, b) => b.score - a.score).slice(0, MATCHES_PER_HIT);
  return [...hits.values()].sort(byRank);
}

/**
 * How many of the ranked hits are certain to keep their rank: those that outrank anything the
 * unfinished lookups, or the deferred ones not read yet, could still return (a tie counts when the
 * hit comes first by id).
 */
function settledCount(ranked: readonly SearchHit[], open: readonly LookupState[], deferred: readonly LookupState[]): number {
  const horizons = [
    ...open.map((state) => {
      const last = state.entries.at(-1);
      return { score: last && state.lookup.bound ? state.lookup.bound(last.r) : Infinity, lastId: last?.c ?? '' };
    }),
    ...deferred.map((state) => ({ score: state.lookup.deferredBest!, lastId: '' })),
  ];
  let settled = 0;
  for (const hit of ranked) {
    const outranks = horizons.every(
      (h) => hit.score > h.score + EPSILON || (Math.abs(hit.score - h.score) <= EPSILON && hit.customerId <= h.lastId),
    );
    if (!outranks) break;
    settled++;
  }
  return settled;
}

/**
 * One page of the customers matching `text`, best first (`offset` hits skipped). Reads the index
 * lookup by lookup, each in rank order, and stops as soon as the page's hits are certain to
 * outrank everything not read yet.
 */
export async function searchCustomers(identity: IdentityCollections, text: string, page: { first: number; offset: number }): Promise<SearchPage> {
  const query = parseSearchQuery(text);
  const needed = Math.min(page.offset + page.first + 1, MAX_SEARCH_RESULTS + 1);
  const states: LookupState[] = planLookups(query).map((lookup) => ({
    lookup,
    entries: [],
    limit: needed,
    complete: false,
    max: lookup.maxRead ?? MAX_READ,
  }));
  // Lookups are read together (a round trip costs more than the few entries one reads), except
  // those that can only add hits below what the others may already fill the page with.
  const unread = new Set(states);
  const read = () => states.filter((state) => !unread.has(state));
  let toRead = states.filter((state) => state.lookup.deferredBest === undefined && !state.lookup.onlyIfNothingFound);
  let ranked: SearchHit[] = [];
  while (toRead.length > 0) {
    for (const state of toRead) unread.delete(state);
    await Promise.all(toRead.map((state) => readLookup(identity, state)));
    ranked = collectHits(query, read());
    const deferred = [...unread].filter((state) => state.lookup.deferredBest !== undefined);
    const open = read().filter((state) => !state.complete);
    if (settledCount(ranked, open, deferred) >= needed) break;
    if (ranked.length === 0 && unread.size > 0) {
      toRead = [...unread];
      continue;
    }
    if (deferred.length > 0) {
      toRead = deferred;
      continue;
    }
    // Read further where it may change the page; past a lookup's maximum the order is as read.
    toRead = open.filter((state) => state.limit < state.max);
    for (const state of toRead) state.limit = Math.min(state.limit * 4, state.max);
  }
  const end = Math.min(page.offset + page.first, MAX_SEARCH_RESULTS);
  return { hits: ranked.slice(page.offset, end), hasNextPage: ranked.length > end && end < MAX_SEARCH_RESULTS };
}
