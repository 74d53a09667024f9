/**
 * Identity resolution's core: which source records are one customer, and why.
 *
 * `clusterRecords` links records that share a strong identifier (in the configured priority
 * order), then — when enabled — records whose attributes make them one person with a probability
 * at or above the threshold (Fellegi–Sunter, `probabilistic.ts` and `match-model.ts`), strongest
 * pairs first, through a union–find that refuses unions the guard rails forbid. Every union is kept
 * as a link with its evidence, every refusal as a decision with its evidence.
 *
 * Incremental runs. The state `omnidex resolve` keeps in the identity database is:
 *   - per record: its ref, its normalised identifiers and person attributes, a hash of them, and
 *     its customer id;
 *   - per identifier (type, value): the records holding it (an index on the records' identifiers);
 *   - per customer: createdAt, mergedFrom, the links and decisions of its cluster;
 *   - the manual decisions (unlink / split), which never expire.
 * A run maps the channel documents changed since the last run to `IdentityRecord`s and keeps those
 * whose hash changed (re-importing an unchanged file changes nothing). `computeAffectedSet` grows
 * them into the set to re-cluster: every record sharing an identifier with them (old values
 * included, so that a removed email can split a customer), every record of the customers those
 * belong to, repeated until nothing new is reached; with matching on, the records sharing a
 * blocking key with a changed record and their customers join too (one hop: blocks overlap so
 * widely that their closure would be the whole base). Identifier links never reach outside that
 * set, so re-clustering it alone gives the clusters a full run would (values over their cap are
 * not followed: they link nothing either way). `assignCustomerIds` then runs on the affected
 * customers only, and records outside the set keep their ids. With no changed record the set is
 * empty and nothing is written. Match weights come from the model of the run that estimated it
 * (stored beside the records), so that re-clustering a subset weighs pairs as a full run does.
 */
import { MATCH_FIELDS, compareRecords as compareRecordsInto, prepareRecord, type PreparedRecord } from './comparisons';
import { GuardedUnionFind, type DifferentPeopleTest, type UnionRefusal } from './guarded-union-find';
import { estimateLambda, estimateMatchModel, countTerms, levelWeights, priorModel, probabilityOf, priorLogOdds, type MatchModel } from './match-model';
import {
  HOUSEHOLD_RULES,
  RULE_FIELDS,
  blockingKeys,
  candidatePairs,
  differentPeople,
  explainMatch,
  isMatchCandidate,
  pairWeight,
  scorePair,
  type DifferentPeopleEvidence,
  type FieldComparison,
  type SkippedBlock,
} from './probabilistic';
import { PlaceholderMatcher, type IdentifierType } from './normalize';
import { isProfileKind, parseRefKey, refKey, type Identifier, type IdentityRecord } from './records';
import type { ResolveConfig } from './resolve-config';

/** Why two records were joined. */
export type LinkEvidence =
  | { rule: 'identifier'; identifier: Identifier }
  | {
      rule: 'probabilistic';
      /** P(one person), from the weight below. */
      matchProbability: number;
      /** log2 odds: the prior plus every field's weight. */
      weight: number;
      /** The waterfall in one line. */
      explanation: string;
      /** Per field: its comparison level, weight and the compared values. */
      comparisons: FieldComparison[];
      swappedNames: boolean;
    };

export interface Link {
  a: string;
  b: string;
  evidence: LinkEvidence;
}

/** An admin's correction, kept so later runs honour it. Record keys are `refKey`s. */
export type ManualDecision =
  /** `record` never again shares a customer with any of `from` (its cluster mates at the time). */
  | { kind: 'unlink'; id: string; record: string; from: string[] }
  /** No record of one part ever again shares a customer with a record of another part. */
  | { kind: 'split'; id: string; parts: string[][] };

/** How many record keys a decision lists before it only counts them. */
const LISTED_RECORDS = 20;

export type GuardDecision =
  | { rule: 'placeholder'; identifier: Identifier; records: string[]; recordCount: number }
  | { rule: 'non-unique'; identifier: Identifier; profileRecords: number; cap: number; records: string[]; recordCount: number }
  | {
      /** The identifier's holders include clearly different people: linked only within each person. */
      rule: 'different-people';
      identifier: Identifier;
      people: string[][];
      /** Holders without a full name cannot be told apart, so the identifier does not link them. */
      notLinked: string[];
      evidence: { a: string; b: string } & DifferentPeopleEvidence;
    }
  | {
      /** The two clusters met through `via`, but joined they would hold clearly different people. */
      rule: 'cluster-conflict';
      a: string;
      b: string;
      via: LinkEvidence;
      evidence: { a: string; b: string } & DifferentPeopleEvidence;
    }
  | { rule: 'manual'; a: string; b: string; via: LinkEvidence; decisionId: string }
  | { rule: 'block-too-large'; blockingKey: string; size: number; maxBlockSize: number };

export interface Cluster {
  /** Record keys, sorted. */
  records: string[];
  /** The unions that formed the cluster (a spanning tree: records.length − 1 links). */
  links: Link[];
}

export interface ClusterResult {
  /** Every record is in exactly one cluster; sorted by their first record key. */
  clusters: Cluster[];
  decisions: GuardDecision[];
  /** The match model the run weighed pairs with (given, or estimated from these records). */
  model: MatchModel;
  /** Candidate pairs compared, and how many of them reached the threshold. */
  matching: { candidatePairs: number; aboveThreshold: number };
}

export interface ClusterOptions {
  /** Weigh pairs with this model instead of estimating one from the records (incremental runs). */
  model?: MatchModel;
}

function listed(keys: string[]): { records: string[]; recordCount: number } {
  return { records: keys.slice(0, LISTED_RECORDS), recordCount: keys.length };
}

/**
 * Clusters `records` into customers. Deterministic: the same records, config and manual decisions
 * give the same clusters, links and decisions whatever order the records come in.
 */
export function clusterRecords(
  input: readonly IdentityRecord[],
  config: ResolveConfig,
  manual: readonly ManualDecision[] = [],
  options: ClusterOptions = {},
): ClusterResult {
  const keyed = input.map((record) => ({ record, key: refKey(record.ref) })).sort((x, y) => compareStrings(x.key, y.key));
  const records = keyed.map((k) => k.record);
  const keys = keyed.map((k) => k.key);
  const indexOf = new Map<string, number>();
  keys.forEach((k, i) => {
    if (indexOf.has(k)) throw new Error(`Record ${k} is given twice to clusterRecords`);
    indexOf.set(k, i);
  });

  // Only people are prepared for comparison: most records of a big run (receipts, visitors) are not.
  const prepared: (PreparedRecord | undefined)[] = records.map((r) => (isMatchCandidate(r) ? prepareRecord(r) : undefined));
  const candidates: number[] = [];
  prepared.forEach((p, i) => p && candidates.push(i));
  const people = candidates.map((i) => prepared[i]!);
  const matching = config.matching;
  const { pairs, skipped } = matching.enabled
    ? candidatePairs(people, matching.blocking, matching.maxBlockSize)
    : { pairs: undefined, skipped: [] as SkippedBlock[] };
  const estimated = options.model ? undefined : modelFrom(people, pairs, config);
  const model = options.model ?? estimated!.model;
  const weights = levelWeights(model);
  const pairWeights = estimated?.pairWeights ?? (pairs ? weighPairs(model, weights, people, pairs) : new Float64Array(0));

  const differ = (a: number, b: number) => differentPeople(prepared[a]!, prepared[b]!, model, weights, matching.differentPeopleBelow);
  const uf = new GuardedUnionFind(records.length, differ);
  records.forEach((r, i) => {
    if (r.firstName && r.lastName && prepared[i]) uf.addPerson(i, signatureOf(prepared[i]));
  });
  manual.forEach((decision, d) => {
    const parts = decision.kind === 'unlink' ? [[decision.record], decision.from] : decision.parts;
    parts.forEach((part, side) => {
      for (const key of part) {
        const i = indexOf.get(key);
        if (i !== undefined) uf.addSide(i, d, side);
      }
    });
  });

  const decisions: GuardDecision[] = [];
  const links: Link[] = [];
  const join = (a: number, b: number, evidence: LinkEvidence): boolean => {
    const { joined, refusal } = uf.union(a, b);
    if (joined) links.push({ a: keys[a]!, b: keys[b]!, evidence });
    else if (refusal) decisions.push(refusalDecision(refusal, keys, a, b, evidence, manual));
    return joined;
  };

  linkByIdentifiers(records, keys, config, uf, join, decisions, differ);
  let aboveThreshold = 0;
  if (pairs) {
    for (const block of skipped) decisions.push({ rule: 'block-too-large', ...block, maxBlockSize: matching.maxBlockSize });
    aboveThreshold = linkProbabilistic(pairs, pairWeights, candidates, prepared, model, matching.matchProbability, uf, join);
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < records.length; i++) {
    const root = uf.find(i);
    let list = members.get(root);
    if (!list) members.set(root, (list = []));
    list.push(i);
  }
  const clusterOfRoot = new Map<number, Cluster>();
  for (const [root, list] of members) clusterOfRoot.set(root, { records: list.map((i) => keys[i]!), links: [] });
  for (const link of links) clusterOfRoot.get(uf.find(indexOf.get(link.a)!))!.links.push(link);
  // Members were collected in index order, which is key order, so each list is already sorted.
  const clusters = [...clusterOfRoot.values()].sort((x, y) => compareStrings(x.records[0]!, y.records[0]!));
  return { clusters, decisions, model, matching: { candidatePairs: pairs?.count ?? 0, aboveThreshold } };
}

/**
 * The match model of `records` (see match-model.ts): what `clusterRecords` estimates when it is
 * given none. `omnidex resolve` stores it after a full run and weighs later, incremental runs
 * with it.
 */
export function estimateModel(records: readonly IdentityRecord[], config: ResolveConfig): MatchModel {
  const people = records.filter(isMatchCandidate).map(prepareRecord);
  const pairs = config.matching.enabled ? candidatePairs(people, config.matching.blocking, config.matching.maxBlockSize).pairs : undefined;
  return modelFrom(people, pairs, config).model;
}

/** The model estimated from `people` and their candidate pairs, with each pair's weight under it. */
function modelFrom(people: readonly PreparedRecord[], pairs: CandidatePairsOf | undefined, config: ResolveConfig): { model: MatchModel; pairWeights?: Float64Array } {
  if (!pairs) {
    const model = priorModel();
    model.termFrequencies = countTerms(people);
    return { model };
  }
  const model = estimateMatchModel(people, pairs, (a, b, out) => compareRecordsInto(a, b, out), {
    ...config.matching.estimation,
    ruleFields: config.matching.blocking.map((rule) => RULE_FIELDS[rule]),
    householdRules: config.matching.blocking.map((rule) => HOUSEHOLD_RULES.has(rule)),
  });
  const pairWeights = weighPairs(model, levelWeights(model), people, pairs);
  model.lambda = estimateLambda(pairWeights, pairs.count, people.length);
  return { model, pairWeights };
}

/** Same name, birth date and phones: one person, compared once per cluster by the guard rails. */
function signatureOf(p: PreparedRecord): string {
  return `${p.first}|${p.last}|${p.dob ?? ''}|${p.phones.join(',')}`;
}

/** Σ field weights (without the prior) of every candidate pair. */
function weighPairs(model: MatchModel, weights: Float64Array[], people: readonly PreparedRecord[], pairs: CandidatePairsOf): Float64Array {
  const F = MATCH_FIELDS.length;
  const out = new Float64Array(pairs.count);
  for (let i = 0; i < pairs.count; i++) out[i] = pairWeight(model, weights, people[pairs.a[i]!]!, pairs.levels, i * F);
  return out;
}

type CandidatePairsOf = ReturnType<typeof candidatePairs>['pairs'];

/**
 * Links candidate pairs whose match probability reaches the threshold, strongest first, so that
 * when the guard rails must refuse one of two conflicting links it is the weaker. Returns how many
 * pairs reached the threshold.
 */
function linkProbabilistic(
  pairs: CandidatePairsOf,
  pairWeights: Float64Array,
  candidates: readonly number[],
  prepared: readonly (PreparedRecord | undefined)[],
  model: MatchModel,
  threshold: number,
  uf: GuardedUnionFind,
  join: (a: number, b: number, evidence: LinkEvidence) => boolean,
): number {
  const prior = priorLogOdds(model);
  const above: number[] = [];
  for (let i = 0; i < pairs.count; i++) if (probabilityOf(pairWeights[i]! + prior) >= threshold) above.push(i);
  // Strongest first; ties in pair order, which is deterministic.
  above.sort((x, y) => pairWeights[y]! - pairWeights[x]! || x - y);
  const weights = levelWeights(model);
  for (const i of above) {
    const a = candidates[pairs.a[i]!]!;
    const b = candidates[pairs.b[i]!]!;
    if (uf.sameCluster(a, b)) continue;
    const score = scorePair(prepared[a]!, prepared[b]!, model, weights);
    join(a, b, {
      rule: 'probabilistic',
      matchProbability: score.matchProbability,
      weight: score.weight,
      explanation: explainMatch(score, threshold),
      comparisons: score.comparisons,
      swappedNames: score.swappedNames,
    });
  }
  return above.length;
}

function linkByIdentifiers(
  records: IdentityRecord[],
  keys: string[],
  config: ResolveConfig,
  uf: GuardedUnionFind,
  join: (a: number, b: number, evidence: LinkEvidence) => boolean,
  decisions: GuardDecision[],
  differ: DifferentPeopleTest,
): void {
  const placeholders = new PlaceholderMatcher(config.placeholders);
  const holdersByType = new Map<IdentifierType, Map<string, number[]>>();
  records.forEach((record, i) => {
    for (const { type, value } of record.identifiers) {
      let byValue = holdersByType.get(type);
      if (!byValue) holdersByType.set(type, (byValue = new Map()));
      const holders = byValue.get(value);
      if (!holders) byValue.set(value, [i]);
      else if (holders[holders.length - 1] !== i) holders.push(i);
    }
  });

  const order = [...config.priority, ...[...holdersByType.keys()].filter((t) => !config.priority.includes(t))];
  for (const type of order) {
    const byValue = holdersByType.get(type);
    if (!byValue) continue;
    // Default sort order is code-unit order, the same as compareStrings, without a callback per step.
    for (const value of [...byValue.keys()].sort()) {
      const holders = byValue.get(value)!;
      const identifier = { type, value };
      if (placeholders.isPlaceholder(type, value)) {
        decisions.push({ rule: 'placeholder', identifier, ...listed(holders.map((i) => keys[i]!)) });
        continue;
      }
      if (holders.length < 2) continue;
      const profileRecords = holders.filter((i) => isProfileKind(records[i]!.ref.kind)).length;
      const cap = config.caps[type];
      if (profileRecords > cap) {
        decisions.push({ rule: 'non-unique', identifier, profileRecords, cap, ...listed(holders.map((i) => keys[i]!)) });
        continue;
      }
      const evidence: LinkEvidence = { rule: 'identifier', identifier };
      const people = peopleAmong(holders, records, differ);
      if (people.groups.length <= 1) {
        for (const h of holders.slice(1)) join(holders[0]!, h, evidence);
        continue;
      }
      const named = new Set(people.groups.flat());
      decisions.push({
        rule: 'different-people',
        identifier,
        people: people.groups.map((g) => g.map((i) => keys[i]!)),
        notLinked: holders.filter((i) => !named.has(i)).map((i) => keys[i]!),
        evidence: { a: keys[people.conflict!.a]!, b: keys[people.conflict!.b]!, ...people.conflict!.evidence },
      });
      for (const group of people.groups) {
        for (const h of group.slice(1)) join(group[0]!, h, evidence);
      }
    }
  }
}

/**
 * Splits the named holders of one identifier into people: a holder joins the first group none of
 * whose members is clearly different from it. One group means the identifier is not shared.
 *
 * That first fit depends on the order of the holders: a record too sparse to be told from anyone
 * (no phone, no birth date) can land with a similar-named relative before its namesakes have a
 * group of their own (Agilberte with Ansberte Poirier). So once the groups are formed, a holder
 * whose group has no record of its exact full name moves to a group that has one, when nobody
 * there is clearly different from it.
 */
function peopleAmong(
  holders: number[],
  records: IdentityRecord[],
  differ: DifferentPeopleTest,
): { groups: number[][]; conflict?: { a: number; b: number; evidence: DifferentPeopleEvidence } } {
  const groups: number[][] = [];
  let conflict: { a: number; b: number; evidence: DifferentPeopleEvidence } | undefined;
  for (const h of holders) {
    const record = records[h]!;
    if (!record.firstName || !record.lastName) continue;
    let placed = false;
    for (const group of groups) {
      let clash: { g: number; evidence: DifferentPeopleEvidence } | undefined;
      for (let k = 0; k < group.length && !clash; k++) {
        const evidence = differ(group[k]!, h);
        if (evidence) clash = { g: group[k]!, evidence };
      }
      if (!clash) {
        group.push(h);
        placed = true;
        break;
      }
      conflict ??= { a: clash.g, b: h, evidence: clash.evidence };
    }
    if (!placed) groups.push([h]);
  }
  regroupByExactName(groups, records, differ);
  const members = groups.filter((g) => g.length > 0);
  return conflict ? { groups: members, conflict } : { groups: members };
}

const fullNameOf = (r: IdentityRecord): string => `${r.firstName ?? ''}\u0000${r.lastName ?? ''}`;

/** The second pass of `peopleAmong`: moves each holder to a group holding its exact full name, when its own does not. */
function regroupByExactName(groups: number[][], records: IdentityRecord[], differ: DifferentPeopleTest): void {
  for (const group of groups) {
    for (let k = 0; k < group.length; k++) {
      const h = group[k]!;
      const name = fullNameOf(records[h]!);
      if (group.some((other, j) => j !== k && fullNameOf(records[other]!) === name)) continue;
      const target = groups.find(
        (other) => other !== group && other.some((o) => fullNameOf(records[o]!) === name) && other.every((o) => !differ(o, h)),
      );
      if (!target) continue;
      target.push(h);
      group.splice(k, 1);
      k--;
    }
  }
  // Members stay in holder order within each group, as the first pass left them.
  for (const group of groups) group.sort((a, b) => a - b);
}

function refusalDecision(
  refusal: UnionRefusal,
  keys: string[],
  a: number,
  b: number,
  via: LinkEvidence,
  manual: readonly ManualDecision[],
): GuardDecision {
  if (refusal.reason === 'manual') {
    return { rule: 'manual', a: keys[a]!, b: keys[b]!, via, decisionId: manual[refusal.decision]!.id };
  }
  return {
    rule: 'cluster-conflict',
    a: keys[a]!,
    b: keys[b]!,
    via,
    evidence: { a: keys[refusal.a]!, b: keys[refusal.b]!, ...refusal.evidence },
  };
}

/** Plain code-unit order: locale-independent, so every machine sorts record keys alike. */
function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---- admin corrections ---------------------------------------------------------------------------

/** The decision `unlinkRecord` stores: `record` leaves its customer and never rejoins its mates. */
export function unlinkDecision(id: string, record: string, clusterRecords: readonly string[]): ManualDecision {
  if (!clusterRecords.includes(record)) {
    throw new Error(`Cannot unlink ${record}: it is not one of the customer's records`);
  }
  return { kind: 'unlink', id, record, from: clusterRecords.filter((k) => k !== record) };
}

/** The decision `splitCustomer` stores; the parts must cover the customer's records exactly once. */
export function splitDecision(id: string, clusterRecords: readonly string[], parts: readonly (readonly string[])[]): ManualDecision {
  if (parts.length < 2) throw new Error('A split needs at least two parts');
  const expected = new Set(clusterRecords);
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.length === 0) throw new Error('A split part cannot be empty');
    for (const key of part) {
      if (!expected.has(key)) throw new Error(`Cannot split: ${key} is not one of the customer's records`);
      if (seen.has(key)) throw new Error(`Cannot split: ${key} is in two parts`);
      seen.add(key);
    }
  }
  const missing = clusterRecords.filter((k) => !seen.has(k));
  if (missing.length > 0) throw new Error(`Cannot split: ${missing.join(', ')} in no part`);
  return { kind: 'split', id, parts: parts.map((p) => [...p]) };
}

// ---- incremental runs -----------------------------------------------------------------------------

/** What `computeAffectedSet` needs to know about the stored state; the resolve command backs it with the identity database. */
export interface AffectedSetSource {
  /** Record keys holding each identifier key (`identifierKey`), for the given keys. */
  holders(identifierKeys: string[]): Promise<Map<string, string[]>>;
  /** Stored identifier keys of the given records (their values before this run). */
  identifiersOf(records: string[]): Promise<Map<string, string[]>>;
  /** The customer id each given record had after the previous run. */
  customersOf(records: string[]): Promise<Map<string, string>>;
  /** All record keys of each given customer. */
  recordsOf(customerIds: string[]): Promise<Map<string, string[]>>;
  /** Record keys sharing each given blocking key (only called when matching is on). */
  blockMembers?(blockingKeys: string[]): Promise<Map<string, string[]>>;
}

export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

/**
 * The records a run must re-cluster because `changed` (new or modified records, in their new
 * form) were imported: see the comment at the top of this file. Round trips to `source` grow with
 * the depth of the affected component, not with its size.
 */
export async function computeAffectedSet(
  changed: readonly IdentityRecord[],
  source: AffectedSetSource,
  config: ResolveConfig,
): Promise<Set<string>> {
  const affected = new Set<string>();
  const followedIdentifiers = new Set<string>();
  const followedCustomers = new Set<string>();
  const placeholders = new PlaceholderMatcher(config.placeholders);
  const changedKeys = changed.map((r) => refKey(r.ref));
  const newIdentifiers = new Map(changed.map((r) => [refKey(r.ref), r.identifiers.map(identifierKey)]));

  const capOf = (key: string): number => {
    const type = key.slice(0, key.indexOf(':')) as IdentifierType;
    return config.caps[type] ?? Number.POSITIVE_INFINITY;
  };
  const linkable = (key: string): boolean => {
    const colon = key.indexOf(':');
    return !placeholders.isPlaceholder(key.slice(0, colon) as IdentifierType, key.slice(colon + 1));
  };

  let frontier = changedKeys;
  for (const k of frontier) affected.add(k);
  if (config.matching.enabled && source.blockMembers) {
    const keys = [...new Set(changed.filter(isMatchCandidate).flatMap((r) => blockingKeys(r, config.matching.blocking)))];
    const members = await source.blockMembers(keys);
    // A block over the size limit compares nothing, so its members cannot be matched through it.
    const compared = [...members.values()].filter((list) => list.length <= config.matching.maxBlockSize + 1);
    const hop = [...new Set(compared.flat())].filter((k) => !affected.has(k));
    for (const k of hop) affected.add(k);
    frontier = [...frontier, ...hop];
  }

  while (frontier.length > 0) {
    const stored = await source.identifiersOf(frontier);
    const toFollow = new Set<string>();
    for (const record of frontier) {
      for (const key of [...(stored.get(record) ?? []), ...(newIdentifiers.get(record) ?? [])]) {
        if (!followedIdentifiers.has(key) && linkable(key)) toFollow.add(key);
      }
    }
    for (const key of toFollow) followedIdentifiers.add(key);
    const holders = toFollow.size > 0 ? await source.holders([...toFollow]) : new Map<string, string[]>();
    const reached: string[] = [];
    for (const [key, list] of holders) {
      // One more holder than the cap may be the change that made the value non-unique: its
      // previous holders must then be re-clustered. Beyond that the value links nothing either way.
      const profileHolders = list.filter((k) => isProfileKind(parseRefKey(k).kind)).length;
      if (profileHolders > capOf(key) + 1) continue;
      for (const k of list) if (!affected.has(k)) reached.push(k);
    }
    for (const k of reached) affected.add(k);

    const customers = await source.customersOf([...frontier, ...reached]);
    const newCustomers = [...new Set(customers.values())].filter((c) => !followedCustomers.has(c));
    for (const c of newCustomers) followedCustomers.add(c);
    const mates = newCustomers.length > 0 ? await source.recordsOf(newCustomers) : new Map<string, string[]>();
    const next = [...reached];
    for (const list of mates.values()) {
      for (const k of list) {
        if (!affected.has(k)) {
          affected.add(k);
          next.push(k);
        }
      }
    }
    frontier = next;
  }
  return affected;
}
