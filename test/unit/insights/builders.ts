import type {
  CrmCaseInput,
  CrmContactInput,
  CustomerInputs,
  PosMemberInput,
  PosTransactionInput,
  WebSessionInput,
  WebVisitorInput,
} from '../../../src/insights/inputs';

/** The `asOf` of most tests: T. */
export const T = new Date('2026-06-30T12:00:00.000Z');
export const DAY = 24 * 60 * 60 * 1000;

/** The instant `days` days (fractions allowed) before T, or before `from`. */
export function daysBefore(days: number, from: Date = T): Date {
  return new Date(from.getTime() - days * DAY);
}

export function customer(parts: Partial<CustomerInputs> = {}): CustomerInputs {
  return {
    crmCases: [],
    crmContacts: [],
    webSessions: [],
    webVisitors: [],
    webOrders: [],
    posTransactions: [],
    posMembers: [],
    ...parts,
  };
}

export function contact(contactId: string, fields: Partial<CrmContactInput> = {}): CrmContactInput {
  return { contactId, updatedAt: daysBefore(100), ...fields };
}

export function crmCase(caseId: string, contactId: string, openedAt: Date, csat?: number): CrmCaseInput {
  return csat === undefined ? { caseId, contactId, openedAt } : { caseId, contactId, openedAt, csat };
}

export function session(sessionId: string, startedAt: Date, fields: Partial<WebSessionInput> = {}): WebSessionInput {
  return { sessionId, startedAt, recognised: false, hasAddToCart: false, hasOrder: false, ...fields };
}

export function visitor(visitorId: string, lastSeenAt: Date, latestEmail?: string): WebVisitorInput {
  return latestEmail === undefined
    ? { visitorId, lastSeenAt }
    : { visitorId, lastSeenAt, latestEmail, latestEmailAt: lastSeenAt };
}

export function sale(
  transactionId: string,
  at: Date,
  amount: number,
  fields: Partial<PosTransactionInput> = {},
): PosTransactionInput {
  return { transactionId, at, type: 'sale', recognised: true, amounts: [{ currency: 'GBP', amount }], ...fields };
}

export function posReturn(
  transactionId: string,
  at: Date,
  amount: number,
  fields: Partial<PosTransactionInput> = {},
): PosTransactionInput {
  return sale(transactionId, at, amount, { type: 'return', ...fields });
}

export function member(loyaltyId: string, fields: Partial<PosMemberInput> = {}): PosMemberInput {
  return { loyaltyId, updatedAt: daysBefore(100), ...fields };
}
