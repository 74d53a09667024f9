import type { AuditEntryDoc } from '../../../../src/contract/documents';
import type { AuditQuery } from '../../../../src/contract/internal-operations';
import type { ActivityDoc, CustomerDoc, IdentityRecordDoc } from '../../../../src/identity/store/documents';
import type { ConnectionModel } from '../../../common/src/pagination';

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
