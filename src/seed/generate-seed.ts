/**
 * The demo data set: export files in the import contract's layout, with the noise real systems
 * have, plus `ground-truth.jsonl` (see README.md beside this file for its rates and modules).
 */
import path from 'node:path';
import { CSV_COLUMNS } from '../contract/schemas';
import { generateCrm } from './crm';
import { PeopleGenerator } from './people';
import { drawMember, generateTransactions, writeMember } from './pos';
import { SeedRun, type SeedCounts, type SeedFiles } from './seed-run';
import { generateWeb } from './web';
import { BufferedFileWriter } from './writer';

export interface SeedOptions {
  /** How many true people to generate. */
  customers: number;
  /** Seed of the random generator: the same options always give the same bytes. */
  seed: number;
  /** The latest time in the data; the history spans about two years before it. */
  until: Date;
  outDir: string;
}

export interface SeedSummary {
  outDir: string;
  customers: number;
  seed: number;
  until: Date;
  counts: SeedCounts;
  durationMs: number;
}

/** One person across the channels, in the order that fixes the random draws. */
function generatePerson(run: SeedRun, people: PeopleGenerator, index: number): void {
  const person = people.next(index);
  const member = person.channels.pos && run.chance(0.7) ? drawMember(run, person) : undefined;
  let oldestContactUpdate: number | undefined;
  if (person.channels.crm) {
    const loyaltyOnContact = member && run.chance(0.7) ? member.loyaltyId : undefined;
    oldestContactUpdate = generateCrm(run, person, loyaltyOnContact, member?.updatedAt);
  }
  if (member) {
    // A mover's member record older than every CRM contact still has the old postal code.
    const stale =
      person.previousPostalCode !== undefined && oldestContactUpdate !== undefined && member.updatedAt < oldestContactUpdate;
    writeMember(run, person, member.loyaltyId, member.updatedAt, stale);
  }
  if (person.channels.web) generateWeb(run, person);
  if (person.channels.pos) generateTransactions(run, person, member?.loyaltyId);
}

/**
 * Writes the demo export files under `outDir` (crm/, web/, pos/ and ground-truth.jsonl). The same
 * options always produce the same bytes: all randomness comes from faker instances seeded from
 * `options.seed` (see `SeedRun`).
 */
export async function generateSeed(options: SeedOptions): Promise<SeedSummary> {
  if (!Number.isInteger(options.customers) || options.customers < 0) {
    throw new Error(`customers must be a non-negative integer, got ${options.customers}`);
  }
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  if (Number.isNaN(options.until.getTime())) throw new Error('until must be a valid Date');
  const startedAt = Date.now();
  const file = (relative: string) => new BufferedFileWriter(path.join(options.outDir, relative));
  const out: SeedFiles = {
    contacts: file('crm/contacts.jsonl'),
    cases: file('crm/cases.jsonl'),
    events: file('web/events.jsonl'),
    members: file('pos/members.csv'),
    transactions: file('pos/transactions.csv'),
    truth: file('ground-truth.jsonl'),
  };
  out.members.line(CSV_COLUMNS['pos/members.csv'].all.join(','));
  out.transactions.line(CSV_COLUMNS['pos/transactions.csv'].all.join(','));

  const run = new SeedRun(options.seed, options.until, out);
  const people = new PeopleGenerator(run, options.seed, options.customers);
  const writers = Object.values(out);
  try {
    for (let i = 0; i < options.customers; i++) {
      generatePerson(run, people, i);
      for (const writer of writers) await writer.flushIfFull();
    }
    run.counts.groundTruth = await run.truth.write(out.truth);
  } finally {
    await Promise.all(writers.map((writer) => writer.close()));
  }
  return {
    outDir: options.outDir,
    customers: options.customers,
    seed: options.seed,
    until: options.until,
    counts: { ...run.counts },
    durationMs: Date.now() - startedAt,
  };
}
