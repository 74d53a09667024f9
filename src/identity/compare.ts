/**
 * Person-level comparisons shared by the guard rails and the fuzzy rules. String similarity is
 * Jaro–Winkler from `@skyra/jaro-winkler`: it rewards a common prefix, which suits names (typos
 * cluster at the end; first letters are rarely wrong) and is the metric record-linkage tools
 * (Splink, dedupe, the US Census' BigMatch) use for names.
 */
import { jaroWinkler } from '@skyra/jaro-winkler';

export interface PersonAttributes {
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  /** Normalised (E.164) phone numbers the record holds. */
  phones?: readonly string[];
}

export function stringSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return jaroWinkler(a, b);
}

export interface NameComparison {
  /** Mean Jaro–Winkler of first and last name, in the better of the two orders. */
  similarity: number;
  /** First and last name were entered the other way round on one record. */
  swapped: boolean;
}

/** Compares two full names; undefined unless both records have a first and a last name. */
export function compareFullNames(a: PersonAttributes, b: PersonAttributes): NameComparison | undefined {
  if (!a.firstName || !a.lastName || !b.firstName || !b.lastName) return undefined;
  const straight = (stringSimilarity(a.firstName, b.firstName) + stringSimilarity(a.lastName, b.lastName)) / 2;
  const crossed = (stringSimilarity(a.firstName, b.lastName) + stringSimilarity(a.lastName, b.firstName)) / 2;
  return crossed > straight ? { similarity: crossed, swapped: true } : { similarity: straight, swapped: false };
}

export type BirthDateComparison = 'same' | 'near' | 'different' | 'unknown';

/**
 * `near` is a likely keying error: one of year, month or day differs, or day and month are
 * swapped (US vs European order). Anything else is a different date.
 */
export function compareBirthDates(a: string | undefined, b: string | undefined): BirthDateComparison {
  if (!a || !b) return 'unknown';
  if (a === b) return 'same';
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return 'near';
  const differing = Number(ya !== yb) + Number(ma !== mb) + Number(da !== db);
  return differing === 1 ? 'near' : 'different';
}

export interface DifferentPeopleEvidence {
  /** What told them apart (see `clearlyDifferentPeople`). */
  reason: 'given-names' | 'own-phones' | 'generations';
  /** Mean similarity of the full names, in their better order. */
  nameSimilarity: number;
  /** Similarity of the given names (either crosswise pair when the names look swapped). */
  givenNameSimilarity: number;
  birthDates: [string | undefined, string | undefined];
}

/**
 * "Clearly different people". Both records must carry a full name and must not share a birth
 * date; then either of these tells them apart:
 *   - given-names: the given names are not similar (John vs Mary Smith);
 *   - own-phones: the given names differ (even slightly: Julia vs Julian) and each record has
 *     phone numbers, none of them in common;
 *   - generations: the birth years are 10 or more apart, whatever the names (a parent and child:
 *     Adelina and Ariane Dietz, 1954 and 1995; John Smith senior and junior).
 * Birth dates that differ by less do not: keying errors in dates are common (the Splink benchmark
 * is full of them) and would split one person's records.
 *
 * Why given names: people sharing a household email usually share a surname and differ in given
 * name, while one person's records differ the other way round — a changed or misspelt surname
 * next to the same given name. A shared surname must not rescue a pair.
 *
 * DESIGN.md's example asks for different names AND different birth dates. We relax the second
 * half to "not known to be equal" because most records that share a household email carry no
 * birth date at all (POS members have no such field); requiring two birth dates would let a
 * family email merge a CRM contact with their partner's loyalty membership. An equal birth date
 * keeps the pair linkable: with a dissimilar name that is more often a nickname than a twin.
 */
export function clearlyDifferentPeople(
  a: PersonAttributes,
  b: PersonAttributes,
  similarNamesFrom: number,
): DifferentPeopleEvidence | undefined {
  const names = compareFullNames(a, b);
  if (!names) return undefined;
  if (compareBirthDates(a.birthDate, b.birthDate) === 'same') return undefined;
  // In the straight order the given names are the first names. Crosswise we cannot tell which
  // record was entered the wrong way round, so either crosswise pair may be the given names.
  const givenNameSimilarity = names.swapped
    ? Math.max(stringSimilarity(a.firstName!, b.lastName!), stringSimilarity(a.lastName!, b.firstName!))
    : stringSimilarity(a.firstName!, b.firstName!);
  let reason: DifferentPeopleEvidence['reason'] | undefined;
  if (givenNameSimilarity < similarNamesFrom) reason = 'given-names';
  else if (givenNameSimilarity < 1 && ownPhones(a, b)) reason = 'own-phones';
  else if (yearsApart(a.birthDate, b.birthDate) >= GENERATION_YEARS) reason = 'generations';
  if (!reason) return undefined;
  return {
    reason,
    nameSimilarity: round(names.similarity),
    givenNameSimilarity: round(givenNameSimilarity),
    birthDates: [a.birthDate, b.birthDate],
  };
}

const GENERATION_YEARS = 10;

function yearsApart(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  const years = Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4)));
  return Number.isFinite(years) ? years : 0;
}

function ownPhones(a: PersonAttributes, b: PersonAttributes): boolean {
  if (!a.phones?.length || !b.phones?.length) return false;
  return !a.phones.some((p) => b.phones!.includes(p));
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
