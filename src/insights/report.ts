import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { Band, Channel, IndexConfig } from './config';
import { displayCountry } from './display';
import { createPortfolioAccumulator, type PortfolioIndex } from './portfolio';
import { COMPARED_ATTRIBUTES, compareRecords, type ProfileRecord } from './profile';
import { channelConsistencies, scoreTallies, windowEndingAt, type IntegrationIndex } from './score';
import {
  boundariesOf,
  emptyCustomerTallies,
  emptyInteractionTallies,
  mergeInteractionTallies,
  profileTallyOf,
  segmentsOfWindow,
  type Boundaries,
  type CurrencySums,
  type InteractionTallies,
  type ProfileTally,
} from './tallies';

/*
 * The portfolio report, split the federation way. The report's parameters travel in its entity id;
 * each channel subgraph turns them into compact partial tallies of its own records (one MongoDB
 * aggregation per collection), identity says which records make each customer, and the insights
 * subgraph joins the parts per customer and scores each with `scoreTallies` — the arithmetic of
 * `Customer.integrationIndex` — before averaging. The wire formats below are arrays of short tuples
 * to keep what crosses the gateway small; the comparison keys are keyed hashes, so no personal data
 * leaves a channel subgraph for a report.
 */

/** Which customers a report covers; every part is optional and they combine with AND. */
export interface ReportFilter {
  /** Customers with a POS receipt at this store in the report's window. */
  storeId?: string;
  /** Customers whose golden-profile country is this ISO 3166 alpha-2 code. */
  country?: string;
  /** Customers first seen (earliest interaction) in this year (`2025`) or month (`2025-03`). */
  cohort?: string;
}

export interface ReportParams {
  asOf: Date;
  windowDays: number;
  /** Month ends before `asOf` to score for the trend (0: no trend). */
  trendMonths: number;
  filter: ReportFilter;
  /** Key of the comparison-key hashes, fresh for every report. */
  salt: string;
}

/** Thrown for a malformed report id or parameter; the message names what was wrong. */
export class ReportParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportParamsError';
  }
}

export const MAX_TREND_MONTHS = 36;
const COHORT = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const ID_PREFIX = 'iir1.';

/** Checks and normalises the parameters a client gave (country upper-cased, blanks dropped). */
export function reportParams(input: {
  asOf: Date;
  windowDays: number;
  trendMonths?: number;
  filter?: { storeId?: string | null; country?: string | null; cohort?: string | null } | null;
  salt: string;
}): ReportParams {
  if (Number.isNaN(input.asOf.getTime())) throw new ReportParamsError('asOf is not a valid time');
  const trendMonths = input.trendMonths ?? 0;
  if (!Number.isInteger(trendMonths) || trendMonths < 0 || trendMonths > MAX_TREND_MONTHS) {
    throw new ReportParamsError(`trendMonths must be a whole number from 0 to ${MAX_TREND_MONTHS}, got ${trendMonths}`);
  }
  const filter: ReportFilter = {};
  const storeId = input.filter?.storeId?.trim();
  if (storeId) filter.storeId = storeId;
  const country = input.filter?.country?.trim();
  if (country) {
    if (!COUNTRY.test(country)) throw new ReportParamsError(`filter.country must be two letters (ISO 3166 alpha-2), got "${country}"`);
    filter.country = country.toUpperCase();
  }
  const cohort = input.filter?.cohort?.trim();
  if (cohort) {
    if (!COHORT.test(cohort)) throw new ReportParamsError(`filter.cohort must be a year (2025) or a month (2025-03), got "${cohort}"`);
    filter.cohort = cohort;
  }
  return { asOf: input.asOf, windowDays: input.windowDays, trendMonths, filter, salt: input.salt };
}

/** The report's entity id: its parameters, canonically ordered, base64url JSON. */
export function encodeReportId(params: ReportParams): string {
  const { storeId, country, cohort } = params.filter;
  const canonical = [
    params.asOf.toISOString(),
    params.windowDays,
    params.trendMonths,
    storeId ?? null,
    country ?? null,
    cohort ?? null,
    params.salt,
  ];
  return ID_PREFIX + Buffer.from(JSON.stringify(canonical), 'utf8').toString('base64url');
}

export function decodeReportId(id: string): ReportParams {
  const bad = () => new ReportParamsError(`"${id.slice(0, 40)}" is not an integration index report id`);
  if (!id.startsWith(ID_PREFIX)) throw bad();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(id.slice(ID_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parts) || parts.length !== 7) throw bad();
  const [asOf, windowDays, trendMonths, storeId, country, cohort, salt] = parts as unknown[];
  const optional = (value: unknown): string | undefined => {
    if (value === null) return undefined;
    if (typeof value !== 'string') throw bad();
    return value;
  };
  if (
    typeof asOf !== 'string' ||
    typeof trendMonths !== 'number' ||
    typeof salt !== 'string' ||
    typeof windowDays !== 'number' ||
    !Number.isInteger(windowDays) ||
    windowDays <= 0
  ) {
    throw bad();
  }
  return reportParams({
    asOf: new Date(asOf),
    windowDays,
    trendMonths,
    filter: { storeId: optional(storeId), country: optional(country), cohort: optional(cohort) },
    salt,
  });
}

/** One trend point: the month and the instant its index is taken at (the next month's first ms). */
export interface TrendPoint {
  month: string;
  asOf: Date;
}

/**
 * The last `months` month ends at or before `asOf`, oldest first. A month's end is the first
 * instant of the next month, so with the window (T − W, T] an interaction at 00:00 on the 1st
 * still counts for the month before — the same convention as the window's own edge.
 */
export function trendPoints(asOf: Date, months: number): TrendPoint[] {
  const points: TrendPoint[] = [];
  let year = asOf.getUTCFullYear();
  let month = asOf.getUTCMonth(); // the month whose first instant is the latest end ≤ asOf
  for (let i = 0; i < months; i += 1) {
    const end = new Date(Date.UTC(year, month, 1));
    const previous = new Date(Date.UTC(year, month - 1, 1));
    points.push({ month: previous.toISOString().slice(0, 7), asOf: end });
    year = previous.getUTCFullYear();
    month = previous.getUTCMonth();
  }
  return points.reverse();
}

/** The instants the channel subgraphs cut time at: every window's edges (report and trend). */
export function reportBoundaries(params: ReportParams): Boundaries {
  const config = { windowDays: params.windowDays } as IndexConfig;
  const ends = [params.asOf, ...trendPoints(params.asOf, params.trendMonths).map((p) => p.asOf)];
  return boundariesOf(ends.map((end) => windowEndingAt(end, config)));
}

/** A keyed hash of a comparison key: equal keys give equal hashes, and nothing readable leaves. */
export function hashKey(salt: string, key: string | undefined): string | null {
  if (key === undefined) return null;
  return createHmac('sha256', secretKeyOf(salt)).update(key).digest('base64url').slice(0, 11);
}

let lastSecret: { salt: string; key: KeyObject } | undefined;

/**
 * The salt as a key object, made once per report rather than per hash: a report hashes a few
 * hundred thousand keys, and preparing the key took a third of each HMAC's time.
 */
function secretKeyOf(salt: string): KeyObject {
  if (lastSecret?.salt !== salt) lastSecret = { salt, key: createSecretKey(Buffer.from(salt, 'utf8')) };
  return lastSecret.key;
}

// ---- wire formats -------------------------------------------------------------------------------

/**
 * A profile record: [recordId, updatedAt ms, fullName, email, phone, postalCode (hashed keys or
 * null), country: 1 matches the filter's country, 0 holds another, null holds none or no filter].
 */
export type ProfileRow = [string, number, string | null, string | null, string | null, string | null, 0 | 1 | null];
/** CRM: contacts (profile rows + whether a case of theirs counts as recognised) and case tallies. */
export interface CrmReportPart {
  contacts: [...ProfileRow, 0 | 1][];
  /** [contactId, segment, cases, rated, Σ csat] */
  cases: [string, number, number, number, number][];
}
export interface WebReportPart {
  visitors: ProfileRow[];
  /** [visitorId, segment, sessions, recognised, with add_to_cart, with order] */
  sessions: [string, number, number, number, number, number][];
}
export interface PosReportPart {
  members: ProfileRow[];
  /**
   * [transactionId, segment, 1 return | 0 sale, recognised 0|1, [currency, amount, …],
   * 1 at the filter's store | 0]
   */
  transactions: [string, number, 0 | 1, 0 | 1, (string | number)[], 0 | 1][];
}
/** [customerId, contactIds, visitorIds, loyaltyIds (members), transactionIds] */
export type OwnershipRow = [string, string[], string[], string[], string[]];
export interface IdentityReportPart {
  customers: OwnershipRow[];
}

/** A profile record's row for a report: its hashed comparison keys and its country flag. */
export function profileRowOf(record: ProfileRecord, params: ReportParams): ProfileRow {
  const { keys } = profileTallyOf(record);
  const country = displayCountry(record.country);
  const flag = params.filter.country === undefined || country === undefined ? null : country === params.filter.country ? 1 : 0;
  return [
    record.recordId,
    record.updatedAt.getTime(),
    ...(COMPARED_ATTRIBUTES.map((attribute) => hashKey(params.salt, keys[attribute])) as [string | null, string | null, string | null, string | null]),
    flag,
  ];
}

function profileTallyOfRow(source: Channel, row: ProfileRow): ProfileTally {
  const keys: ProfileTally['keys'] = {};
  COMPARED_ATTRIBUTES.forEach((attribute, i) => {
    const key = row[2 + i];
    if (typeof key === 'string') keys[attribute] = key;
  });
  return { source, recordId: row[0], updatedAt: new Date(row[1]), keys };
}

// ---- the report --------------------------------------------------------------------------------

export interface ReportTrendPoint extends TrendPoint {
  score: number | null;
  band: Band | null;
  indexed: number;
}

export interface IntegrationIndexReport extends PortfolioIndex {
  asOf: Date;
  window: { from: Date; to: Date };
  filter: ReportFilter;
  trend: ReportTrendPoint[];
}

interface SegmentTallies {
  segments: Map<number, InteractionTallies>;
  profiles: ProfileTally[];
  countryFlags: { tally: ProfileTally; flag: 0 | 1 | null }[];
  atStore: boolean;
}

function segmentTally(into: SegmentTallies, segment: number): InteractionTallies {
  let tally = into.segments.get(segment);
  if (tally === undefined) {
    tally = emptyInteractionTallies();
    into.segments.set(segment, tally);
  }
  return tally;
}

function addCurrencies(into: CurrencySums, flat: readonly (string | number)[]): void {
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const currency = String(flat[i]);
    into[currency] = (into[currency] ?? 0) + Number(flat[i + 1]);
  }
}

/** The four parts of a report, as the subgraphs (or `omnidex index`) computed them. */
export interface ReportParts {
  identity: IdentityReportPart;
  crm: CrmReportPart;
  web: WebReportPart;
  pos: PosReportPart;
}

/**
 * Joins the four parts per customer and scores every customer the filters keep with `scoreTallies`,
 * at the report's `asOf` and then at each trend point, yielding the customer's id and those
 * results, in that order. Filters are applied here (country: the golden country among the
 * customer's profile records; store: a receipt at the store in the report's window) or were
 * applied by identity (cohort). One customer's tallies at a time: nothing per customer is kept.
 */
export function* customerIndexes(
  params: ReportParams,
  parts: ReportParts,
  config: IndexConfig,
): Generator<{ customerId: string; results: IntegrationIndex[] }> {
  if (config.windowDays !== params.windowDays) {
    throw new ReportParamsError(`the report was cut for a ${params.windowDays}-day window, the configuration has ${config.windowDays}`);
  }
  const boundaries = reportBoundaries(params);
  const ends = [params.asOf, ...trendPoints(params.asOf, params.trendMonths).map((p) => p.asOf)];
  const ranges = ends.map((end) => segmentsOfWindow(windowEndingAt(end, config), boundaries));
  const [mainFirst, mainLast] = ranges[0]!;

  const contacts = new Map(parts.crm.contacts.map((row) => [row[0], row]));
  const casesByContact = groupBy(parts.crm.cases, (row) => row[0]);
  const visitors = new Map(parts.web.visitors.map((row) => [row[0], row]));
  const sessionsByVisitor = groupBy(parts.web.sessions, (row) => row[0]);
  const members = new Map(parts.pos.members.map((row) => [row[0], row]));
  const transactions = groupBy(parts.pos.transactions, (row) => row[0]);
  const compare = compareRecords(config);

  for (const [customerId, contactIds, visitorIds, loyaltyIds, transactionIds] of parts.identity.customers) {
    const customer: SegmentTallies = { segments: new Map(), profiles: [], countryFlags: [], atStore: false };
    const addProfile = (source: Channel, row: ProfileRow | undefined) => {
      if (row === undefined) return;
      const tally = profileTallyOfRow(source, row);
      customer.profiles.push(tally);
      customer.countryFlags.push({ tally, flag: row[6] });
    };
    for (const contactId of contactIds) {
      const contact = contacts.get(contactId);
      addProfile('crm', contact as ProfileRow | undefined);
      const recognised = contact?.[7] === 1;
      for (const [, segment, cases, rated, csatSum] of casesByContact.get(contactId) ?? []) {
        const crm = segmentTally(customer, segment).crm;
        crm.cases += cases;
        if (recognised) crm.recognised += cases;
        crm.rated += rated;
        crm.csatSum += csatSum;
      }
    }
    for (const visitorId of visitorIds) {
      addProfile('web', visitors.get(visitorId));
      for (const [, segment, sessions, recognised, withCart, withOrder] of sessionsByVisitor.get(visitorId) ?? []) {
        const web = segmentTally(customer, segment).web;
        web.sessions += sessions;
        web.recognised += recognised;
        web.withAddToCart += withCart;
        web.withOrder += withOrder;
      }
    }
    for (const loyaltyId of loyaltyIds) addProfile('pos', members.get(loyaltyId));
    for (const transactionId of transactionIds) {
      for (const [, segment, isReturn, recognised, amounts, atStore] of transactions.get(transactionId) ?? []) {
        const pos = segmentTally(customer, segment).pos;
        pos.transactions += 1;
        pos.recognised += recognised;
        if (isReturn === 1) {
          pos.returns += 1;
          addCurrencies(pos.returned, amounts);
        } else {
          pos.sales += 1;
          addCurrencies(pos.sold, amounts);
        }
        if (atStore === 1 && segment >= mainFirst && segment <= mainLast) customer.atStore = true;
      }
    }

    if (params.filter.storeId !== undefined && !customer.atStore) continue;
    if (params.filter.country !== undefined) {
      const holder = customer.countryFlags.filter((c) => c.flag !== null).sort((a, b) => compare(a.tally, b.tally))[0];
      if (holder?.flag !== 1) continue;
    }

    const consistencies = channelConsistencies(customer.profiles, config);
    const results = ranges.map(([first, last], i) => {
      const tallies = emptyCustomerTallies();
      tallies.profiles = customer.profiles;
      // forEach, not for…of: no [key, value] array per segment, customer and instant.
      customer.segments.forEach((part, segment) => {
        if (segment >= first && segment <= last) mergeInteractionTallies(tallies, part);
      });
      return scoreTallies(tallies, ends[i]!, config, consistencies);
    });
    yield { customerId, results };
  }
}

/** The report: every kept customer scored (`customerIndexes`), averaged per instant. */
export function combineReport(params: ReportParams, parts: ReportParts, config: IndexConfig): IntegrationIndexReport {
  const points = trendPoints(params.asOf, params.trendMonths);
  const accumulators = [params.asOf, ...points].map(() => createPortfolioAccumulator(config));
  for (const { results } of customerIndexes(params, parts, config)) {
    results.forEach((result, i) => accumulators[i]!.add(result));
  }
  const [main, ...trend] = accumulators.map((a) => a.result());
  return {
    ...main!,
    asOf: params.asOf,
    window: windowEndingAt(params.asOf, config),
    filter: params.filter,
    trend: points.map((point, i) => ({ ...point, score: trend[i]!.score, band: trend[i]!.band, indexed: trend[i]!.indexed })),
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * A MongoDB expression giving the time segment of `field` (see `segmentOf` in tallies.ts): the
 * number of boundaries strictly before it, so segment k is (boundaries[k − 1], boundaries[k]].
 * The pipelines $match the field into (first boundary, last boundary] beforehand.
 */
export function segmentExpression(field: string, boundaries: Boundaries): Record<string, unknown> {
  return {
    $size: {
      $filter: { input: boundaries.map((b) => new Date(b)), as: 'b', cond: { $lt: ['$$b', field] } },
    },
  };
}

/** The $match on `field` that keeps what falls in some segment: (first boundary, last boundary]. */
export function segmentRange(field: string, boundaries: Boundaries): Record<string, unknown> {
  return { [field]: { $gt: new Date(boundaries[0]!), $lte: new Date(boundaries[boundaries.length - 1]!) } };
}

/** The instants [from, to) of a cohort: a year (`2025`) or a month (`2025-03`), UTC. */
export function cohortRange(cohort: string): { from: Date; to: Date } {
  if (!COHORT.test(cohort)) throw new ReportParamsError(`filter.cohort must be a year (2025) or a month (2025-03), got "${cohort}"`);
  const year = Number(cohort.slice(0, 4));
  if (cohort.length === 4) return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
  const month = Number(cohort.slice(5, 7)) - 1;
  return { from: new Date(Date.UTC(year, month, 1)), to: new Date(Date.UTC(year, month + 1, 1)) };
}

/** An IntegrationIndexReport entity as the subgraphs that add parts to it see it: its key. */
export interface ReportReference {
  id: string;
}

/** `decodeReportId`, with a malformed id turned into the caller's client error (BAD_USER_INPUT). */
export function decodeReportIdOr(id: string, clientError: (message: string) => Error): ReportParams {
  try {
    return decodeReportId(id);
  } catch (error) {
    if (error instanceof ReportParamsError) throw clientError(error.message);
    throw error;
  }
}
