import type {
  CrmCaseDoc,
  CrmContactDoc,
  PersonFields,
  PosMemberDoc,
  PosTransactionDoc,
  WebEventDoc,
  WebSessionDoc,
  WebVisitorDoc,
} from '../contract/documents';

/*
 * What the index, the golden profile and the 360 metrics need about one customer, and nothing
 * more: source-neutral, so the insights subgraph (fed by @requires), the portfolio report and
 * `omnidex index --export` (fed by MongoDB) all build the same thing. Every list holds all the
 * customer's records, not only those in the window: the window is applied here, per `asOf`.
 */

export interface CrmCaseInput {
  caseId: string;
  openedAt: Date;
  /** The contact the case belongs to; its email or phone decides whether the case was recognised. */
  contactId: string;
  /** Integer 1–5 when the customer rated the case. */
  csat?: number;
}

export type CrmContactInput = Pick<
  CrmContactDoc,
  keyof PersonFields | 'contactId' | 'birthDate' | 'emailOptIn' | 'smsOptIn' | 'updatedAt'
>;

export interface WebSessionInput {
  sessionId: string;
  /** The session's earliest event. */
  startedAt: Date;
  /** Some event of the session carries a userId or an email. */
  recognised: boolean;
  hasAddToCart: boolean;
  hasOrder: boolean;
}

export interface WebVisitorInput {
  visitorId: string;
  /** The email on the visitor's latest event that carries one. */
  latestEmail?: string;
  latestEmailAt?: Date;
  /** The visitor's latest event: the time of the visitor as a profile record. */
  lastSeenAt: Date;
}

/** An online order, for lifetime value and order counts (not an interaction of its own). */
export interface WebOrderInput {
  orderId: string;
  at: Date;
  amount?: number;
  currency?: string;
}

export interface MoneyAmount {
  currency: string;
  amount: number;
}

export interface PosTransactionInput {
  transactionId: string;
  at: Date;
  type: 'sale' | 'return';
  /** Some line carries a loyaltyId or a receiptEmail (a cardToken alone does not count). */
  recognised: boolean;
  /** Σ quantity × unitPrice per currency; positive for returns too. */
  amounts: MoneyAmount[];
}

export type PosMemberInput = Pick<PosMemberDoc, keyof PersonFields | 'loyaltyId' | 'birthDate' | 'updatedAt'>;

/** Everything about one resolved customer that the index, profile and metrics read. */
export interface CustomerInputs {
  crmCases: CrmCaseInput[];
  crmContacts: CrmContactInput[];
  webSessions: WebSessionInput[];
  webVisitors: WebVisitorInput[];
  webOrders: WebOrderInput[];
  posTransactions: PosTransactionInput[];
  posMembers: PosMemberInput[];
}

/** A customer with nothing linked yet; spread it to build inputs from a few lists. */
export function emptyCustomerInputs(): CustomerInputs {
  return {
    crmCases: [],
    crmContacts: [],
    webSessions: [],
    webVisitors: [],
    webOrders: [],
    posTransactions: [],
    posMembers: [],
  };
}

// ---- from the stored documents (src/contract/documents.ts) -------------------------------------

function hasText(value: string | undefined | null): value is string {
  return value !== undefined && value !== null && value.trim() !== '';
}

/** Copies only the keys whose value is defined, so inputs never carry `key: undefined`. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function crmCaseInputFromDoc(doc: Pick<CrmCaseDoc, 'caseId' | 'openedAt' | 'contactId' | 'csat'>): CrmCaseInput {
  return defined({ caseId: doc.caseId, openedAt: doc.openedAt, contactId: doc.contactId, csat: doc.csat });
}

export function crmContactInputFromDoc(doc: CrmContactDoc): CrmContactInput {
  return defined({
    contactId: doc.contactId,
    firstName: doc.firstName,
    lastName: doc.lastName,
    email: doc.email,
    phone: doc.phone,
    ...addressOf(doc),
    postalCode: doc.postalCode,
    country: doc.country,
    birthDate: doc.birthDate,
    emailOptIn: doc.emailOptIn,
    smsOptIn: doc.smsOptIn,
    updatedAt: doc.updatedAt,
  });
}

/** The fields a session's inputs are read from (the web subgraph's `Customer.webFacts` loads only these). */
export type WebSessionFields = Pick<WebSessionDoc, 'sessionId' | 'startedAt' | 'userId' | 'email' | 'hasAddToCart' | 'hasOrder'>;

/** The session document keeps the latest userId/email any of its events carried. */
export function webSessionInputFromDoc(doc: WebSessionFields): WebSessionInput {
  return {
    sessionId: doc.sessionId,
    startedAt: doc.startedAt,
    recognised: hasText(doc.userId) || hasText(doc.email),
    hasAddToCart: doc.hasAddToCart,
    hasOrder: doc.hasOrder,
  };
}

export function webVisitorInputFromDoc(doc: WebVisitorDoc): WebVisitorInput {
  return defined({
    visitorId: doc.visitorId,
    latestEmail: doc.latestEmail,
    latestEmailAt: doc.latestEmailAt,
    lastSeenAt: doc.lastSeenAt,
  });
}

/** What online orders are read from: any event, or only the `order` events' fields. */
export type WebOrderEventFields = Pick<WebEventDoc, 'eventId' | 'type' | 'orderId' | 'at' | 'amount' | 'currency'>;

/**
 * Online orders from a customer's web events: the `order` events, one per `orderId` (an event
 * without one is an order of its own); when an order was logged twice, its latest event wins.
 */
export function webOrderInputsFromEvents(events: readonly WebOrderEventFields[]): WebOrderInput[] {
  const byOrder = new Map<string, WebOrderEventFields>();
  for (const event of events) {
    if (event.type !== 'order') continue;
    const key = hasText(event.orderId) ? `order:${event.orderId}` : `event:${event.eventId}`;
    const seen = byOrder.get(key);
    if (seen === undefined || event.at > seen.at || (+event.at === +seen.at && event.eventId > seen.eventId)) {
      byOrder.set(key, event);
    }
  }
  return [...byOrder.values()].map((event) =>
    defined({
      orderId: hasText(event.orderId) ? event.orderId : event.eventId,
      at: event.at,
      amount: event.amount,
      currency: event.currency,
    }),
  );
}

/** The transaction document's header keeps the loyaltyId/receiptEmail its rows carried. */
export function posTransactionInputFromDoc(doc: PosTransactionDoc): PosTransactionInput {
  return {
    transactionId: doc.transactionId,
    at: doc.at,
    type: doc.type,
    recognised: hasText(doc.loyaltyId) || hasText(doc.receiptEmail),
    amounts: doc.totals.map(({ currency, amount }) => ({ currency, amount })),
  };
}

export function posMemberInputFromDoc(doc: PosMemberDoc): PosMemberInput {
  return defined({
    loyaltyId: doc.loyaltyId,
    firstName: doc.firstName,
    lastName: doc.lastName,
    email: doc.email,
    phone: doc.phone,
    ...addressOf(doc),
    postalCode: doc.postalCode,
    country: doc.country,
    birthDate: doc.birthDate,
    updatedAt: doc.updatedAt,
  });
}

function addressOf(doc: PersonFields): Pick<PersonFields, 'addressLine1' | 'addressLine2' | 'city' | 'region'> {
  return { addressLine1: doc.addressLine1, addressLine2: doc.addressLine2, city: doc.city, region: doc.region };
}

/** The documents linked to one customer, as the channel databases store them. */
export interface CustomerDocuments {
  crmContacts?: readonly CrmContactDoc[];
  crmCases?: readonly CrmCaseDoc[];
  webSessions?: readonly WebSessionDoc[];
  webVisitors?: readonly WebVisitorDoc[];
  /** The customer's web events; only `order` events are read. */
  webEvents?: readonly WebEventDoc[];
  posMembers?: readonly PosMemberDoc[];
  posTransactions?: readonly PosTransactionDoc[];
}

/** Builds a customer's inputs from its stored documents; missing lists count as empty. */
export function customerInputsFromDocuments(docs: CustomerDocuments): CustomerInputs {
  return {
    crmContacts: (docs.crmContacts ?? []).map(crmContactInputFromDoc),
    crmCases: (docs.crmCases ?? []).map(crmCaseInputFromDoc),
    webSessions: (docs.webSessions ?? []).map(webSessionInputFromDoc),
    webVisitors: (docs.webVisitors ?? []).map(webVisitorInputFromDoc),
    webOrders: webOrderInputsFromEvents(docs.webEvents ?? []),
    posMembers: (docs.posMembers ?? []).map(posMemberInputFromDoc),
    posTransactions: (docs.posTransactions ?? []).map(posTransactionInputFromDoc),
  };
}
