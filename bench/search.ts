/**
 * Customer search latency (`searchCustomers`) at a given customer count.
 *
 *   npx tsx bench/search.ts [--customers 100000] [--queries 400] [--seed 1] [--data-dir DIR]
 *   (or `omnidex bench search --customers 100000`)
 *
 * Without `--data-dir`: loads the index directly. The seed's people generator draws N people (the
 * demo data's names, emails, phones, postcodes); each becomes one customer with a CRM contact
 * record and, for four in ten, a loyalty member record, mapped and normalised by resolve's own
 * mappers; their customer documents and search terms are written to an in-memory embedded
 * database exactly as resolve writes them. This skips the channel data, import and resolution,
 * which take most of an hour at 100k on a shared 2-core machine and do not change what a search
 * reads. With `--data-dir DIR`: searches a database already seeded, imported and resolved there
 * (`OMNIDEX_DATA_DIR=DIR npx omnidex seed --customers N --import && OMNIDEX_DATA_DIR=DIR npx omnidex resolve`),
 * with queries drawn from its records.
 *
 * Then runs the queries (a mix of what agents type: whole names, last names, a name typed in part,
 * a misspelt name, an email prefix, a phone number as written nationally, a postcode, a loyalty id)
 * two ways, one at a time, after a warm-up: the identity database's search as the resolver runs
 * it (the lookups and loading the customers found), and the whole `searchCustomers` operation
 * through the gateway and the identity subgraph. The database, the subgraph and the gateway all
 * run in this process, so every figure includes the database's work. Prints p50/p95 per kind and
 * overall, and the load average (the machine is shared: compare runs made at similar loads).
 * At 100k give Node room: `NODE_OPTIONS=--max-old-space-size=8000`.
 */
import os from 'node:os';
import { Command } from 'commander';
import type { Db } from 'mongodb';
import { signBearerToken } from '../src/auth';
import { loadConfig } from '../src/config';
import { fromCrmContact, fromPosMember, type IdentityRecord } from '../src/identity/records';
import { buildCustomerDoc, ensureSearchIndex, identityCollections, searchCustomers } from '../src/identity/store';
import { SEARCH_TERMS_VERSION, writeSearchTerms } from '../src/identity/store/search-index';
import { displayName } from '../src/identity/search/terms';
import { PeopleGenerator } from '../src/seed/people';
import { SeedRun, type SeedFiles } from '../src/seed/seed-run';
import { formatPhone } from '../src/seed/phones';
import { serve } from '../app/serve';
import { percentile } from './support/stats';

const QUERY = `query Search($q: String!) {
  searchCustomers(query: $q, first: 20) { edges { node { id } score matches { field value highlights { start length } } } pageInfo { hasNextPage } }
}`;

interface Sample {
  kind: string;
  q: string;
}

const BATCH = 2_000;

/** Draws `customers` people and writes each as a customer with its search terms; returns every `every`-th record. */
async function loadDirectly(identityDb: Db, customers: number, seed: number, every: number): Promise<IdentityRecord[]> {
  const sample: IdentityRecord[] = [];
  const identity = identityCollections(identityDb);
  const run = new SeedRun(seed, new Date('2026-12-01T00:00:00Z'), {} as SeedFiles);
  const people = new PeopleGenerator(run, seed, customers);
  const mapper = { defaultCountry: 'GB' };
  const now = new Date();
  let batch: { id: string; records: IdentityRecord[] }[] = [];
  const flush = async () => {
    await identity.customers.insertMany(
      batch.map(({ id, records }) => buildCustomerDoc({ id, createdAt: now, now, mergedFrom: [], members: records.map((record) => ({ record })), links: [], decisions: [] })),
    );
    await writeSearchTerms(identity, batch, [], { fresh: true, batchSize: BATCH });
    batch = [];
  };
  for (let i = 0; i < customers; i++) {
    const person = people.next(i);
    const loyaltyId = `L${String(5_000_000_000 + i)}`;
    const at = new Date(person.since);
    const fields = {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      phone: formatPhone(person.phone, 'national'),
      postalCode: person.postalCode,
      country: person.country.code,
    };
    const records = [fromCrmContact({ ...fields, _id: `C${i}`, contactId: `C${i}`, createdAt: at, updatedAt: at } as never, mapper)];
    if (i % 10 < 4) records.push(fromPosMember({ ...fields, _id: loyaltyId, loyaltyId, enrolledAt: at, updatedAt: at } as never, mapper));
    batch.push({ id: `cus_${i.toString(16).padStart(16, '0')}`, records });
    if (i % every === 0) sample.push(records[0]!);
    if (batch.length === BATCH) await flush();
    if ((i + 1) % 20_000 === 0) console.log(`  ${i + 1} customers loaded`);
  }
  if (batch.length > 0) await flush();
  await identity.searchState.replaceOne({ _id: 'search' }, { version: SEARCH_TERMS_VERSION, updatedAt: now }, { upsert: true });
  return sample;
}

/** Records of a resolved database, drawn at random among those with a whole name. */
async function drawRecords(identityDb: Db, count: number): Promise<IdentityRecord[]> {
  const picked = await identityCollections(identityDb)
    .records.aggregate<{ record: IdentityRecord }>([{ $match: { 'record.firstName': { $exists: true }, 'record.lastName': { $exists: true } } }, { $sample: { size: count } }])
    .toArray();
  return picked.map((doc) => doc.record);
}

/** Queries of every kind for each record, as agents would type them. */
function queriesFor(records: readonly IdentityRecord[], count: number): Sample[] {
  const samples: Sample[] = [];
  for (const record of records) {
    const first = record.firstName!;
    const last = record.lastName!;
    const email = record.identifiers.find((i) => i.type === 'email')?.value;
    const phone = record.identifiers.find((i) => i.type === 'phone')?.value;
    const typo = last.length >= 4 ? last.slice(0, 1) + last[2] + last[1] + last.slice(3) : last;
    samples.push({ kind: 'full name', q: displayName(record)! });
    samples.push({ kind: 'last name', q: last });
    samples.push({ kind: 'typed in part', q: `${first.slice(0, 3)} ${last.slice(0, 3)}` });
    samples.push({ kind: 'misspelt name', q: `${first} ${typo}` });
    samples.push({ kind: 'two letters', q: last.slice(0, 2) });
    if (email) samples.push({ kind: 'email prefix', q: email.slice(0, 10) });
    if (phone?.startsWith('+44')) samples.push({ kind: 'phone', q: `0${phone.slice(3, 7)} ${phone.slice(7)}` });
    else if (phone) samples.push({ kind: 'phone', q: phone });
    if (record.postalCode) samples.push({ kind: 'postcode', q: record.postalCode });
  }
  return samples.slice(0, count);
}

/** Wall time and CPU time of `fn`: every service runs in this process, so the CPU time is all of their work. */
async function time(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

function report(label: string, samples: Sample[], times: { wall: number; cpu: number }[]): void {
  const line = (of: { wall: number; cpu: number }[]) => {
    const wall = of.map((t) => t.wall);
    const cpu = of.map((t) => t.cpu);
    return `p50 ${percentile(wall, 50).toFixed(1).padStart(5)} ms, p95 ${percentile(wall, 95).toFixed(1).padStart(5)} ms wall; p50 ${percentile(cpu, 50).toFixed(1).padStart(5)} ms CPU`;
  };
  console.log(`${label}, ${times.length} queries: ${line(times)}`);
  for (const kind of [...new Set(samples.map((s) => s.kind))]) {
    const of = times.filter((_, i) => samples[i]!.kind === kind);
    console.log(`  ${kind.padEnd(14)} ${line(of)} (${of.length})`);
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--customers <n>', 'customers to load directly', '100000')
    .option('--queries <n>', 'queries to time', '400')
    .option('--seed <n>', 'generator seed', '1')
    .option('--data-dir <dir>', 'search a database already seeded, imported and resolved in this directory')
    .parse()
    .opts<{ customers: string; queries: string; seed: string; dataDir?: string }>();
  const config = loadConfig({ ...process.env, OMNIDEX_DEV: 'false', OMNIDEX_RATE_LIMIT: '0', OMNIDEX_LOG_LEVEL: 'silent', ...(options.dataDir ? { OMNIDEX_DATA_DIR: options.dataDir } : {}) });
  const running = await serve({ config, inMemory: !options.dataDir, ephemeralPorts: true, log: () => undefined });
  try {
    const identityDb = running.databases!.dbs.identity!;
    const identity = identityCollections(identityDb);
    const loadStarted = performance.now();
    const wanted = Math.ceil(Number(options.queries) / 8);
    let records: IdentityRecord[];
    if (options.dataDir) {
      await ensureSearchIndex(identity);
      records = await drawRecords(identityDb, wanted);
    } else {
      const customerCount = Number(options.customers);
      records = await loadDirectly(identityDb, customerCount, Number(options.seed), Math.max(1, Math.floor(customerCount / wanted)));
    }
    const [customers, terms] = await Promise.all([identity.customers.estimatedDocumentCount(), identity.search.estimatedDocumentCount()]);
    console.log(`${customers} customers, ${terms} search terms (${(terms / customers).toFixed(1)} per customer), ready in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`);

    const samples = queriesFor(records, Number(options.queries));
    const token = await signBearerToken({ secret: running.auth.bearer.secret!, roles: ['agent'], sub: 'bench', ttlSeconds: 3_600 });
    const viaGateway = async (q: string) => {
      const response = await fetch(running.gateway!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERY, variables: { q } }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`search failed: ${JSON.stringify(body.errors)}`);
    };
    const inDatabase = async (q: string) => {
      const page = await searchCustomers(identity, q, { first: 20, offset: 0 });
      await identity.customers.find({ _id: { $in: page.hits.map((hit) => hit.customerId) } }).toArray();
    };
    for (const { q } of samples.slice(0, 50)) await inDatabase(q); // warm-up
    const load = os.loadavg()[0]!.toFixed(1);
    const database: { wall: number; cpu: number }[] = [];
    for (const { q } of samples) database.push(await time(() => inDatabase(q)));
    const gateway: { wall: number; cpu: number }[] = [];
    for (const { q } of samples) gateway.push(await time(() => viaGateway(q)));
    console.log(`load average ${load} → ${os.loadavg()[0]!.toFixed(1)}`);
    report('search in the identity database (lookups + loading the customers)', samples, database);
    report('searchCustomers through the gateway', samples, gateway);
  } finally {
    await running.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
