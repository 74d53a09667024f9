import { Faker, base, en } from '@faker-js/faker';
import type { PhoneNumber } from 'libphonenumber-js';
import { GroundTruth } from './ground-truth';
import { formatPhone, randomPhoneStyle } from './phones';
import type { BufferedFileWriter } from './writer';

export const DAY = 86_400_000;
const HISTORY_DAYS = 730;

/** The files one run writes, each behind its own buffer. */
export type SeedFiles = Record<'contacts' | 'cases' | 'events' | 'members' | 'transactions' | 'truth', BufferedFileWriter>;

/** How many of each kind of record a run wrote; `transactionLines` are the rows of pos/transactions.csv. */
export interface SeedCounts {
  contacts: number;
  cases: number;
  events: number;
  sessions: number;
  visitors: number;
  members: number;
  transactions: number;
  transactionLines: number;
  groundTruth: number;
}

export interface Product {
  sku: string;
  slug: string;
  price: number;
}

/**
 * What the channels' generators share during one run. Every draw goes through the one seeded
 * `rng`, so the output is fixed by the seed and by the order of the calls: moving or adding a draw
 * anywhere changes everything drawn after it.
 */
export class SeedRun {
  readonly rng: Faker;
  readonly until: number;
  readonly start: number;
  /** The shop's catalog, sold on the web and in the stores. */
  readonly products: Product[];
  /** Ground truth is written at the end: a record's evidence group needs every record's evidence. */
  readonly truth = new GroundTruth();
  /** The last number handed out in each series of ids. */
  readonly counters = { case: 0, session: 0, event: 0, transaction: 0, order: 0 };
  readonly counts: SeedCounts = {
    contacts: 0,
    cases: 0,
    events: 0,
    sessions: 0,
    visitors: 0,
    members: 0,
    transactions: 0,
    transactionLines: 0,
    groundTruth: 0,
  };
  private readonly usedIds = new Set<string>();

  constructor(
    seed: number,
    until: Date,
    readonly out: SeedFiles,
  ) {
    this.rng = new Faker({ locale: [en, base] });
    this.rng.seed(seed);
    this.until = until.getTime();
    this.start = this.until - HISTORY_DAYS * DAY;
    this.products = Array.from({ length: 400 }, (_, i) => {
      const slug = this.rng.helpers.slugify(this.rng.commerce.productName().toLowerCase());
      const price = this.rng.number.int({ min: 3, max: 180 }) + this.rng.helpers.arrayElement([0.99, 0.49, 0, 0.95]);
      return { sku: `SKU-${String(10000 + i * 7)}`, slug, price: Math.round(price * 100) / 100 };
    });
  }

  chance(p: number): boolean {
    return this.rng.number.float() < p;
  }

  int(min: number, max: number): number {
    return this.rng.number.int({ min, max });
  }

  between(from: number, to: number): number {
    return to <= from ? from : this.rng.number.int({ min: from, max: to });
  }

  uniqueId(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** An email as a system holds it: sometimes with odd capitals or stray spaces. */
  writtenEmail(email: string): string {
    let written = email;
    if (this.chance(0.12)) {
      const [local = '', domain = ''] = email.split('@');
      written = this.rng.helpers.arrayElement([
        `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain}`,
        email.toUpperCase(),
        `${local}@${domain.toUpperCase()}`,
      ]);
    }
    if (this.chance(0.04)) written = this.chance(0.5) ? ` ${written}` : `${written} `;
    return written;
  }

  writtenPhone(phone: PhoneNumber): string {
    return formatPhone(phone, randomPhoneStyle(this.rng));
  }

  writtenPostalCode(code: string): string {
    if (!this.chance(0.1)) return code;
    return this.chance(0.5) ? code.toLowerCase() : code.replace(/\s+/g, '');
  }

  iso(ms: number): string {
    return new Date(Math.min(ms, this.until)).toISOString();
  }

  /** POS tills write local-looking times without an offset (UTC by the contract), to the second. */
  tillTime(ms: number): string {
    return new Date(Math.min(ms, this.until)).toISOString().slice(0, 19);
  }
}
