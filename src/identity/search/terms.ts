/**
 * The search index's entries ("terms") of one customer, from the normalised records identity
 * resolution keeps of it. Every lookup a search makes is an exact match on a term, read in rank
 * order, so a page costs about as many index entries as it shows, on any MongoDB (docs/SEARCH.md).
 */
import type { IdentityRecord } from '../records';
import { foldWords } from './fold';

/** What a term was made from. */
export type SearchField = 'name' | 'email' | 'phone' | 'postalCode' | 'loyaltyId';

/** One entry of the search index (`identity.search_terms`). */
export interface SearchTermDoc {
  /** `<customerId>|<term>`: one entry per term per customer. */
  _id: string;
  /** The customer. */
  c: string;
  /** The term: a kind prefix (`n:`, `nn:`, `e:`, `p:`, `z:`, `l:`) and a folded value or prefix of it. */
  t: string;
  /** Rank within the term: 0 for a whole value, else how many characters the prefix leaves out. */
  r: number;
  /** The value the term came from, as resolve normalised it (a name keeps its accents): shown and highlighted. */
  v: string;
}

/**
 * Term kinds: name word prefix, name pair (a whole word then a prefix of another), name pair of
 * prefixes (both words' first letters), email, phone, postcode, loyalty id.
 */
export const TERM = { name: 'n:', pair: 'nn:', prefixPair: 'np:', email: 'e:', phone: 'p:', postalCode: 'z:', loyaltyId: 'l:' } as const;

/** Name words are indexed by their prefixes of these lengths (and whole); longer prefixes are checked after reading. */
export const NAME_PREFIX = { min: 2, max: 6 } as const;
/** The second word of a pair is indexed by its prefixes up to this length (and whole). */
export const PAIR_PREFIX_MAX = 3;
/** A pair of prefixes holds this many letters of each word (fewer for a shorter word). */
export const PREFIX_PAIR_LENGTH = 3;
/** Emails are indexed by their prefixes of these lengths (and whole). */
export const EMAIL_PREFIX = { min: 3, max: 6 } as const;
/** First-name words and last-name words that form pairs, at most. */
const PAIR_WORDS = { first: 2, last: 3 } as const;

/** The field a term belongs to. */
export function fieldOfTerm(term: string): SearchField {
  if (term.startsWith(TERM.pair) || term.startsWith(TERM.prefixPair) || term.startsWith(TERM.name)) return 'name';
  if (term.startsWith(TERM.email)) return 'email';
  if (term.startsWith(TERM.phone)) return 'phone';
  if (term.startsWith(TERM.postalCode)) return 'postalCode';
  return 'loyaltyId';
}

/** The name a record shows: its normalised first and last names. */
export function displayName(record: Pick<IdentityRecord, 'firstName' | 'lastName'>): string | undefined {
  const name = [record.firstName, record.lastName].filter((part): part is string => !!part).join(' ');
  return name === '' ? undefined : name;
}

class TermSet {
  private readonly terms = new Map<string, { r: number; v: string }>();

  /** Keeps the best (lowest) rank of a term, and the value that gave it. */
  add(term: string, r: number, v: string): void {
    const seen = this.terms.get(term);
    if (!seen || r < seen.r || (r === seen.r && v < seen.v)) this.terms.set(term, { r, v });
  }

  /** `value` whole (rank 0) and its prefixes of `min`..`max` characters. */
  addPrefixes(kind: string, value: string, min: number, max: number, v: string): void {
    for (let k = min; k <= Math.min(max, value.length - 1); k++) this.add(kind + value.slice(0, k), value.length - k, v);
    this.add(kind + value, 0, v);
  }

  docs(customerId: string): SearchTermDoc[] {
    return [...this.terms].map(([t, { r, v }]) => ({ _id: `${customerId}|${t}`, c: customerId, t, r, v }));
  }
}

/** Every term of one customer, from its records (any order; duplicates across records are kept once, best rank). */
export function searchTermsOf(customerId: string, records: readonly IdentityRecord[]): SearchTermDoc[] {
  const terms = new TermSet();
  for (const record of records) {
    const name = displayName(record);
    if (name) {
      const first = foldWords(record.firstName ?? '').map((w) => w.word);
      const last = foldWords(record.lastName ?? '').map((w) => w.word);
      for (const word of [...first, ...last]) terms.addPrefixes(TERM.name, word, NAME_PREFIX.min, NAME_PREFIX.max, name);
      for (const a of first.slice(0, PAIR_WORDS.first)) {
        for (const b of last.slice(0, PAIR_WORDS.last)) {
          terms.addPrefixes(`${TERM.pair}${a} `, b, 1, PAIR_PREFIX_MAX, name);
          terms.addPrefixes(`${TERM.pair}${b} `, a, 1, PAIR_PREFIX_MAX, name);
          const [a3, b3] = [a.slice(0, PREFIX_PAIR_LENGTH), b.slice(0, PREFIX_PAIR_LENGTH)];
          terms.add(`${TERM.prefixPair}${a3} ${b3}`, 0, name);
          terms.add(`${TERM.prefixPair}${b3} ${a3}`, 0, name);
        }
      }
    }
    if (record.postalCode) terms.add(TERM.postalCode + record.postalCode, 0, record.postalCode);
    for (const { type, value } of record.identifiers) {
      if (type === 'email') terms.addPrefixes(TERM.email, value, EMAIL_PREFIX.min, EMAIL_PREFIX.max, value);
      else if (type === 'phone') terms.add(TERM.phone + value, 0, value);
      else if (type === 'loyaltyId') terms.add(TERM.loyaltyId + value.toLowerCase(), 0, value);
    }
  }
  return terms.docs(customerId);
}
