/**
 * What a search query may mean (a name, an email prefix, a phone number, a postcode, a loyalty id),
 * the index terms that find each meaning, and how a found term is checked and scored against the
 * query. Pure: `../store/search-index.ts` runs the lookups over MongoDB.
 */
import { normalizePhone, normalizePostalCode } from '../normalize';
import { foldWords } from './fold';
import { EMAIL_PREFIX, fieldOfTerm, NAME_PREFIX, PAIR_PREFIX_MAX, PREFIX_PAIR_LENGTH, TERM, type SearchField, type SearchTermDoc } from './terms';
import { MIN_TYPO_LENGTH, typoVariants, withinOneTypo } from './typos';

/** Regions a phone number written without its country code is read in; each valid reading is looked up. */
export const PHONE_REGIONS = ['GB', 'IE', 'US', 'CA', 'DE', 'AT', 'CH', 'FR', 'BE', 'NL', 'ES', 'IT'] as const;

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** Most entries the lookup driven by one word of several reads (`Lookup.maxRead`). */
const DRIVER_MAX_READ = 200;
/** Most words of a query that are matched; the rest are ignored. */
const MAX_WORDS = 5;

export interface ParsedQuery {
  /** Folded words, for names. */
  words: string[];
  /** The query lower-cased without spaces, as an email prefix; unset when it cannot be one. */
  email?: string;
  /** The query read as a phone number, in E.164, once per region where it is valid. */
  phones: string[];
  postalCode?: string;
  /** Lower-cased: loyalty ids are matched without case. */
  loyaltyId?: string;
}

const PHONE_SHAPE = /^\+?[\d\s().\-/]+$/;
const EMAIL_SHAPE = /^[^\s@]+@?[^\s@]*$/;

export function parseSearchQuery(text: string): ParsedQuery {
  const trimmed = text.trim();
  const compact = trimmed.replace(/\s+/g, '');
  const digits = compact.replace(/\D/g, '').length;
  const query: ParsedQuery = { words: [], phones: [] };
  // A name has letters and no digits; one word joined by `.`, `_`, `+` or `@` is an email.
  if (/\p{L}/u.test(trimmed) && digits === 0 && !/^\S*[@._+]\S*$/.test(trimmed)) query.words = foldWords(trimmed).map((w) => w.word).slice(0, MAX_WORDS);
  if (compact.length >= EMAIL_PREFIX.min && EMAIL_SHAPE.test(trimmed)) query.email = trimmed.toLowerCase();
  if (PHONE_SHAPE.test(trimmed) && digits >= 6) {
    const readings = PHONE_REGIONS.map((region) => normalizePhone(trimmed, region, region));
    query.phones = [...new Set(readings.filter((phone): phone is string => phone !== undefined))];
  }
  if (digits > 0 && !trimmed.includes('@')) {
    const postalCode = normalizePostalCode(trimmed);
    if (postalCode && postalCode.length >= 3 && postalCode.length <= 10) query.postalCode = postalCode;
    if (!/\s/.test(trimmed)) query.loyaltyId = trimmed.toLowerCase();
  }
  return query;
}

/**
 * One read of the index. A single term is read in rank order with a limit, so a page costs about
 * what it shows; several terms (typo variants, exact identifiers) are read whole.
 */
export interface Lookup {
  terms: string[];
  /** Only whole values (rank 0): typo variants must be whole words. */
  wholeOnly: boolean;
  /**
   * Most entries read before the order of what is read stands as the result's (unset: the
   * search's own limit). A lookup that finds many entries only to check them against other words
   * stops early.
   */
  maxRead?: number;
  /** Read only when the other lookups found nothing at all. */
  onlyIfNothingFound?: boolean;
  /**
   * The best score this lookup can give (typo variants): it is read only when what the others
   * found does not fill the page with better hits.
   */
  deferredBest?: number;
  /**
   * For a single-term lookup: the best score any entry of rank `r` or more could reach, so the
   * search knows when what it has read already outranks everything it has not.
   */
  bound?: (r: number) => number;
}

/** Scores: an exact identifier 100, a name 90 × the mean of its words' scores, an email prefix 60–90. */
const SCORE = { identifier: 100, name: 90, emailPrefixBase: 60, emailPrefixSpan: 30 } as const;
/** A word's score: whole 1, a prefix 0.7–0.9 by how much of the word was typed, one typo 0.6. */
const WORD = { exact: 1, prefixBase: 0.7, prefixSpan: 0.2, typo: 0.6 } as const;

function prefixScore(typed: number, wordLength: number): number {
  return WORD.prefixBase + (WORD.prefixSpan * typed) / wordLength;
}

/** The best a word of `wordLength` or longer can score against a query word of `typed` letters. */
function bestWordScore(typed: number, wordLength: number): number {
  return wordLength <= typed ? WORD.exact : prefixScore(typed, wordLength);
}

function emailScore(typed: number, length: number): number {
  return typed >= length ? SCORE.identifier : SCORE.emailPrefixBase + (SCORE.emailPrefixSpan * typed) / length;
}

/** The indexed form of a name word typed by the user: its prefix of at most NAME_PREFIX.max letters. */
function indexedPrefix(word: string, max: number): string {
  return word.length > max ? word.slice(0, max) : word;
}

/** The lookups that find what `query` may mean, most specific first. */
export function planLookups(query: ParsedQuery): Lookup[] {
  const lookups: Lookup[] = [];
  const exact = [
    ...query.phones.map((phone) => TERM.phone + phone),
    ...(query.postalCode ? [TERM.postalCode + query.postalCode] : []),
    ...(query.loyaltyId ? [TERM.loyaltyId + query.loyaltyId] : []),
  ];
  if (exact.length > 0) lookups.push({ terms: exact, wholeOnly: true });
  if (query.email) {
    const typed = query.email.length;
    const term = indexedPrefix(query.email, EMAIL_PREFIX.max);
    lookups.push({ terms: [TERM.email + term], wholeOnly: false, bound: (r) => emailScore(typed, term.length + r) });
  }
  const words = query.words;
  const typed = words.map((w) => w.length);
  if (words.length === 1 && typed[0]! >= NAME_PREFIX.min) {
    const word = words[0]!;
    const term = indexedPrefix(word, NAME_PREFIX.max);
    lookups.push({
      terms: [TERM.name + term],
      wholeOnly: false,
      bound: (r) => SCORE.name * bestWordScore(word.length, term.length + r),
    });
    if (word.length >= MIN_TYPO_LENGTH) {
      lookups.push({ terms: typoVariants(word).map((variant) => TERM.name + variant), wholeOnly: true, deferredBest: SCORE.name * WORD.typo });
    }
  }
  if (words.length >= 2) {
    const first = words[0]!;
    const last = words[words.length - 1]!;
    const lastTerm = indexedPrefix(last, PAIR_PREFIX_MAX);
    // A pair is a whole word and a prefix of another: "jane smi" is one exact term.
    lookups.push({
      terms: [`${TERM.pair}${first} ${lastTerm}`],
      wholeOnly: false,
      bound: (r) => (SCORE.name * (words.length - 1 + bestWordScore(last.length, lastTerm.length + r))) / words.length,
    });
    const withOneTypo = (SCORE.name * (words.length - 1 + WORD.typo)) / words.length;
    if (first.length >= MIN_TYPO_LENGTH) {
      lookups.push({ terms: typoVariants(first).map((variant) => `${TERM.pair}${variant} ${lastTerm}`), wholeOnly: false, deferredBest: withOneTypo });
    }
    if (last.length >= MIN_TYPO_LENGTH) {
      lookups.push({ terms: typoVariants(last).map((variant) => `${TERM.pair}${first} ${variant}`), wholeOnly: true, deferredBest: withOneTypo });
    }
    // A first word typed only in part ("jan smi"): the pair of both words' first letters, read whole.
    const prefixPair = first.length >= PREFIX_PAIR_LENGTH && last.length >= PREFIX_PAIR_LENGTH;
    if (prefixPair) {
      lookups.push({ terms: [`${TERM.prefixPair}${first.slice(0, PREFIX_PAIR_LENGTH)} ${last.slice(0, PREFIX_PAIR_LENGTH)}`], wholeOnly: false });
    }
    // What no pair holds (words too short for one, two words of one last name such as "van der
    // meer"): the longest word's entries, each checked against every word. With a pair of
    // prefixes to look up, only when nothing else was found.
    const driver = words.reduce((longest, word) => (word.length > longest.length ? word : longest));
    const driverTerm = indexedPrefix(driver, NAME_PREFIX.max);
    // Anything it finds that the pairs did not has a word typed in part or with a typo: at best
    // a prefix score for that word.
    const partial = WORD.prefixBase + WORD.prefixSpan;
    lookups.push({
      terms: [TERM.name + driverTerm],
      wholeOnly: false,
      maxRead: DRIVER_MAX_READ,
      onlyIfNothingFound: prefixPair,
      bound: (r) => (SCORE.name * (words.length - 2 + partial + bestWordScore(driver.length, driverTerm.length + r))) / words.length,
    });
  }
  return lookups;
}

/** A range of a matched value to highlight, in UTF-16 code units. */
export interface TextRange {
  start: number;
  length: number;
}

/** How one index entry matches the query. */
export interface TermMatch {
  field: SearchField;
  /** The value matched, as resolve normalised it. */
  value: string;
  highlights: TextRange[];
  /** Matched only with a typo. */
  fuzzy: boolean;
  score: number;
}

interface WordMatch {
  score: number;
  fuzzy: boolean;
  range: TextRange;
}

/**
 * Each query word matched to a different word of `name`, best first: whole, prefix, or whole with
 * one typo (words of four letters or more). Undefined when some query word matches nothing.
 */
export function matchName(words: readonly string[], name: string): TermMatch | undefined {
  const nameWords = foldWords(name);
  const used = new Set<number>();
  const matches: WordMatch[] = [];
  // Longest query words first: they are the most particular about which name word they take.
  const order = words.map((word, i) => ({ word, i })).sort((a, b) => b.word.length - a.word.length || a.i - b.i);
  for (const { word } of order) {
    let best: (WordMatch & { index: number }) | undefined;
    nameWords.forEach((candidate, index) => {
      if (used.has(index)) return;
      let match: WordMatch | undefined;
      if (candidate.word === word) {
        match = { score: WORD.exact, fuzzy: false, range: { start: candidate.start, length: candidate.end - candidate.start } };
      } else if (candidate.word.startsWith(word)) {
        const end = candidate.sourceEndOf[word.length - 1]!;
        match = { score: prefixScore(word.length, candidate.word.length), fuzzy: false, range: { start: candidate.start, length: end - candidate.start } };
      } else if (word.length >= MIN_TYPO_LENGTH && withinOneTypo(word, candidate.word)) {
        match = { score: WORD.typo, fuzzy: true, range: { start: candidate.start, length: candidate.end - candidate.start } };
      }
      if (match && (!best || match.score > best.score)) best = { ...match, index };
    });
    if (!best) return undefined;
    used.add(best.index);
    matches.push(best);
  }
  const mean = matches.reduce((sum, m) => sum + m.score, 0) / matches.length;
  return {
    field: 'name',
    value: name,
    highlights: matches.map((m) => m.range).sort((a, b) => a.start - b.start),
    fuzzy: matches.some((m) => m.fuzzy),
    score: SCORE.name * mean,
  };
}

/** How an index entry matches the query, or undefined when it does not (a prefix term read past what was typed). */
export function matchTerm(query: ParsedQuery, entry: Pick<SearchTermDoc, 't' | 'v'>): TermMatch | undefined {
  const field = fieldOfTerm(entry.t);
  const whole = (): TermMatch => ({ field, value: entry.v, highlights: [{ start: 0, length: entry.v.length }], fuzzy: false, score: SCORE.identifier });
  switch (field) {
    case 'name':
      return query.words.length > 0 ? matchName(query.words, entry.v) : undefined;
    case 'email':
      if (!query.email || !entry.v.startsWith(query.email)) return undefined;
      return { field, value: entry.v, highlights: [{ start: 0, length: query.email.length }], fuzzy: false, score: emailScore(query.email.length, entry.v.length) };
    case 'phone':
      return query.phones.includes(entry.v) ? whole() : undefined;
    case 'postalCode':
      return query.postalCode === entry.v ? whole() : undefined;
    case 'loyaltyId':
      return query.loyaltyId === entry.v.toLowerCase() ? whole() : undefined;
  }
}
