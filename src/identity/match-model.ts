/**
 * The Fellegi–Sunter model of probabilistic matching, as Splink and Zingg use it: for each field
 * and comparison level, m = P(level | same person) and u = P(level | different people); a level
 * adds log2(m / u) to a pair's match weight, and the weight plus the prior log-odds that two random
 * records are one person gives the match probability.
 *
 * Every parameter is estimated from the records being resolved (see README.md, "Probabilistic
 * matching"):
 *   - u from random pairs of records (nearly all of them are different people);
 *   - m by expectation maximisation over the pairs each blocking rule produces, leaving out the
 *     fields that rule blocks on (they agree by construction), then averaged over the rules;
 *   - the exact level of names, postal codes and cities by term frequency: matching on a value
 *     held by 1 % of records is worth log2(m / 0.01);
 *   - the prior from the expected number of matching pairs among the candidates.
 * Each estimate is blended with a prior (`DEFAULT_PRIORS`) by pseudo-counts, so that a handful of
 * records (a unit test, a first small import) gets sensible weights and a large data set its own.
 */
import { FIELD_LEVELS, MATCH_FIELDS, TERM_FREQUENCY_FIELDS, exactValue, type Levels, type MatchField, type PreparedRecord, type TermFrequencyField } from './comparisons';

export interface FieldParameters {
  /** P(level | same person), per level of `FIELD_LEVELS[field]`. */
  m: number[];
  /** P(level | different people). */
  u: number[];
}

export interface TermCounts {
  /** Values held by two or more records, and how many hold each; any other value counts once. */
  counts: Map<string, number>;
  /** Records holding any value. */
  total: number;
}

export interface MatchModel {
  fields: Record<MatchField, FieldParameters>;
  /** P(two random profile records are one person). */
  lambda: number;
  termFrequencies: Record<TermFrequencyField, TermCounts>;
  /** What the estimate was made from; `source: 'prior'` when nothing was estimated. */
  estimatedFrom: { records: number; randomPairs: number; candidatePairs: number; emIterations: number };
}

/** Prior m and u per level; real-world figures of the kind Splink starts from. */
export const DEFAULT_PRIORS: Record<MatchField, FieldParameters> = {
  firstName: { m: [0.8, 0.08, 0.05, 0.07], u: [0.01, 0.004, 0.03, 0.956] },
  lastName: { m: [0.8, 0.08, 0.05, 0.07], u: [0.005, 0.003, 0.02, 0.972] },
  birthDate: { m: [0.85, 0.05, 0.02, 0.02, 0.02, 0.037, 0.003], u: [0.0001, 0.002, 0.00005, 0.003, 0.03, 0.37, 0.59485] },
  postalCode: { m: [0.85, 0.07, 0.08], u: [0.002, 0.01, 0.988] },
  address: { m: [0.75, 0.1, 0.07, 0.08], u: [0.0001, 0.0005, 0.02, 0.9794] },
  city: { m: [0.85, 0.04, 0.03, 0.08], u: [0.01, 0.005, 0.02, 0.965] },
  email: { m: [0.8, 0.08, 0.04, 0.08], u: [0.00001, 0.0001, 0.001, 0.99889] },
  phone: { m: [0.7, 0.3], u: [0.00001, 0.99999] },
};

/** How many pairs' worth of evidence each prior counts as. */
const PRIOR_RANDOM_PAIRS = 1_000;
const PRIOR_MATCHES = 50;
/** Records' worth of the prior u in a term frequency. */
const PRIOR_TERM_RECORDS = 100;
/** Bounds that keep a weight finite whatever the data. */
const MIN_PROBABILITY = 1e-6;

/** Deterministic pseudo-random numbers (mulberry32): the same records always give the same model. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function countTerms(prepared: readonly PreparedRecord[]): Record<TermFrequencyField, TermCounts> {
  const out = {} as Record<TermFrequencyField, TermCounts>;
  for (const field of TERM_FREQUENCY_FIELDS) {
    const all = new Map<string, number>();
    let total = 0;
    for (const r of prepared) {
      const v = exactValue(field, r);
      if (v === undefined) continue;
      total++;
      all.set(v, (all.get(v) ?? 0) + 1);
    }
    const counts = new Map<string, number>();
    for (const [v, n] of all) if (n > 1) counts.set(v, n);
    out[field] = { counts, total };
  }
  return out;
}

/** The model with the priors only (no records to learn from). */
export function priorModel(): MatchModel {
  const fields = {} as Record<MatchField, FieldParameters>;
  for (const f of MATCH_FIELDS) fields[f] = { m: [...DEFAULT_PRIORS[f].m], u: [...DEFAULT_PRIORS[f].u] };
  const termFrequencies = {} as Record<TermFrequencyField, TermCounts>;
  for (const f of TERM_FREQUENCY_FIELDS) termFrequencies[f] = { counts: new Map(), total: 0 };
  return { fields, lambda: 1e-4, termFrequencies, estimatedFrom: { records: 0, randomPairs: 0, candidatePairs: 0, emIterations: 0 } };
}

const clamp = (p: number): number => Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, p));

/** log2(m / u) of each level of each field, term frequencies aside. */
export function levelWeights(model: MatchModel): Float64Array[] {
  return MATCH_FIELDS.map((f) => {
    const { m, u } = model.fields[f];
    return Float64Array.from(m, (mi, l) => Math.log2(clamp(mi) / clamp(u[l]!)));
  });
}

/** The share of records holding `value`, smoothed towards the field's prior u (not the estimated one, which a data set of one surname would inflate). */
export function termFrequency(model: MatchModel, field: TermFrequencyField, value: string): number {
  const tf = model.termFrequencies[field];
  const count = tf.counts.get(value) ?? 1;
  const prior = DEFAULT_PRIORS[field].u[0]!;
  return (count + PRIOR_TERM_RECORDS * prior) / (tf.total + PRIOR_TERM_RECORDS);
}

const TF_INDEX: Partial<Record<MatchField, TermFrequencyField>> = { firstName: 'firstName', lastName: 'lastName', postalCode: 'postalCode', city: 'city' };

/** The weight one field's level adds, with the term frequency of an exact match. */
export function fieldWeight(model: MatchModel, weights: Float64Array[], fieldIndex: number, level: number, a: PreparedRecord): number {
  if (level < 0) return 0;
  const field = MATCH_FIELDS[fieldIndex]!;
  const tfField = TF_INDEX[field];
  if (level === 0 && tfField) {
    const value = exactValue(tfField, a);
    if (value !== undefined) return Math.log2(clamp(model.fields[field].m[0]!) / clamp(termFrequency(model, tfField, value)));
  }
  return weights[fieldIndex]![level]!;
}

export function priorLogOdds(model: MatchModel): number {
  return Math.log2(model.lambda / (1 - model.lambda));
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

// ---- estimation ------------------------------------------------------------------------------------

/** Candidate pairs with their comparison levels and the blocking rules that produced each. */
export interface CandidatePairs {
  count: number;
  a: Int32Array;
  b: Int32Array;
  /** Bit r set: blocking rule r produced the pair. */
  rules: Uint16Array;
  /** `MATCH_FIELDS.length` levels per pair. */
  levels: Int8Array;
}

export interface EstimationOptions {
  /** Random pairs sampled for u. */
  randomPairs: number;
  /** Candidate pairs per blocking rule sampled for EM. */
  emPairsPerRule: number;
  emIterations: number;
  /** Fields each blocking rule blocks on (left out of that rule's EM). */
  ruleFields: readonly (readonly MatchField[])[];
  /** Whether each rule's pairs are dominated by people of one household (see `HOUSEHOLD_RULES`). */
  householdRules: readonly boolean[];
}

function estimateU(
  prepared: readonly PreparedRecord[],
  compare: (a: PreparedRecord, b: PreparedRecord, out: Levels) => Levels,
  samples: number,
): { fields: Record<MatchField, number[]>; pairs: number } {
  const n = prepared.length;
  const counts = MATCH_FIELDS.map((f) => new Float64Array(FIELD_LEVELS[f].length));
  const levels = new Int8Array(MATCH_FIELDS.length);
  const add = (i: number, j: number): void => {
    compare(prepared[i]!, prepared[j]!, levels);
    for (let f = 0; f < levels.length; f++) if (levels[f]! >= 0) counts[f]![levels[f]!]!++;
  };
  const allPairs = (n * (n - 1)) / 2;
  let pairs = 0;
  if (allPairs <= samples) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(i, j);
    pairs = allPairs;
  } else {
    const random = seededRandom(0x5eed);
    while (pairs < samples) {
      const i = Math.floor(random() * n);
      const j = Math.floor(random() * n);
      if (i === j) continue;
      add(i, j);
      pairs++;
    }
  }
  const fields = {} as Record<MatchField, number[]>;
  MATCH_FIELDS.forEach((f, fi) => {
    const c = counts[fi]!;
    const seen = c.reduce((s, x) => s + x, 0);
    fields[f] = DEFAULT_PRIORS[f].u.map((prior, l) => (c[l]! + PRIOR_RANDOM_PAIRS * prior) / (seen + PRIOR_RANDOM_PAIRS));
  });
  return { fields, pairs };
}

/**
 * Expectation maximisation of m over one blocking rule's pairs, with u fixed and the rule's own
 * fields left out. Returns per field the m estimate and the expected matches it rests on.
 */
function emOverRule(
  pairs: CandidatePairs,
  sample: Int32Array,
  used: ReadonlySet<number>,
  u: number[][],
  m0: number[][],
  iterations: number,
): { m: number[][]; matches: number[]; iterations: number } {
  const F = MATCH_FIELDS.length;
  const m = m0.map((row) => [...row]);
  let lambda = 0.1;
  const posterior = new Float64Array(sample.length);
  let done = 0;
  for (let it = 0; it < iterations; it++) {
    done = it + 1;
    const logW = m.map((row, f) => row.map((mi, l) => Math.log(clamp(mi) / clamp(u[f]![l]!))));
    const prior = Math.log(lambda / (1 - lambda));
    let total = 0;
    for (let s = 0; s < sample.length; s++) {
      const base = sample[s]! * F;
      let x = prior;
      for (let f = 0; f < F; f++) {
        if (used.has(f)) continue;
        const l = pairs.levels[base + f]!;
        if (l >= 0) x += logW[f]![l]!;
      }
      const p = 1 / (1 + Math.exp(-x));
      posterior[s] = p;
      total += p;
    }
    lambda = clamp((total + 1) / (sample.length + 2));
    let change = 0;
    for (let f = 0; f < F; f++) {
      if (used.has(f)) continue;
      const levelsOfF = m[f]!.length;
      const sums = new Float64Array(levelsOfF);
      let seen = 0;
      for (let s = 0; s < sample.length; s++) {
        const l = pairs.levels[sample[s]! * F + f]!;
        if (l < 0) continue;
        sums[l]! += posterior[s]!;
        seen += posterior[s]!;
      }
      const prior = DEFAULT_PRIORS[MATCH_FIELDS[f]!].m;
      for (let l = 0; l < levelsOfF; l++) {
        const next = (sums[l]! + PRIOR_MATCHES * prior[l]!) / (seen + PRIOR_MATCHES);
        change = Math.max(change, Math.abs(next - m[f]![l]!));
        m[f]![l] = next;
      }
    }
    if (change < 1e-5) break;
  }
  const matches = MATCH_FIELDS.map((_, f) => {
    if (used.has(f)) return 0;
    let seen = 0;
    for (let s = 0; s < sample.length; s++) if (pairs.levels[sample[s]! * F + f]! >= 0) seen += posterior[s]!;
    return seen;
  });
  return { m, matches, iterations: done };
}

function sampleOfRule(pairs: CandidatePairs, rule: number, limit: number): Int32Array {
  const bit = 1 << rule;
  const all: number[] = [];
  for (let i = 0; i < pairs.count; i++) if (pairs.rules[i]! & bit) all.push(i);
  if (all.length <= limit) return Int32Array.from(all);
  const random = seededRandom(0xe17 + rule);
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(random() * (all.length - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return Int32Array.from(all.slice(0, limit)).sort();
}

/**
 * Estimates m, u and the term frequencies from `prepared` (the records to resolve) and their
 * candidate pairs; the prior (lambda) is left to `estimateLambda`, once every pair is weighed.
 */
export function estimateMatchModel(
  prepared: readonly PreparedRecord[],
  pairs: CandidatePairs,
  compare: (a: PreparedRecord, b: PreparedRecord, out: Levels) => Levels,
  options: EstimationOptions,
): MatchModel {
  const model = priorModel();
  model.termFrequencies = countTerms(prepared);
  const u = estimateU(prepared, compare, options.randomPairs);
  for (const f of MATCH_FIELDS) model.fields[f].u = u.fields[f];

  const uRows = MATCH_FIELDS.map((f) => model.fields[f].u);
  const mRows = MATCH_FIELDS.map((f) => [...DEFAULT_PRIORS[f].m]);
  // Per field, the rules' estimates weighted by the expected matches behind each; person-specific
  // rules (index 0) are preferred, household ones (index 1) used only where they are all there is.
  const sums = [0, 1].map(() => MATCH_FIELDS.map((f) => new Float64Array(FIELD_LEVELS[f].length)));
  const weights = [0, 1].map(() => new Float64Array(MATCH_FIELDS.length));
  let iterations = 0;
  options.ruleFields.forEach((fields, rule) => {
    const sample = sampleOfRule(pairs, rule, options.emPairsPerRule);
    if (sample.length === 0) return;
    const used = new Set(fields.map((f) => MATCH_FIELDS.indexOf(f)));
    const result = emOverRule(pairs, sample, used, uRows, mRows, options.emIterations);
    iterations = Math.max(iterations, result.iterations);
    const kind = options.householdRules[rule] ? 1 : 0;
    result.matches.forEach((w, f) => {
      if (w <= 0) return;
      weights[kind]![f]! += w;
      result.m[f]!.forEach((mi, l) => (sums[kind]![f]![l]! += w * mi));
    });
  });
  MATCH_FIELDS.forEach((f, fi) => {
    const kind = weights[0]![fi]! >= 1 ? 0 : 1;
    const w = weights[kind]![fi]!;
    if (w > 0) model.fields[f].m = Array.from(sums[kind]![fi]!, (s) => s / w);
  });
  model.estimatedFrom = { records: prepared.length, randomPairs: u.pairs, candidatePairs: pairs.count, emIterations: iterations };
  return model;
}

/** The prior of lambda: one match in a thousand pairs, worth a thousand pairs of evidence. */
const PRIOR_LAMBDA = 1e-3;
const PRIOR_LAMBDA_PAIRS = 1_000;

/**
 * The prior P(two random records are one person): the fixed point of
 * λ = Σ_candidates P(match | weight, λ) / (all pairs), since pairs no blocking rule produced are
 * almost never matches (smoothed towards 1 in 1,000, which only a handful of records notice).
 */
export function estimateLambda(pairWeights: Float64Array, count: number, records: number): number {
  const allPairs = (records * (records - 1)) / 2;
  const smoothed = (expected: number) => (expected + PRIOR_LAMBDA * PRIOR_LAMBDA_PAIRS) / (allPairs + PRIOR_LAMBDA_PAIRS);
  let lambda = smoothed(count / 10);
  for (let it = 0; it < 30; it++) {
    const prior = Math.log2(lambda / (1 - lambda));
    let expected = 0;
    for (let i = 0; i < count; i++) expected += probabilityOf(pairWeights[i]! + prior);
    const next = Math.min(0.5, smoothed(expected));
    if (Math.abs(next - lambda) <= lambda * 1e-4) return next;
    lambda = next;
  }
  return lambda;
}

// ---- storage -------------------------------------------------------------------------------------

/** The model as a plain document (term frequencies as arrays: values may hold dots). */
export interface StoredMatchModel {
  fields: Record<MatchField, FieldParameters>;
  lambda: number;
  termFrequencies: Record<TermFrequencyField, { values: string[]; counts: number[]; total: number }>;
  estimatedFrom: MatchModel['estimatedFrom'];
}

export function toStoredModel(model: MatchModel): StoredMatchModel {
  const termFrequencies = {} as StoredMatchModel['termFrequencies'];
  for (const f of TERM_FREQUENCY_FIELDS) {
    const entries = [...model.termFrequencies[f].counts].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    termFrequencies[f] = { values: entries.map(([v]) => v), counts: entries.map(([, n]) => n), total: model.termFrequencies[f].total };
  }
  return { fields: model.fields, lambda: model.lambda, termFrequencies, estimatedFrom: model.estimatedFrom };
}

export function fromStoredModel(stored: StoredMatchModel): MatchModel {
  const model = priorModel();
  for (const f of MATCH_FIELDS) if (stored.fields[f]) model.fields[f] = { m: [...stored.fields[f].m], u: [...stored.fields[f].u] };
  for (const f of TERM_FREQUENCY_FIELDS) {
    const t = stored.termFrequencies[f];
    if (t) model.termFrequencies[f] = { counts: new Map(t.values.map((v, i) => [v, t.counts[i]!])), total: t.total };
  }
  model.lambda = stored.lambda;
  model.estimatedFrom = stored.estimatedFrom;
  return model;
}
