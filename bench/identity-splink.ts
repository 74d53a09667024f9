/**
 * Fuzzy matching on an outside data set: Splink's `fake_1000` (1,000 person records in labelled
 * groups, with typos, swapped names, missing values and mangled emails). Each row becomes a CRM
 * contact, is clustered with the default rules, and the clusters are scored against the labels.
 *
 *   npx tsx bench/identity-splink.ts [--no-fuzzy]
 *
 * The file is read from `../shared/datasets/` beside the repository; without it the bench says so
 * and exits 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CrmContactDoc } from '../src/contract/documents';
import { fromCrmContact } from '../src/identity/records';
import { clusterRecords } from '../src/identity/resolve';
import { defaultResolveConfig } from '../src/identity/resolve-config';
import { pairwiseScores } from '../src/identity/scoring';

const DATASET = path.resolve(__dirname, '..', '..', 'shared', 'datasets', 'splink_fake_1000.csv');

interface SplinkRow {
  unique_id: string;
  first_name: string;
  surname: string;
  dob: string;
  city: string;
  email: string;
  /** The true person; the README calls the column `group`, the file `cluster`. */
  cluster?: string;
  group?: string;
}

function main(): void {
  if (!existsSync(DATASET)) {
    console.log(`Skipped: ${DATASET} is absent (see ../shared/datasets/README.md for where it comes from).`);
    return;
  }
  const fuzzy = !process.argv.includes('--no-fuzzy');
  const rows = parse(readFileSync(DATASET), { columns: true, skip_empty_lines: true }) as SplinkRow[];
  const epoch = new Date('2024-01-01T00:00:00Z');
  const started = performance.now();
  const truth = new Map<string, string>();
  const records = rows.map((row) => {
    const person = row.cluster ?? row.group;
    if (person === undefined) throw new Error(`${DATASET}: no cluster/group column on row ${row.unique_id}`);
    const contactId = `splink-${row.unique_id}`;
    truth.set(`crm:contact:${contactId}`, person);
    const doc: CrmContactDoc = {
      _id: contactId,
      contactId,
      // A blank CSV cell is an absent field, as the importer would store it.
      ...(row.first_name.trim() && { firstName: row.first_name }),
      ...(row.surname.trim() && { lastName: row.surname }),
      ...(row.dob.trim() && { birthDate: row.dob.trim() }),
      // The contract's only place field; a town is a coarser postal area, compared the same way.
      ...(row.city.trim() && { postalCode: row.city }),
      ...(row.email.trim() && { email: row.email }),
      country: 'GB',
      createdAt: epoch,
      updatedAt: epoch,
      imported: { file: 'splink_fake_1000.csv', line: Number(row.unique_id) + 2, importedAt: epoch },
    };
    return fromCrmContact(doc, { defaultCountry: 'GB' });
  });
  const config = defaultResolveConfig();
  config.fuzzy.enabled = fuzzy;
  const { clusters, decisions } = clusterRecords(records, config);
  const elapsed = performance.now() - started;

  const predicted = new Map<string, number>();
  clusters.forEach((c, i) => c.records.forEach((k) => predicted.set(k, i)));
  const s = pairwiseScores(predicted, truth);
  const fuzzyLinks = clusters.reduce((n, c) => n + c.links.filter((l) => l.evidence.rule === 'fuzzy').length, 0);
  console.log(`Splink fake_1000: ${rows.length} records, ${new Set(truth.values()).size} true people, fuzzy ${fuzzy ? 'on' : 'off'}`);
  console.log(`  clusters ${clusters.length}, fuzzy links ${fuzzyLinks}, guard decisions ${decisions.length}`);
  console.log(`  pairs: true ${s.truePairs}, predicted ${s.predictedPairs}, correct ${s.correctPairs}`);
  console.log(`  precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  F1 ${s.f1.toFixed(4)}`);
  console.log(`  time ${elapsed.toFixed(0)} ms (mapping + clustering)`);
}

main();
