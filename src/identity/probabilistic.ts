/**
 * Probabilistic matching of profile records that share no strong identifier: blocking (which
 * pairs are compared at all), the match weight of a pair with its per-field waterfall, and the
 * "clearly different people" test the guard rails apply. The parameters come from `match-model.ts`.
 */
import {
  FIELD_LEVELS,
  MATCH_FIELDS,
  comparePersonalFields,
  compareRecords,
  displayedValue,
  namesSwapped,
  prepareRecord,
  type MatchField,
  type PreparedRecord,
} from './comparisons';
import { fieldWeight, levelWeights, priorLogOdds, probabilityOf, type CandidatePairs, type MatchModel } from './match-model';
import type { IdentityRecord } from './records';

export type BlockingRule =
  | 'birthDate'
  | 'fullName'
  | 'postalCodeInitial'
  | 'emailPrefix'
  | 'surnameBirthYear'
  | 'namePrefixes'
  | 'streetNumber';

export const BLOCKING_RULES: readonly BlockingRule[] = [
  'birthDate',
  'fullName',
  'postalCodeInitial',
  'emailPrefix',
  'surnameBirthYear',
  'namePrefixes',
  'streetNumber',
];

/** The fields each rule blocks on: pairs it produces agree on them by construction. */
export const RULE_FIELDS: Record<BlockingRule, readonly MatchField[]> = {
  birthDate: ['birthDate'],
  fullName: ['firstName', 'lastName'],
  postalCodeInitial: ['postalCode', 'firstName', 'lastName'],
  emailPrefix: ['email'],
  surnameBirthYear: ['lastName', 'birthDate'],
  namePrefixes: ['firstName', 'lastName'],
  streetNumber: ['address'],
};

/**
 * Rules that block on what members of one household share (postal code and a surname initial,
 * an email, a street address). Their pairs are dominated by co-residents, who agree on everything
 * but given name, birth date and phone — the independence Fellegi–Sunter assumes fails there —
 * so the m of other fields is estimated from the person-specific rules when they have pairs.
 */
export const HOUSEHOLD_RULES: ReadonlySet<BlockingRule> = new Set(['postalCodeInitial', 'emailPrefix', 'streetNumber']);

/** Long enough to keep blocks small where addresses start with a common given name. */
const EMAIL_PREFIX = 7;

/** Only records that describe a person (a name or a birth date) can be matched on their attributes. */
export function isMatchCandidate(record: IdentityRecord): boolean {
  return record.ref.kind !== 'transaction' && record.ref.kind !== 'visitor' && !!(record.firstName || record.lastName || record.birthDate);
}

function sorted(x: string, y: string): string {
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}

function keysOfRule(rule: BlockingRule, r: PreparedRecord, out: string[]): void {
  switch (rule) {
    case 'birthDate':
      if (r.dob) out.push(`dob:${r.dob}`);
      break;
    case 'fullName':
      // Order-free, so a record with first and last name swapped lands in the same block.
      if (r.first && r.last) out.push(`name:${sorted(r.first, r.last)}`);
      break;
    case 'postalCodeInitial':
      if (r.postal) {
        if (r.first) out.push(`pc:${r.postal}|${r.first[0]}`);
        if (r.last && r.last[0] !== r.first?.[0]) out.push(`pc:${r.postal}|${r.last[0]}`);
      }
      break;
    case 'emailPrefix':
      for (const email of r.emails) out.push(`em:${email.slice(0, EMAIL_PREFIX)}`);
      break;
    case 'surnameBirthYear':
      if (r.last && r.dob) out.push(`sy:${r.last}|${r.dob.slice(0, 4)}`);
      break;
    case 'namePrefixes':
      if (r.first && r.last && r.first.length > 1 && r.last.length > 1) out.push(`np:${sorted(r.first.slice(0, 3), r.last.slice(0, 3))}`);
      break;
    case 'streetNumber':
      if (r.addressNumbers && r.addressWords) out.push(`st:${r.addressNumbers}|${r.addressWords.slice(0, 4)}`);
      break;
  }
}

function preparedBlockingKeys(r: PreparedRecord, rules: readonly BlockingRule[]): string[] {
  const keys: string[] = [];
  for (const rule of rules) keysOfRule(rule, r, keys);
  return [...new Set(keys)];
}

/** The blocking keys of a record (stored, so that an incremental run can find a new record's neighbours). */
export function blockingKeys(record: IdentityRecord, rules: readonly BlockingRule[]): string[] {
  return preparedBlockingKeys(prepareRecord(record), rules);
}

const RULE_OF_PREFIX: Record<string, BlockingRule> = {
  dob: 'birthDate', name: 'fullName', pc: 'postalCodeInitial', em: 'emailPrefix', sy: 'surnameBirthYear', np: 'namePrefixes', st: 'streetNumber',
};

export function ruleOfKey(key: string): BlockingRule {
  return RULE_OF_PREFIX[key.slice(0, key.indexOf(':'))]!;
}

export interface SkippedBlock {
  blockingKey: string;
  size: number;
}

/**
 * Every pair of records sharing a blocking key, once (the pair is produced by the first block, in
 * block order, that holds both), with the set of rules that produced it and its comparison levels.
 * Blocks over `maxBlockSize` are skipped and reported: they would cost O(n²) and mean little.
 */
export function candidatePairs(
  prepared: readonly PreparedRecord[],
  rules: readonly BlockingRule[],
  maxBlockSize: number,
): { pairs: CandidatePairs; skipped: SkippedBlock[] } {
  const blockIds = new Map<string, number>();
  const blockRule: number[] = [];
  const members: number[][] = [];
  const recordBlocks: Int32Array[] = prepared.map((r, i) => {
    const ids = preparedBlockingKeys(r, rules).map((key) => {
      let id = blockIds.get(key);
      if (id === undefined) {
        id = members.length;
        blockIds.set(key, id);
        members.push([]);
        blockRule.push(rules.indexOf(ruleOfKey(key)));
      }
      members[id]!.push(i);
      return id;
    });
    return Int32Array.from(ids).sort();
  });
  const keys = [...blockIds.keys()];
  const skipped: SkippedBlock[] = [];
  const F = MATCH_FIELDS.length;
  let capacity = 1024;
  let a = new Int32Array(capacity);
  let b = new Int32Array(capacity);
  let ruleMask = new Uint16Array(capacity);
  let levels = new Int8Array(capacity * F);
  let count = 0;
  const scratch = new Int8Array(F);
  const oversized = new Uint8Array(members.length);
  members.forEach((list, id) => {
    if (list.length > maxBlockSize) {
      oversized[id] = 1;
      skipped.push({ blockingKey: keys[id]!, size: list.length });
    }
  });
  for (let block = 0; block < members.length; block++) {
    if (oversized[block]) continue;
    const list = members[block]!;
    for (let x = 0; x < list.length; x++) {
      const i = list[x]!;
      const bi = recordBlocks[i]!;
      for (let y = x + 1; y < list.length; y++) {
        const j = list[y]!;
        const bj = recordBlocks[j]!;
        // Walk both sorted block lists: the pair belongs to its first common (compared) block.
        let first = -1;
        let mask = 0;
        for (let p = 0, q = 0; p < bi.length && q < bj.length; ) {
          if (bi[p]! < bj[q]!) p++;
          else if (bi[p]! > bj[q]!) q++;
          else {
            const id = bi[p]!;
            if (!oversized[id]) {
              if (first < 0) first = id;
              mask |= 1 << blockRule[id]!;
            }
            p++;
            q++;
          }
        }
        if (first !== block) continue;
        if (count === capacity) {
          capacity *= 2;
          const grow = <T extends Int32Array | Uint16Array | Int8Array>(old: T, size: number): T => {
            const next = new (old.constructor as new (n: number) => T)(size);
            next.set(old);
            return next;
          };
          a = grow(a, capacity);
          b = grow(b, capacity);
          ruleMask = grow(ruleMask, capacity);
          levels = grow(levels, capacity * F);
        }
        a[count] = Math.min(i, j);
        b[count] = Math.max(i, j);
        ruleMask[count] = mask;
        levels.set(compareRecords(prepared[a[count]!]!, prepared[b[count]!]!, scratch), count * F);
        count++;
      }
    }
  }
  return { pairs: { count, a, b, rules: ruleMask, levels }, skipped };
}

// ---- match weights ------------------------------------------------------------------------------

/** One step of the waterfall: what one field added to the match weight. */
export interface FieldComparison {
  field: MatchField;
  /** Index into `FIELD_LEVELS[field]`. */
  level: number;
  /** The level in words, e.g. "one digit mistyped". */
  label: string;
  /** log2(m / u) in bits; negative: evidence of different people. */
  weight: number;
  /** The compared values (personal data). */
  a?: string;
  b?: string;
}

export interface MatchScore {
  /** Σ field weights plus the prior, in bits: the log2 odds that the two are one person. */
  weight: number;
  /** The prior log2 odds that two random records are one person. */
  prior: number;
  matchProbability: number;
  /** The first and last names of one record were compared crosswise. */
  swappedNames: boolean;
  comparisons: FieldComparison[];
}

/** Σ field weights (without the prior) of one pair from its levels, `levels[offset ..]`. */
export function pairWeight(model: MatchModel, weights: Float64Array[], a: PreparedRecord, levels: ArrayLike<number>, offset = 0): number {
  let w = 0;
  for (let f = 0; f < MATCH_FIELDS.length; f++) w += fieldWeight(model, weights, f, levels[offset + f]!, a);
  return w;
}

/** The match weight of two records, field by field. */
export function scorePair(a: PreparedRecord, b: PreparedRecord, model: MatchModel, weights = levelWeights(model)): MatchScore {
  const levels = compareRecords(a, b);
  const swapped = namesSwapped(a, b);
  const comparisons: FieldComparison[] = [];
  let total = 0;
  MATCH_FIELDS.forEach((field, f) => {
    const level = levels[f]!;
    if (level < 0) return;
    const weight = fieldWeight(model, weights, f, level, a);
    total += weight;
    const shownB = swapped && field === 'firstName' ? b.last : swapped && field === 'lastName' ? b.first : displayedValue(field, b);
    const c: FieldComparison = { field, level, label: FIELD_LEVELS[field][level]!, weight: round(weight) };
    const va = displayedValue(field, a);
    if (va !== undefined) c.a = va;
    if (shownB !== undefined) c.b = shownB;
    comparisons.push(c);
  });
  const prior = priorLogOdds(model);
  return {
    weight: round(total + prior),
    prior: round(prior),
    matchProbability: round(probabilityOf(total + prior), 6),
    swappedNames: swapped,
    comparisons,
  };
}

const FIELD_WORDS: Record<MatchField, string> = {
  firstName: 'first name',
  lastName: 'last name',
  birthDate: 'birth date',
  postalCode: 'postal code',
  address: 'address',
  city: 'city',
  email: 'email',
  phone: 'phone',
};

/** One comparison in words: `birth date: one digit mistyped, +6.2 bits (for the same person)`. */
export function explainComparison(c: Pick<FieldComparison, 'field' | 'label' | 'weight'>): string {
  const sign = c.weight >= 0 ? '+' : '';
  const side = c.weight >= 0 ? 'for the same person' : 'against';
  return `${FIELD_WORDS[c.field]}: ${c.label}, ${sign}${c.weight.toFixed(1)} bits (${side})`;
}

/** The waterfall in one line an agent can read, ending with the probability and the threshold. */
export function explainMatch(s: MatchScore, threshold: number): string {
  const parts = s.comparisons.map((c) => explainComparison(c));
  if (s.swappedNames) parts.unshift('first and last name entered the other way round');
  const verdict = s.matchProbability >= threshold ? '≥' : '<';
  return `prior ${s.prior.toFixed(1)} bits; ${parts.join('; ')}; total ${s.weight.toFixed(1)} bits = match probability ${formatProbability(s.matchProbability)} ${verdict} ${threshold}`;
}

function formatProbability(p: number): string {
  return p >= 0.9999 ? p.toFixed(6) : p.toFixed(4);
}

// ---- guard rails ----------------------------------------------------------------------------------

/** The fields that tell people of one household apart: they share surname, address and often an email. */
const PERSONAL_FIELDS: readonly MatchField[] = ['firstName', 'birthDate', 'phone'];
const PERSONAL_INDEXES = PERSONAL_FIELDS.map((f) => MATCH_FIELDS.indexOf(f));
const scratchLevels = new Int8Array(MATCH_FIELDS.length);

export interface DifferentPeopleEvidence {
  /** The field that weighed most against: given-names, own-phones, generations (10+ years), birth-dates. */
  reason: 'given-names' | 'own-phones' | 'generations' | 'birth-dates';
  /** Σ of the negative weights of first name, birth date and phone, in bits. */
  weight: number;
  /** The configured limit it fell below. */
  below: number;
  comparisons: Pick<FieldComparison, 'field' | 'label' | 'weight'>[];
}

/**
 * "Clearly different people": the evidence against their being one person — the negative weights
 * of first name, birth date and phone, the fields in which members of one household differ — adds
 * up to `below` bits or less. Agreement is not counted: a shared surname, address or email is what
 * a household has in common, so it must not rescue a pair. With measured weights one typo (a birth
 * year keyed wrong, a letter of a given name) costs a little and cannot separate a person's records
 * on its own; a different given name and birth date, or a birth date a generation away, do.
 */
export function differentPeople(a: PreparedRecord, b: PreparedRecord, model: MatchModel, weights: Float64Array[], below: number): DifferentPeopleEvidence | undefined {
  if (!a.first || !a.last || !b.first || !b.last) return undefined;
  const levels = comparePersonalFields(a, b, scratchLevels);
  let total = 0;
  let worst = -1;
  let worstWeight = 0;
  const comparisons: DifferentPeopleEvidence['comparisons'] = [];
  for (const f of PERSONAL_INDEXES) {
    const level = levels[f]!;
    if (level < 0) continue;
    const w = fieldWeight(model, weights, f, level, a);
    if (w >= 0) continue;
    total += w;
    const field = MATCH_FIELDS[f]!;
    comparisons.push({ field, label: FIELD_LEVELS[field][level]!, weight: round(w) });
    if (w < worstWeight) {
      worstWeight = w;
      worst = f;
    }
  }
  if (total > below) return undefined;
  const field = MATCH_FIELDS[worst]!;
  const reason =
    field === 'firstName' ? 'given-names' : field === 'phone' ? 'own-phones' : levels[worst] === FIELD_LEVELS.birthDate.length - 1 ? 'generations' : 'birth-dates';
  return { reason, weight: round(total), below, comparisons };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
