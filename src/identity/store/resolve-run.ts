/**
 * `omnidex resolve` over MongoDB: reads what the imports since the last run changed in the channel
 * databases, re-clusters only the records those changes can affect (see the header of
 * `../resolve.ts`), and writes the result to the `identity` database — records, customers, merges
 * and the activity index. A run with nothing new reads nothing but two small documents and writes
 * nothing.
 */
import { randomBytes } from 'node:crypto';
import type { AnyBulkWriteOperation, Db, Document, Filter } from 'mongodb';
import { COLLECTIONS, loyaltyShopperKey, type CrmContactDoc, type PosMemberDoc, type PosTransactionDoc, type WebVisitorDoc } from '../../contract/documents';
import type { CustomerDoc, IdentityRecordDoc } from './documents';
import { importWatermark } from '../../contract/import-log';
import type { Databases } from '../../db';
import { blockingKeys, isMatchCandidate } from '../probabilistic';
import { fromStoredModel, toStoredModel, type MatchModel } from '../match-model';
import { assignCustomerIds, type Merge, type Split } from '../persistent-ids';
import {
  fromCrmContact,
  fromPosMember,
  fromPosTransaction,
  fromWebVisitor,
  parseRefKey,
  refKey,
  type IdentityRecord,
  type MapperOptions,
} from '../records';
import {
  clusterRecords,
  computeAffectedSet,
  estimateModel,
  identifierKey,
  type GuardDecision,
  type ManualDecision,
} from '../resolve';
import { defaultResolveConfig, type ResolveConfig } from '../resolve-config';
import { importedIn, writeActivity, type ActivityReport, type ChannelDatabases, type InteractionWindow } from './activity';
import { chunks, ensureIdentityIndexes, identityCollections, writeInBatches, type IdentityCollections } from './collections';
import { buildCustomerDoc, recordHash, recordsNamedBy, type StoredRecord } from './customer-doc';
import { markSearchIndexCurrent, rebuildSearchIndex, searchIndexIsCurrent, writeSearchTerms } from './search-index';
import { createAffectedSetSource, IN_BATCH } from './state-source';

export interface ResolveOptions {
  config?: ResolveConfig;
  /** Phone region for records without a country; default GB. */
  mapper?: MapperOptions;
  /** createdAt of the customers this run creates; default the run's start. */
  now?: Date;
  /** Record keys to re-cluster even though their source did not change (after a manual decision). */
  recheck?: string[];
  /** Customer id factory, given the new customer's record keys (sorted); default `cus_` + 16 random hex digits. */
  newId?: (records: readonly string[]) => string;
  /** Documents per bulk write. */
  batchSize?: number;
  /** Called at the start of each phase, e.g. to print progress. */
  onPhase?: (phase: string) => void;
}

/**
 * The channel records a live resolution takes in, by id (the outbox's entries, src/live/outbox.ts),
 * instead of the imports since the last run: their current state is read, whatever wrote it.
 */
export interface ChangedIds {
  contacts?: readonly string[];
  cases?: readonly string[];
  visitors?: readonly string[];
  sessions?: readonly string[];
  members?: readonly string[];
  transactions?: readonly string[];
}

/** Which channel documents to read: each list of filters is run in turn. */
interface Selection {
  contacts: Document[];
  members: Document[];
  visitors: Document[];
  transactions: Document[];
}

const byIds = (ids: readonly string[] | undefined): Document[] => chunks([...new Set(ids ?? [])], IN_BATCH).map((batch) => ({ _id: { $in: batch } }));

async function windowSelection(web: Db, window: InteractionWindow): Promise<Selection> {
  return {
    contacts: [importedIn(window)],
    members: [importedIn(window)],
    // A visitor is rebuilt from its events: the ones imported in the window name the visitors to re-read.
    visitors: window.after ? byIds((await web.collection(COLLECTIONS.web.events).distinct('visitorId', importedIn(window))) as string[]) : [{}],
    transactions: [importedIn(window, 'lines.imported.importedAt')],
  };
}

function idSelection(changes: ChangedIds): Selection {
  return { contacts: byIds(changes.contacts), members: byIds(changes.members), visitors: byIds(changes.visitors), transactions: byIds(changes.transactions) };
}

export interface ResolveReport {
  startedAt: Date;
  finishedAt: Date;
  /** Channel documents read (new or re-imported since the previous run). */
  read: { contacts: number; members: number; visitors: number; transactions: number };
  /** Records new or different from the previous run. */
  changedRecords: number;
  /** Records re-clustered: the changed ones and every record they could affect. */
  affectedRecords: number;
  /** Records whose customer id changed (new records included). */
  reassignedRecords: number;
  customers: { created: number; updated: number; mergedAway: number; total: number };
  merges: Merge[];
  splits: Split[];
  guardDecisions: number;
  activity: ActivityReport;
  /** True when nothing was new: nothing was written. */
  unchanged: boolean;
}

const DEFAULT_BATCH = 1_000;
const STATE_ID = 'resolve';

export function newCustomerId(): string {
  return `cus_${randomBytes(8).toString('hex')}`;
}

/** Projections: resolve reads only what the mappers and the watermark need. */
const ADDRESS_FIELDS = { addressLine1: 1, addressLine2: 1, city: 1, region: 1 } as const;
const CONTACT_FIELDS = {
  contactId: 1, firstName: 1, lastName: 1, email: 1, phone: 1, postalCode: 1, country: 1,
  birthDate: 1, loyaltyId: 1, createdAt: 1, updatedAt: 1, ...ADDRESS_FIELDS,
} as const;
const MEMBER_FIELDS = {
  loyaltyId: 1, firstName: 1, lastName: 1, email: 1, phone: 1, postalCode: 1, country: 1,
  birthDate: 1, enrolledAt: 1, updatedAt: 1, ...ADDRESS_FIELDS,
} as const;
const TRANSACTION_FIELDS = {
  transactionId: 1, at: 1, type: 1, loyaltyId: 1, cardToken: 1, receiptEmail: 1, shopperKey: 1,
} as const;

/**
 * The imports this run takes in: those the `omnidex.imports` log lists as finished and started after
 * the previous run's watermark. Rows carry their import's start time (`imported.importedAt`), so an
 * import still running when resolve starts (logged, but not finished) is left whole to the next run.
 */
async function importWindow(omnidex: Db, identity: IdentityCollections, startedAt: Date): Promise<InteractionWindow | undefined> {
  const state = await identity.state.findOne({ _id: STATE_ID });
  // Rows written without the importer (tests, a hand-made fixture) count as imported before now.
  const through = (await importWatermark(omnidex)) ?? startedAt;
  if (state && state.importedThrough >= through) return undefined;
  return state ? { after: state.importedThrough, through } : { through };
}

interface Changed {
  records: Map<string, StoredRecord>;
  read: ResolveReport['read'];
}

/**
 * Streams the channel documents imported in `window`, maps them to records and keeps those whose
 * hash differs from the stored one (re-importing an unchanged file changes nothing).
 */
async function readChanged(
  channels: Omit<ChannelDatabases, 'omnidex'>,
  identity: IdentityCollections,
  selection: Selection,
  mapper: MapperOptions,
  nothingStored: boolean,
): Promise<Changed> {
  const changed = new Map<string, StoredRecord>();
  const read = { contacts: 0, members: 0, visitors: 0, transactions: 0 };
  let pending: StoredRecord[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const hashes = new Map<string, string>();
    const keys = batch.map((s) => refKey(s.record.ref));
    if (!nothingStored) {
      for await (const doc of identity.records.find({ _id: { $in: keys } }, { projection: { hash: 1 }, batchSize: IN_BATCH })) {
        hashes.set(doc._id, doc.hash);
      }
    }
    batch.forEach((stored, i) => {
      const hash = recordHash(stored);
      if (hashes.get(keys[i]!) !== hash) changed.set(keys[i]!, { ...stored, hash });
    });
  };
  const add = async (stored: StoredRecord): Promise<void> => {
    pending.push(stored);
    if (pending.length >= IN_BATCH) await flush();
  };

  const { crm, pos, web } = channels;
  for (const filter of selection.contacts) {
    for await (const doc of crm.collection<CrmContactDoc>(COLLECTIONS.crm.contacts).find(filter as Filter<CrmContactDoc>, { projection: CONTACT_FIELDS })) {
      read.contacts++;
      await add({ record: fromCrmContact(doc, mapper) });
    }
  }
  for (const filter of selection.members) {
    for await (const doc of pos.collection<PosMemberDoc>(COLLECTIONS.pos.members).find(filter as Filter<PosMemberDoc>, { projection: MEMBER_FIELDS })) {
      read.members++;
      await add({ record: fromPosMember(doc, mapper), shopperKey: loyaltyShopperKey(doc.loyaltyId) });
    }
  }
  const visitors = web.collection<WebVisitorDoc>(COLLECTIONS.web.visitors);
  for (const filter of selection.visitors) {
    for await (const doc of visitors.find(filter as Filter<WebVisitorDoc>)) {
      read.visitors++;
      await add({ record: fromWebVisitor(doc, mapper) });
    }
  }
  for (const filter of selection.transactions) {
    for await (const doc of pos.collection<PosTransactionDoc>(COLLECTIONS.pos.transactions).find(filter as Filter<PosTransactionDoc>, { projection: TRANSACTION_FIELDS })) {
      read.transactions++;
      await add({ record: fromPosTransaction(doc, mapper), shopperKey: doc.shopperKey });
    }
  }
  await flush();
  return { records: changed, read };
}

async function loadStored(identity: IdentityCollections, keys: string[]): Promise<Map<string, IdentityRecordDoc>> {
  const out = new Map<string, IdentityRecordDoc>();
  for (const batch of chunks(keys, IN_BATCH)) {
    for await (const doc of identity.records.find({ _id: { $in: batch } }, { batchSize: IN_BATCH })) out.set(doc._id, doc);
  }
  return out;
}

/**
 * Runs identity resolution over the channel databases and stores the result in `identity`:
 * incremental (only what the imports since the last run changed, and what that can affect) and
 * idempotent (nothing new: nothing written).
 */
export function runResolve(dbs: Pick<Databases, 'identity'> & ChannelDatabases, options: ResolveOptions = {}): Promise<ResolveReport> {
  return resolve(dbs.identity, dbs, options);
}

/**
 * Re-clusters records already resolved (`keys`) from what the identity database holds of them,
 * after an admin's correction: it reads no channel database and leaves new imports to the next
 * `runResolve`.
 */
export function reclusterRecords(identity: Db, keys: string[], options: Omit<ResolveOptions, 'recheck'> = {}): Promise<ResolveReport> {
  return resolve(identity, undefined, { ...options, recheck: keys });
}

/**
 * Resolves the channel records `changes` names (the live resolver's outbox entries), incrementally
 * as `runResolve` does: the same hash comparison, affected set, clustering and persistent ids, and
 * the activity pointers of the cases, sessions and transactions named. It leaves the import
 * watermark and the run log to `omnidex resolve`. Idempotent: records whose hash did not change
 * change nothing, pointers are keyed.
 */
export function resolveChanges(
  dbs: Pick<Databases, 'identity'> & Omit<ChannelDatabases, 'omnidex'>,
  changes: ChangedIds,
  options: ResolveOptions = {},
): Promise<ResolveReport> {
  return resolve(dbs.identity, dbs, options, changes);
}

async function resolve(
  identityDb: Db,
  channels: (Omit<ChannelDatabases, 'omnidex'> & { omnidex?: Db }) | undefined,
  options: ResolveOptions,
  changes?: ChangedIds,
): Promise<ResolveReport> {
  const startedAt = new Date();
  const now = options.now ?? startedAt;
  const config = options.config ?? defaultResolveConfig();
  const mapper = options.mapper ?? { defaultCountry: 'GB' };
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const phase = options.onPhase ?? (() => undefined);
  const identity = identityCollections(identityDb);
  await ensureIdentityIndexes(identityDb);

  const report: ResolveReport = {
    startedAt,
    finishedAt: startedAt,
    read: { contacts: 0, members: 0, visitors: 0, transactions: 0 },
    changedRecords: 0,
    affectedRecords: 0,
    reassignedRecords: 0,
    customers: { created: 0, updated: 0, mergedAway: 0, total: 0 },
    merges: [],
    splits: [],
    guardDecisions: 0,
    activity: { written: 0 },
    unchanged: true,
  };

  // An index built by an older version (or before search existed) is rebuilt once records are written.
  const searchCurrent = await searchIndexIsCurrent(identity);

  phase('reading changed records');
  const window = channels?.omnidex && !changes ? await importWindow(channels.omnidex, identity, startedAt) : undefined;
  const touched = changes ? { cases: changes.cases, sessions: changes.sessions, transactions: changes.transactions } : undefined;
  // No record stored yet (a first run): no stored hash to compare each record with.
  const firstRun = await isEmpty(identity.records);
  const selection = channels && (changes ? idSelection(changes) : window ? await windowSelection(channels.web, window) : undefined);
  const changed = channels && selection
    ? await readChanged(channels, identity, selection, mapper, firstRun)
    : { records: new Map<string, StoredRecord>(), read: report.read };
  report.read = changed.read;
  report.changedRecords = changed.records.size;
  const recheck = (options.recheck ?? []).filter((key) => !changed.records.has(key));
  const recheckStored = await loadStored(identity, recheck);
  for (const [key, doc] of recheckStored) changed.records.set(key, { record: doc.record, shopperKey: doc.shopperKey });

  if (changed.records.size === 0) {
    // New interactions of known records (a case of a known contact) still need their pointers.
    if (window || touched) report.activity = await writeActivity(channels, identity, { window, touched, reassigned: new Map(), fresh: new Map(), batchSize });
    if (!searchCurrent) await rebuildSearchIndex(identity, { batchSize, now });
    if (window) await saveState(identity, window, now);
    report.unchanged = report.activity.written === 0;
    report.customers.total = changes ? 0 : await identity.customers.countDocuments();
    report.finishedAt = new Date();
    return report;
  }
  report.unchanged = false;

  phase('computing the affected set');
  // Into an empty collection plain inserts do: no upsert has to look for a document first.
  const freshCustomers = firstRun && (await isEmpty(identity.customers));
  const changedRecords = [...changed.records.values()].map((s) => s.record);
  const affected = firstRun
    ? new Set(changed.records.keys())
    : await computeAffectedSet(changedRecords, createAffectedSetSource(identity), config);
  report.affectedRecords = affected.size;

  const storedAffected = firstRun ? new Map<string, IdentityRecordDoc>() : await loadStored(identity, [...affected]);
  const members = new Map<string, StoredRecord>();
  for (const key of affected) {
    const fresh = changed.records.get(key);
    const stored = storedAffected.get(key);
    if (fresh) members.set(key, fresh);
    else if (stored) members.set(key, { record: stored.record, shopperKey: stored.shopperKey });
  }

  const storedModel = await loadModel(identity);
  // Oldest first, so that the same decisions reach the core in the same order on every run.
  const manual = (await identity.decisions.find({}).sort({ createdAt: 1, _id: 1 }).toArray()).map(
    (d): ManualDecision =>
      d.kind === 'unlink' ? { kind: 'unlink', id: d.id, record: d.record, from: d.from } : { kind: 'split', id: d.id, parts: d.parts },
  );
  const clustered = [...members.values()].map((m) => m.record);
  // A first run estimates the model from every record; later runs weigh pairs with the stored one,
  // as a full run would, until the profile records have doubled since it was estimated (or none
  // was stored): then it is estimated again from all of them.
  const profileRecords = firstRun ? 0 : await identity.records.countDocuments({ kind: { $in: ['contact', 'member'] } });
  const stale = !firstRun && config.matching.enabled && (!storedModel || profileRecords >= 2 * (storedModel.estimatedFrom.records + 50));
  phase(stale || !storedModel ? 'estimating the match model and clustering' : 'clustering');
  const model = stale ? estimateModel(await loadProfileRecords(identity, changed.records), config) : storedModel;
  const { clusters, decisions, model: used } = clusterRecords(clustered, config, manual, model ? { model } : {});
  if ((stale || !storedModel) && config.matching.enabled) await saveModel(identity, used, now);
  report.guardDecisions = decisions.length;

  const previousAssignments = new Map<string, string>();
  for (const [key, doc] of storedAffected) previousAssignments.set(key, doc.customerId);
  const previousIds = [...new Set(previousAssignments.values())];
  const previousCustomers = new Map<string, Pick<CustomerDoc, '_id' | 'createdAt' | 'mergedFrom'>>();
  for (const batch of chunks(previousIds, IN_BATCH)) {
    for await (const doc of identity.customers.find({ _id: { $in: batch } }, { projection: { createdAt: 1, mergedFrom: 1 } })) {
      previousCustomers.set(doc._id, doc);
    }
  }
  const assigned = assignCustomerIds(
    {
      assignments: previousAssignments,
      customerCreatedAt: new Map([...previousCustomers].map(([id, c]) => [id, c.createdAt])),
    },
    clusters,
    options.newId ?? newCustomerId,
    { recordCreatedAt: (key) => members.get(key)?.record.createdAt, now },
  );
  report.merges = assigned.merges;
  report.splits = assigned.splits;
  report.reassignedRecords = assigned.changedRecords.length;

  phase('writing records and customers');
  const created = new Map(assigned.created.map((c) => [c.id, c.createdAt]));
  const mergedInto = new Map<string, string>();
  for (const merge of assigned.merges) for (const id of merge.mergedFrom) mergedInto.set(id, merge.survivor);

  const decisionsOf = new Map<string, GuardDecision[]>();
  for (const decision of decisions) {
    const customers = new Set(recordsNamedBy(decision).map((key) => assigned.assignments.get(key)).filter((id): id is string => !!id));
    for (const id of customers) {
      const list = decisionsOf.get(id);
      if (list) list.push(decision);
      else decisionsOf.set(id, [decision]);
    }
  }

  const customerOps: AnyBulkWriteOperation<CustomerDoc>[] = [];
  clusters.forEach((cluster, index) => {
    const id = assigned.clusterIds[index]!;
    const previous = previousCustomers.get(id);
    const absorbed = assigned.merges.find((m) => m.survivor === id)?.mergedFrom ?? [];
    const mergedFrom = [...(previous?.mergedFrom ?? [])];
    for (const old of absorbed) {
      for (const m of [...(previousCustomers.get(old)?.mergedFrom ?? []), old]) if (!mergedFrom.includes(m)) mergedFrom.push(m);
    }
    const doc = buildCustomerDoc({
      id,
      createdAt: previous?.createdAt ?? created.get(id) ?? now,
      now,
      mergedFrom,
      members: cluster.records.map((key) => members.get(key)!),
      links: cluster.links,
      decisions: decisionsOf.get(id) ?? [],
    });
    if (previous) report.customers.updated++;
    else report.customers.created++;
    customerOps.push(freshCustomers ? { insertOne: { document: doc } } : { replaceOne: { filter: { _id: id }, replacement: doc, upsert: true } });
  });
  await writeInBatches(identity.customers, customerOps, batchSize);

  const mergedAway = [...mergedInto.keys()];
  report.customers.mergedAway = mergedAway.length;
  if (mergedAway.length > 0) {
    await writeInBatches(
      identity.merges,
      mergedAway.map((id) => ({
        replaceOne: { filter: { _id: id }, replacement: { survivor: mergedInto.get(id)!, mergedAt: now }, upsert: true },
      })),
      batchSize,
    );
    // Ids that had merged into one that merges now point straight at the new survivor.
    await identity.merges.bulkWrite(
      mergedAway.map((id) => ({ updateMany: { filter: { survivor: id }, update: { $set: { survivor: mergedInto.get(id)! } } } })),
      { ordered: false },
    );
    for (const batch of chunks(mergedAway, IN_BATCH)) await identity.customers.deleteMany({ _id: { $in: batch } });
  }

  // Before the records: a run interrupted after this still sees them changed, and writes it again.
  phase('writing the search index');
  const kept = new Set(assigned.clusterIds);
  if (searchCurrent) await writeSearchTerms(
    identity,
    clusters.map((cluster, index) => ({ id: assigned.clusterIds[index]!, records: cluster.records.map((key) => members.get(key)!.record) })),
    [...new Set([...previousIds.filter((id) => !kept.has(id)), ...mergedAway])],
    { fresh: freshCustomers && (await isEmpty(identity.search)), batchSize },
  );

  const recordOps: AnyBulkWriteOperation<IdentityRecordDoc>[] = [];
  for (const [key, stored] of members) {
    const customerId = assigned.assignments.get(key)!;
    const fresh = changed.records.get(key);
    if (fresh) {
      const { source, kind, id } = parseRefKey(key);
      const doc: IdentityRecordDoc = {
        _id: key,
        source,
        kind,
        sourceId: id,
        customerId,
        hash: fresh.hash ?? recordHash(fresh),
        record: fresh.record,
        identifierKeys: fresh.record.identifiers.map(identifierKey),
        blockingKeys: isMatchCandidate(fresh.record) ? blockingKeys(fresh.record, config.matching.blocking) : [],
        resolvedAt: now,
      };
      if (stored.shopperKey) doc.shopperKey = stored.shopperKey;
      recordOps.push(firstRun ? { insertOne: { document: doc } } : { replaceOne: { filter: { _id: key }, replacement: doc, upsert: true } });
    } else if (previousAssignments.get(key) !== customerId) {
      recordOps.push({ updateOne: { filter: { _id: key }, update: { $set: { customerId, resolvedAt: now } } } });
    }
  }
  await writeInBatches(identity.records, recordOps, batchSize);
  if (searchCurrent) await markSearchIndexCurrent(identity, now);
  else await rebuildSearchIndex(identity, { batchSize, now });

  phase('writing the activity index');
  const reassigned = new Map<string, string>();
  const fresh = new Map<string, string>();
  for (const key of assigned.changedRecords) (previousAssignments.has(key) ? reassigned : fresh).set(key, assigned.assignments.get(key)!);
  const freshActivity = firstRun && window !== undefined && !window.after && (await isEmpty(identity.activity));
  report.activity = await writeActivity(channels, identity, { window, touched, reassigned, fresh, batchSize, insertOnly: freshActivity });

  if (window) await saveState(identity, window, now);
  report.customers.total = changes ? 0 : await identity.customers.countDocuments();
  report.finishedAt = new Date();
  // Live resolutions run many times a second: the run log keeps `omnidex resolve`'s runs.
  if (!changes) await identity.runs.insertOne({ _id: `run-${startedAt.toISOString()}-${randomBytes(3).toString('hex')}`, ...summarize(report) });
  return report;
}

const MODEL_ID = 'match-model';

async function loadModel(identity: IdentityCollections): Promise<MatchModel | undefined> {
  const doc = await identity.models.findOne({ _id: MODEL_ID });
  return doc ? fromStoredModel(doc.model) : undefined;
}

async function saveModel(identity: IdentityCollections, model: MatchModel, now: Date): Promise<void> {
  await identity.models.replaceOne({ _id: MODEL_ID }, { model: toStoredModel(model), estimatedAt: now }, { upsert: true });
}

/** Every stored profile record, with this run's changed ones in their new form. */
async function loadProfileRecords(identity: IdentityCollections, changed: Map<string, StoredRecord>): Promise<IdentityRecord[]> {
  const out: IdentityRecord[] = [];
  for await (const doc of identity.records.find({ kind: { $in: ['contact', 'member'] } }, { projection: { record: 1 }, batchSize: 10_000 })) {
    if (!changed.has(doc._id)) out.push(doc.record);
  }
  for (const stored of changed.values()) if (isMatchCandidate(stored.record)) out.push(stored.record);
  return out;
}

async function isEmpty(collection: { findOne(filter: object, options: object): Promise<unknown> }): Promise<boolean> {
  return (await collection.findOne({}, { projection: { _id: 1 } })) === null;
}

async function saveState(identity: IdentityCollections, window: InteractionWindow, now: Date): Promise<void> {
  await identity.state.replaceOne({ _id: STATE_ID }, { importedThrough: window.through, updatedAt: now }, { upsert: true });
}

/** The report without the long lists, as kept in `identity.runs`. */
function summarize(report: ResolveReport): Record<string, unknown> {
  return { ...report, merges: report.merges.length, splits: report.splits.length };
}

/** The report as `omnidex resolve` prints it. */
export function formatResolveReport(report: ResolveReport): string {
  const seconds = (report.finishedAt.getTime() - report.startedAt.getTime()) / 1000;
  if (report.unchanged) return `resolve: nothing new since the last run (${seconds.toFixed(1)} s)`;
  const { read, customers } = report;
  return [
    `resolve: ${report.changedRecords} new or changed records ` +
      `(read ${read.contacts} contacts, ${read.members} members, ${read.visitors} visitors, ${read.transactions} transactions)`,
    `  re-clustered ${report.affectedRecords} records, ${report.reassignedRecords} assigned a new customer id`,
    `  customers: ${customers.created} created, ${customers.updated} updated, ${customers.mergedAway} merged away, ${customers.total} in all`,
    `  merges ${report.merges.length}, splits ${report.splits.length}, guard-rail decisions ${report.guardDecisions}`,
    `  activity index: ${report.activity.written} pointers written`,
    `  ${seconds.toFixed(1)} s`,
  ].join('\n');
}
