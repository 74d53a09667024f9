/**
 * The source-neutral input of identity resolution, and the mappers from the channel documents
 * (`src/contract/documents.ts`) to it. Resolution never sees a channel document: adding a source
 * means adding a mapper here, nothing else.
 */
import type { CrmContactDoc, PersonFields, PosMemberDoc, PosTransactionDoc, WebVisitorDoc } from '../contract/documents';
import {
  normalizeAddress,
  normalizeEmail,
  normalizeName,
  normalizeNamePart,
  normalizeOpaqueId,
  normalizePhone,
  normalizePostalCode,
  type EmailOptions,
  type IdentifierType,
} from './normalize';

export type RecordSource = 'crm' | 'web' | 'pos';
export type RecordKind = 'contact' | 'visitor' | 'member' | 'transaction';

export interface RecordRef {
  source: RecordSource;
  kind: RecordKind;
  id: string;
}

export interface Identifier {
  type: IdentifierType;
  /** Already normalised (see normalize.ts). */
  value: string;
}

export interface IdentityRecord {
  ref: RecordRef;
  identifiers: Identifier[];
  /** Normalised name parts (see `normalizeName`). */
  firstName?: string;
  lastName?: string;
  birthDate?: string; // YYYY-MM-DD
  postalCode?: string;
  /** Both address lines, normalised (see `normalizeAddress`). */
  address?: string;
  /** Normalised like a name part. */
  city?: string;
  region?: string;
  country?: string;
  /** When the source first had this record: the tie-breaker "oldest record" of a split. */
  createdAt: Date;
  updatedAt: Date;
}

/** `crm:contact:C123`: the string form of a ref, used as a map key and in stored state. */
export function refKey(ref: RecordRef): string {
  return `${ref.source}:${ref.kind}:${ref.id}`;
}

const SOURCES = new Set<string>(['crm', 'web', 'pos']);
const KINDS = new Set<string>(['contact', 'visitor', 'member', 'transaction']);

export function parseRefKey(key: string): RecordRef {
  const first = key.indexOf(':');
  const second = key.indexOf(':', first + 1);
  const source = key.slice(0, first);
  const kind = key.slice(first + 1, second);
  if (first < 0 || second < 0 || !SOURCES.has(source) || !KINDS.has(kind)) {
    throw new Error(`Not a record key: ${JSON.stringify(key)} (expected source:kind:id, e.g. crm:contact:C1)`);
  }
  return { source: source as RecordSource, kind: kind as RecordKind, id: key.slice(second + 1) };
}

/** Kinds that describe a person (a profile); the others are interactions that carry identifiers. */
export function isProfileKind(kind: RecordKind): boolean {
  return kind !== 'transaction';
}

export interface MapperOptions {
  /** Region for national phone numbers on records without a country (ISO alpha-2). */
  defaultCountry: string;
  email?: EmailOptions;
}

class IdentifierList {
  readonly items: Identifier[] = [];
  private readonly seen = new Set<string>();

  add(type: IdentifierType, value: string | undefined): void {
    if (value === undefined) return;
    const key = `${type}\u0000${value}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ type, value });
  }
}

function withPerson(record: IdentityRecord, person: PersonFields & { birthDate?: string }): IdentityRecord {
  const name = normalizeName(person.firstName, person.lastName);
  if (name.first !== undefined) record.firstName = name.first;
  if (name.last !== undefined) record.lastName = name.last;
  const birthDate = person.birthDate?.trim();
  if (birthDate) record.birthDate = birthDate;
  const postalCode = normalizePostalCode(person.postalCode);
  if (postalCode !== undefined) record.postalCode = postalCode;
  const address = normalizeAddress(person.addressLine1, person.addressLine2);
  if (address !== undefined) record.address = address;
  const city = normalizeNamePart(person.city);
  if (city !== undefined) record.city = city;
  const region = normalizeNamePart(person.region);
  if (region !== undefined) record.region = region;
  const country = person.country?.trim().toUpperCase();
  if (country) record.country = country;
  return record;
}

export function fromCrmContact(doc: CrmContactDoc, options: MapperOptions): IdentityRecord {
  const ids = new IdentifierList();
  ids.add('email', normalizeEmail(doc.email, options.email));
  ids.add('phone', normalizePhone(doc.phone, doc.country, options.defaultCountry));
  ids.add('loyaltyId', normalizeOpaqueId(doc.loyaltyId));
  return withPerson(
    {
      ref: { source: 'crm', kind: 'contact', id: doc.contactId },
      identifiers: ids.items,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    },
    doc,
  );
}

export function fromPosMember(doc: PosMemberDoc, options: MapperOptions): IdentityRecord {
  const ids = new IdentifierList();
  ids.add('loyaltyId', normalizeOpaqueId(doc.loyaltyId));
  ids.add('email', normalizeEmail(doc.email, options.email));
  ids.add('phone', normalizePhone(doc.phone, doc.country, options.defaultCountry));
  return withPerson(
    {
      ref: { source: 'pos', kind: 'member', id: doc.loyaltyId },
      identifiers: ids.items,
      createdAt: doc.enrolledAt,
      updatedAt: doc.updatedAt,
    },
    doc,
  );
}

/**
 * A visitor (one cookie) carries every userId and email seen on any of its sessions. This is what
 * stitches anonymous sessions: they belong to the visitor, and the visitor joins the customer its
 * later login, signup or order identifies.
 */
export function fromWebVisitor(doc: WebVisitorDoc, options: MapperOptions): IdentityRecord {
  const ids = new IdentifierList();
  for (const userId of [...doc.userIds].sort()) ids.add('webUserId', normalizeOpaqueId(userId));
  for (const email of [...doc.emails].sort()) ids.add('email', normalizeEmail(email, options.email));
  return {
    ref: { source: 'web', kind: 'visitor', id: doc.visitorId },
    identifiers: ids.items,
    createdAt: doc.firstSeenAt,
    updatedAt: doc.lastSeenAt,
  };
}

/**
 * A receipt is resolved on its own (DESIGN.md: "that transaction's own resolved customer"): its
 * loyalty card, payment card token and receipt email each link it.
 */
export function fromPosTransaction(doc: PosTransactionDoc, options: MapperOptions): IdentityRecord {
  const ids = new IdentifierList();
  ids.add('loyaltyId', normalizeOpaqueId(doc.loyaltyId));
  ids.add('cardToken', normalizeOpaqueId(doc.cardToken));
  ids.add('email', normalizeEmail(doc.receiptEmail, options.email));
  return {
    ref: { source: 'pos', kind: 'transaction', id: doc.transactionId },
    identifiers: ids.items,
    createdAt: doc.at,
    updatedAt: doc.at,
  };
}
