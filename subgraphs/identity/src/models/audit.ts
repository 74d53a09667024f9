import type { AuditEntryDoc } from '../../../../src/contract/documents';
import type { ActivityDoc, CustomerDoc, IdentityRecordDoc } from '../../../../src/identity/store/documents';
import type { ConnectionModel } from '../../../common/src/pagination';
import type { AuditQuery } from '../../../../src/contract/internal-operations';
import { auditEntries } from '../../../../src/privacy/audit-log';
import { badUserInput } from '../../../common/src/errors';
import { parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { AuditLogFilter, QueryAuditLogArgs } from '../__generated__/resolvers-types';
import type { IdentityContext } from '../context';
import { auditSources } from './services';

export type AuditEntryConnectionModel = ConnectionModel<AuditEntryDoc>;

/** The GraphQL type each identity record kind is read as in its channel subgraph. */
const ENTITY_TYPE_OF_RECORD: Record<IdentityRecordDoc['kind'], string> = {
  contact: 'CrmContact',
  visitor: 'WebVisitor',
  member: 'PosMember',
  transaction: 'PosTransaction',
};

const ENTITY_TYPE_OF_ACTIVITY: Record<ActivityDoc['kind'], string> = {
  case: 'CrmCase',
  session: 'WebSession',
  sale: 'PosTransaction',
  return: 'PosTransaction',
};

/**
 * The audit entries about one customer: reads of the customer itself (and of the ids merged into
 * it), of its linked records as their channel types, and of its interactions (cases, sessions,
 * receipts) as the activity index points at them. Channel subgraphs record only their own keys;
 * this is where identity turns a customer id into those keys, from its own database, for every
 * service's `audit-entries` to match.
 */
export function auditEntitiesOfCustomer(
  customer: CustomerDoc,
  records: readonly Pick<IdentityRecordDoc, '_id' | 'kind' | 'sourceId'>[],
  activity: readonly Pick<ActivityDoc, 'kind' | 'entityId'>[],
): NonNullable<AuditQuery['entities']> {
  const keys = new Map<string, Set<string>>();
  const add = (entityType: string, key: string) => {
    let set = keys.get(entityType);
    if (!set) keys.set(entityType, (set = new Set()));
    set.add(key);
  };
  for (const id of [customer._id, ...customer.mergedFrom]) {
    add('Customer', id);
    // Restricted root fields (explainCustomer, exportCustomerData, forgetCustomer) are attributed
    // to the id they were asked for.
    add('Query', id);
    add('Mutation', id);
  }
  for (const id of customer.crmContactIds) add('CrmContact', id);
  for (const id of customer.webVisitorIds) add('WebVisitor', id);
  for (const key of customer.posShopperKeys) add('PosShopper', key);
  for (const record of records) {
    add(ENTITY_TYPE_OF_RECORD[record.kind], record.sourceId);
    add('LinkedRecord', record._id);
  }
  for (const entry of activity) add(ENTITY_TYPE_OF_ACTIVITY[entry.kind], entry.entityId);
  return [...keys.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([entityType, set]) => ({ entityType, keys: [...set].sort() }));
}

export const AUDIT_LOG_LIST = 'auditLog';
const MAX_FILTER_LENGTH = 200;

function text(value: string | null | undefined, name: keyof AuditLogFilter): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.trim() === '' || value.length > MAX_FILTER_LENGTH) {
    throw badUserInput(`filter.${name} must be 1 to ${MAX_FILTER_LENGTH} characters`, 'filter');
  }
  return value;
}

/** `auditLog(filter)` as the query every service answers from its own audit log. */
async function toAuditQuery(filter: AuditLogFilter | null | undefined, { identity, loaders }: IdentityContext): Promise<Omit<AuditQuery, 'limit'>> {
  const query: Omit<AuditQuery, 'limit'> = {};
  const sub = text(filter?.sub, 'sub');
  const entityType = text(filter?.entityType, 'entityType');
  const entityKey = text(filter?.entityKey, 'entityKey');
  const customerId = text(filter?.customerId, 'customerId');
  if (sub !== undefined) query.sub = sub;
  if (entityType !== undefined) query.entityType = entityType;
  if (entityKey !== undefined) query.entityKeys = [entityKey];
  const since = filter?.since ?? undefined;
  const until = filter?.until ?? undefined;
  if (since && until && since >= until) throw badUserInput('filter.since must be before filter.until', 'filter');
  if (since) query.since = since.toISOString();
  if (until) query.until = until.toISOString();
  if (customerId !== undefined) {
    const customer = await loaders.customerById.load(customerId);
    if (!customer) {
      // A forgotten customer's entries keep only its id: forgetCustomer rewrote the keys of its
      // records to `forgotten:<id>` (src/privacy/forget.ts).
      const keys = [customerId, `forgotten:${customerId}`];
      query.entityKeys = query.entityKeys ? query.entityKeys.filter((key) => keys.includes(key)) : keys;
      return query;
    }
    const [records, activity] = await Promise.all([
      identity.records.find({ customerId: customer._id }, { projection: { _id: 1, kind: 1, sourceId: 1 } }).toArray(),
      identity.activity.find({ customerId: customer._id }, { projection: { kind: 1, entityId: 1 } }).toArray(),
    ]);
    query.entities = auditEntitiesOfCustomer(customer, records, activity);
  }
  return query;
}

const newestFirst = (a: AuditEntryDoc, b: AuditEntryDoc) => b.at.getTime() - a.at.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);

/**
 * A page of `auditLog`. Every service keeps its own audit log: each is asked for its newest
 * entries past the cursor, and the page is the newest of them all.
 */
export async function auditLogPage(args: QueryAuditLogArgs, context: IdentityContext): Promise<AuditEntryConnectionModel> {
  const request = parsePageArgs(AUDIT_LOG_LIST, args);
  const query: AuditQuery = {
    ...(await toAuditQuery(args.filter, context)),
    ...(request.after?.t ? { before: { at: request.after.t.toISOString(), id: request.after.id } } : {}),
    limit: request.first + 1,
  };
  const parts = await Promise.all([
    auditEntries(context.db, query),
    ...auditSources(context.services).map((service) => service.call('audit-entries', query, context.caller)),
  ]);
  const found = parts
    .flatMap((part) => part.entries)
    .map((entry): AuditEntryDoc => ({ ...entry, at: new Date(entry.at) }))
    .sort(newestFirst)
    .slice(0, request.first + 1);
  const page = found.slice(0, request.first);
  return toConnection(AUDIT_LOG_LIST, page, (entry) => ({ t: entry.at, id: entry._id }), found.length > request.first);
}
