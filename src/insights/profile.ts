import type { PersonFields } from '../contract/documents';
import { normalizeAddress, normalizeEmail, normalizeName, normalizeNamePart, normalizePhone, normalizePostalCode } from '../identity/normalize';
import type { Channel, IndexConfig } from './config';
import type { CrmContactInput, CustomerInputs, PosMemberInput, WebVisitorInput } from './inputs';
import { displayCountry, displayFullName, displayName, displayText } from './display';

/**
 * A profile record: a CRM contact, a POS member or a web visitor linked to the customer. Cases,
 * sessions and receipts are interactions, not profile records, and never feed the profile.
 */
export interface ProfileRecord extends PersonFields {
  source: Channel;
  recordId: string;
  /** Contacts and members: their `updatedAt`; visitors: their latest event. */
  updatedAt: Date;
  birthDate?: string;
  emailOptIn?: boolean;
  smsOptIn?: boolean;
}

export function crmContactRecord({ contactId, ...fields }: CrmContactInput): ProfileRecord {
  return { source: 'crm', recordId: contactId, ...fields };
}

export function posMemberRecord({ loyaltyId, ...fields }: PosMemberInput): ProfileRecord {
  return { source: 'pos', recordId: loyaltyId, ...fields };
}

export function webVisitorRecord(visitor: WebVisitorInput): ProfileRecord {
  return {
    source: 'web',
    recordId: visitor.visitorId,
    updatedAt: visitor.lastSeenAt,
    ...(visitor.latestEmail !== undefined ? { email: visitor.latestEmail } : {}),
  };
}

/** Lists a customer's profile records from its inputs. */
export function profileRecords(inputs: CustomerInputs): ProfileRecord[] {
  return [
    ...inputs.crmContacts.map((contact) => crmContactRecord(contact)),
    ...inputs.posMembers.map((member) => posMemberRecord(member)),
    ...inputs.webVisitors.map((visitor) => webVisitorRecord(visitor)),
  ];
}

/**
 * Survivorship order: the latest time first; equal times by source priority (crm > pos > web by
 * default), then the smaller record id (plain code-unit order, as `<` compares strings).
 */
export function compareRecords(config: IndexConfig): (a: ProfileRecord, b: ProfileRecord) => number {
  const rank = (source: Channel) => config.sourcePriority.indexOf(source);
  return (a, b) =>
    b.updatedAt.getTime() - a.updatedAt.getTime() ||
    rank(a.source) - rank(b.source) ||
    (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0);
}

/** One value of an attribute and the record that holds it. */
export interface ProfileValue<T> {
  value: T;
  source: Channel;
  recordId: string;
  updatedAt: Date;
}

/** The surviving value of an attribute, with the distinct values that lost to it. */
export interface ProfileAttribute<T> extends ProfileValue<T> {
  /** One entry per other distinct (normalised) value, its most recent holder, in survivorship order. */
  conflicts: ProfileValue<T>[];
}

/**
 * The merged ("golden") profile. An attribute no linked record holds is null. Loyalty tier is not
 * part of any source the contract knows, so it is not derived.
 */
export interface GoldenProfile {
  /** "First Last" from records that hold both; the attribute compared for consistency. */
  fullName: ProfileAttribute<string> | null;
  /** Each part survives on its own, so it may come from another record than `fullName`. */
  firstName: ProfileAttribute<string> | null;
  lastName: ProfileAttribute<string> | null;
  /** Trimmed, lower-cased; a value not shaped like an address counts as absent. */
  email: ProfileAttribute<string> | null;
  /** E.164. */
  phone: ProfileAttribute<string> | null;
  /** Upper-cased, without spaces. */
  postalCode: ProfileAttribute<string> | null;
  /** ISO 3166 alpha-2, upper-cased. */
  country: ProfileAttribute<string> | null;
  /** YYYY-MM-DD, from CRM contacts and loyalty members. */
  birthDate: ProfileAttribute<string> | null;
  /** The street address as typed, from the latest record holding a first address line. */
  address: ProfileAttribute<PostalAddress> | null;
  /** Consents, from CRM contacts. */
  emailOptIn: ProfileAttribute<boolean> | null;
  smsOptIn: ProfileAttribute<boolean> | null;
}

export type ProfileAttributeName = keyof GoldenProfile;

/** An address as one record holds it (its lines as typed, the postal code normalised). */
export interface PostalAddress {
  line1: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** The attributes consistency compares, in the order evidence lists them. */
export const COMPARED_ATTRIBUTES = ['fullName', 'email', 'phone', 'postalCode'] as const;
export type ComparedAttribute = (typeof COMPARED_ATTRIBUTES)[number];

interface Extracted<T> {
  /** What the profile shows. */
  value: T;
  /** What two values are compared by. */
  key: string;
}

type Extractor<T> = (record: ProfileRecord) => Extracted<T> | undefined;

function normalised(value: string | undefined): Extracted<string> | undefined {
  return value === undefined ? undefined : { value, key: value };
}

function nameExtractor(part: 'firstName' | 'lastName'): Extractor<string> {
  return (record) => {
    const value = displayName(record[part]);
    const key = normalizeNamePart(record[part]);
    return value === undefined || key === undefined ? undefined : { value, key };
  };
}

function flag(value: boolean | undefined): Extracted<boolean> | undefined {
  return value === undefined ? undefined : { value, key: String(value) };
}

const EXTRACTORS: { [A in ProfileAttributeName]: Extractor<NonNullable<GoldenProfile[A]>['value']> } = {
  fullName: (record) => {
    const value = displayFullName(record.firstName, record.lastName);
    const key = normalizeName(record.firstName, record.lastName).full;
    return value === undefined || key === undefined ? undefined : { value, key };
  },
  firstName: nameExtractor('firstName'),
  lastName: nameExtractor('lastName'),
  email: (record) => normalised(normalizeEmail(record.email)),
  // The index reads a national number in the record's own country only (no configured default).
  phone: (record) => normalised(normalizePhone(record.phone, record.country, undefined)),
  postalCode: (record) => normalised(normalizePostalCode(record.postalCode)),
  country: (record) => normalised(displayCountry(record.country)),
  birthDate: (record) => normalised(displayText(record.birthDate)),
  address: addressOf,
  emailOptIn: (record) => flag(record.emailOptIn),
  smsOptIn: (record) => flag(record.smsOptIn),
};

/**
 * A record's address, compared by its normalised lines, city and postal code (so `12 Park St` and
 * `12 PARK STREET` are one value, shown as the later record typed it).
 */
function addressOf(record: ProfileRecord): Extracted<PostalAddress> | undefined {
  const line1 = displayText(record.addressLine1);
  if (line1 === undefined) return undefined;
  const value: PostalAddress = { line1 };
  const optional = {
    line2: displayText(record.addressLine2),
    city: displayText(record.city),
    region: displayText(record.region),
    postalCode: normalizePostalCode(record.postalCode),
    country: displayCountry(record.country),
  };
  for (const [key, v] of Object.entries(optional)) if (v !== undefined) value[key as keyof typeof optional] = v;
  const key = [normalizeAddress(record.addressLine1, record.addressLine2), normalizeNamePart(record.city) ?? '', optional.postalCode ?? ''].join('|');
  return { value, key };
}

/** The comparison key of a compared attribute on one record, or undefined when it has none. */
export function comparisonKey(attribute: ComparedAttribute, record: ProfileRecord): string | undefined {
  return EXTRACTORS[attribute](record)?.key;
}

interface Survivor<T> {
  attribute: ProfileAttribute<T>;
  key: string;
}

function survive<T>(sorted: readonly ProfileRecord[], extract: Extractor<T>): Survivor<T> | null {
  let winner: Survivor<T> | null = null;
  const seenKeys = new Set<string>();
  for (const record of sorted) {
    const extracted = extract(record);
    if (extracted === undefined || seenKeys.has(extracted.key)) continue;
    seenKeys.add(extracted.key);
    const held: ProfileValue<T> = {
      value: extracted.value,
      source: record.source,
      recordId: record.recordId,
      updatedAt: record.updatedAt,
    };
    if (winner === null) winner = { attribute: { ...held, conflicts: [] }, key: extracted.key };
    else winner.attribute.conflicts.push(held);
  }
  return winner;
}

/** The golden profile with the comparison key of each compared attribute's surviving value. */
export interface ResolvedProfile {
  profile: GoldenProfile;
  keys: Record<ComparedAttribute, string | undefined>;
}

/** Builds the golden profile from profile records (see `goldenProfile`). */
export function resolveProfile(records: readonly ProfileRecord[], config: IndexConfig): ResolvedProfile {
  const sorted = [...records].sort(compareRecords(config));
  const fullName = survive(sorted, EXTRACTORS.fullName);
  const email = survive(sorted, EXTRACTORS.email);
  const phone = survive(sorted, EXTRACTORS.phone);
  const postalCode = survive(sorted, EXTRACTORS.postalCode);
  const attributeOf = <T>(survivor: Survivor<T> | null) => survivor?.attribute ?? null;
  return {
    profile: {
      fullName: attributeOf(fullName),
      firstName: attributeOf(survive(sorted, EXTRACTORS.firstName)),
      lastName: attributeOf(survive(sorted, EXTRACTORS.lastName)),
      email: attributeOf(email),
      phone: attributeOf(phone),
      postalCode: attributeOf(postalCode),
      country: attributeOf(survive(sorted, EXTRACTORS.country)),
      birthDate: attributeOf(survive(sorted, EXTRACTORS.birthDate)),
      address: attributeOf(survive(sorted, EXTRACTORS.address)),
      emailOptIn: attributeOf(survive(sorted, EXTRACTORS.emailOptIn)),
      smsOptIn: attributeOf(survive(sorted, EXTRACTORS.smsOptIn)),
    },
    keys: {
      fullName: fullName?.key,
      email: email?.key,
      phone: phone?.key,
      postalCode: postalCode?.key,
    },
  };
}

/**
 * The customer's golden profile: per attribute, the value of the most recently updated profile
 * record that holds one (ties: source priority, then smaller record id), with the source record
 * and time, and the other distinct values as conflicts.
 */
export function goldenProfile(inputs: CustomerInputs, config: IndexConfig): GoldenProfile {
  return resolveProfile(profileRecords(inputs), config).profile;
}
