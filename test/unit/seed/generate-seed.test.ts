import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  CSV_COLUMNS,
  caseRow,
  contactRow,
  eventRow,
  memberRow,
  parseCsvRecord,
  parseJsonLine,
  transactionLineRow,
  type CaseRow,
  type ContactRow,
  type EventRow,
  type MemberRow,
  type TransactionLineRow,
} from '../../../src/contract/schemas';
import { generateSeed, type GroundTruthRecord, type SeedSummary } from '../../../src/seed';

const FILES = ['crm/contacts.jsonl', 'crm/cases.jsonl', 'web/events.jsonl', 'pos/members.csv', 'pos/transactions.csv', 'ground-truth.jsonl'];
const until = new Date('2026-06-30T12:00:00Z');
let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-seed-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function read(dir: string, file: string): Promise<string> {
  return fs.readFile(path.join(dir, file), 'utf8');
}

function jsonRows<T>(text: string, schema: Parameters<typeof parseJsonLine<T>>[0]): { raw: Record<string, unknown>; row: T }[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const result = parseJsonLine(schema, line);
      if (!result.ok) throw new Error(`seed row rejected (${result.reason}): ${line}`);
      return { raw: JSON.parse(line) as Record<string, unknown>, row: result.value };
    });
}

function csvRows<T>(text: string, schema: Parameters<typeof parseCsvRecord<T>>[0]): { raw: Record<string, string>; row: T }[] {
  const [header, ...records] = parseCsv(text) as string[][];
  return records.map((cells) => {
    const result = parseCsvRecord(schema, header!, cells);
    if (!result.ok) throw new Error(`seed row rejected (${result.reason}): ${cells.join(',')}`);
    return { raw: Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])), row: result.value };
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

describe('generateSeed determinism', () => {
  it('writes the same bytes for the same options, different data for another seed', async () => {
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    const c = path.join(root, 'c');
    await generateSeed({ customers: 120, seed: 7, until, outDir: a });
    await generateSeed({ customers: 120, seed: 7, until, outDir: b });
    await generateSeed({ customers: 120, seed: 8, until, outDir: c });
    for (const file of FILES) {
      expect(await read(b, file)).toBe(await read(a, file));
    }
    expect(await read(c, 'crm/contacts.jsonl')).not.toBe(await read(a, 'crm/contacts.jsonl'));
    expect(await read(c, 'ground-truth.jsonl')).not.toBe(await read(a, 'ground-truth.jsonl'));
  });

  it('refuses nonsensical options with a clear message', async () => {
    await expect(generateSeed({ customers: -1, seed: 1, until, outDir: path.join(root, 'x') })).rejects.toThrow(
      'customers must be a non-negative integer, got -1',
    );
  });
});

describe('a generated seed', () => {
  const dir = () => path.join(root, 'noise');
  let summary: SeedSummary;
  let truth: GroundTruthRecord[];
  let contacts: { raw: Record<string, unknown>; row: ContactRow }[];
  let cases: { raw: Record<string, unknown>; row: CaseRow }[];
  let events: { raw: Record<string, unknown>; row: EventRow }[];
  let members: { raw: Record<string, string>; row: MemberRow }[];
  let lines: { raw: Record<string, string>; row: TransactionLineRow }[];
  const personOf = new Map<string, string>();

  beforeAll(async () => {
    summary = await generateSeed({ customers: 400, seed: 2026, until, outDir: dir() });
    truth = (await read(dir(), 'ground-truth.jsonl'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as GroundTruthRecord);
    for (const t of truth) personOf.set(`${t.kind}:${t.id}`, t.personId);
    contacts = jsonRows(await read(dir(), 'crm/contacts.jsonl'), contactRow);
    cases = jsonRows(await read(dir(), 'crm/cases.jsonl'), caseRow);
    events = jsonRows(await read(dir(), 'web/events.jsonl'), eventRow);
    members = csvRows(await read(dir(), 'pos/members.csv'), memberRow);
    lines = csvRows(await read(dir(), 'pos/transactions.csv'), transactionLineRow);
  });

  it('passes the import contract on every row and writes the contract header rows', async () => {
    expect(contacts.length).toBe(summary.counts.contacts);
    expect(cases.length).toBe(summary.counts.cases);
    expect(events.length).toBe(summary.counts.events);
    expect(members.length).toBe(summary.counts.members);
    expect(lines.length).toBe(summary.counts.transactionLines);
    const memberColumns = CSV_COLUMNS['pos/members.csv'];
    expect((await read(dir(), 'pos/members.csv')).split('\n')[0]).toBe([...memberColumns.all, ...memberColumns.optional].join(','));
    expect((await read(dir(), 'pos/transactions.csv')).split('\n')[0]).toBe(CSV_COLUMNS['pos/transactions.csv'].all.join(','));
  });

  it('has a ground truth line for every contact, visitor, member and transaction, exactly once', () => {
    const keys = truth.map((t) => `${t.kind}:${t.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const expected = new Set([
      ...contacts.map((c) => `contact:${c.row.contactId}`),
      ...events.map((e) => `visitor:${e.row.visitorId}`),
      ...members.map((m) => `member:${m.row.loyaltyId}`),
      ...lines.map((l) => `transaction:${l.row.transactionId}`),
    ]);
    expect(new Set(keys)).toEqual(expected);
    expect(summary.counts.groundTruth).toBe(truth.length);
    expect(new Set(truth.map((t) => t.personId)).size).toBe(400);
    const sourceOf = { contact: 'crm', visitor: 'web', member: 'pos', transaction: 'pos' } as const;
    for (const t of truth) expect(t.source).toBe(sourceOf[t.kind]);
  });

  it('keeps every time within about two years before `until`', () => {
    const times = [
      ...contacts.flatMap((c) => [c.row.createdAt, c.row.updatedAt]),
      ...cases.flatMap((c) => [c.row.openedAt, ...(c.row.closedAt ? [c.row.closedAt] : []), ...c.row.transcript.map((m) => m.at)]),
      ...events.map((e) => e.row.at),
      ...members.flatMap((m) => [m.row.enrolledAt, m.row.updatedAt]),
      ...lines.map((l) => l.row.at),
    ].map((d) => d.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(until.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(until.getTime() - 731 * 86_400_000);
  });

  it('holds phone numbers valid for their country, in several formats', () => {
    const phones = [
      ...contacts.flatMap((c) => (c.row.phone ? [{ phone: c.row.phone, country: c.row.country }] : [])),
      ...members.flatMap((m) => (m.row.phone ? [{ phone: m.row.phone, country: m.row.country }] : [])),
    ];
    expect(phones.length).toBeGreaterThan(100);
    for (const { phone, country } of phones) {
      expect({ phone, valid: parsePhoneNumberFromString(phone, country as CountryCode)?.isValid() }).toEqual({ phone, valid: true });
    }
    const shapeOf = (phone: string) =>
      phone.startsWith('+') ? (phone.includes(' ') ? 'international' : 'e164') : /[ ()-]/.test(phone) ? 'national' : 'digits';
    expect(new Set(phones.map(({ phone }) => shapeOf(phone)))).toEqual(new Set(['international', 'e164', 'national', 'digits']));
  });

  it('has people with two or more CRM contacts, updated at different times', () => {
    const byPerson = new Map<string, ContactRow[]>();
    for (const { row } of contacts) push(byPerson, personOf.get(`contact:${row.contactId}`)!, row);
    const duplicated = [...byPerson.values()].filter((rows) => rows.length >= 2);
    expect(duplicated.length).toBeGreaterThanOrEqual(5);
    for (const rows of duplicated) expect(new Set(rows.map((r) => r.updatedAt.getTime())).size).toBeGreaterThan(1);
  });

  it('has households: one email on contacts of two people with different first names and birth dates', () => {
    const byEmail = new Map<string, ContactRow[]>();
    for (const { row } of contacts) if (row.email) push(byEmail, row.email.trim().toLowerCase(), row);
    const households = [...byEmail.values()].filter(
      (rows) => new Set(rows.map((r) => personOf.get(`contact:${r.contactId}`))).size === 2,
    );
    expect(households.length).toBeGreaterThanOrEqual(2);
    for (const rows of households) {
      const people = new Map<string, ContactRow>();
      for (const r of rows) people.set(personOf.get(`contact:${r.contactId}`)!, r);
      const [a, b] = [...people.values()];
      expect(a!.firstName).not.toBe(b!.firstName);
      if (a!.birthDate && b!.birthDate) expect(a!.birthDate).not.toBe(b!.birthDate);
    }
  });

  it('has visitors whose anonymous sessions come before the one where they identify', () => {
    const sessions = new Map<string, { visitorId: string; start: number; identified: boolean }>();
    for (const { row } of events) {
      const s = sessions.get(row.sessionId) ?? { visitorId: row.visitorId, start: row.at.getTime(), identified: false };
      s.start = Math.min(s.start, row.at.getTime());
      s.identified ||= Boolean(row.userId || row.email);
      sessions.set(row.sessionId, s);
    }
    const byVisitor = new Map<string, { start: number; identified: boolean }[]>();
    for (const s of sessions.values()) push(byVisitor, s.visitorId, s);
    let anonymousThenIdentified = 0;
    let neverIdentified = 0;
    for (const list of byVisitor.values()) {
      list.sort((a, b) => a.start - b.start);
      const firstKnown = list.findIndex((s) => s.identified);
      if (firstKnown > 0) anonymousThenIdentified += 1;
      if (firstKnown === -1) neverIdentified += 1;
    }
    expect(anonymousThenIdentified).toBeGreaterThanOrEqual(10);
    expect(neverIdentified).toBeGreaterThanOrEqual(10);

    const visitorsPerPerson = new Map<string, number>();
    for (const t of truth) if (t.kind === 'visitor') visitorsPerPerson.set(t.personId, (visitorsPerPerson.get(t.personId) ?? 0) + 1);
    expect([...visitorsPerPerson.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(10);
    expect(events.some((e) => e.row.type === 'login' && e.row.userId)).toBe(true);
    expect(events.some((e) => e.row.type === 'signup' && e.row.email)).toBe(true);
    expect(events.some((e) => e.row.type === 'order' && e.row.email && !e.row.userId)).toBe(true);
  });

  it('has POS sales without a loyalty card, receipt emails and returns', () => {
    const receipts = new Map<string, TransactionLineRow>();
    for (const { row } of lines) receipts.set(row.transactionId, row);
    const all = [...receipts.values()];
    expect(all.some((t) => !t.loyaltyId && t.cardToken)).toBe(true);
    expect(all.some((t) => !t.loyaltyId && !t.cardToken)).toBe(true);
    expect(all.some((t) => t.receiptEmail)).toBe(true);
    expect(all.some((t) => t.type === 'return')).toBe(true);
  });

  it('has rated, unrated and open cases, with transcripts', () => {
    expect(cases.some((c) => c.row.csat !== undefined)).toBe(true);
    expect(cases.some((c) => c.row.csat === undefined && c.row.status !== 'open')).toBe(true);
    expect(cases.some((c) => c.row.status === 'open')).toBe(true);
    expect(cases.some((c) => c.row.transcript.length >= 2)).toBe(true);
  });

  it('writes emails with odd case and stray spaces, as real systems hold them', () => {
    const emails = contacts.flatMap((c) => (typeof c.raw.email === 'string' ? [c.raw.email] : []));
    expect(emails.some((e) => e !== e.toLowerCase())).toBe(true);
    expect(emails.some((e) => e !== e.trim())).toBe(true);
  });

  it('has loyalty members in the CRM with their loyaltyId, and movers with a stale postal code', () => {
    const memberIds = new Set(members.map((m) => m.row.loyaltyId));
    expect(contacts.some((c) => c.row.loyaltyId && memberIds.has(c.row.loyaltyId))).toBe(true);
    const postalCodes = new Map<string, Set<string>>();
    const add = (person: string | undefined, code: string | undefined) => {
      if (person && code) postalCodes.set(person, (postalCodes.get(person) ?? new Set()).add(code.replace(/\s/g, '').toUpperCase()));
    };
    for (const c of contacts) add(personOf.get(`contact:${c.row.contactId}`), c.row.postalCode);
    for (const m of members) add(personOf.get(`member:${m.row.loyaltyId}`), m.row.postalCode);
    expect([...postalCodes.values()].filter((codes) => codes.size >= 2).length).toBeGreaterThanOrEqual(3);
  });

  it('gives contacts and members addresses (some abbreviated) and members birth dates, the same person alike across records', () => {
    const withAddress = [...contacts.map((c) => c.row), ...members.map((m) => m.row)].filter((r) => r.addressLine1);
    expect(withAddress.length).toBeGreaterThan((contacts.length + members.length) / 2);
    expect(withAddress.some((r) => /\b(St|Rd|Ave|Ln|Dr)\b/.test(r.addressLine1!))).toBe(true);
    expect(withAddress.every((r) => r.city)).toBe(true);
    const membersWithBirthDate = members.filter((m) => m.row.birthDate);
    expect(membersWithBirthDate.length).toBeGreaterThan(members.length / 3);
    const birthDateOf = new Map<string, string>();
    for (const c of contacts) if (c.row.birthDate) birthDateOf.set(personOf.get(`contact:${c.row.contactId}`)!, c.row.birthDate);
    for (const m of membersWithBirthDate) {
      const known = birthDateOf.get(personOf.get(`member:${m.row.loyaltyId}`)!);
      if (known) expect(m.row.birthDate).toBe(known);
    }
  });

  it('has people on one channel only and people on all three', () => {
    const channels = new Map<string, Set<string>>();
    for (const t of truth) channels.set(t.personId, (channels.get(t.personId) ?? new Set()).add(t.source));
    const sizes = [...channels.values()].map((s) => s.size);
    expect(sizes.filter((n) => n === 1).length).toBeGreaterThan(50);
    expect(sizes.filter((n) => n === 3).length).toBeGreaterThan(50);
  });
});
