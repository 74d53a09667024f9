import type { CustomerDoc } from '../../../src/identity/store/documents';
import { auditEntitiesOfCustomer } from '../../../subgraphs/identity/src/models/audit';

describe('auditEntitiesOfCustomer', () => {
  it("matches the customer, the ids merged into it, and its records and interactions as their channels' types", () => {
    const customer = {
      _id: 'cus_1',
      mergedFrom: ['cus_0'],
      crmContactIds: ['C1'],
      webVisitorIds: ['V1'],
      posShopperKeys: ['loyalty:L1', 'card:tok_9'],
    } as CustomerDoc;
    const records = [
      { _id: 'crm:contact:C1', kind: 'contact' as const, sourceId: 'C1' },
      { _id: 'pos:member:L1', kind: 'member' as const, sourceId: 'L1' },
      { _id: 'pos:transaction:T1', kind: 'transaction' as const, sourceId: 'T1' },
    ];
    const activity = [
      { kind: 'case' as const, entityId: 'K1' },
      { kind: 'session' as const, entityId: 'S1' },
      { kind: 'return' as const, entityId: 'T2' },
    ];
    expect(auditEntitiesOfCustomer(customer, records, activity)).toEqual([
      { entityType: 'CrmCase', keys: ['K1'] },
      { entityType: 'CrmContact', keys: ['C1'] },
      { entityType: 'Customer', keys: ['cus_0', 'cus_1'] },
      { entityType: 'LinkedRecord', keys: ['crm:contact:C1', 'pos:member:L1', 'pos:transaction:T1'] },
      { entityType: 'Mutation', keys: ['cus_0', 'cus_1'] },
      { entityType: 'PosMember', keys: ['L1'] },
      { entityType: 'PosShopper', keys: ['card:tok_9', 'loyalty:L1'] },
      { entityType: 'PosTransaction', keys: ['T1', 'T2'] },
      { entityType: 'Query', keys: ['cus_0', 'cus_1'] },
      { entityType: 'WebSession', keys: ['S1'] },
      { entityType: 'WebVisitor', keys: ['V1'] },
    ]);
  });
});
