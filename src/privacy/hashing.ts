/**
 * Keyed hashes of identifiers, for the suppression list: the list must let the importer recognise a
 * forgotten person's identifiers without itself holding them. A plain SHA-256 of an email or a
 * phone number is reversed by hashing every plausible value; an HMAC under a secret the database
 * never sees is not.
 */
import { createHmac } from 'node:crypto';
import { normalizeEmail, normalizeOpaqueId, normalizePhone } from '../identity/normalize';

/** The strong identifiers a forgotten customer is suppressed by. */
export const SUPPRESSED_TYPES = ['email', 'phone', 'loyaltyId', 'webUserId', 'cardToken', 'crmContactId', 'webVisitorId'] as const;
export type SuppressedType = (typeof SUPPRESSED_TYPES)[number];

/** A normalised identifier: the same person gives the same pair whichever source wrote it. */
export interface SuppressedIdentifier {
  type: SuppressedType;
  value: string;
}

/** Phone region for national numbers without a country, as `omnidex resolve` reads them. */
export const DEFAULT_PHONE_REGION = 'GB';

/** Secrets shorter than this are refused: the list would then be brute-forceable after all. */
export const MIN_SECRET_LENGTH = 16;

export class PrivacySecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrivacySecretError';
  }
}

export function assertUsableSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new PrivacySecretError(`the privacy secret must be at least ${MIN_SECRET_LENGTH} characters long (OMNIDEX_PRIVACY_SECRET)`);
  }
}

/**
 * What the list holds hashes of: the identifiers, plus the last digits of each phone number, which
 * let the importer skip parsing the phone of every row that cannot match (see `phoneTail`).
 */
export type HashedValue = SuppressedIdentifier | { type: 'phoneTail'; value: string };

/** HMAC-SHA256 of `type:value` under `secret`, base64url: the suppression list's key. */
export function suppressionHash(secret: string, hashed: HashedValue): string {
  return createHmac('sha256', secret).update(`${hashed.type}:${hashed.value}`).digest('base64url');
}

const PHONE_TAIL_DIGITS = 7;
// An extension is not part of the E.164 number the list holds.
const PHONE_EXTENSION = /(?:e?xt\.?|x|#|;ext=).*$/i;

/**
 * The last digits of a phone number however it is written (national, international, E.164):
 * formats differ only in what comes before. Parsing a phone costs some twenty times a hash, so the
 * importer parses only rows whose tail is on the list.
 */
export function phoneTail(raw: string): string | undefined {
  const digits = raw.replace(PHONE_EXTENSION, '').replace(/\D/g, '');
  return digits.length >= PHONE_TAIL_DIGITS ? digits.slice(-PHONE_TAIL_DIGITS) : undefined;
}

/**
 * A raw value normalised as identity resolution normalises an identifier of `type`, or undefined
 * when it is not one (a blank, an unparseable phone). `country` is the record's own, for phones.
 */
export function normaliseSuppressed(type: SuppressedType, raw: unknown, country?: string): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw);
  switch (type) {
    case 'email':
      return normalizeEmail(text);
    case 'phone':
      return normalizePhone(text, country, DEFAULT_PHONE_REGION);
    default:
      return normalizeOpaqueId(text);
  }
}
