import { CSV_COLUMNS } from '../contract/schemas';
import { nameEvidence } from './evidence';
import { identifierEvidence } from './ground-truth';
import type { Person } from './people';
import { DAY, type Product, type SeedRun } from './seed-run';
import { csvLine } from './writer';

/**
 * A loyalty membership, drawn before the person's CRM contacts (the latest may carry its id) and
 * written after them by `writeMember` (a mover's member record may be their oldest profile record).
 */
export function drawMember(run: SeedRun, person: Person): { loyaltyId: string; updatedAt: number } {
  const loyaltyId = run.uniqueId(() => `L${run.rng.string.numeric({ length: 10, allowLeadingZeros: true })}`);
  const enrolledAt = run.between(person.since, run.until - DAY);
  const updatedAt = run.between(enrolledAt, run.until);
  return { loyaltyId, updatedAt };
}

/** Writes the member's row; `stale` gives it the postal code the person had before moving. */
export function writeMember(run: SeedRun, person: Person, loyaltyId: string, updatedAt: number, stale: boolean): void {
  const enrolledAt = run.between(person.since, updatedAt);
  const row: Record<string, string | undefined> = {
    loyaltyId,
    firstName: person.firstName,
    lastName: person.lastName,
    email: run.chance(0.8) ? run.writtenEmail(person.email) : undefined,
    phone: run.chance(0.7) ? run.writtenPhone(person.phone) : undefined,
    postalCode: run.writtenPostalCode(stale ? person.previousPostalCode! : person.postalCode),
    country: person.country.code,
    enrolledAt: run.tillTime(enrolledAt),
    updatedAt: run.tillTime(updatedAt),
  };
  run.out.members.line(csvLine(CSV_COLUMNS['pos/members.csv'].all.map((column) => row[column])));
  run.counts.members += 1;
  run.truth.add('pos', 'member', loyaltyId, person, [...identifierEvidence(person, row), ...nameEvidence(row)]);
}

/** Writes the person's till receipts, some of them later returned, identified as the shopper paid. */
export function generateTransactions(run: SeedRun, person: Person, loyaltyId: string | undefined): void {
  const cardTokens = Array.from({ length: run.int(1, 2) }, () => `tok_${run.rng.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' })}`);
  const paysByCard = run.chance(0.65);
  const homeStore = `${person.country.code}-${String(run.int(1, 40)).padStart(3, '0')}`;
  const count = run.int(1, 10);
  for (let i = 0; i < count; i++) {
    const at = run.between(person.since, run.until - 3_600_000);
    const store = run.chance(0.85) ? homeStore : `${person.country.code}-${String(run.int(1, 40)).padStart(3, '0')}`;
    const lines = run.rng.helpers
      .arrayElements(run.products, run.int(1, 4))
      .map((product) => ({ product, quantity: run.rng.helpers.weightedArrayElement([{ weight: 80, value: 1 }, { weight: 15, value: 2 }, { weight: 5, value: 3 }]) }));
    const who = shopperFields(run, person, loyaltyId, cardTokens, paysByCard);
    transaction(run, person, store, at, 'sale', who, lines);
    if (run.chance(0.07)) {
      const returnAt = at + run.int(1, 30) * DAY;
      if (returnAt <= run.until) {
        const returned = lines.slice(0, run.int(1, lines.length));
        transaction(run, person, run.chance(0.8) ? store : homeStore, returnAt, 'return', who, returned);
      }
    }
  }
}

function shopperFields(
  run: SeedRun,
  person: Person,
  loyaltyId: string | undefined,
  cardTokens: string[],
  paysByCard: boolean,
): { loyaltyId?: string; cardToken?: string; receiptEmail?: string } {
  const who: { loyaltyId?: string; cardToken?: string; receiptEmail?: string } = {};
  if (loyaltyId && run.chance(0.85)) who.loyaltyId = loyaltyId;
  if (paysByCard || (loyaltyId && run.chance(0.5))) who.cardToken = run.rng.helpers.arrayElement(cardTokens);
  if (run.chance(0.15)) who.receiptEmail = run.writtenEmail(person.email);
  return who;
}

function transaction(
  run: SeedRun,
  person: Person,
  storeId: string,
  at: number,
  type: 'sale' | 'return',
  who: { loyaltyId?: string; cardToken?: string; receiptEmail?: string },
  lines: { product: Product; quantity: number }[],
): void {
  run.counters.transaction += 1;
  const transactionId = `${storeId}-${String(run.counters.transaction).padStart(9, '0')}`;
  for (const { product, quantity } of lines) {
    const row: Record<string, string | number | undefined> = {
      transactionId,
      storeId,
      at: run.tillTime(at),
      type,
      loyaltyId: who.loyaltyId,
      cardToken: who.cardToken,
      receiptEmail: who.receiptEmail,
      sku: product.sku,
      quantity,
      unitPrice: product.price.toFixed(2),
      currency: person.country.currency,
    };
    run.out.transactions.line(csvLine(CSV_COLUMNS['pos/transactions.csv'].all.map((column) => row[column])));
    run.counts.transactionLines += 1;
  }
  run.counts.transactions += 1;
  run.truth.add('pos', 'transaction', transactionId, person, identifierEvidence(person, who));
}
