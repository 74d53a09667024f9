import type { Channel } from './config';
import type { CustomerInputs, MoneyAmount } from './inputs';
import { COMPARED_ATTRIBUTES, comparisonKey, profileRecords, type ComparedAttribute, type ProfileRecord } from './profile';

/*
 * Stage (a) of the index: mergeable tallies. Everything the index reads about a customer's
 * interactions is a sum (counts, CSAT points, money per currency), so it can be counted per source
 * record — in MongoDB, by the subgraph that owns the record — and added up per customer afterwards.
 * Consistency is equality-based, so a profile record only needs its time and the comparison key of
 * each compared attribute (a keyed hash of it is as good). Stage (b), `scoreTallies` in score.ts,
 * turns one customer's merged tallies into its index; `integrationIndex` is tally-then-score, so
 * the API, the portfolio report and the export share one piece of arithmetic.
 */

/** CRM cases opened in a stretch of time. */
export interface CrmTally {
  cases: number;
  /** Cases whose contact has a non-blank email or phone. */
  recognised: number;
  rated: number;
  /** Σ csat (1–5) over the rated cases; the experience points are 25 × (csatSum − rated). */
  csatSum: number;
}

/** Web sessions started in a stretch of time. */
export interface WebTally {
  sessions: number;
  recognised: number;
  withAddToCart: number;
  withOrder: number;
}

/** Σ amount per currency code. */
export type CurrencySums = Record<string, number>;

/** POS receipts in a stretch of time. */
export interface PosTally {
  transactions: number;
  recognised: number;
  sales: number;
  returns: number;
  sold: CurrencySums;
  returned: CurrencySums;
}

/** A customer's (or a record's) interactions per channel. */
export interface InteractionTallies {
  crm: CrmTally;
  web: WebTally;
  pos: PosTally;
}

/** A profile record reduced to what consistency compares: its survivorship order and its keys. */
export interface ProfileTally {
  source: Channel;
  recordId: string;
  updatedAt: Date;
  /** The comparison key (or a keyed hash of it) of each compared attribute the record holds. */
  keys: Partial<Record<ComparedAttribute, string>>;
}

/** Everything stage (b) needs about one customer. */
export interface CustomerTallies extends InteractionTallies {
  profiles: ProfileTally[];
}

export function emptyCrmTally(): CrmTally {
  return { cases: 0, recognised: 0, rated: 0, csatSum: 0 };
}

export function emptyWebTally(): WebTally {
  return { sessions: 0, recognised: 0, withAddToCart: 0, withOrder: 0 };
}

export function emptyPosTally(): PosTally {
  return { transactions: 0, recognised: 0, sales: 0, returns: 0, sold: {}, returned: {} };
}

export function emptyInteractionTallies(): InteractionTallies {
  return { crm: emptyCrmTally(), web: emptyWebTally(), pos: emptyPosTally() };
}

export function emptyCustomerTallies(): CustomerTallies {
  // Not a spread of emptyInteractionTallies(): a report makes one per customer and instant.
  return { crm: emptyCrmTally(), web: emptyWebTally(), pos: emptyPosTally(), profiles: [] };
}

function addSums(into: CurrencySums, from: CurrencySums | readonly MoneyAmount[]): void {
  if (Array.isArray(from)) {
    for (const { currency, amount } of from as readonly MoneyAmount[]) into[currency] = (into[currency] ?? 0) + amount;
    return;
  }
  // Same order as Object.entries, without its arrays (a report merges sums per customer and instant).
  for (const currency of Object.keys(from)) into[currency] = (into[currency] ?? 0) + (from as CurrencySums)[currency]!;
}

export function mergeCrmTally(into: CrmTally, from: CrmTally): CrmTally {
  into.cases += from.cases;
  into.recognised += from.recognised;
  into.rated += from.rated;
  into.csatSum += from.csatSum;
  return into;
}

export function mergeWebTally(into: WebTally, from: WebTally): WebTally {
  into.sessions += from.sessions;
  into.recognised += from.recognised;
  into.withAddToCart += from.withAddToCart;
  into.withOrder += from.withOrder;
  return into;
}

export function mergePosTally(into: PosTally, from: PosTally): PosTally {
  into.transactions += from.transactions;
  into.recognised += from.recognised;
  into.sales += from.sales;
  into.returns += from.returns;
  addSums(into.sold, from.sold);
  addSums(into.returned, from.returned);
  return into;
}

/** Adds `from` into `into` (mutating it) and returns `into`. */
export function mergeInteractionTallies(into: InteractionTallies, from: InteractionTallies): InteractionTallies {
  mergeCrmTally(into.crm, from.crm);
  mergeWebTally(into.web, from.web);
  mergePosTally(into.pos, from.pos);
  return into;
}

/** The profile tally of one profile record, with its plain comparison keys. */
export function profileTallyOf(record: ProfileRecord): ProfileTally {
  const keys: Partial<Record<ComparedAttribute, string>> = {};
  for (const attribute of COMPARED_ATTRIBUTES) {
    const key = comparisonKey(attribute, record);
    if (key !== undefined) keys[attribute] = key;
  }
  return { source: record.source, recordId: record.recordId, updatedAt: record.updatedAt, keys };
}

function inside(at: Date, from: number, to: number): boolean {
  const t = at.getTime();
  return t > from && t <= to;
}

/**
 * Stage (a) over one customer's inputs: the interactions in the window (from, to] and every
 * profile record. A case is recognised when its contact (among the customer's contacts) has a
 * non-blank email or phone.
 */
export function tallyInputs(inputs: CustomerInputs, window: { from: Date; to: Date }): CustomerTallies {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const tallies = emptyCustomerTallies();

  const recognisedContacts = new Set(
    inputs.crmContacts.filter((c) => Boolean(c.email?.trim() || c.phone?.trim())).map((c) => c.contactId),
  );
  for (const c of inputs.crmCases) {
    if (!inside(c.openedAt, from, to)) continue;
    tallies.crm.cases += 1;
    if (recognisedContacts.has(c.contactId)) tallies.crm.recognised += 1;
    if (c.csat !== undefined) {
      tallies.crm.rated += 1;
      tallies.crm.csatSum += c.csat;
    }
  }

  for (const s of inputs.webSessions) {
    if (!inside(s.startedAt, from, to)) continue;
    tallies.web.sessions += 1;
    if (s.recognised) tallies.web.recognised += 1;
    if (s.hasAddToCart) tallies.web.withAddToCart += 1;
    if (s.hasOrder) tallies.web.withOrder += 1;
  }

  for (const t of inputs.posTransactions) {
    if (!inside(t.at, from, to)) continue;
    tallies.pos.transactions += 1;
    if (t.recognised) tallies.pos.recognised += 1;
    if (t.type === 'sale') {
      tallies.pos.sales += 1;
      addSums(tallies.pos.sold, t.amounts);
    } else {
      tallies.pos.returns += 1;
      addSums(tallies.pos.returned, t.amounts);
    }
  }

  tallies.profiles = profileRecords(inputs).map(profileTallyOf);
  return tallies;
}

// ---- time segments: tallies for several windows at once ---------------------------------------

/**
 * Instants (ms, ascending, distinct) that cut time into segments: segment k (1 ≤ k < length) is
 * (boundaries[k − 1], boundaries[k]]. When every window's two edges are boundaries, a window is
 * exactly a run of whole segments, so tallies counted once per (record, segment) serve every
 * window — the trend's twelve month ends cost one pass over the data, not twelve.
 */
export type Boundaries = readonly number[];

/** The boundaries that make each of `windows` a run of whole segments. */
export function boundariesOf(windows: readonly { from: Date; to: Date }[]): Boundaries {
  const instants = new Set<number>();
  for (const w of windows) {
    instants.add(w.from.getTime());
    instants.add(w.to.getTime());
  }
  return [...instants].sort((a, b) => a - b);
}

/**
 * The segment an instant falls in: k with boundaries[k − 1] < t ≤ boundaries[k], or null when it
 * is at or before the first boundary or after the last (outside every window).
 */
export function segmentOf(at: Date | number, boundaries: Boundaries): number | null {
  const t = typeof at === 'number' ? at : at.getTime();
  const first = boundaries[0];
  const last = boundaries[boundaries.length - 1];
  if (first === undefined || last === undefined || t <= first || t > last) return null;
  return segmentEndingAtOrAfter(t, boundaries);
}

/**
 * The smallest k ≥ 1 with t ≤ edges[k] (the last index when there is none), by binary search over
 * ascending `edges`; duplicates of an edge allowed.
 */
export function segmentEndingAtOrAfter(t: number, edges: readonly number[]): number {
  let lo = 1;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The segments [first, last] (inclusive) that make up a window; its edges must be boundaries. */
export function segmentsOfWindow(window: { from: Date; to: Date }, boundaries: Boundaries): [number, number] {
  const start = boundaries.indexOf(window.from.getTime());
  const end = boundaries.indexOf(window.to.getTime());
  if (start < 0 || end < 0) {
    throw new Error(`window (${window.from.toISOString()}, ${window.to.toISOString()}] is not made of whole segments`);
  }
  return [start + 1, end];
}
