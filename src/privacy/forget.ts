/**
 * The right to erasure: `forgetCustomer` removes a customer from every channel database and from
 * the identity database, keeps what retention requires (POS sales and returns, for the books)
 * without anything that identifies the person, and stops a later import from bringing them back.
 *
 * Crash safety comes from the order of the steps: the suppression list first (from then on no
 * import can re-add the person), then the channel databases, then the identity database, whose
 * customer document goes last. Until that document is gone a re-run rebuilds the same plan from it
 * and finishes the job; every step is idempotent (a delete by id, an update guarded by a marker).
 */
import type { AnyBulkWriteOperation, MongoClient, ObjectId } from 'mongodb';
import { COLLECTIONS, DATABASES, type AuditEntryDoc, type PosTransactionDoc, type QuarantineDoc } from '../contract/documents';
import type { CustomerDoc, ManualDecisionDoc } from '../identity/store/documents';
import { isPlaceholder, type IdentifierType } from '../identity/normalize';
import { parseRefKey } from '../identity/records';
import { latestImportStartedAt } from '../import/import-directory';
import { chunks, identityCollections, type IdentityCollections } from '../identity/store/collections';
import { recordsNamedBy } from '../identity/store/customer-doc';
import { assertUsableSecret, type SuppressedIdentifier } from './hashing';
import { privacyLog, redactReason, type ForgetCount, type ForgetLogDoc } from './privacy-log';
import { TRANSACTION_PERSON_FIELDS } from './pseudonymise';
import { addToSuppression, createSuppressionCheck, suppressionHashes } from './suppression';

/** Ids per `$in`, as the identity store batches them. */
const IN_BATCH = 5_000;

export interface ForgetOptions {
  /** The suppression list's HMAC secret (OMNIDEX_PRIVACY_SECRET). */
  secret: string;
  now?: Date;
  /** Called after each step is done and logged, e.g. to print progress. */
  onStep?: (step: ForgetCount) => void | Promise<void>;
}

export interface ForgetResult {
  /** The id asked for; `customerId` differs when it had merged into another customer. */
  requestedId: string;
  customerId: string;
  /** An earlier forget had already finished: nothing was left to do. */
  alreadyForgotten: boolean;
  /** The `privacy_log` entry recording it. */
  auditId: string;
  /** What was done, per collection, over every attempt. */
  counts: ForgetCount[];
  /**
   * Identifiers not put on the suppression list because other customers' records hold them too
   * (a family email): suppressing them would silently drop those people's rows.
   */
  sharedIdentifiers: number;
}

/** A request `forgetCustomer` cannot carry out; `argument` names the input at fault, if one is. */
export class ForgetError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'BAD_INPUT' | 'UNRESOLVED_IMPORTS',
    message: string,
    readonly argument?: 'id' | 'reason' | 'actor',
  ) {
    super(message);
    this.name = 'ForgetError';
  }
}

/** The pseudonymised receipt: its person fields gone, marked so a re-run leaves it alone. */
export type PseudonymisedTransactionDoc = PosTransactionDoc & { pseudonymisedAt?: Date };

/** Everything a forget touches, by id: derived from the customer document and its records. */
interface ForgetPlan {
  customerId: string;
  /** The customer and every id that merged into it. */
  customerIds: string[];
  recordKeys: string[];
  contactIds: string[];
  visitorIds: string[];
  memberIds: string[];
  transactionIds: string[];
}

/**
 * Whether an import has started since the last `omnidex resolve` read the channel databases (the
 * watermark `runResolve` keeps in `identity.state`): its rows are not linked to any customer yet,
 * so a forget now would miss the person's newest records.
 */
async function importedSinceResolve(client: MongoClient, identity: IdentityCollections): Promise<boolean> {
  const latest = await latestImportStartedAt(client);
  if (!latest) return false;
  const state = await identity.state.findOne({ _id: 'resolve' });
  return !state || state.importedThrough < latest;
}

async function findCustomer(identity: IdentityCollections, id: string, logged: ForgetLogDoc | null): Promise<CustomerDoc | null> {
  const direct = await identity.customers.findOne({ _id: id });
  if (direct) return direct;
  const merge = await identity.merges.findOne({ _id: id });
  if (merge) return identity.customers.findOne({ _id: merge.survivor });
  // An interrupted forget may have removed the merge pointers before the customer itself.
  return logged ? identity.customers.findOne({ _id: logged.customerId }) : null;
}

async function planOf(identity: IdentityCollections, customer: CustomerDoc): Promise<ForgetPlan> {
  const plan: ForgetPlan = {
    customerId: customer._id,
    customerIds: [customer._id, ...customer.mergedFrom],
    recordKeys: [],
    contactIds: [...customer.crmContactIds],
    visitorIds: [...customer.webVisitorIds],
    memberIds: customer.posShopperKeys.filter((key) => key.startsWith('loyalty:')).map((key) => key.slice('loyalty:'.length)),
    transactionIds: [],
  };
  const records = identity.records.find({ customerId: customer._id }, { projection: { _id: 1 } });
  for await (const { _id: key } of records) {
    plan.recordKeys.push(key);
    const ref = parseRefKey(key);
    if (ref.kind === 'contact') plan.contactIds.push(ref.id);
    if (ref.kind === 'visitor') plan.visitorIds.push(ref.id);
    if (ref.kind === 'member') plan.memberIds.push(ref.id);
    if (ref.kind === 'transaction') plan.transactionIds.push(ref.id);
  }
  for (const list of ['contactIds', 'visitorIds', 'memberIds', 'transactionIds'] as const) plan[list] = [...new Set(plan[list])];
  return plan;
}

/**
 * The identifiers to suppress: the customer's strong identifiers and channel ids, except
 * placeholders (they never identified anyone) and those other customers' records hold too.
 */
async function suppressibleIdentifiers(
  identity: IdentityCollections,
  customer: CustomerDoc,
  plan: ForgetPlan,
): Promise<{ identifiers: SuppressedIdentifier[]; shared: number }> {
  const strong = customer.identifiers.filter((i) => !isPlaceholder(i.type as IdentifierType, i.value));
  const keys = strong.map((i) => `${i.type}:${i.value}`);
  const shared = new Set<string>();
  for (const batch of chunks(keys, IN_BATCH)) {
    const others = identity.records.find(
      { identifierKeys: { $in: batch }, customerId: { $ne: customer._id } },
      { projection: { identifierKeys: 1 } },
    );
    for await (const doc of others) for (const key of doc.identifierKeys) shared.add(key);
  }
  const identifiers: SuppressedIdentifier[] = [
    ...strong.filter((i) => !shared.has(`${i.type}:${i.value}`)).map((i) => ({ type: i.type, value: i.value })),
    ...plan.contactIds.map((value) => ({ type: 'crmContactId' as const, value })),
    ...plan.visitorIds.map((value) => ({ type: 'webVisitorId' as const, value })),
  ];
  return { identifiers, shared: strong.filter((i) => shared.has(`${i.type}:${i.value}`)).length };
}

/** Runs `deleteMany` over `ids` a batch at a time; returns how many documents went. */
async function deleteByIds(
  collection: { deleteMany(filter: object): Promise<{ deletedCount: number }> },
  field: string,
  ids: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (const batch of chunks(ids, IN_BATCH)) deleted += (await collection.deleteMany({ [field]: { $in: batch } })).deletedCount;
  return deleted;
}

/**
 * Keeps a manual decision's meaning for the records that remain: the forgotten records are taken
 * out of it, and it is dropped when nothing it constrains is left. Undefined: delete it.
 */
function withoutRecords(decision: ManualDecisionDoc, forgotten: ReadonlySet<string>): ManualDecisionDoc | undefined {
  if (decision.kind === 'unlink') {
    if (forgotten.has(decision.record)) return undefined;
    const from = decision.from.filter((key) => !forgotten.has(key));
    return from.length > 0 ? { ...decision, from } : undefined;
  }
  const parts = decision.parts.map((part) => part.filter((key) => !forgotten.has(key))).filter((part) => part.length > 0);
  return parts.length > 1 ? { ...decision, parts } : undefined;
}

function names(decision: ManualDecisionDoc, forgotten: ReadonlySet<string>): boolean {
  const keys = decision.kind === 'unlink' ? [decision.record, ...decision.from] : decision.parts.flat();
  return keys.some((key) => forgotten.has(key));
}

/**
 * Forgets customer `customerId` (or the customer it merged into): see the file's header. `actor`
 * is who asked (a caller's `sub`), `reason` why; both go to the audit entry, the reason with
 * anything shaped like an email or phone number removed. Safe to call again: a finished forget
 * answers `alreadyForgotten`, an interrupted one is completed.
 */
export async function forgetCustomer(
  client: MongoClient,
  customerId: string,
  reason: string,
  actor: string,
  options: ForgetOptions,
): Promise<ForgetResult> {
  assertUsableSecret(options.secret);
  const requestedId = customerId.trim();
  if (requestedId === '') throw new ForgetError('BAD_INPUT', 'The customer id is empty', 'id');
  const cleanReason = redactReason(reason);
  if (cleanReason === '') throw new ForgetError('BAD_INPUT', 'A reason is required to forget a customer', 'reason');
  if (actor.trim() === '') throw new ForgetError('BAD_INPUT', 'The actor (who asks) is required to forget a customer', 'actor');
  const now = options.now ?? new Date();
  const identity = identityCollections(client);
  const log = privacyLog(client);

  const logged = await log.findOne({ kind: 'forget', $or: [{ customerId: requestedId }, { mergedIds: requestedId }] });
  const customer = await findCustomer(identity, requestedId, logged);
  if (!customer) {
    if (!logged) throw new ForgetError('NOT_FOUND', `No customer ${requestedId}`, 'id');
    if (logged.status !== 'done') {
      // The customer document goes last: without it, every earlier step had finished.
      await log.updateOne({ _id: logged._id }, { $set: { status: 'done', finishedAt: now } });
    }
    return {
      requestedId,
      customerId: logged.customerId,
      alreadyForgotten: true,
      auditId: logged._id,
      counts: logged.counts,
      sharedIdentifiers: 0,
    };
  }

  if (await importedSinceResolve(client, identity)) {
    throw new ForgetError(
      'UNRESOLVED_IMPORTS',
      'Records were imported since the last resolve and are not linked to customers yet: run `omnidex resolve`, then forget again',
    );
  }

  const plan = await planOf(identity, customer);
  const auditId = `forget:${plan.customerId}`;
  const entry: ForgetLogDoc = {
    _id: auditId,
    kind: 'forget',
    customerId: plan.customerId,
    mergedIds: customer.mergedFrom,
    actor: actor.trim(),
    reason: cleanReason,
    requestedAt: now,
    status: 'in-progress',
    counts: [],
  };
  const { _id: _, ...fields } = entry;
  const previous = await log.findOneAndUpdate(
    { _id: auditId },
    { $setOnInsert: fields },
    { upsert: true, returnDocument: 'before' },
  );
  const counts: ForgetCount[] = previous?.counts ?? [];
  if (previous) await log.updateOne({ _id: auditId }, { $set: { status: 'in-progress', resumedAt: now } });
  const done = async (database: string, collection: string, action: ForgetCount['action'], count: number): Promise<void> => {
    const existing = counts.find((c) => c.database === database && c.collection === collection && c.action === action);
    if (existing) existing.count += count;
    else counts.push({ database, collection, action, count });
    await log.updateOne({ _id: auditId }, { $set: { counts } });
    await options.onStep?.({ database, collection, action, count });
  };

  const { identifiers, shared } = await suppressibleIdentifiers(identity, customer, plan);
  await done(DATABASES.identity, 'suppression', 'suppressed', await addToSuppression(client, options.secret, identifiers));
  // Before the channel records go: the audit entries name cases and sessions found through them.
  await done(DATABASES.audit, COLLECTIONS.audit.reads, 'pseudonymised', await pseudonymiseAuditReads(client, customer, plan));

  const crm = client.db(DATABASES.crm);
  await done(DATABASES.crm, COLLECTIONS.crm.cases, 'deleted', await deleteByIds(crm.collection(COLLECTIONS.crm.cases), 'contactId', plan.contactIds));
  await done(DATABASES.crm, COLLECTIONS.crm.contacts, 'deleted', await deleteByIds(crm.collection(COLLECTIONS.crm.contacts), '_id', plan.contactIds));

  const web = client.db(DATABASES.web);
  await done(DATABASES.web, COLLECTIONS.web.events, 'deleted', await deleteByIds(web.collection(COLLECTIONS.web.events), 'visitorId', plan.visitorIds));
  await done(DATABASES.web, COLLECTIONS.web.sessions, 'deleted', await deleteByIds(web.collection(COLLECTIONS.web.sessions), 'visitorId', plan.visitorIds));
  await done(DATABASES.web, COLLECTIONS.web.visitors, 'deleted', await deleteByIds(web.collection(COLLECTIONS.web.visitors), '_id', plan.visitorIds));

  const pos = client.db(DATABASES.pos);
  await done(DATABASES.pos, COLLECTIONS.pos.members, 'deleted', await deleteByIds(pos.collection(COLLECTIONS.pos.members), '_id', plan.memberIds));
  await done(DATABASES.pos, COLLECTIONS.pos.transactions, 'pseudonymised', await pseudonymiseTransactions(client, plan.transactionIds, now));

  await done(DATABASES.omnidex, COLLECTIONS.omnidex.quarantine, 'deleted', await scrubQuarantine(client, options.secret, identifiers));

  await done(DATABASES.identity, COLLECTIONS.identity.activity, 'deleted', await deleteByIds(identity.activity, 'customerId', plan.customerIds));
  await scrubManualDecisions(identity, plan, done);
  await done(DATABASES.identity, COLLECTIONS.identity.customers, 'scrubbed', await scrubOtherCustomers(identity, customer, plan));
  let records = await deleteByIds(identity.records, '_id', plan.recordKeys);
  records += (await identity.records.deleteMany({ customerId: plan.customerId })).deletedCount;
  await done(DATABASES.identity, COLLECTIONS.identity.records, 'deleted', records);
  let merges = await deleteByIds(identity.merges, 'survivor', plan.customerIds);
  merges += await deleteByIds(identity.merges, '_id', plan.customerIds);
  await done(DATABASES.identity, COLLECTIONS.identity.merges, 'deleted', merges);
  await done(DATABASES.identity, COLLECTIONS.identity.customers, 'deleted', (await identity.customers.deleteOne({ _id: plan.customerId })).deletedCount);

  await log.updateOne({ _id: auditId }, { $set: { status: 'done', finishedAt: new Date() } });
  return { requestedId, customerId: plan.customerId, alreadyForgotten: false, auditId, counts, sharedIdentifiers: shared };
}

/**
 * Sales and returns stay for the books, amounts and lines intact; the person fields go (see
 * `pseudonymise.ts`), and the receipt becomes an anonymous shopper of its own (`receipt:<id>`),
 * as if it had been made without a card.
 */
async function pseudonymiseTransactions(client: MongoClient, transactionIds: readonly string[], now: Date): Promise<number> {
  const transactions = client.db(DATABASES.pos).collection<PseudonymisedTransactionDoc>(COLLECTIONS.pos.transactions);
  let modified = 0;
  for (const batch of chunks(transactionIds, IN_BATCH)) {
    const ops: AnyBulkWriteOperation<PseudonymisedTransactionDoc>[] = batch.map((id) => ({
      updateOne: {
        filter: { _id: id, pseudonymisedAt: { $exists: false } },
        update: {
          $unset: Object.fromEntries(TRANSACTION_PERSON_FIELDS.map((field) => [field, ''])),
          $set: { shopperKey: `receipt:${id}`, pseudonymisedAt: now },
        },
      },
    }));
    if (ops.length > 0) modified += (await transactions.bulkWrite(ops, { ordered: false })).modifiedCount;
  }
  return modified;
}

/**
 * The PII audit log stays (who read personal data, and when, is itself a record to keep), but the
 * entities it names — the customer, its contacts, visitors, shoppers, members, cases, sessions and
 * events — are replaced by `forgotten:<customerId>`, which ties them to the privacy log's entry and
 * to nothing else. Receipts keep their ids: they are kept, anonymous.
 */
async function pseudonymiseAuditReads(client: MongoClient, customer: CustomerDoc, plan: ForgetPlan): Promise<number> {
  const cases = client.db(DATABASES.crm).collection<{ _id: string; contactId: string }>(COLLECTIONS.crm.cases);
  const sessions = client.db(DATABASES.web).collection<{ _id: string; visitorId: string }>(COLLECTIONS.web.sessions);
  const keys = [...plan.customerIds, ...plan.contactIds, ...plan.visitorIds, ...plan.memberIds, ...customer.posShopperKeys];
  for (const batch of chunks(plan.contactIds, IN_BATCH)) {
    for await (const c of cases.find({ contactId: { $in: batch } }, { projection: { _id: 1 } })) keys.push(c._id);
  }
  const events = client.db(DATABASES.web).collection<{ _id: string; visitorId: string }>(COLLECTIONS.web.events);
  for (const batch of chunks(plan.visitorIds, IN_BATCH)) {
    for await (const s of sessions.find({ visitorId: { $in: batch } }, { projection: { _id: 1 } })) keys.push(s._id);
    for await (const e of events.find({ visitorId: { $in: batch } }, { projection: { _id: 1 } })) keys.push(e._id);
  }
  const reads = client.db(DATABASES.audit).collection<AuditEntryDoc>(COLLECTIONS.audit.reads);
  let modified = 0;
  for (const batch of chunks([...new Set(keys)], IN_BATCH)) {
    modified += (await reads.updateMany({ entityKey: { $in: batch } }, { $set: { entityKey: `forgotten:${plan.customerId}` } })).modifiedCount;
  }
  return modified;
}

/** Rejected rows hold the raw text of the person's records: those carrying their identifiers go. */
async function scrubQuarantine(client: MongoClient, secret: string, identifiers: readonly SuppressedIdentifier[]): Promise<number> {
  if (identifiers.length === 0) return 0;
  const check = createSuppressionCheck(secret, suppressionHashes(secret, identifiers));
  // The importer inserts quarantined rows without an _id: the driver gives each an ObjectId.
  const quarantine = client.db(DATABASES.omnidex).collection<Omit<QuarantineDoc, '_id'> & { _id: ObjectId }>(COLLECTIONS.omnidex.quarantine);
  const doomed: ObjectId[] = [];
  for await (const row of quarantine.find({}, { projection: { file: 1, raw: 1 } })) {
    if (check.checkRaw(row.file, row.raw)) doomed.push(row._id);
  }
  let deleted = 0;
  for (const batch of chunks(doomed, IN_BATCH)) deleted += (await quarantine.deleteMany({ _id: { $in: batch } })).deletedCount;
  return deleted;
}

/** Admin corrections (`splitCustomer`, `unlinkRecord`) that name the forgotten records or ids. */
async function scrubManualDecisions(
  identity: IdentityCollections,
  plan: ForgetPlan,
  done: (database: string, collection: string, action: ForgetCount['action'], count: number) => Promise<void>,
): Promise<void> {
  const forgotten = new Set(plan.recordKeys);
  const customerIds = new Set(plan.customerIds);
  let deleted = 0;
  let scrubbed = 0;
  // Corrections are few (one per admin action): reading them all beats indexing every shape.
  for await (const decision of identity.decisions.find({})) {
    const ownedHere = customerIds.has(decision.customerId);
    if (!ownedHere && !names(decision, forgotten)) continue;
    const kept = withoutRecords(decision, forgotten);
    if (!kept || ownedHere) {
      deleted += (await identity.decisions.deleteOne({ _id: decision._id })).deletedCount;
    } else {
      await identity.decisions.replaceOne({ _id: decision._id }, kept);
      scrubbed++;
    }
  }
  await done(DATABASES.identity, COLLECTIONS.identity.decisions, 'deleted', deleted);
  await done(DATABASES.identity, COLLECTIONS.identity.decisions, 'scrubbed', scrubbed);
}

/**
 * Guard-rail decisions are listed on every customer whose records they name (a family email kept
 * apart names both people's records, and the email): those naming the forgotten records are
 * removed from the other customers. Such customers share an identifier with this one.
 */
async function scrubOtherCustomers(identity: IdentityCollections, customer: CustomerDoc, plan: ForgetPlan): Promise<number> {
  const forgotten = new Set(plan.recordKeys);
  let scrubbed = 0;
  for (const batch of chunks(customer.identifierKeys, IN_BATCH)) {
    const others = identity.customers.find({ identifierKeys: { $in: batch }, _id: { $ne: customer._id } }, { projection: { decisions: 1 } });
    for await (const other of others) {
      const decisions = other.decisions.filter((decision) => !recordsNamedBy(decision).some((key) => forgotten.has(key)));
      if (decisions.length === other.decisions.length) continue;
      await identity.customers.updateOne({ _id: other._id }, { $set: { decisions } });
      scrubbed++;
    }
  }
  return scrubbed;
}

/** The result as `omnidex forget` prints it: ids and counts only. */
export function formatForgetResult(result: ForgetResult): string {
  const lines = [
    result.alreadyForgotten
      ? `customer ${result.customerId} was already forgotten (audit entry ${result.auditId})`
      : `forgot customer ${result.customerId}${result.requestedId !== result.customerId ? ` (asked as ${result.requestedId})` : ''} (audit entry ${result.auditId})`,
  ];
  for (const c of result.counts.filter((c) => c.count > 0)) lines.push(`  ${`${c.database}.${c.collection}`.padEnd(24)} ${c.action.padEnd(14)} ${c.count}`);
  if (result.sharedIdentifiers > 0) {
    lines.push(`  ${result.sharedIdentifiers} identifier(s) other customers also hold were not suppressed`);
  }
  return lines.join('\n');
}
