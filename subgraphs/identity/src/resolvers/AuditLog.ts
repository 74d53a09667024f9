import type { Filter } from 'mongodb';
import type { AuditEntryDoc } from '../../../../src/contract/documents';
import { auditCollection } from '../../../common/src/audit';
import { badUserInput } from '../../../common/src/errors';
import { afterFilter, parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { AuditEntryResolvers, AuditLogFilter, QueryResolvers } from '../__generated__/resolvers-types';
import type { IdentityContext } from '../context';
import { auditFilterForCustomer } from '../models/audit';

export const AUDIT_LOG_LIST = 'auditLog';
const MAX_FILTER_LENGTH = 200;

function text(value: string | null | undefined, name: keyof AuditLogFilter): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.trim() === '' || value.length > MAX_FILTER_LENGTH) {
    throw badUserInput(`filter.${name} must be 1 to ${MAX_FILTER_LENGTH} characters`, 'filter');
  }
  return value;
}

/** The MongoDB filter of `auditLog(filter)`. */
async function toAuditFilter(filter: AuditLogFilter | null | undefined, { identity, loaders }: IdentityContext): Promise<Filter<AuditEntryDoc>> {
  const conditions: Filter<AuditEntryDoc>[] = [];
  const sub = text(filter?.sub, 'sub');
  const entityType = text(filter?.entityType, 'entityType');
  const entityKey = text(filter?.entityKey, 'entityKey');
  const customerId = text(filter?.customerId, 'customerId');
  if (sub !== undefined) conditions.push({ sub });
  if (entityType !== undefined) conditions.push({ entityType });
  if (entityKey !== undefined) conditions.push({ entityKey });
  const since = filter?.since ?? undefined;
  const until = filter?.until ?? undefined;
  if (since && until && since >= until) throw badUserInput('filter.since must be before filter.until', 'filter');
  if (since || until) conditions.push({ at: { ...(since ? { $gte: since } : {}), ...(until ? { $lt: until } : {}) } });
  if (customerId !== undefined) {
    const customer = await loaders.customer.load(customerId);
    if (!customer) {
      // A forgotten customer's entries keep only its id: forgetCustomer rewrote the keys of its
      // records to `forgotten:<id>` (src/privacy/forget.ts).
      conditions.push({ entityKey: { $in: [customerId, `forgotten:${customerId}`] } });
      return { $and: conditions };
    }
    const [records, activity] = await Promise.all([
      identity.records.find({ customerId: customer._id }, { projection: { _id: 1, kind: 1, sourceId: 1 } }).toArray(),
      identity.activity.find({ customerId: customer._id }, { projection: { kind: 1, entityId: 1 } }).toArray(),
    ]);
    conditions.push(auditFilterForCustomer(customer, records, activity));
  }
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0]! : { $and: conditions };
}

export const AuditLogQuery: Pick<QueryResolvers, 'auditLog'> = {
  async auditLog(_, args, context) {
    const request = parsePageArgs(AUDIT_LOG_LIST, args);
    const filter = await toAuditFilter(args.filter, context);
    const after = afterFilter('at', request.after) as Filter<AuditEntryDoc>;
    const found = await auditCollection(context.client)
      .find(Object.keys(after).length > 0 ? { $and: [filter, after] } : filter)
      .sort({ at: -1, _id: -1 })
      .limit(request.first + 1)
      .toArray();
    const page = found.slice(0, request.first);
    return toConnection(AUDIT_LOG_LIST, page, (entry) => ({ t: entry.at, id: entry._id }), found.length > request.first);
  },
};

export const AuditEntry: AuditEntryResolvers = {
  id: (entry) => entry._id,
};
