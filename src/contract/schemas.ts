/**
 * Row schemas of the import contract (DESIGN.md, "Data contract"): each turns one raw row (a parsed
 * JSON object, or a CSV record keyed by header) into the fields of the MongoDB document in
 * `documents.ts`, or into one human reason naming the failing field(s).
 *
 * Identifiers, emails and phones are only trimmed: identity resolution needs the values as the
 * source held them. Fields the contract does not name are collected under `extra`.
 */
import { z } from 'zod';
import { parseStrictJson } from './strict-json';
import type {
  CrmCaseDoc,
  CrmContactDoc,
  PosMemberDoc,
  PosTransactionType,
  TranscriptMessage,
  WebEventDoc,
} from './documents';
import * as v from './values';

type Shape = Record<string, z.ZodType>;
type Parsed<S extends Shape> = { [K in keyof S]: z.output<S[K]> } & { extra?: Record<string, unknown> };

/**
 * An object schema that keeps unknown keys under `extra` and leaves absent optional fields out of the
 * result, so that no `undefined` reaches MongoDB (the driver would store it as null).
 */
function row<S extends Shape>(shape: S, what: string) {
  return z
    .looseObject(shape, { error: `must be a JSON object with the fields of ${what}` })
    .transform((input) => {
      const out: Record<string, unknown> = {};
      const extra: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        // Own keys only: `in` would also see `constructor`, `toString`, ... on Object.prototype.
        if (Object.hasOwn(shape, key)) {
          if (value !== undefined) out[key] = value;
        } else if (value !== undefined && !(typeof value === 'string' && value.trim() === '')) {
          // A blank CSV cell in an unknown column is absent like any other blank cell.
          extra[key] = value;
        }
      }
      if (Object.keys(extra).length > 0) out.extra = extra;
      return out as Parsed<S>;
    });
}

const transcriptMessage = row(
  {
    at: v.time.required,
    from: v.oneOf(['customer', 'agent'] as const).required,
    text: v.text.required,
  },
  'a transcript message {at, from, text}',
);

const transcript = z.preprocess(
  (value) => (v.isAbsent(value) ? [] : value),
  z.array(transcriptMessage, {
    error: (issue) => `must be a list of messages {at, from, text}, got ${v.describeValue(issue.input)}`,
  }),
);

export const contactRow = row(
  {
    contactId: v.identifier.required,
    firstName: v.text.optional,
    lastName: v.text.optional,
    email: v.text.optional,
    phone: v.text.optional,
    postalCode: v.text.optional,
    country: v.country.optional,
    birthDate: v.calendarDate.optional,
    loyaltyId: v.identifier.optional,
    emailOptIn: v.bool.optional,
    smsOptIn: v.bool.optional,
    createdAt: v.time.required,
    updatedAt: v.time.required,
  },
  'a CRM contact',
);

export const caseRow = row(
  {
    caseId: v.identifier.required,
    contactId: v.identifier.required,
    channel: v.oneOf(['phone', 'email', 'chat', 'store'] as const).required,
    subject: v.text.required,
    status: v.oneOf(['open', 'resolved', 'closed'] as const).required,
    openedAt: v.time.required,
    closedAt: v.time.optional,
    csat: v.csat.optional,
    transcript,
  },
  'a CRM case',
);

export const WEB_EVENT_TYPES = [
  'page_view',
  'product_view',
  'search',
  'add_to_cart',
  'checkout',
  'order',
  'login',
  'signup',
  'newsletter',
] as const;

export const eventRow = row(
  {
    eventId: v.identifier.required,
    visitorId: v.identifier.required,
    sessionId: v.identifier.required,
    at: v.time.required,
    type: v.oneOf(WEB_EVENT_TYPES).required,
    userId: v.identifier.optional,
    email: v.text.optional,
    url: v.text.optional,
    sku: v.identifier.optional,
    orderId: v.identifier.optional,
    amount: v.number.optional,
    currency: v.currency.optional,
    device: v.oneOf(['desktop', 'mobile', 'tablet'] as const).optional,
  },
  'a web event',
);

export const memberRow = row(
  {
    loyaltyId: v.identifier.required,
    firstName: v.text.optional,
    lastName: v.text.optional,
    email: v.text.optional,
    phone: v.text.optional,
    postalCode: v.text.optional,
    country: v.country.optional,
    enrolledAt: v.time.required,
    updatedAt: v.time.required,
  },
  'a POS member',
);

export const transactionLineRow = row(
  {
    transactionId: v.identifier.required,
    storeId: v.identifier.required,
    at: v.time.required,
    type: v.oneOf(['sale', 'return'] as const).required,
    loyaltyId: v.identifier.optional,
    cardToken: v.identifier.optional,
    receiptEmail: v.text.optional,
    sku: v.identifier.required,
    quantity: v.positiveNumber.required,
    unitPrice: v.nonNegativeNumber.required,
    currency: v.currency.required,
  },
  'a POS transaction line',
);

type Fields<D> = Omit<D, '_id' | 'imported'>;

export type ContactRow = Fields<CrmContactDoc>;
export type CaseRow = Fields<CrmCaseDoc>;
export type EventRow = Fields<WebEventDoc>;
export type MemberRow = Fields<PosMemberDoc>;
export interface TransactionLineRow {
  transactionId: string;
  storeId: string;
  at: Date;
  type: PosTransactionType;
  loyaltyId?: string;
  cardToken?: string;
  receiptEmail?: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  currency: string;
  extra?: Record<string, unknown>;
}

// Compile-time proof that each schema produces exactly the document fields it claims to.
const _typeChecks: [
  (x: z.output<typeof contactRow>) => ContactRow,
  (x: z.output<typeof caseRow>) => CaseRow,
  (x: z.output<typeof eventRow>) => EventRow,
  (x: z.output<typeof memberRow>) => MemberRow,
  (x: z.output<typeof transactionLineRow>) => TransactionLineRow,
  (x: z.output<typeof transcriptMessage>) => TranscriptMessage,
] = [(x) => x, (x) => x, (x) => x, (x) => x, (x) => x, (x) => x];
void _typeChecks;

/** The contract's files, by path relative to the import directory. */
export const CONTRACT_FILES = {
  'crm/contacts.jsonl': { format: 'jsonl', schema: contactRow },
  'crm/cases.jsonl': { format: 'jsonl', schema: caseRow },
  'web/events.jsonl': { format: 'jsonl', schema: eventRow },
  'pos/members.csv': { format: 'csv', schema: memberRow },
  'pos/transactions.csv': { format: 'csv', schema: transactionLineRow },
} as const;

export type ContractFile = keyof typeof CONTRACT_FILES;

/** CSV columns: those a header must name, and the full contract order (used by the generator). */
export const CSV_COLUMNS = {
  'pos/members.csv': {
    all: ['loyaltyId', 'firstName', 'lastName', 'email', 'phone', 'postalCode', 'country', 'enrolledAt', 'updatedAt'],
    required: ['loyaltyId', 'enrolledAt', 'updatedAt'],
  },
  'pos/transactions.csv': {
    all: [
      'transactionId',
      'storeId',
      'at',
      'type',
      'loyaltyId',
      'cardToken',
      'receiptEmail',
      'sku',
      'quantity',
      'unitPrice',
      'currency',
    ],
    required: ['transactionId', 'storeId', 'at', 'type', 'sku', 'quantity', 'unitPrice', 'currency'],
  },
} as const;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Joins a zod error's issues into one reason, each prefixed by the field it concerns. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message))
    .join('; ');
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates one already-decoded row (a JSON value, or a CSV record keyed by header). */
export function validateRow<T>(schema: z.ZodType<T>, input: unknown): RowResult<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, reason: formatIssues(result.error) };
}

/** Decodes (strictly, see strict-json.ts) and validates one JSON Lines line. */
export function parseJsonLine<T>(schema: z.ZodType<T>, line: string): RowResult<T> {
  const decoded = parseStrictJson(line);
  if (!decoded.ok) return decoded;
  const value = decoded.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `must be a JSON object, got ${Array.isArray(value) ? 'an array' : v.describeValue(value)}` };
  }
  return validateRow(schema, value);
}

/**
 * Pairs a CSV record's cells with the header's column names and validates it. A record with a
 * different number of cells than the header is rejected: its values cannot be placed reliably.
 */
export function parseCsvRecord<T>(schema: z.ZodType<T>, header: readonly string[], cells: readonly string[]): RowResult<T> {
  if (cells.length !== header.length) {
    return { ok: false, reason: `wrong column count: expected ${header.length} columns, got ${cells.length}` };
  }
  const record: Record<string, string> = {};
  header.forEach((column, i) => {
    record[column] = cells[i] ?? '';
  });
  return validateRow(schema, record);
}

/** Checks a CSV header against the contract; returns a reason when the file cannot be imported. */
export function checkCsvHeader(file: keyof typeof CSV_COLUMNS, header: readonly string[]): string | undefined {
  const missing = CSV_COLUMNS[file].required.filter((column) => !header.includes(column));
  if (missing.length > 0) return `header lacks required column(s) ${missing.join(', ')} (header: ${header.join(',')})`;
  const seen = new Set<string>();
  for (const column of header) {
    // Assigned to a record, it would set the record's prototype and its cells would vanish.
    if (column === '__proto__') return 'header names a column __proto__, which no field may be called';
    if (seen.has(column)) return `header names column ${column} twice`;
    seen.add(column);
  }
  return undefined;
}
