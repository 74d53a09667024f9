/**
 * The right to erasure: `forgetCustomer` removes a customer from every channel database and from
 * the identity database, keeps what retention requires (POS sales and returns, for the books)
 * without anything that identifies the person, and stops a later import from bringing them back.
 *
 * The identity subgraph runs it: it owns the map from a customer to its records. Each other
 * service forgets what its own database holds when asked (`forget-records`, the participants); the
 * identity database is done here.
 *
 * Crash safety comes from the order of the steps: the suppression list first (from then on no
 * import can re-add the person), then each participant, then the identity database, whose
 * customer document goes last. Until that document is gone a re-run rebuilds the same plan from it
 * and finishes the job; every step is idempotent (a delete by id, an update guarded by a marker).
 * A participant that cannot be reached (after its client's retries) stops the run: the privacy
 * log keeps it in progress with the reason, and asking again resumes it.
 */
import type { Db } from 'mongodb';
import { COLLECTIONS, DATABASES } from '../contract/documents';
import type { ForgetCount, InternalInput, RecordIds } from '../contract/internal-operations';
import { isPlaceholder, type IdentifierType } from '../identity/normalize';
import { parseRefKey } from '../identity/records';
import { chunks, identityCollections, type IdentityCollections } from '../identity/store/collections';
import { recordsNamedBy } from '../identity/store/customer-doc';
import type { CustomerDoc, ManualDecisionDoc } from '../identity/store/documents';
import { pseudonymiseAuditEntries } from './audit-log';
import { deleteByIds, IN_BATCH } from './held-records';
import { assertUsableSecret, type SuppressedIdentifier } from './hashing';
import { privacyLog, redactReason, type ForgetLogDoc } from './privacy-log';
import { addToSuppression, suppressionHashes } from './suppression';


/** Another service that may hold the customer's data, asked to forget it. */
export interface ForgetParticipant {
  /** The service's name, for the privacy log and messages. */
  name: string;
  /** Forgets what its database holds of the records; idempotent. Returns what it did. */
  forget(input: InternalInput<'forget-records'>): Promise<ForgetCount[]>;
  /** The newest import time of its rows (a channel), to tell whether resolve has read them all. */
  latestImport?(): Promise<Date | undefined>;
  /** Ingested rows the live resolver has not taken in yet (a channel's outbox). */
  liveBacklog?(): Promise<number>;
}

export interface ForgetOptions {
  /** The suppression list's HMAC secret (OMNIDEX_PRIVACY_SECRET). */
  secret: string;
  /** Asked in this order, after the suppression list and before the identity database. */
  participants: readonly ForgetParticipant[];
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
    readonly code: 'NOT_FOUND' | 'BAD_INPUT' | 'UNRESOLVED_IMPORTS' | 'INCOMPLETE',
    message: string,
    readonly argument?: 'id' | 'reason' | 'actor',
  ) {
    super(message);
    this.name = 'ForgetError';
  }
}

/** Everything a forget touches, by id: derived from the customer document and its records. */
type ForgetPlan = RecordIds & { customerId: string };

/**
 * Whether a participant holds rows imported after the last `omnidex resolve` read the channel
 * databases (the watermark `runResolve` keeps in `identity.state`): they are not linked to any
 * customer yet, so a forget now would miss the person's newest records.
 */
async function importedSinceResolve(identity: IdentityCollections, participants: readonly ForgetParticipant[]): Promise<boolean> {
  const state = await identity.state.findOne({ _id: 'resolve' });
  for (const participant of participants) {
    const latest = await participant.latestImport?.();
    if (latest && (!state || state.importedThrough < latest)) return true;
  }
  return false;
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
    shopperKeys: [...customer.posShopperKeys],
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
  identityDb: Db,
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
  const identity = identityCollections(identityDb);
  const log = privacyLog(identityDb);

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

  for (const participant of options.participants) {
    if (((await participant.liveBacklog?.()) ?? 0) > 0) {
      throw new ForgetError(
        'UNRESOLVED_IMPORTS',
        `Rows ingested into ${participant.name} are not linked to customers yet: the live resolver takes them in within seconds; forget again then`,
      );
    }
  }
  if (await importedSinceResolve(identity, options.participants)) {
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
  await done(DATABASES.identity, 'suppression', 'suppressed', await addToSuppression(identityDb, options.secret, identifiers));

  const { customerId: _customerId, ...recordIds } = plan;
  const input = { customerId: plan.customerId, records: recordIds, suppressionHashes: [...suppressionHashes(options.secret, identifiers)], now: now.toISOString() };
  for (const participant of options.participants) {
    let steps: ForgetCount[];
    try {
      steps = await participant.forget(input);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      await log.updateOne({ _id: auditId }, { $set: { status: 'in-progress', lastError: `${participant.name}: ${redactReason(why)}` } });
      // Why stays in the privacy log: a service's error may name internal hosts.
      throw new ForgetError(
        'INCOMPLETE',
        `The ${participant.name} service could not forget its records; what was done is kept, and asking again resumes the forget`,
      );
    }
    for (const step of steps) await done(step.database, step.collection, step.action, step.count);
  }

  // The identity database's own audit entries name the customer, its records and their ids.
  const auditKeys = [...plan.customerIds, ...plan.recordKeys, ...plan.contactIds, ...plan.visitorIds, ...plan.memberIds, ...plan.shopperKeys];
  await done(DATABASES.identity, 'audit', 'pseudonymised', await pseudonymiseAuditEntries(identityDb, auditKeys, plan.customerId));
  await done(DATABASES.identity, COLLECTIONS.identity.activity, 'deleted', await deleteByIds(identity.activity, 'customerId', plan.customerIds));
  await done(DATABASES.identity, COLLECTIONS.identity.search, 'deleted', await deleteByIds(identity.search, 'c', plan.customerIds));
  // The band is derived from the customer's interactions; the next one of a new customer starts afresh.
  await done(DATABASES.identity, COLLECTIONS.identity.bands, 'deleted', await deleteByIds(identityDb.collection<{ _id: string }>(COLLECTIONS.identity.bands), '_id', plan.customerIds));
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
