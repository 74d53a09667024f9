/**
 * Outside record-linkage benchmarks mapped into Omnidex's import contract, so that they go through
 * the real `omnidex import` and `omnidex resolve` (see ../../../shared/datasets/README.md for the
 * files and their licences). Each writes an import directory and returns the true person of every
 * record key it will produce. Nothing is tuned per data set: the mapping is the obvious one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS } from '../../src/contract/schemas';

export const DATASETS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets');

export interface MappedDataset {
  name: string;
  /** Record key (`crm:contact:…`, `pos:member:…`) → true person. */
  truth: Map<string, string>;
  /** What the mapping had to leave out or change, said with the figures. */
  notes: string[];
}

const EPOCH = '2024-01-01T00:00:00Z';

function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A blank cell is an absent field, as the importer would store it. */
function present<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v.trim() !== '')) as Partial<T>;
}

async function writeContacts(dir: string, rows: Record<string, unknown>[]): Promise<void> {
  await mkdir(path.join(dir, 'crm'), { recursive: true });
  await writeFile(path.join(dir, 'crm/contacts.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

async function writeMembers(dir: string, rows: Record<string, string | undefined>[]): Promise<void> {
  const { all, optional } = CSV_COLUMNS['pos/members.csv'];
  const columns = [...all, ...optional];
  await mkdir(path.join(dir, 'pos'), { recursive: true });
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  await writeFile(path.join(dir, 'pos/members.csv'), lines.join('\n') + '\n');
}

/** Splink's fake_1000: each row a CRM contact (name, birth date, city, email). */
export async function writeSplinkFake1000(dir: string): Promise<MappedDataset | undefined> {
  const file = path.join(DATASETS_DIR, 'splink_fake_1000.csv');
  if (!existsSync(file)) return undefined;
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const truth = new Map<string, string>();
  const contacts = rows.map((row) => {
    const contactId = `splink-${row.unique_id}`;
    // The README calls the true-person column `group`, the file `cluster`.
    truth.set(`crm:contact:${contactId}`, row.cluster ?? row.group!);
    return {
      contactId,
      ...present({ firstName: row.first_name, lastName: row.surname, birthDate: row.dob, city: row.city, email: row.email }),
      country: 'GB',
      createdAt: EPOCH,
      updatedAt: EPOCH,
    };
  });
  await writeContacts(dir, contacts);
  return { name: 'splink fake_1000 (CRM contacts)', truth, notes: [] };
}

/** FEBRL's YYYYMMDD as YYYY-MM-DD, or undefined when it names no real day (the contract rejects those). */
function febrlDate(raw: string): string | undefined {
  if (!/^\d{8}$/.test(raw)) return undefined;
  const iso = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/**
 * FEBRL dataset 3 (5,000 records, 2,000 people). `soc_sec_id` is left out: Omnidex knows no such
 * identifier, and with it the benchmark would measure nothing. `split`: originals as CRM contacts,
 * duplicates as POS members (the two-system case); otherwise every row a CRM contact.
 */
export async function writeFebrl3(dir: string, split: boolean): Promise<MappedDataset | undefined> {
  const file = path.join(DATASETS_DIR, 'febrl3.csv');
  if (!existsSync(file)) return undefined;
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const truth = new Map<string, string>();
  const contacts: Record<string, unknown>[] = [];
  const members: Record<string, string | undefined>[] = [];
  let impossibleDates = 0;
  for (const row of rows) {
    const id = row.rec_id!;
    const birthDate = febrlDate(row.date_of_birth ?? '');
    if (row.date_of_birth && !birthDate) impossibleDates++;
    const person = present({
      firstName: row.given_name,
      lastName: row.surname,
      addressLine1: [row.street_number, row.address_1].filter((p) => p).join(' '),
      addressLine2: row.address_2,
      city: row.suburb,
      region: row.state,
      postalCode: row.postcode,
      birthDate,
    });
    if (split && id.includes('-dup-')) {
      truth.set(`pos:member:${id}`, id.split('-')[1]!);
      members.push({ loyaltyId: id, ...person, country: 'AU', enrolledAt: EPOCH, updatedAt: EPOCH });
    } else {
      truth.set(`crm:contact:${id}`, id.split('-')[1]!);
      contacts.push({ contactId: id, ...person, country: 'AU', createdAt: EPOCH, updatedAt: EPOCH });
    }
  }
  await writeContacts(dir, contacts);
  if (members.length > 0) await writeMembers(dir, members);
  return {
    name: split ? 'FEBRL3 (originals as CRM contacts, duplicates as POS members)' : 'FEBRL3 (CRM contacts)',
    truth,
    notes: [`soc_sec_id left out; ${impossibleDates} impossible birth dates (e.g. 31 June) left blank, as the contract rejects them`],
  };
}
