import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CHANNELS, COLLECTIONS, PARTIAL_COLLECTIONS, type CrmCaseDoc, type WebVisitorDoc } from '../../src/contract/documents';
import { importDirectory } from '../../src/import';
import { ingestBody, type IngestKind } from '../../src/import/ingest';
import { identityCollections, runResolve, splitCustomer } from '../../src/identity/store';
import { combineReport, customerIndexes, DEFAULT_INDEX_CONFIG, integrationIndex, reportParams, trendPoints, type IntegrationIndex, type ReportParams, type ReportParts } from '../../src/insights';
import { partialsBuilt, rebuildAllPartials } from '../../src/insights/partials';
import { forgetCustomer, loadSuppression } from '../../src/privacy';
import { databasesOn } from '../../src/db';
import { crmReportPart, crmReportPartFromRows } from '../../subgraphs/crm/src/models/tallies';
import { webReportPart, webReportPartFromRows } from '../../subgraphs/web/src/models/tallies';
import { posReportPart, posReportPartFromRows } from '../../subgraphs/pos/src/models/tallies';
import { identityReportPart } from '../../subgraphs/identity/src/models/tallies';
import { forgetParticipantsOn } from '../support/services';
import { inputsFromDocuments, useResolvedSeed } from '../support/resolved-seed';

/*
 * The report's partials as the channel services keep them (src/insights/partials.ts), checked
 * after each kind of change the data goes through — an import; a second import (killed once
 * midway) that moves and re-rates cases, blanks a contact's contact points, re-owns a web session
 * and links two customers; the incremental resolve that merges them; a split; a forget; live
 * ingest — three ways: the maintained partials equal a rebuild from scratch, the report parts read
 * from them give every customer the same index as the parts derived from the rows, and that index
 * equals `integrationIndex` over the customer's own documents (to 9 decimals), at windows whose
 * edges fall mid-month, on a month's first instant and a millisecond before the next.
 */

const UNTIL = new Date('2026-06-01T00:00:00Z');
const SECRET = 'partials-test-secret-0123456789abcdef';
const REPORTS: ReportParams[] = [
  { asOf: '2026-05-15T12:00:00.000Z', trendMonths: 12 },
  { asOf: '2026-03-01T00:00:00.000Z', trendMonths: 2 },
  { asOf: '2026-04-30T23:59:59.999Z', trendMonths: 0, filter: { country: 'GB' } },
].map((r) => reportParams({ asOf: new Date(r.asOf), windowDays: DEFAULT_INDEX_CONFIG.windowDays, trendMonths: r.trendMonths, filter: r.filter, salt: 'test-salt' }));

const fixture = useResolvedSeed('omnidex-partials-', { customers: 120, seed: 23, until: UNTIL });

const dbs = () => databasesOn(fixture.client);

async function partialsNow(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const channel of CHANNELS) {
    for (const name of [PARTIAL_COLLECTIONS.records, PARTIAL_COLLECTIONS.pending]) {
      out[`${channel}.${name}`] = await dbs()[channel].collection(name).find().sort({ _id: 1 }).toArray();
    }
  }
  return out;
}

async function parts(params: ReportParams, fromRows: boolean): Promise<ReportParts> {
  const d = dbs();
  return {
    identity: await identityReportPart(identityCollections(d.identity), params),
    crm: await (fromRows ? crmReportPartFromRows : crmReportPart)(d.crm, params),
    web: await (fromRows ? webReportPartFromRows : webReportPart)(d.web, params),
    pos: await (fromRows ? posReportPartFromRows : posReportPart)(d.pos, params),
  };
}

/** Numbers rounded to 9 decimals, so that sums taken in another order compare equal. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));
}

/** What the index says, without its explanation (whose keys the report hashes). */
function scores(index: IntegrationIndex) {
  return {
    score: index.score,
    band: index.band,
    channels: index.channels.map((c) => ({ channel: c.channel, accessibility: c.accessibility, consistency: c.consistency, experience: c.experience, score: c.score })),
  };
}

/** Maintained = rebuilt = derived from the rows = each customer's own `integrationIndex`. */
async function expectConsistent(): Promise<void> {
  for (const channel of CHANNELS) expect(await partialsBuilt(dbs()[channel])).toBe(true);
  const maintained = await partialsNow();
  for (const channel of CHANNELS) await rebuildAllPartials(dbs()[channel], channel);
  expect(await partialsNow()).toEqual(maintained);
  // Nothing is left pending but the marker of a complete build.
  for (const channel of CHANNELS) expect(maintained[`${channel}.${PARTIAL_COLLECTIONS.pending}`]).toEqual([{ _id: 'built', ids: [] }]);

  const customers = await identityCollections(dbs().identity).customers.find().toArray();
  const inputs = new Map(await Promise.all(customers.map(async (c) => [c._id, await inputsFromDocuments(fixture.client, c)] as const)));
  let indexed = 0;
  for (const params of REPORTS) {
    const fromPartials = [...customerIndexes(params, await parts(params, false), DEFAULT_INDEX_CONFIG)];
    const fromRows = [...customerIndexes(params, await parts(params, true), DEFAULT_INDEX_CONFIG)];
    const summary = (list: typeof fromRows) => list.map(({ customerId, results }) => ({ customerId, results: results.map(scores) }));
    expect(rounded(summary(fromPartials))).toEqual(rounded(summary(fromRows)));
    if (params.filter.country === undefined) expect(fromPartials).toHaveLength(customers.length);
    const ends = [params.asOf, ...trendPoints(params.asOf, params.trendMonths).map((p) => p.asOf)];
    for (const { customerId, results } of fromPartials) {
      results.forEach((result, i) => {
        const expected = integrationIndex(inputs.get(customerId)!, ends[i]!, DEFAULT_INDEX_CONFIG);
        expect(rounded({ customerId, at: ends[i], ...scores(result) })).toEqual(rounded({ customerId, at: ends[i], ...scores(expected) }));
        if (expected.score !== null) indexed += 1;
      });
    }
    expect(rounded(combineReport(params, await parts(params, false), DEFAULT_INDEX_CONFIG))).toEqual(
      rounded(combineReport(params, await parts(params, true), DEFAULT_INDEX_CONFIG)),
    );
  }
  expect(indexed).toBeGreaterThan(100);
}

async function readJsonLines<T>(file: string): Promise<T[]> {
  return (await fs.readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as T);
}

async function writeFile(dir: string, file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await fs.writeFile(path.join(dir, file), text);
}

/** `omnidex import DIR` in a process of its own, killed at a driver command (test/support/kill-at-command.ts). */
function killedImport(dir: string, killAt: string): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-r', path.resolve(__dirname, '../support/kill-at-command.ts'), path.resolve(__dirname, '../../bin/omnidex.js'), 'import', dir], {
    env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: '1', MONGODB_URI: fixture.server.uri, OMNIDEX_TEST_KILL_AT: killAt },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, output }));
  });
}

const customerOfContact = async (contactId: string) =>
  (await identityCollections(dbs().identity).customers.findOne({ crmContactIds: contactId }))!._id;

describe('the report partials', () => {
  let mergedInto: string;
  let aContactId: string;
  let joined: { contactId: string; customerId: string };

  it('after an import and a resolve: maintained = rebuilt = the rows = every customer\'s index', async () => {
    await expectConsistent();
  }, 300_000);

  it('after a second import that changes cases, contacts, sessions and members, and the incremental resolve that merges two customers', async () => {
    const seed = path.join(fixture.tmp, 'seed');
    const cases = await readJsonLines<Record<string, any>>(path.join(seed, 'crm/cases.jsonl'));
    const contacts = await readJsonLines<Record<string, any>>(path.join(seed, 'crm/contacts.jsonl'));
    const events = await readJsonLines<Record<string, any>>(path.join(seed, 'web/events.jsonl'));
    const inWindow = cases.filter((c) => c.openedAt > '2025-09-01' && c.openedAt < '2026-05-01');
    const [moved, rerated, reowned] = inWindow as [Record<string, any>, Record<string, any>, Record<string, any>];
    const withEmail = contacts.filter((c) => c.email);
    const others = withEmail.filter((c) => c.contactId !== moved.contactId && c.contactId !== reowned.contactId);
    const blanked = others[0]!;
    // Two people known only by one CRM contact each, so that nothing else of theirs tells them apart.
    const identity = identityCollections(dbs().identity);
    const loners = new Set<string>();
    for await (const c of identity.customers.find({ crmContactIds: { $size: 1 }, webVisitorIds: { $size: 0 } })) {
      if ((await identity.records.countDocuments({ customerId: c._id })) === 1) loners.add(c.crmContactIds[0]!);
    }
    const candidates = others.filter((c) => c.contactId !== blanked.contactId && loners.has(c.contactId));
    const a = candidates.find((c) => c.phone)!;
    const b = candidates.find((c) => c.contactId !== a.contactId)!;
    expect(await customerOfContact(a.contactId)).not.toBe(await customerOfContact(b.contactId));

    const changes = path.join(fixture.tmp, 'changes');
    const later = '2026-05-20T00:00:00Z';
    await writeFile(
      changes,
      'crm/cases.jsonl',
      [
        // Into another month, and into the other side of a mid-month window edge.
        { ...moved, openedAt: '2025-05-15T06:00:00Z', closedAt: undefined, csat: 1 },
        { ...rerated, csat: rerated.csat === 5 ? 2 : 5 },
        { ...reowned, contactId: blanked.contactId },
        { caseId: 'NEW-CASE-1', contactId: a.contactId, channel: 'email', subject: 'new', status: 'open', openedAt: '2026-03-01T00:00:00Z' },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n',
    );
    await writeFile(
      changes,
      'crm/contacts.jsonl',
      [
        { ...blanked, email: undefined, phone: undefined, updatedAt: later },
        // b turns out to be a: corrected to a's name, and a new contact with b's email and a's phone links them.
        { ...b, firstName: a.firstName, lastName: a.lastName, birthDate: a.birthDate, updatedAt: later },
        { contactId: 'NEW-CONTACT-1', firstName: a.firstName, lastName: a.lastName, email: b.email, phone: a.phone, country: a.country, createdAt: later, updatedAt: later },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n',
    );
    // An event earlier than its session's first, from another visitor: the session changes hands,
    // and its old visitor, none of whose events is written, has a session less.
    const picked = events.find((e) => e.at > '2025-10-01' && e.at < '2026-04-01')!;
    const session = events.filter((e) => e.sessionId === picked.sessionId).sort((x, y) => (x.at < y.at ? -1 : 1))[0]!;
    const other = events.find((e) => e.visitorId !== session.visitorId)!;
    await writeFile(
      changes,
      'web/events.jsonl',
      [
        { eventId: 'NEW-EVENT-1', visitorId: other.visitorId, sessionId: session.sessionId, at: new Date(new Date(session.at).getTime() - 60_000).toISOString(), type: 'add_to_cart' },
        { eventId: 'NEW-EVENT-2', visitorId: other.visitorId, sessionId: 'NEW-SESSION-1', at: '2026-04-30T23:00:00Z', type: 'order', email: 'Someone@Example.com' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    );
    // A member moves: a new postcode, updated later.
    const [header, first] = (await fs.readFile(path.join(seed, 'pos/members.csv'), 'utf8')).trim().split('\n') as [string, string];
    const columns = header.split(',');
    const cells = first.split(',');
    cells[columns.indexOf('postalCode')] = 'ZZ9 9ZZ';
    cells[columns.indexOf('updatedAt')] = later;
    await writeFile(changes, 'pos/members.csv', `${header}\n${cells.join(',')}\n`);

    // First killed (SIGKILL) once the changed cases are written, before their contacts' partials
    // are: the contacts stay named pending, and the next run recomputes them.
    const killed = await killedImport(changes, 'succeeded:update:cases:1');
    expect(killed).toMatchObject({ signal: 'SIGKILL', output: expect.stringContaining('killing the importer') });
    expect(await dbs().crm.collection(PARTIAL_COLLECTIONS.pending).countDocuments({ _id: { $ne: 'built' } as never })).toBeGreaterThan(0);
    const report = await importDirectory(dbs(), changes);
    expect(report.completedRuns).toHaveLength(1);
    expect(report.files.map((f) => [f.file, f.status, f.quarantined])).toEqual(report.files.map((f) => [f.file, 'imported', 0]));
    await runResolve(dbs());
    await expectConsistent();
    aContactId = a.contactId;
    mergedInto = await customerOfContact(a.contactId);
    expect(await customerOfContact(b.contactId)).toBe(mergedInto);
    joined = { contactId: b.contactId, customerId: mergedInto };
  }, 300_000);

  it('after a split', async () => {
    const records = await identityCollections(dbs().identity).records.find({ customerId: joined.customerId }).toArray();
    const bCustomer = await identityCollections(dbs().identity).customers.findOne({ _id: joined.customerId });
    expect(bCustomer).not.toBeNull();
    const one = records.filter((r) => r.sourceId === joined.contactId).map((r) => r._id);
    const rest = records.filter((r) => r.sourceId !== joined.contactId).map((r) => r._id);
    const result = await splitCustomer(dbs().identity, joined.customerId, [rest, one], 'two people');
    expect(result.customerIds).toHaveLength(2);
    await expectConsistent();
  }, 300_000);

  it('after a forget, which removes the forgotten records\' partials', async () => {
    const customer = (await identityCollections(dbs().identity).customers.findOne({ _id: await customerOfContact(aContactId) }))!;
    const result = await forgetCustomer(dbs().identity, customer._id, 'erasure request', 'admin-1', {
      participants: forgetParticipantsOn(dbs(), SECRET),
      secret: SECRET,
    });
    expect(result.counts.find((c) => c.database === 'crm' && c.collection === 'report_partials')?.count).toBeGreaterThan(0);
    for (const id of customer.crmContactIds) expect(await dbs().crm.collection<{ _id: string }>(PARTIAL_COLLECTIONS.records).countDocuments({ _id: id })).toBe(0);
    for (const id of customer.webVisitorIds) expect(await dbs().web.collection<{ _id: string }>(PARTIAL_COLLECTIONS.records).countDocuments({ _id: id })).toBe(0);
    expect(await loadSuppression(dbs().identity, SECRET)).toBeDefined();
    await expectConsistent();
  }, 300_000);

  it('after live ingest of a case moved to another month and a new session', async () => {
    const kase = (await dbs().crm.collection<CrmCaseDoc>(COLLECTIONS.crm.cases).findOne({ openedAt: { $gt: new Date('2026-01-01') } }))!;
    const { _id: _ignored, imported: _imported, ...row } = kase;
    const moved = { ...row, openedAt: new Date('2026-04-15T08:00:00Z').toISOString(), csat: 4 };
    const ingest = (db: typeof dbs extends () => infer D ? D[keyof D] : never, kind: IngestKind, rows: unknown[]) =>
      ingestBody(db, {
        kind,
        format: 'ndjson',
        body: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')),
        ingestId: `ing-${kind.replace('/', '-')}`,
        receivedAt: new Date(),
        maxRowBytes: 1 << 20,
      });
    expect((await ingest(dbs().crm, 'crm/cases', [moved])).report.updated).toBe(1);
    const visitor = (await dbs().web.collection<WebVisitorDoc>(COLLECTIONS.web.visitors).findOne({}))!;
    const events = [{ eventId: 'LIVE-1', visitorId: visitor._id, sessionId: 'LIVE-S1', at: '2026-05-02T10:00:00Z', type: 'login', userId: 'u-live' }];
    expect((await ingest(dbs().web, 'web/events', events)).report.inserted).toBe(1);
    await expectConsistent();
  }, 300_000);
});
