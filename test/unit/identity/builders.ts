/** Channel documents for identity tests, built through the real mappers. */
import { priorModel, type MatchModel } from '../../../src/identity/match-model';
import type { CrmContactDoc, PosMemberDoc, PosTransactionDoc, WebVisitorDoc } from '../../../src/contract/documents';
import { fromCrmContact, fromPosMember, fromPosTransaction, fromWebVisitor, type IdentityRecord } from '../../../src/identity/records';

export const OPTIONS = { defaultCountry: 'GB' };
const imported = { file: 'test', line: 1, importedAt: new Date('2025-01-01T00:00:00Z') };

export function day(n: number): Date {
  return new Date(Date.UTC(2024, 0, 1 + n));
}

export function contact(id: string, fields: Partial<CrmContactDoc> = {}): IdentityRecord {
  return fromCrmContact(
    { _id: id, contactId: id, createdAt: day(0), updatedAt: day(1), imported, ...fields } as CrmContactDoc,
    OPTIONS,
  );
}

export function member(loyaltyId: string, fields: Partial<PosMemberDoc> = {}): IdentityRecord {
  return fromPosMember(
    { _id: loyaltyId, loyaltyId, enrolledAt: day(0), updatedAt: day(1), imported, ...fields } as PosMemberDoc,
    OPTIONS,
  );
}

export function visitor(id: string, fields: Partial<WebVisitorDoc> = {}): IdentityRecord {
  return fromWebVisitor(
    {
      _id: id,
      visitorId: id,
      firstSeenAt: day(0),
      lastSeenAt: day(2),
      devices: ['desktop'],
      userIds: [],
      emails: [],
      sessionCount: 1,
      orderCount: 0,
      ...fields,
    },
    OPTIONS,
  );
}

export function receipt(id: string, fields: Partial<PosTransactionDoc> = {}): IdentityRecord {
  return fromPosTransaction(
    {
      _id: id,
      transactionId: id,
      storeId: 'S1',
      at: day(3),
      type: 'sale',
      shopperKey: `receipt:${id}`,
      lines: [],
      totals: [],
      ...fields,
    },
    OPTIONS,
  );
}

/**
 * A model measured on data where given names, birth dates and phones are reliable (as in the
 * seed: one person's records never disagree on them), so the guard rails' tests do not depend on
 * what a handful of records would estimate.
 */
export function reliableModel(): MatchModel {
  const model = priorModel();
  model.fields.firstName.m = [0.98, 0.01, 0.005, 0.005];
  model.fields.birthDate.m = [0.98, 0.005, 0.005, 0.002, 0.002, 0.003, 0.003];
  model.fields.phone.m = [0.995, 0.005];
  return model;
}
