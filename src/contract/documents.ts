
/**
 * The MongoDB documents of the channel databases: what `omnidex import` writes and the channel
 * subgraphs read (their codegen mappers point here). One database per channel: `crm`, `web`, `pos`.
 *
 * Source rows keep their own ids as `_id`, so re-importing is an idempotent upsert. Times are
 * BSON Dates; money is a double in the row's currency (two decimals in every export we know).
 * Fields the contract does not name are kept under `extra` rather than dropped.
 */

/** Where a stored row came from, for support and audits. */
export interface ImportProvenance {
  file: string;
  line: number;
  importedAt: Date;
  /** Set on rows written through the ingest API (the request's id): the live resolver takes them in, not `omnidex resolve`'s watermark. */
  ingestId?: string;
}

interface SourceRow {
  extra?: Record<string, unknown>;
  imported: ImportProvenance;
}

/**
 * The databases, one per owner: each channel subgraph owns its channel's, the identity subgraph
 * `identity`, the insights subgraph `insights` (its audit log only); `omnidex` is the importer's
 * log of runs. No service reads or writes another's database (docs/ARCHITECTURE.md).
 */
export const DATABASES = { crm: 'crm', web: 'web', pos: 'pos', identity: 'identity', insights: 'insights', omnidex: 'omnidex' } as const;
export type DatabaseName = keyof typeof DATABASES;

/** In every service's database: who read which personal data there (AuditEntryDoc). */
export const AUDIT_COLLECTION = 'audit';
/** In every channel's database: the rows of its files the importer refused (QuarantineDoc). */
export const QUARANTINE_COLLECTION = 'quarantine';

export const COLLECTIONS = {
  crm: { contacts: 'contacts', cases: 'cases' },
  web: { events: 'events', sessions: 'sessions', visitors: 'visitors' },
  pos: { members: 'members', transactions: 'transactions' },
  omnidex: { imports: 'imports' },
  identity: {
    records: 'records',
    customers: 'customers',
    merges: 'merges',
    activity: 'activity',
    decisions: 'decisions',
    runs: 'runs',
    state: 'state',
    models: 'models',
    search: 'search_terms',
    /** Each customer's last Integration Index band, which the band watcher compares (src/live/bands.ts). */
    bands: 'customer_bands',
  },
} as const;

/**
 * The portfolio report's partials, kept by each channel service beside its records
 * (src/insights/partials.ts).
 */
export const PARTIAL_COLLECTIONS = {
  /** One document per record: contacts (and their cases), visitors (and their sessions), members. */
  records: 'report_partials',
  /** Record ids whose partials are still to be (re)computed, and the marker of a complete build. */
  pending: 'pending_partials',
} as const;

/** The channels whose databases hold source rows (and their quarantine). */
export const CHANNELS = ['crm', 'web', 'pos'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The contact points and address a person record may hold (CRM contacts, POS members). */
export interface PersonFields {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  /** Street and house number, as typed. */
  addressLine1?: string;
  /** Flat, building or district, as typed. */
  addressLine2?: string;
  city?: string;
  /** State, county or province, as typed. */
  region?: string;
  postalCode?: string;
  country?: string; // ISO 3166 alpha-2, upper case
}

// ---- crm ---------------------------------------------------------------------------------

export interface CrmContactDoc extends SourceRow, PersonFields {
  _id: string; // contactId
  contactId: string;
  birthDate?: string; // YYYY-MM-DD
  loyaltyId?: string;
  emailOptIn?: boolean;
  smsOptIn?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type CaseChannel = 'phone' | 'email' | 'chat' | 'store';
export type CaseStatus = 'open' | 'resolved' | 'closed';

export interface TranscriptMessage {
  at: Date;
  from: 'customer' | 'agent';
  text: string;
  /** Fields of the message the contract does not name, kept like a row's `extra`. */
  extra?: Record<string, unknown>;
}

export interface CrmCaseDoc extends SourceRow {
  _id: string; // caseId
  caseId: string;
  contactId: string;
  channel: CaseChannel;
  subject: string;
  status: CaseStatus;
  openedAt: Date;
  closedAt?: Date;
  csat?: number; // integer 1–5
  transcript: TranscriptMessage[];
}

// ---- web ---------------------------------------------------------------------------------

export type WebEventType =
  | 'page_view'
  | 'product_view'
  | 'search'
  | 'add_to_cart'
  | 'checkout'
  | 'order'
  | 'login'
  | 'signup'
  | 'newsletter';
export type Device = 'desktop' | 'mobile' | 'tablet';

export interface WebEventDoc extends SourceRow {
  _id: string; // eventId
  eventId: string;
  visitorId: string;
  sessionId: string;
  at: Date;
  type: WebEventType;
  userId?: string;
  email?: string;
  url?: string;
  sku?: string;
  orderId?: string;
  amount?: number;
  currency?: string;
  device?: Device;
}

/**
 * A session is derived from its events (those sharing `sessionId`) and rebuilt by the importer
 * whenever one of its events is written, so readers never aggregate raw events per request.
 */
export interface WebSessionDoc {
  _id: string; // sessionId
  sessionId: string;
  visitorId: string;
  startedAt: Date; // earliest event
  endedAt: Date; // latest event
  eventCount: number;
  devices: Device[];
  userId?: string; // latest event carrying one
  email?: string; // latest event carrying one
  hasAddToCart: boolean;
  hasOrder: boolean;
  orderIds: string[];
}

/** A visitor (cookie) derived from its events, rebuilt like sessions. */
export interface WebVisitorDoc {
  _id: string; // visitorId
  visitorId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  devices: Device[];
  userIds: string[];
  emails: string[];
  /** The email on the latest event that carries one, and that event's time (profile record). */
  latestEmail?: string;
  latestEmailAt?: Date;
  sessionCount: number;
  orderCount: number;
}

// ---- pos ---------------------------------------------------------------------------------

export interface PosMemberDoc extends SourceRow, PersonFields {
  _id: string; // loyaltyId
  loyaltyId: string;
  birthDate?: string; // YYYY-MM-DD
  enrolledAt: Date;
  updatedAt: Date;
}

export type PosTransactionType = 'sale' | 'return';

export interface PosLineDoc {
  /**
   * The line's number within its receipt: the file's `lineNo` when it has one, else the row's
   * position (1, 2, ...) among the transaction's rows in its file. Absent on lines imported
   * before it existed, which are numbered by their position in `lines`.
   */
  lineNo?: number;
  sku: string;
  quantity: number;
  unitPrice: number;
  currency: string;
  imported: ImportProvenance;
}

/**
 * One receipt: the CSV rows sharing a `transactionId`, one line per `lineNo` (a repeated
 * transactionId+lineNo replaces the earlier row; two rows of one sku are two lines). Header fields
 * come from the latest row.
 *
 * `shopperKey` names the PosShopper the receipt belongs to: `loyalty:<loyaltyId>` when a loyalty
 * card was scanned, else `card:<cardToken>` for a payment card, else `receipt:<transactionId>`
 * (an anonymous sale is a shopper of its own).
 */
export interface PosTransactionDoc {
  _id: string; // transactionId
  transactionId: string;
  storeId: string;
  at: Date;
  type: PosTransactionType;
  loyaltyId?: string;
  cardToken?: string;
  receiptEmail?: string;
  shopperKey: string;
  lines: PosLineDoc[];
  /** Σ quantity × unitPrice over the lines, per currency. */
  totals: { currency: string; amount: number }[];
  extra?: Record<string, unknown>;
}

export function loyaltyShopperKey(loyaltyId: string): string {
  return `loyalty:${loyaltyId}`;
}

export function shopperKeyOf(t: { transactionId: string; loyaltyId?: string; cardToken?: string }): string {
  if (t.loyaltyId) return loyaltyShopperKey(t.loyaltyId);
  if (t.cardToken) return `card:${t.cardToken}`;
  return `receipt:${t.transactionId}`;
}

// ---- omnidex (import bookkeeping) ---------------------------------------------------------

/**
 * A row the importer refused, kept whole so nothing is lost and it can be fixed and re-fed.
 * `_id` is made of the file, line and content (`quarantineId`), so importing the same rejected row
 * again (a re-run after an interruption) replaces it instead of adding a copy; rows quarantined
 * before that have ObjectIds.
 */
export interface QuarantineDoc {
  _id: string;
  file: string;
  line: number;
  /** The row's text; only its first KiB when it was too long to keep (then see `rawBytes`). */
  raw: string;
  /** The row's size in bytes, when `raw` holds only its first bytes (a row over OMNIDEX_MAX_ROW_KB). */
  rawBytes?: number;
  reason: string;
  importId: string;
  quarantinedAt: Date;
}

// ---- audit (every service's own `audit` collection; the identity subgraph's auditLog reads them all) ----

/**
 * Who read which entity's restricted (PII) fields in one request. Ids and field names only: an
 * entry never holds the values read.
 */
export interface AuditEntryDoc {
  _id: string;
  at: Date;
  /** The caller's `sub`; null when a context carried no caller (never in a served subgraph). */
  sub: string | null;
  roles: string[];
  /** The subgraph that served the fields. */
  subgraph: string;
  /** The operation name the subgraph received (the gateway passes the client's on). */
  operationName: string | null;
  /** The GraphQL type read, e.g. CrmContact; `Query` / `Mutation` for a restricted root field. */
  entityType: string;
  /** Its key (contactId, visitorId, ...); for a root field, its `id` argument. */
  entityKey: string | null;
  /** The restricted fields read, sorted. */
  fields: string[];
}
