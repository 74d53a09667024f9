import { buildCustomerDoc, recordHash, type StoredRecord } from '../../../src/identity/store/customer-doc';
import type { Link } from '../../../src/identity';

const d = (iso: string) => new Date(iso);

const contact: StoredRecord = {
  record: {
    ref: { source: 'crm', kind: 'contact', id: 'C1' },
    identifiers: [{ type: 'email', value: 'ann@mail.net' }, { type: 'phone', value: '+447946582731' }],
    firstName: 'ann',
    lastName: 'lee',
    createdAt: d('2025-01-01T00:00:00Z'),
    updatedAt: d('2025-06-01T00:00:00Z'),
  },
};
const receipt: StoredRecord = {
  record: {
    ref: { source: 'pos', kind: 'transaction', id: 'T9' },
    identifiers: [{ type: 'email', value: 'ann@mail.net' }, { type: 'cardToken', value: 'tok_1' }],
    createdAt: d('2024-12-24T00:00:00Z'),
    updatedAt: d('2024-12-24T00:00:00Z'),
  },
  shopperKey: 'card:tok_1',
};
const visitor: StoredRecord = {
  record: {
    ref: { source: 'web', kind: 'visitor', id: 'V7' },
    identifiers: [{ type: 'email', value: 'ann@mail.net' }],
    createdAt: d('2025-03-01T00:00:00Z'),
    updatedAt: d('2025-09-01T00:00:00Z'),
  },
};

describe('buildCustomerDoc', () => {
  const links: Link[] = [{ a: 'crm:contact:C1', b: 'pos:transaction:T9', evidence: { rule: 'identifier', identifier: { type: 'email', value: 'ann@mail.net' } } }];
  const doc = buildCustomerDoc({
    id: 'cus_1',
    createdAt: d('2026-01-01T00:00:00Z'),
    now: d('2026-02-01T00:00:00Z'),
    mergedFrom: ['cus_0'],
    members: [contact, receipt, visitor],
    links,
    decisions: [],
  });

  it('lists each identifier once with the channels holding it and when it was first and last seen', () => {
    expect(doc.identifiers).toEqual([
      { type: 'cardToken', value: 'tok_1', sources: ['pos'], recordCount: 1, firstSeen: d('2024-12-24T00:00:00Z'), lastSeen: d('2024-12-24T00:00:00Z') },
      { type: 'email', value: 'ann@mail.net', sources: ['crm', 'pos', 'web'], recordCount: 3, firstSeen: d('2024-12-24T00:00:00Z'), lastSeen: d('2025-09-01T00:00:00Z') },
      { type: 'phone', value: '+447946582731', sources: ['crm'], recordCount: 1, firstSeen: d('2025-01-01T00:00:00Z'), lastSeen: d('2025-06-01T00:00:00Z') },
    ]);
    expect(doc.identifierKeys).toEqual(['cardToken:tok_1', 'email:ann@mail.net', 'phone:+447946582731']);
  });

  it('names the channel entities and keeps the merge history and evidence', () => {
    expect(doc).toMatchObject({
      _id: 'cus_1',
      mergedFrom: ['cus_0'],
      channels: ['crm', 'pos', 'web'],
      recordCount: 3,
      crmContactIds: ['C1'],
      webVisitorIds: ['V7'],
      posShopperKeys: ['card:tok_1'],
      links,
    });
  });
});

describe('recordHash', () => {
  it('is the same for the same record and differs when an identifier or the shopper changes', () => {
    const copy: StoredRecord = structuredClone(contact);
    expect(recordHash(copy)).toBe(recordHash(contact));
    copy.record.identifiers.pop();
    expect(recordHash(copy)).not.toBe(recordHash(contact));
    expect(recordHash({ ...receipt, shopperKey: 'receipt:T9' })).not.toBe(recordHash(receipt));
  });
});
