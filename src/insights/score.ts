import { bandOf, COMPONENTS, type Band, type Channel, type Component, type IndexConfig } from './config';
import type { CustomerInputs } from './inputs';
import { COMPARED_ATTRIBUTES, compareRecords, type ComparedAttribute } from './profile';
import { tallyInputs, type CustomerTallies, type InteractionTallies, type ProfileTally } from './tallies';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The window (from, to]: an instant equal to `to` is inside, one equal to `from` is not. */
export interface Window {
  from: Date;
  to: Date;
}

export function windowEndingAt(asOf: Date, config: IndexConfig): Window {
  return { from: new Date(asOf.getTime() - config.windowDays * DAY_MS), to: asOf };
}

export function inWindow(at: Date, window: Window): boolean {
  const t = at.getTime();
  return t > window.from.getTime() && t <= window.to.getTime();
}

/**
 * Money sums are rounded to 4 decimals (the most minor-unit digits any ISO 4217 currency has), so
 * that adding the same amounts in another order cannot change a ratio or a band.
 */
export function roundMoney(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

export interface ConsistencyComparison {
  attribute: ComparedAttribute;
  /** The channel record's normalised value. */
  record: string;
  /** The golden profile's normalised value. */
  golden: string;
  agrees: boolean;
}

export interface ConsistencyEvidence {
  /** The channel's latest profile record, compared with the golden profile; null when it has none. */
  record: { recordId: string; updatedAt: Date } | null;
  /** One entry per attribute both the record and the golden profile hold. */
  compared: ConsistencyComparison[];
  agreed: number;
}

export interface CrmExperienceEvidence {
  kind: 'crm';
  ratedCases: number;
  /** Mean CSAT (1–5) of the rated cases, null when none is rated. */
  meanCsat: number | null;
}

export interface WebExperienceEvidence {
  kind: 'web';
  sessionsWithAddToCart: number;
  sessionsWithOrder: number;
}

export interface CurrencyFlow {
  currency: string;
  sold: number;
  returned: number;
}

export interface PosExperienceEvidence {
  kind: 'pos';
  sales: number;
  returns: number;
  /** Σ of every sale amount in the window, currencies added as they are (not converted). */
  soldAmount: number;
  returnedAmount: number;
  byCurrency: CurrencyFlow[];
}

export type ExperienceEvidence = CrmExperienceEvidence | WebExperienceEvidence | PosExperienceEvidence;

export interface ChannelEvidence {
  interactions: number;
  recognised: number;
  consistency: ConsistencyEvidence;
  experience: ExperienceEvidence;
}

export interface ChannelIndex {
  channel: Channel;
  /** At least one interaction in the window; only engaged channels enter the index. */
  engaged: boolean;
  interactions: number;
  accessibility: number | null;
  consistency: number | null;
  experience: number | null;
  /** Weighted mean of the non-null components; null when the channel is not engaged. */
  score: number | null;
  evidence: ChannelEvidence;
}

export interface IntegrationIndex {
  asOf: Date;
  window: Window;
  /** 0–100, unrounded; null when no engaged channel has a score. */
  score: number | null;
  band: Band | null;
  engagedChannels: Channel[];
  /** Every configured channel, engaged or not, in configuration order. */
  channels: ChannelIndex[];
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}

interface Interactions {
  interactions: number;
  recognised: number;
  experience: number | null;
  evidence: ExperienceEvidence;
}

function crmInteractions(tallies: InteractionTallies): Interactions {
  const { cases, recognised, rated, csatSum } = tallies.crm;
  // Integer points summed first leave a single rounding, in the division.
  const points = 25 * (csatSum - rated);
  return {
    interactions: cases,
    recognised,
    experience: rated === 0 ? null : points / rated,
    evidence: { kind: 'crm', ratedCases: rated, meanCsat: rated === 0 ? null : csatSum / rated },
  };
}

function webInteractions(tallies: InteractionTallies): Interactions {
  const { sessions, recognised, withAddToCart, withOrder } = tallies.web;
  const conversion = share(withOrder, withAddToCart);
  return {
    interactions: sessions,
    recognised,
    // An order can be placed without an add_to_cart in the same session (a saved basket), so the
    // ratio can pass 100.
    experience: conversion === null ? null : Math.min(100, conversion),
    evidence: { kind: 'web', sessionsWithAddToCart: withAddToCart, sessionsWithOrder: withOrder },
  };
}

function posInteractions(tallies: InteractionTallies): Interactions {
  const { transactions, recognised, sales, returns, sold, returned } = tallies.pos;
  const soldIn = Object.keys(sold);
  const returnedIn = Object.keys(returned);
  // Most customers have no receipt in a window: no set, no sort.
  const currencies = returnedIn.length === 0 ? soldIn.sort() : [...new Set([...soldIn, ...returnedIn])].sort();
  const flows: CurrencyFlow[] = currencies.map((currency) => ({
    currency,
    sold: roundMoney(sold[currency] ?? 0),
    returned: roundMoney(returned[currency] ?? 0),
  }));
  const soldAmount = roundMoney(flows.reduce((sum, f) => sum + f.sold, 0));
  const returnedAmount = roundMoney(flows.reduce((sum, f) => sum + f.returned, 0));
  return {
    interactions: transactions,
    recognised,
    experience: soldAmount === 0 ? null : Math.max(0, 100 * (1 - returnedAmount / soldAmount)),
    evidence: { kind: 'pos', sales, returns, soldAmount, returnedAmount, byCurrency: flows },
  };
}

const INTERACTIONS: Record<Channel, (tallies: InteractionTallies) => Interactions> = {
  crm: crmInteractions,
  web: webInteractions,
  pos: posInteractions,
};

function consistency(
  channel: Channel,
  sorted: readonly ProfileTally[],
  golden: Partial<Record<ComparedAttribute, string>>,
): { value: number | null; evidence: ConsistencyEvidence } {
  const latest = sorted.find((r) => r.source === channel);
  if (latest === undefined) return { value: null, evidence: { record: null, compared: [], agreed: 0 } };
  const compared: ConsistencyComparison[] = [];
  for (const attribute of COMPARED_ATTRIBUTES) {
    const record = latest.keys[attribute];
    const goldenKey = golden[attribute];
    if (record === undefined || goldenKey === undefined) continue;
    compared.push({ attribute, record, golden: goldenKey, agrees: record === goldenKey });
  }
  const agreed = compared.filter((c) => c.agrees).length;
  return {
    value: share(agreed, compared.length),
    evidence: { record: { recordId: latest.recordId, updatedAt: latest.updatedAt }, compared, agreed },
  };
}

/** Per compared attribute, the key of its first holder in survivorship order (the golden value). */
function goldenKeys(sorted: readonly ProfileTally[]): Partial<Record<ComparedAttribute, string>> {
  const golden: Partial<Record<ComparedAttribute, string>> = {};
  for (const attribute of COMPARED_ATTRIBUTES) {
    const holder = sorted.find((r) => r.keys[attribute] !== undefined);
    if (holder !== undefined) golden[attribute] = holder.keys[attribute];
  }
  return golden;
}

/** Each channel's consistency: it depends on the profile records alone, not on any window. */
export type ChannelConsistencies = Record<Channel, { value: number | null; evidence: ConsistencyEvidence }>;

/**
 * The profile side of stage (b), for `scoreTallies` to reuse: a report scores one customer at up to
 * 37 instants with the same profile records, and sorting them and finding the golden values each
 * time was a large share of its scoring.
 */
export function channelConsistencies(profiles: readonly ProfileTally[], config: IndexConfig): ChannelConsistencies {
  // compareRecords reads only source, recordId and updatedAt, which every tally carries.
  const sorted = [...profiles].sort(compareRecords(config));
  const golden = goldenKeys(sorted);
  const out = {} as ChannelConsistencies;
  for (const channel of config.channels) out[channel] = consistency(channel, sorted, golden);
  return out;
}

/**
 * Stage (b) of the index: one customer's merged tallies (interactions in the window ending at
 * `asOf`, and every profile record) scored. `integrationIndex` and the portfolio report both end
 * here, so a report's mean is the mean of the scores the API shows. `consistencies`, when given,
 * must be `channelConsistencies(tallies.profiles, config)`.
 */
export function scoreTallies(
  tallies: CustomerTallies,
  asOf: Date,
  config: IndexConfig,
  consistencies: ChannelConsistencies = channelConsistencies(tallies.profiles, config),
): IntegrationIndex {
  const window = windowEndingAt(asOf, config);

  const channels = config.channels.map((channel): ChannelIndex => {
    const seen = INTERACTIONS[channel](tallies);
    const engaged = seen.interactions > 0;
    const c = consistencies[channel];
    const components: Record<Component, number | null> = {
      accessibility: share(seen.recognised, seen.interactions),
      consistency: c.value,
      experience: seen.experience,
    };
    let score: number | null = null;
    if (engaged) {
      // The weighted mean of the non-null components, in place: this runs per customer and instant.
      let sum = 0;
      let weights = 0;
      for (const k of COMPONENTS) {
        const value = components[k];
        const weight = config.componentWeights[k];
        if (value === null || weight === 0) continue;
        sum += value * weight;
        weights += weight;
      }
      score = weights === 0 ? null : sum / weights;
    }
    return {
      channel,
      engaged,
      interactions: seen.interactions,
      accessibility: components.accessibility,
      consistency: components.consistency,
      experience: components.experience,
      score,
      evidence: {
        interactions: seen.interactions,
        recognised: seen.recognised,
        consistency: c.evidence,
        experience: seen.evidence,
      },
    };
  });

  const engagedChannels: Channel[] = [];
  // The weighted mean of the engaged channels' non-null scores, likewise in place.
  let sum = 0;
  let weights = 0;
  for (const c of channels) {
    if (!c.engaged) continue;
    engagedChannels.push(c.channel);
    const weight = config.channelWeights[c.channel];
    if (c.score === null || weight === 0) continue;
    sum += c.score * weight;
    weights += weight;
  }
  const score = weights === 0 ? null : sum / weights;
  return { asOf, window, score, band: score === null ? null : bandOf(score, config), engagedChannels, channels };
}

/**
 * The Omni-channel Integration Index of one customer as of `asOf` (DESIGN.md's default definition
 * and its precise rules; docs/INDEX.md explains every rule): its inputs tallied over the window,
 * then scored.
 */
export function integrationIndex(inputs: CustomerInputs, asOf: Date, config: IndexConfig): IntegrationIndex {
  return scoreTallies(tallyInputs(inputs, windowEndingAt(asOf, config)), asOf, config);
}
