import { bandOf, COMPONENTS, type Band, type Channel, type Component, type IndexConfig } from './config';
import type { CustomerInputs, MoneyAmount } from './inputs';
import {
  COMPARED_ATTRIBUTES,
  compareRecords,
  comparisonKey,
  profileRecords,
  resolveProfile,
  type ComparedAttribute,
  type ProfileRecord,
} from './profile';

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

function weightedMean(values: { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const { value, weight } of values) {
    if (value === null || weight === 0) continue;
    sum += value * weight;
    weights += weight;
  }
  return weights === 0 ? null : sum / weights;
}

interface Interactions {
  interactions: number;
  recognised: number;
  experience: number | null;
  evidence: ExperienceEvidence;
}

function crmInteractions(inputs: CustomerInputs, window: Window): Interactions {
  const contacts = new Map(inputs.crmContacts.map((contact) => [contact.contactId, contact]));
  const cases = inputs.crmCases.filter((c) => inWindow(c.openedAt, window));
  const recognised = cases.filter((c) => {
    const contact = contacts.get(c.contactId);
    return Boolean(contact?.email?.trim() || contact?.phone?.trim());
  }).length;
  const ratings = cases.flatMap((c) => (c.csat === undefined ? [] : [c.csat]));
  const rated = ratings.length;
  // Summing the integer points first leaves a single rounding, in the division.
  const points = ratings.reduce((sum, csat) => sum + (csat - 1) * 25, 0);
  return {
    interactions: cases.length,
    recognised,
    experience: rated === 0 ? null : points / rated,
    evidence: {
      kind: 'crm',
      ratedCases: rated,
      meanCsat: rated === 0 ? null : ratings.reduce((a, b) => a + b, 0) / rated,
    },
  };
}

function webInteractions(inputs: CustomerInputs, window: Window): Interactions {
  const sessions = inputs.webSessions.filter((s) => inWindow(s.startedAt, window));
  const withCart = sessions.filter((s) => s.hasAddToCart).length;
  const withOrder = sessions.filter((s) => s.hasOrder).length;
  const conversion = share(withOrder, withCart);
  return {
    interactions: sessions.length,
    recognised: sessions.filter((s) => s.recognised).length,
    // An order can be placed without an add_to_cart in the same session (a saved basket), so the
    // ratio can pass 100.
    experience: conversion === null ? null : Math.min(100, conversion),
    evidence: { kind: 'web', sessionsWithAddToCart: withCart, sessionsWithOrder: withOrder },
  };
}

function addTo(totals: Map<string, CurrencyFlow>, amounts: readonly MoneyAmount[], field: 'sold' | 'returned') {
  for (const { currency, amount } of amounts) {
    const flow = totals.get(currency) ?? { currency, sold: 0, returned: 0 };
    flow[field] += amount;
    totals.set(currency, flow);
  }
}

function posInteractions(inputs: CustomerInputs, window: Window): Interactions {
  const transactions = inputs.posTransactions.filter((t) => inWindow(t.at, window));
  const byCurrency = new Map<string, CurrencyFlow>();
  let sales = 0;
  let returns = 0;
  for (const t of transactions) {
    if (t.type === 'sale') sales += 1;
    else returns += 1;
    addTo(byCurrency, t.amounts, t.type === 'sale' ? 'sold' : 'returned');
  }
  const flows = [...byCurrency.values()]
    .map((f) => ({ currency: f.currency, sold: roundMoney(f.sold), returned: roundMoney(f.returned) }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  const soldAmount = roundMoney(flows.reduce((sum, f) => sum + f.sold, 0));
  const returnedAmount = roundMoney(flows.reduce((sum, f) => sum + f.returned, 0));
  return {
    interactions: transactions.length,
    recognised: transactions.filter((t) => t.recognised).length,
    experience: soldAmount === 0 ? null : Math.max(0, 100 * (1 - returnedAmount / soldAmount)),
    evidence: { kind: 'pos', sales, returns, soldAmount, returnedAmount, byCurrency: flows },
  };
}

const INTERACTIONS: Record<Channel, (inputs: CustomerInputs, window: Window) => Interactions> = {
  crm: crmInteractions,
  web: webInteractions,
  pos: posInteractions,
};

function consistency(
  channel: Channel,
  records: readonly ProfileRecord[],
  golden: Record<ComparedAttribute, string | undefined>,
  config: IndexConfig,
): { value: number | null; evidence: ConsistencyEvidence } {
  const latest = records.filter((r) => r.source === channel).sort(compareRecords(config))[0];
  if (latest === undefined) return { value: null, evidence: { record: null, compared: [], agreed: 0 } };
  const compared: ConsistencyComparison[] = [];
  for (const attribute of COMPARED_ATTRIBUTES) {
    const record = comparisonKey(attribute, latest);
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

/**
 * The Omni-channel Integration Index of one customer as of `asOf` (DESIGN.md's default definition
 * and its precise rules; docs/INDEX.md explains every rule below).
 */
export function integrationIndex(inputs: CustomerInputs, asOf: Date, config: IndexConfig): IntegrationIndex {
  const window = windowEndingAt(asOf, config);
  const records = profileRecords(inputs);
  const golden = resolveProfile(records, config).keys;

  const channels = config.channels.map((channel): ChannelIndex => {
    const seen = INTERACTIONS[channel](inputs, window);
    const engaged = seen.interactions > 0;
    const c = consistency(channel, records, golden, config);
    const components: Record<Component, number | null> = {
      accessibility: share(seen.recognised, seen.interactions),
      consistency: c.value,
      experience: seen.experience,
    };
    const score = engaged
      ? weightedMean(COMPONENTS.map((k) => ({ value: components[k], weight: config.componentWeights[k] })))
      : null;
    return {
      channel,
      engaged,
      interactions: seen.interactions,
      ...components,
      score,
      evidence: {
        interactions: seen.interactions,
        recognised: seen.recognised,
        consistency: c.evidence,
        experience: seen.evidence,
      },
    };
  });

  const engagedChannels = channels.filter((c) => c.engaged).map((c) => c.channel);
  const score = weightedMean(
    channels
      .filter((c) => c.engaged)
      .map((c) => ({ value: c.score, weight: config.channelWeights[c.channel] })),
  );
  return { asOf, window, score, band: score === null ? null : bandOf(score, config), engagedChannels, channels };
}
