/**
 * Normalisation of the identifiers and person attributes identity resolution compares.
 *
 * These are the "precise rules" of DESIGN.md (trim, lower-case, NFC, E.164, ...). Everything that
 * compares identifiers — `omnidex resolve`, `findCustomer(by:)`, the index's consistency component —
 * must go through these functions so that two code paths never disagree on what "the same email" is.
 */
import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js';

export type IdentifierType = 'email' | 'phone' | 'loyaltyId' | 'webUserId' | 'cardToken';

export const IDENTIFIER_TYPES: readonly IdentifierType[] = ['email', 'phone', 'loyaltyId', 'webUserId', 'cardToken'];

export interface EmailOptions {
  /**
   * Gmail ignores dots and everything after `+` in the local part, so `J.Doe+shop@gmail.com` and
   * `jdoe@gmail.com` reach the same inbox. Off by default: applied blindly it also rewrites
   * addresses a customer typed deliberately, and the golden profile should show what they typed.
   */
  gmailDotPlusRule?: boolean;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

// Unicode format characters (category Cf): zero-width space and joiners, byte-order mark, soft
// hyphen, bidi marks. They show as nothing, so a value holding one looks identical to one without.
const INVISIBLE = /\p{Cf}/gu;

/** `raw` without the invisible format characters no identifier is meant to hold. */
export function withoutInvisible(raw: string): string {
  return raw.replace(INVISIBLE, '');
}

// Deliberately loose: the point is to tell an address from a mangled or free-text value, not to
// implement RFC 5322. One `@`, something on both sides, no whitespace.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** Trimmed, lower-cased email without invisible characters, or undefined when blank or not shaped like an address. */
export function normalizeEmail(raw: string | undefined | null, options: EmailOptions = {}): string | undefined {
  if (raw == null) return undefined;
  const email = withoutInvisible(raw).normalize('NFC').trim().toLowerCase();
  if (!EMAIL_SHAPE.test(email)) return undefined;
  if (!options.gmailDotPlusRule) return email;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return email;
  const local = email.slice(0, at).split('+')[0]!.replaceAll('.', '');
  return local ? `${local}@gmail.com` : email;
}

/** Narrows an ISO 3166 alpha-2 code to one libphonenumber-js knows, case-insensitively. */
export function toCountryCode(country: string | undefined | null): CountryCode | undefined {
  if (!country) return undefined;
  const upper = country.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/**
 * The phone number in E.164 (`+442079460958`), or undefined when it cannot be parsed or is not a
 * valid number. National forms are read in the record's own country when it has one, else in
 * `defaultCountry`; numbers written with `+` or an international prefix keep their own country.
 */
export function normalizePhone(
  raw: string | undefined | null,
  country: string | undefined | null,
  defaultCountry: string | undefined,
): string | undefined {
  if (raw == null) return undefined;
  // libphonenumber skips some invisible characters (a zero-width space) and fails on others.
  const phone = withoutInvisible(raw);
  if (phone.trim() === '') return undefined;
  const region = toCountryCode(country) ?? toCountryCode(defaultCountry);
  const parsed = region ? parsePhoneNumberFromString(phone, { defaultCountry: region }) : parsePhoneNumberFromString(phone);
  if (!parsed || !parsed.isValid()) return undefined;
  return parsed.number;
}

/** One name part: NFC, trimmed, inner whitespace collapsed, lower-cased; accents are kept. */
export function normalizeNamePart(raw: string | undefined | null): string | undefined {
  if (raw == null) return undefined;
  const part = raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return part === '' ? undefined : part;
}

export interface NormalizedName {
  first?: string;
  last?: string;
  /** `first last`, only when both parts are present (DESIGN.md: full name needs both). */
  full?: string;
}

export function normalizeName(first: string | undefined | null, last: string | undefined | null): NormalizedName {
  const f = normalizeNamePart(first);
  const l = normalizeNamePart(last);
  const name: NormalizedName = {};
  if (f !== undefined) name.first = f;
  if (l !== undefined) name.last = l;
  if (f !== undefined && l !== undefined) name.full = `${f} ${l}`;
  return name;
}

/** Upper-cased with every space removed (`sw1a 1aa` → `SW1A1AA`), or undefined when blank. */
export function normalizePostalCode(raw: string | undefined | null): string | undefined {
  if (raw == null) return undefined;
  const code = raw.normalize('NFC').replace(/\s+/g, '').toUpperCase();
  return code === '' ? undefined : code;
}

/**
 * Trimmed opaque id (loyalty id, web user id, card token) without invisible characters: case
 * matters to the systems issuing them.
 */
export function normalizeOpaqueId(raw: string | undefined | null): string | undefined {
  if (raw == null) return undefined;
  const id = withoutInvisible(raw).trim();
  return id === '' ? undefined : id;
}

/** Normalises a value of any identifier type the way `findCustomer(by:)` and `resolve` both need. */
export function normalizeIdentifier(
  type: IdentifierType,
  raw: string,
  options: { country?: string; defaultCountry: string; email?: EmailOptions },
): string | undefined {
  switch (type) {
    case 'email':
      return normalizeEmail(raw, options.email);
    case 'phone':
      return normalizePhone(raw, options.country, options.defaultCountry);
    case 'loyaltyId':
    case 'webUserId':
    case 'cardToken':
      return normalizeOpaqueId(raw);
  }
}

// ---- placeholders ----------------------------------------------------------------------------

/**
 * Values people type when a form insists on an identifier they do not want to give. Linking on
 * them would merge every customer who typed the same one, so they never link. Email patterns use
 * `*` as a wildcard; the lists are configuration (see `ResolveConfig.placeholders`).
 */
export interface PlaceholderRules {
  emails: string[];
  /** Phone numbers (digits only, as typed or as the national number) that are never real. */
  phoneDigits: string[];
  /** A national number made of one repeated digit (`0000000000`, `999999999`). */
  phoneRepeatedDigits: boolean;
  /** A national number that is a run of consecutive digits (`123456789`, `9876543210`). */
  phoneSequences: boolean;
  /** Values that mean "nothing" whatever the identifier type. */
  anyType: string[];
}

export const DEFAULT_PLACEHOLDERS: PlaceholderRules = {
  emails: [
    'test@test.com',
    'test@example.com',
    '*@example.com',
    '*@example.org',
    '*@test.com',
    'noemail@*',
    'no-email@*',
    'no.email@*',
    'nomail@*',
    'none@*',
    'no@*',
    'na@*',
    'null@*',
    'unknown@*',
    'noreply@*',
    'no-reply@*',
    'donotreply@*',
    'email@email.com',
    'a@a.com',
    'x@x.com',
  ],
  phoneDigits: ['0000000000', '1234567890', '0123456789', '1111111111', '9999999999'],
  phoneRepeatedDigits: true,
  phoneSequences: true,
  anyType: ['null', 'none', 'n/a', 'na', 'unknown', 'undefined', '-', '0', 'test', 'xxx'],
};

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

const ASCENDING = '01234567890123456789';
const DESCENDING = '98765432109876543210';

/** Compiled form of `PlaceholderRules`, built once per run rather than once per value. */
export class PlaceholderMatcher {
  private readonly emailPatterns: RegExp[];
  private readonly phoneDigits: Set<string>;
  private readonly anyType: Set<string>;

  constructor(private readonly rules: PlaceholderRules = DEFAULT_PLACEHOLDERS) {
    this.emailPatterns = rules.emails.map(globToRegExp);
    this.phoneDigits = new Set(rules.phoneDigits);
    this.anyType = new Set(rules.anyType.map((v) => v.toLowerCase()));
  }

  /** Whether `value` (raw or normalised) is a placeholder for an identifier of `type`. */
  isPlaceholder(type: IdentifierType, value: string): boolean {
    const trimmed = value.trim().toLowerCase();
    if (trimmed === '' || this.anyType.has(trimmed)) return true;
    if (type === 'email') return this.emailPatterns.some((re) => re.test(trimmed));
    if (type === 'phone') return this.isPlaceholderPhone(trimmed);
    return false;
  }

  private isPlaceholderPhone(value: string): boolean {
    const digits = value.replace(/\D/g, '');
    const candidates = [digits];
    const parsed = value.startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
    if (parsed) candidates.push(String(parsed.nationalNumber));
    return candidates.some((d) => {
      if (d === '') return true;
      if (this.phoneDigits.has(d)) return true;
      if (this.rules.phoneRepeatedDigits && d.length >= 6 && /^(\d)\1+$/.test(d)) return true;
      if (this.rules.phoneSequences && d.length >= 6 && (ASCENDING.includes(d) || DESCENDING.includes(d))) return true;
      return false;
    });
  }
}

const defaultMatcher = new PlaceholderMatcher();

/** `isPlaceholder` with the default rules, or with `rules` when given. */
export function isPlaceholder(type: IdentifierType, value: string, rules?: PlaceholderRules): boolean {
  return (rules ? new PlaceholderMatcher(rules) : defaultMatcher).isPlaceholder(type, value);
}
