/**
 * The comparison levels of probabilistic matching: for each field, how alike two records' values
 * are, from "exact" down to "different" (Splink's comparison levels). A level is an index into the
 * field's `levels`; -1 means one side has no value (the field says nothing). What a level is worth
 * (its weight) is not decided here but measured from the data: see `match-model.ts`.
 *
 * Records are compared in a prepared form (`PreparedRecord`) computed once per record, so that a
 * comparison allocates nothing.
 */
import type { IdentityRecord } from './records';

export const MATCH_FIELDS = ['firstName', 'lastName', 'birthDate', 'postalCode', 'address', 'city', 'email', 'phone'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** Level names per field, most alike first; the last is "different". */
export const FIELD_LEVELS: Record<MatchField, readonly string[]> = {
  firstName: ['exact', 'similar (Jaro–Winkler ≥ 0.92)', 'alike (Jaro–Winkler ≥ 0.80)', 'different'],
  lastName: ['exact', 'similar (Jaro–Winkler ≥ 0.92)', 'alike (Jaro–Winkler ≥ 0.80)', 'different'],
  birthDate: ['exact', 'one digit mistyped', 'day and month swapped', 'within a month', 'within a year', 'different', '10+ years apart'],
  postalCode: ['exact', 'one character mistyped', 'different'],
  address: ['exact', 'same number, street alike', 'some words in common', 'different'],
  city: ['exact', 'similar (Jaro–Winkler ≥ 0.90)', 'alike (Jaro–Winkler ≥ 0.80)', 'different'],
  email: ['exact', 'similar (Jaro–Winkler ≥ 0.92, same digits)', 'alike (Jaro–Winkler ≥ 0.80, same digits)', 'different'],
  phone: ['one in common', 'none in common'],
};

/** Fields whose exact level is weighted by how common the value is (a "smith" says less than a "zzyzx"). */
export const TERM_FREQUENCY_FIELDS = ['firstName', 'lastName', 'postalCode', 'city'] as const;
export type TermFrequencyField = (typeof TERM_FREQUENCY_FIELDS)[number];

/** A record's comparable values, computed once. */
export interface PreparedRecord {
  first?: string;
  /** Surname without its particles (see `surnameCore`). */
  last?: string;
  /** YYYYMMDD. */
  dob?: string;
  postal?: string;
  address?: string;
  /** The address's numbers and its words, for the token levels. */
  addressNumbers?: string;
  addressWords?: string;
  city?: string;
  emails: readonly string[];
  /** Per email: its handle holds the record's first or last name (`anna.smith84@`). */
  emailsFromName: readonly boolean[];
  phones: readonly string[];
}

/**
 * Surname particles (Dutch tussenvoegsels, German, French, Italian, Spanish and Portuguese ones),
 * lower-case as names are normalised. Jaro–Winkler rewards a shared start, so "van der velden"
 * and "van der laan" would look alike; surnames are compared without them.
 */
const SURNAME_PARTICLES = new Set([
  'van', 'der', 'den', 'de', 'het', "'t", 'ter', 'ten', 'te', 'vd', 'v/d', 'von', 'zu', 'vom', 'zum',
  'du', 'des', 'la', 'le', 'da', 'di', 'del', 'della', 'dos', 'das', 'do', 'y',
]);

/** A surname without its particles ("van der velden" → "velden"); itself when it is only particles. */
export function surnameCore(surname: string): string {
  if (!surname.includes(' ')) return surname;
  const words = surname.split(' ');
  const core = words.filter((word) => !SURNAME_PARTICLES.has(word));
  return core.length === 0 || core.length === words.length ? surname : core.join(' ');
}

const letters = (s: string): string => s.normalize('NFD').replace(/[^a-z]/g, '');

/** Whether an email's handle holds one of the names (three letters or more), as handles built from names do. */
function handleFromName(email: string, names: readonly (string | undefined)[]): boolean {
  const handle = letters(email.slice(0, email.lastIndexOf('@')));
  return names.some((name) => {
    const n = name ? letters(name) : '';
    return n.length >= 3 && handle.includes(n);
  });
}

export function prepareRecord(record: IdentityRecord): PreparedRecord {
  const emails = record.identifiers.filter((i) => i.type === 'email').map((i) => i.value);
  const prepared: PreparedRecord = {
    emails,
    emailsFromName: emails.map((e) => handleFromName(e, [record.firstName, record.lastName])),
    phones: record.identifiers.filter((i) => i.type === 'phone').map((i) => i.value),
  };
  if (record.firstName) prepared.first = record.firstName;
  if (record.lastName) prepared.last = surnameCore(record.lastName);
  if (record.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(record.birthDate)) prepared.dob = record.birthDate.replaceAll('-', '');
  if (record.postalCode) prepared.postal = record.postalCode;
  if (record.address) {
    prepared.address = record.address;
    const tokens = record.address.split(' ');
    prepared.addressNumbers = tokens.filter((t) => /\d/.test(t)).join(' ');
    prepared.addressWords = tokens.filter((t) => !/\d/.test(t)).join(' ');
  }
  if (record.city) prepared.city = record.city;
  return prepared;
}

// ---- string measures ------------------------------------------------------------------------------

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/**
 * Jaro–Winkler similarity (prefix scale 0.1, prefix up to 4), the measure Splink and the US
 * Census' record linkage use for names: typos cluster at the end and first letters are rarely
 * wrong. Works on UTF-16 code units and reuses two buffers, so a comparison allocates nothing.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(i + window + 1, lb);
    const c = a.charCodeAt(i);
    for (let j = from; j < to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  const limit = Math.min(4, la, lb);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Whether `a` and `b` are one edit apart: a substitution, an insertion or deletion, or two adjacent characters swapped. */
export function oneEditApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1 || a === b) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // Substitution: the rest equal after one position; transposition: ab ↔ ba then the rest equal.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const DIGIT_RUNS = /\d+/g;
const digitsOf = (email: string): string => email.match(DIGIT_RUNS)?.join(' ') ?? '';

// ---- per-field levels -----------------------------------------------------------------------------

/** 1, 2 or 3: at or above `similar`, at or above `alike`, below. */
function similarityLevel(s: number, similar: number, alike: number): number {
  return s >= similar ? 1 : s >= alike ? 2 : 3;
}

function nameLevel(a: string, b: string): number {
  return a === b ? 0 : similarityLevel(jaroWinkler(a, b), 0.92, 0.8);
}

const DAY_MS = 86_400_000;
const dayOf = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))) / DAY_MS;

function birthDateLevel(a: string, b: string): number {
  if (a === b) return 0;
  if (oneEditApart(a, b)) return 1;
  if (a.slice(0, 4) === b.slice(0, 4) && a.slice(4, 6) === b.slice(6, 8) && a.slice(6, 8) === b.slice(4, 6)) return 2;
  const days = Math.abs(dayOf(a) - dayOf(b));
  if (days <= 31) return 3;
  if (days <= 366) return 4;
  return Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4))) >= 10 ? 6 : 5;
}

function tokenOverlap(a: string, b: string): boolean {
  const words = new Set(a.split(' '));
  for (const w of b.split(' ')) if (w.length > 1 && words.has(w)) return true;
  return false;
}

function addressLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.address === b.address) return 0;
  const sameNumbers = a.addressNumbers !== '' && a.addressNumbers === b.addressNumbers;
  const words = a.addressWords && b.addressWords ? jaroWinkler(a.addressWords, b.addressWords) : 0;
  if (sameNumbers && words >= 0.88) return 1;
  if (sameNumbers || words >= 0.92 || tokenOverlap(a.address!, b.address!)) return 2;
  return 3;
}

/**
 * Best level over the two records' emails. Two handles both built from the names (maud.boer@ and
 * maud_boer@) look alike because the names do: that likeness is no evidence beyond the names',
 * so it says nothing (-1) rather than counting twice.
 */
function emailLevel(a: PreparedRecord, b: PreparedRecord): number {
  let best = 3;
  let fromNames = false;
  a.emails.forEach((x, i) => {
    b.emails.forEach((y, j) => {
      if (best === 0) return;
      if (x === y) {
        best = 0;
        return;
      }
      // Digits are chosen to tell accounts apart (anna.smith12@ vs anna.smith87@).
      if (best === 1 || digitsOf(x) !== digitsOf(y)) return;
      const s = jaroWinkler(x, y);
      if (s < 0.8) return;
      const level = s >= 0.92 ? 1 : 2;
      if (level < best) {
        best = level;
        fromNames = a.emailsFromName[i]! && b.emailsFromName[j]!;
      }
    });
  });
  return best !== 0 && best !== 3 && fromNames ? -1 : best;
}

/** The levels of one comparison, one per field in `MATCH_FIELDS` order (-1: a side has no value). */
export type Levels = Int8Array;

/** Whether `b`'s first and last name were entered the other way round, compared with `a`'s. */
export function namesSwapped(a: PreparedRecord, b: PreparedRecord): boolean {
  if (!a.first || !a.last || !b.first || !b.last) return false;
  if (a.first === b.first && a.last === b.last) return false;
  if (a.first === b.last && a.last === b.first) return true;
  const straight = jaroWinkler(a.first, b.first) + jaroWinkler(a.last, b.last);
  // Crosswise can only do better when the straight order is not already near-perfect.
  if (straight >= 1.9) return false;
  const crossed = jaroWinkler(a.first, b.last) + jaroWinkler(a.last, b.first);
  return crossed > straight;
}

/**
 * Only first name, birth date and phone (the rest left -1): what the guard rails weigh, compared
 * for every pair of people meeting in a union, so it skips the other fields' work.
 */
export function comparePersonalFields(a: PreparedRecord, b: PreparedRecord, out: Levels = new Int8Array(MATCH_FIELDS.length)): Levels {
  out.fill(-1);
  const bFirst = namesSwapped(a, b) ? b.last : b.first;
  out[0] = a.first && bFirst ? nameLevel(a.first, bFirst) : -1;
  out[2] = a.dob && b.dob ? birthDateLevel(a.dob, b.dob) : -1;
  out[7] = a.phones.length > 0 && b.phones.length > 0 ? (a.phones.some((p) => b.phones.includes(p)) ? 0 : 1) : -1;
  return out;
}

/** Compares two prepared records field by field into `out` (reused by callers that compare many pairs). */
export function compareRecords(a: PreparedRecord, b: PreparedRecord, out: Levels = new Int8Array(MATCH_FIELDS.length)): Levels {
  const swapped = namesSwapped(a, b);
  const bFirst = swapped ? b.last : b.first;
  const bLast = swapped ? b.first : b.last;
  out[0] = a.first && bFirst ? nameLevel(a.first, bFirst) : -1;
  out[1] = a.last && bLast ? nameLevel(a.last, bLast) : -1;
  out[2] = a.dob && b.dob ? birthDateLevel(a.dob, b.dob) : -1;
  out[3] = a.postal && b.postal ? (a.postal === b.postal ? 0 : oneEditApart(a.postal, b.postal) ? 1 : 2) : -1;
  out[4] = a.address && b.address ? addressLevel(a, b) : -1;
  out[5] = a.city && b.city ? (a.city === b.city ? 0 : similarityLevel(jaroWinkler(a.city, b.city), 0.9, 0.8)) : -1;
  out[6] = a.emails.length > 0 && b.emails.length > 0 ? emailLevel(a, b) : -1;
  out[7] = a.phones.length > 0 && b.phones.length > 0 ? (a.phones.some((p) => b.phones.includes(p)) ? 0 : 1) : -1;
  return out;
}

/** The value a term-frequency field matched exactly on (names in the compared order). */
export function exactValue(field: TermFrequencyField, a: PreparedRecord): string | undefined {
  return displayedValue(field, a);
}

/** The values shown for a field in an explanation (personal data: only for callers allowed to see it). */
export function displayedValue(field: MatchField, r: PreparedRecord): string | undefined {
  switch (field) {
    case 'firstName':
      return r.first;
    case 'lastName':
      return r.last;
    case 'birthDate':
      return r.dob && `${r.dob.slice(0, 4)}-${r.dob.slice(4, 6)}-${r.dob.slice(6, 8)}`;
    case 'postalCode':
      return r.postal;
    case 'address':
      return r.address;
    case 'city':
      return r.city;
    case 'email':
      return r.emails.join(', ') || undefined;
    case 'phone':
      return r.phones.join(', ') || undefined;
  }
}
