/**
 * Pairwise precision / recall / F1 of a clustering against the truth, the measure record-linkage
 * work (Splink, dedupe) reports. Pairs are counted from the sizes of cluster intersections —
 * Σ C(n, 2) — so a million records cost one pass, not 10¹¹ pairs.
 */

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs in the same true person. */
  truePairs: number;
  /** Pairs in the same predicted cluster. */
  predictedPairs: number;
  /** Pairs in both. */
  correctPairs: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Scores `predicted` (record → cluster) against `truth` (record → person) over the records in
 * `truth`; a record the prediction does not mention counts as a cluster of its own. With no pair
 * predicted precision is 1, with no true pair recall is 1 (nothing was wrong / missed).
 */
export function pairwiseScores<R, C, P>(predicted: ReadonlyMap<R, C>, truth: ReadonlyMap<R, P>): PairwiseScores {
  const clusterSizes = new Map<C | symbol, number>();
  const personSizes = new Map<P, number>();
  const intersections = new Map<C | symbol, Map<P, number>>();
  for (const [record, person] of truth) {
    // A record missing from the prediction is a cluster of its own, under a key nothing shares.
    const cluster: C | symbol = predicted.has(record) ? predicted.get(record)! : Symbol('unclustered');
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
    personSizes.set(person, (personSizes.get(person) ?? 0) + 1);
    let row = intersections.get(cluster);
    if (!row) intersections.set(cluster, (row = new Map()));
    row.set(person, (row.get(person) ?? 0) + 1);
  }
  let predictedPairs = 0;
  for (const n of clusterSizes.values()) predictedPairs += pairs(n);
  let truePairs = 0;
  for (const n of personSizes.values()) truePairs += pairs(n);
  let correctPairs = 0;
  for (const row of intersections.values()) for (const n of row.values()) correctPairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}

export interface LinkableScores extends PairwiseScores {
  /** Same-person pairs the data connects (both records in one evidence group). */
  linkablePairs: number;
  /** Of those, pairs the prediction put in one cluster. */
  linkedPairs: number;
}

/**
 * The same measure with recall counted only over the pairs the data can support: pairs of records
 * in one evidence group (`evidenceGroup` in the seed's ground truth: a chain of values, held by no
 * other person, that connects the two records). Precision is unchanged, still judged by `person`:
 * a predicted pair of two records of one person is right whatever evidence joined them. So F1 here
 * tells the resolver's own misses from records no rule could link; it never replaces the F1 over
 * all pairs, which is reported beside it.
 */
export function linkableScores<R, C, P, G>(
  predicted: ReadonlyMap<R, C>,
  person: ReadonlyMap<R, P>,
  evidenceGroup: ReadonlyMap<R, G>,
): LinkableScores {
  const all = pairwiseScores(predicted, person);
  const linkable = pairwiseScores(predicted, evidenceGroup);
  const precision = all.precision;
  const recall = linkable.recall;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    ...all,
    recall,
    f1,
    linkablePairs: linkable.truePairs,
    linkedPairs: linkable.correctPairs,
  };
}

export interface BlockingRecall {
  /** Pairs of records of one person that are both match candidates (have blocking keys). */
  truePairs: number;
  /** Of those, pairs some rule compares: they share a key whose block is within the size limit. */
  compared: number;
  recall: number;
  /** Per rule: pairs it compares on its own keys. */
  byRule: { rule: string; compared: number; recall: number }[];
}

/**
 * How many true pairs blocking lets the matcher see at all: recall's ceiling for probabilistic
 * matching. `keys` are the records' blocking keys (as resolve stores them); a block over
 * `maxBlockSize` compares nothing.
 */
export function blockingRecall<R, P>(
  person: ReadonlyMap<R, P>,
  keys: ReadonlyMap<R, readonly string[]>,
  ruleOf: (key: string) => string,
  maxBlockSize: number,
): BlockingRecall {
  const blockSize = new Map<string, number>();
  for (const list of keys.values()) for (const k of list) blockSize.set(k, (blockSize.get(k) ?? 0) + 1);
  const byPerson = new Map<P, R[]>();
  for (const [record, list] of keys) {
    const p = person.get(record);
    if (p === undefined || list.length === 0) continue;
    const members = byPerson.get(p);
    if (members) members.push(record);
    else byPerson.set(p, [record]);
  }
  const perRule = new Map<string, number>();
  let truePairs = 0;
  let compared = 0;
  for (const members of byPerson.values()) {
    for (let i = 0; i < members.length; i++) {
      const mine = new Set(keys.get(members[i]!)!.filter((k) => blockSize.get(k)! <= maxBlockSize));
      for (let j = i + 1; j < members.length; j++) {
        truePairs++;
        const rules = new Set(keys.get(members[j]!)!.filter((k) => mine.has(k)).map(ruleOf));
        if (rules.size > 0) compared++;
        for (const rule of rules) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
      }
    }
  }
  const ratio = (n: number) => (truePairs === 0 ? 1 : n / truePairs);
  return {
    truePairs,
    compared,
    recall: ratio(compared),
    byRule: [...perRule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, n]) => ({ rule, compared: n, recall: ratio(n) })),
  };
}
