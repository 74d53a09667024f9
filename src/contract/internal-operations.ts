import { z } from 'zod';

/*
 * The operations one Omnidex service asks of another, outside the public GraphQL API: the work
 * that spans the services' databases (erasure, the subject-access export, the audit log) reaches
 * each database only through the service that owns it. Each is a `POST /internal/<name>` with a
 * JSON body, answered only for an internal caller token holding the service role (src/auth).
 * Inputs are validated against these schemas on arrival; times travel as ISO-8601 strings.
 */

const id = z.string().min(1).max(1_000);
const ids = z.array(id).max(1_000_000);

/** The entities of one customer that a service may hold, by the id each channel knows them by. */
export const RecordIdsSchema = z.object({
  /** The customer and every id that merged into it. */
  customerIds: ids,
  contactIds: ids,
  visitorIds: ids,
  memberIds: ids,
  transactionIds: ids,
  shopperKeys: ids,
  /** Identity's record keys (`crm:contact:C1`): the keys identity's own audit entries name. */
  recordKeys: ids,
});
export type RecordIds = z.infer<typeof RecordIdsSchema>;

export const ForgetCountSchema = z.object({
  database: z.string(),
  collection: z.string(),
  action: z.enum(['deleted', 'pseudonymised', 'scrubbed', 'suppressed']),
  count: z.number().int().nonnegative(),
});
/** What one step of a forget did to one collection. */
export type ForgetCount = z.infer<typeof ForgetCountSchema>;

export const ForgetRecordsInput = z.object({
  /** Audit entries naming the records are re-keyed to `forgotten:<customerId>`. */
  customerId: id,
  records: RecordIdsSchema,
  /** Suppression-list hashes of the forgotten identifiers: quarantined rows holding one go. */
  suppressionHashes: z.array(z.string().max(200)).max(100_000),
  now: z.iso.datetime(),
});
export const ForgetRecordsOutput = z.object({ counts: z.array(ForgetCountSchema) });

export const ExportRecordsInput = z.object({ records: RecordIdsSchema });
/** Collection name → the documents held on the customer, in full, as JSON. */
export const ExportRecordsOutput = z.object({ collections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))) });

export const AuditQuerySchema = z.object({
  sub: z.string().optional(),
  entityType: z.string().optional(),
  /** Any of these keys. */
  entityKeys: z.array(z.string()).max(100_000).optional(),
  /** Any of these (type, keys) pairs: the entities of one customer. */
  entities: z.array(z.object({ entityType: z.string(), keys: z.array(z.string()) })).optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  /** Entries strictly older than this position, newest first. */
  before: z.object({ at: z.iso.datetime(), id: z.string() }).optional(),
  limit: z.number().int().min(1).max(1_001),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  _id: z.string(),
  at: z.iso.datetime(),
  sub: z.string().nullable(),
  roles: z.array(z.string()),
  subgraph: z.string(),
  operationName: z.string().nullable(),
  entityType: z.string(),
  entityKey: z.string().nullable(),
  fields: z.array(z.string()),
});
export const AuditEntriesOutput = z.object({ entries: z.array(AuditEntrySchema) });

export const LatestImportInput = z.object({});
/** The newest `imported.importedAt` among the service's rows: what resolve must have read. */
export const LatestImportOutput = z.object({
  importedAt: z.iso.datetime().nullable(),
  /** Outbox entries of ingested rows the live resolver has not taken in yet (absent from older services). */
  liveBacklog: z.number().int().nonnegative().optional(),
});

/** The ingest API's kinds (src/import/ingest.ts `INGEST_KINDS`). */
export const IngestKindSchema = z.enum(['crm/contacts', 'crm/cases', 'web/events', 'pos/members', 'pos/transactions']);

/** One `POST /ingest/<kind>` body, forwarded by the gateway to the channel service that owns the kind. */
export const IngestInput = z.object({
  kind: IngestKindSchema,
  format: z.enum(['ndjson', 'csv']),
  /** The body: as text when it is valid UTF-8, else base64 (so that bad bytes are quarantined, not replaced). */
  body: z.string().max(64 * 1024 * 1024),
  encoding: z.enum(['utf8', 'base64']),
  ingestId: z.string().min(1).max(100),
  receivedAt: z.iso.datetime(),
});
const CountSchema = z.number().int().nonnegative();
export const IngestOutput = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('accepted'),
    read: CountSchema,
    inserted: CountSchema,
    updated: CountSchema,
    unchanged: CountSchema,
    quarantined: CountSchema,
    suppressed: CountSchema,
    /** The refused rows: line and reason, never their text. */
    quarantinedRows: z.array(z.object({ line: z.number().int().positive(), reason: z.string() })),
  }),
  /** The body as a whole is unusable (a CSV header the contract does not know); rows read before it are counted. */
  z.object({ status: z.literal('refused'), reason: z.string() }),
  /** The outbox holds more than OMNIDEX_OUTBOX_MAX_PENDING unresolved entries: nothing was written. */
  z.object({ status: z.literal('busy'), pending: CountSchema, retryAfterSeconds: z.number().int().positive() }),
]);
export type IngestAnswer = z.infer<typeof IngestOutput>;

export const SuppressionListInput = z.object({});
/** The suppression list's keyed hashes (never an identifier): the channels check ingested rows against it. */
export const SuppressionListOutput = z.object({ hashes: z.array(z.string().max(200)).max(10_000_000) });

/** Every internal operation: its input and output schemas. */
export const INTERNAL_OPERATIONS = {
  'forget-records': { input: ForgetRecordsInput, output: ForgetRecordsOutput },
  'export-records': { input: ExportRecordsInput, output: ExportRecordsOutput },
  'audit-entries': { input: AuditQuerySchema, output: AuditEntriesOutput },
  'latest-import': { input: LatestImportInput, output: LatestImportOutput },
  ingest: { input: IngestInput, output: IngestOutput },
  'suppression-list': { input: SuppressionListInput, output: SuppressionListOutput },
} as const;
export type InternalOperationName = keyof typeof INTERNAL_OPERATIONS;
export type InternalInput<N extends InternalOperationName> = z.infer<(typeof INTERNAL_OPERATIONS)[N]['input']>;
export type InternalOutput<N extends InternalOperationName> = z.infer<(typeof INTERNAL_OPERATIONS)[N]['output']>;
