/**
 * The suppression list: keyed hashes (see `hashing.ts`) of every strong identifier of every
 * forgotten customer. The importer consults it so that re-importing an old export does not bring a
 * forgotten person back; `forgetCustomer` uses the same check to scrub the quarantine.
 *
 * Stored in `identity.suppression` as `{ _id: hash, addedAt }` (a phone number also lists its last
 * digits, which spare the importer parsing every phone, see `phoneTail`), plus one `key-check` document
 * holding the hash of a constant, so that a changed secret is caught instead of silently letting
 * every forgotten person back in.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { Collection, Db } from 'mongodb';
import { withoutInvisible } from '../identity/normalize';
import {
  assertUsableSecret,
  DEFAULT_PHONE_REGION,
  normaliseSuppressed,
  phoneTail,
  SUPPRESSED_TYPES,
  suppressionHash,
  type HashedValue,
  type SuppressedIdentifier,
  type SuppressedType,
} from './hashing';

export const SUPPRESSION_COLLECTION = 'suppression';
const KEY_CHECK_ID = 'key-check';
const KEY_CHECK_VALUE: SuppressedIdentifier = { type: 'crmContactId', value: 'omnidex suppression key check' };

export interface SuppressionDoc {
  _id: string;
  addedAt: Date;
  /** Only on the key-check document. */
  check?: string;
}

/** Which contract field carries which identifier type (the same name means the same thing in every file). */
export const SUPPRESSED_FIELDS: Readonly<Record<string, SuppressedType>> = {
  contactId: 'crmContactId',
  visitorId: 'webVisitorId',
  userId: 'webUserId',
  email: 'email',
  receiptEmail: 'email',
  phone: 'phone',
  loyaltyId: 'loyaltyId',
  cardToken: 'cardToken',
};

/**
 * Answers "must this row be left out?" for the importer; built by `loadSuppression` once per run.
 * A suppressed row is counted as `suppressed` and stored nowhere, not even in the quarantine (its
 * raw text is the data being forgotten), with one exception: a valid receipt line
 * (`pos/transactions.csv`) is stored pseudonymised (`pseudonymiseTransactionRow`), as
 * `forgetCustomer` left the receipts already stored, so that the books stay whole.
 */
export interface SuppressionCheck {
  /** Hashes on the list (0: every check answers undefined at once). */
  readonly size: number;
  /**
   * For a validated row of `file` (field names of the data contract): the reason it must not be
   * stored anywhere, or undefined. The reason names the field, never its value.
   */
  check(file: string, row: Readonly<Record<string, unknown>>): string | undefined;
  /**
   * For a row that failed validation (its raw line): the same answer, judged from every value the
   * line holds, since a malformed row's fields cannot be trusted to sit under the right names.
   */
  checkRaw(file: string, raw: string): string | undefined;
}

export class SuppressionKeyError extends Error {
  constructor() {
    super(
      'The privacy secret (OMNIDEX_PRIVACY_SECRET) is not the one the suppression list was built with: ' +
        'forgotten customers could be re-imported. Restore the original secret.',
    );
    this.name = 'SuppressionKeyError';
  }
}

/** The list lives in the identity database, beside the customers it was built from. */
export function suppressionCollection(identity: Db): Collection<SuppressionDoc> {
  return identity.collection<SuppressionDoc>(SUPPRESSION_COLLECTION);
}

/** Every string or number inside `value` (objects and arrays walked), as text. */
function leafValues(value: unknown): string[] {
  const found: string[] = [];
  const stack = [value];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === 'string' || typeof item === 'number') found.push(String(item));
    else if (item !== null && typeof item === 'object') stack.push(...Object.values(item));
  }
  return found;
}

/** The cells of a raw line; a line too broken to parse is split on the characters that delimit values. */
function rawValues(file: string, raw: string): string[] {
  if (file.endsWith('.csv')) {
    try {
      const rows = parseCsv(raw, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
      return rows.flat();
    } catch {
      return raw.split(',');
    }
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return leafValues(parsed);
  } catch {
    // Falls through to splitting.
  }
  return raw.split(/["{}[\],]/);
}

/** The hashes that list `identifiers`: one per identifier, and one per phone number's tail. */
export function suppressionHashes(secret: string, identifiers: readonly SuppressedIdentifier[]): Set<string> {
  const hashed: HashedValue[] = [...identifiers];
  for (const { type, value } of identifiers) {
    const tail = type === 'phone' ? phoneTail(value) : undefined;
    if (tail !== undefined) hashed.push({ type: 'phoneTail', value: tail });
  }
  return new Set(hashed.map((value) => suppressionHash(secret, value)));
}

/** Answers remembered per check: a visitor's id recurs on every one of its events. */
const MEMO_LIMIT = 100_000;

/** A check over a known set of hashes (what `loadSuppression` reads; `forgetCustomer` builds its own). */
export function createSuppressionCheck(secret: string, hashes: ReadonlySet<string>): SuppressionCheck {
  assertUsableSecret(secret);
  const memo = new Map<string, boolean>();
  const listed = (hashed: HashedValue): boolean => {
    const key = `${hashed.type}\u0000${hashed.value}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      hit = hashes.has(suppressionHash(secret, hashed));
      memo.set(key, hit);
    }
    return hit;
  };
  /** Whether `raw`, read as an identifier of `type`, is on the list; a phone is parsed only when its tail is. */
  const isListed = (type: SuppressedType, raw: unknown, country: string | undefined): boolean => {
    if (typeof raw !== 'string' && typeof raw !== 'number') return false;
    if (type === 'phone') {
      const tail = phoneTail(String(raw));
      if (tail === undefined || !listed({ type: 'phoneTail', value: tail })) return false;
    }
    const value = normaliseSuppressed(type, raw, country);
    if (value !== undefined && listed({ type, value })) return true;
    // Lists written before normalisation dropped invisible characters hold values with them
    // (phones excepted: one holding them was then either read the same or not read at all).
    const text = String(raw);
    if (type === 'phone' || withoutInvisible(text) === text) return false;
    const before = type === 'email' ? text.normalize('NFC').trim().toLowerCase() : text.trim();
    return before !== value && listed({ type, value: before });
  };
  /** The type `value` is listed as, tried as every identifier type (a phone in each of `regions`). */
  const listedAs = (value: string, regions: readonly string[]): SuppressedType | undefined =>
    SUPPRESSED_TYPES.find((type) =>
      type === 'phone' ? regions.some((region) => isListed(type, value, region)) : isListed(type, value, undefined),
    );
  return {
    size: hashes.size,
    check(_file, row) {
      if (hashes.size === 0) return undefined;
      const country = typeof row.country === 'string' ? row.country : undefined;
      for (const [field, type] of Object.entries(SUPPRESSED_FIELDS)) {
        if (isListed(type, row[field], country)) return `suppressed: its ${field} belongs to a forgotten customer`;
      }
      // Unknown fields (kept under `extra`: altEmail, previousCard, ...) may hold anything, as a
      // raw line may: each value is tried as every type. The reason names no field: an export's
      // field names are its own, and may be anything.
      const regions = country ? [DEFAULT_PHONE_REGION, country] : [DEFAULT_PHONE_REGION];
      for (const value of leafValues(row.extra)) {
        const type = value.trim() === '' ? undefined : listedAs(value, regions);
        if (type) return `suppressed: an unknown field holds the ${type} of a forgotten customer`;
      }
      return undefined;
    },
    checkRaw(file, raw) {
      if (hashes.size === 0) return undefined;
      const values = rawValues(file, raw).filter((value) => value.trim() !== '');
      // Any value may be any identifier; a phone may be national in any region the line names.
      const regions = [DEFAULT_PHONE_REGION, ...values.map((v) => v.trim().toUpperCase()).filter((v) => /^[A-Z]{2}$/.test(v))];
      for (const value of values) {
        const type = listedAs(value, regions);
        if (type) return `suppressed: the row holds the ${type} of a forgotten customer`;
      }
      return undefined;
    },
  };
}

/**
 * Adds identifiers to the suppression list (idempotent) and returns how many hashes were new (a
 * phone number adds two: itself and its tail, see `phoneTail`). The first
 * call also records the key check that `loadSuppression` verifies.
 */
export async function addToSuppression(identity: Db, secret: string, identifiers: readonly SuppressedIdentifier[]): Promise<number> {
  assertUsableSecret(secret);
  const collection = suppressionCollection(identity);
  await verifyKey(collection, secret, true);
  if (identifiers.length === 0) return 0;
  const now = new Date();
  const hashes = [...suppressionHashes(secret, identifiers)];
  const result = await collection.bulkWrite(
    hashes.map((hash) => ({ updateOne: { filter: { _id: hash }, update: { $setOnInsert: { addedAt: now } }, upsert: true } })),
    { ordered: false },
  );
  return result.upsertedCount;
}

async function verifyKey(collection: Collection<SuppressionDoc>, secret: string, create: boolean): Promise<void> {
  const expected = suppressionHash(secret, KEY_CHECK_VALUE);
  const stored = await collection.findOne({ _id: KEY_CHECK_ID });
  if (stored) {
    if (stored.check !== expected) throw new SuppressionKeyError();
    return;
  }
  if (create) {
    await collection.updateOne({ _id: KEY_CHECK_ID }, { $setOnInsert: { addedAt: new Date(), check: expected } }, { upsert: true });
  }
}

/**
 * The suppression list's hashes (keyed with `secret`, which is verified): what the identity service
 * hands the channel services so that they check ingested rows as the importer does.
 */
export async function suppressionHashList(identity: Db, secret: string): Promise<string[]> {
  assertUsableSecret(secret);
  const collection = suppressionCollection(identity);
  await verifyKey(collection, secret, false);
  const hashes: string[] = [];
  for await (const doc of collection.find({ _id: { $ne: KEY_CHECK_ID } }, { projection: { _id: 1 } })) hashes.push(doc._id);
  return hashes;
}

/**
 * Reads the whole suppression list into memory (a few hashes per forgotten customer) and returns
 * the importer's check. Throws `SuppressionKeyError` when `secret` is not the list's.
 */
export async function loadSuppression(identity: Db, secret: string): Promise<SuppressionCheck> {
  assertUsableSecret(secret);
  const collection = suppressionCollection(identity);
  await verifyKey(collection, secret, false);
  const hashes = new Set<string>();
  for await (const doc of collection.find({ _id: { $ne: KEY_CHECK_ID } }, { projection: { _id: 1 } })) hashes.add(doc._id);
  return createSuppressionCheck(secret, hashes);
}

/**
 * Whether any customer has been forgotten: an importer run without the suppression list must then
 * refuse to start rather than bring them back.
 */
export async function hasSuppressedIdentifiers(identity: Db): Promise<boolean> {
  return (await suppressionCollection(identity).countDocuments({ _id: { $ne: KEY_CHECK_ID } }, { limit: 1 })) > 0;
}
