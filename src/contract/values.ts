/**
 * Field-level parsers for the data contract (see DESIGN.md, "Data contract"). Each one turns a raw
 * JSON or CSV value into the stored value, or reports one human reason that the row schemas prefix
 * with the field name ("csat: must be an integer 1–5, got 7").
 *
 * A value is "absent" when it is missing, `null`, or a string that is empty after trimming (a blank
 * CSV cell). Absent optional fields are left out of the document; absent required ones are rejected.
 */
import { z } from 'zod';

/** Renders an offending value for a reason: strings quoted, long ones cut so a reason stays short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

/**
 * Wraps a parser of present values into a zod schema that handles absence: optional fields become
 * `undefined`, required ones fail with "required".
 */
function field<T>(parse: (value: unknown, ctx: Ctx) => T) {
  return {
    required: z.unknown().transform((value, ctx): T => {
      if (isAbsent(value)) return fail(ctx, 'required');
      return parse(value, ctx);
    }),
    // `.optional()` so that zod 4 accepts a missing key; the transform handles null and blanks.
    optional: z
      .unknown()
      .transform((value, ctx): T | undefined => {
        if (isAbsent(value)) return undefined;
        return parse(value, ctx);
      })
      .optional(),
  };
}

/** Text, trimmed. Numbers are refused: a name or an email that arrives as a number is a bad export. */
export const text = field((value, ctx): string => {
  if (typeof value !== 'string') return fail(ctx, `must be a string, got ${describeValue(value)}`);
  return value.trim();
});

/**
 * Longest id accepted, in bytes of UTF-8. Every stored id must fit in a page cursor
 * (subgraphs/common/src/pagination.ts: ids of at most 512 characters, cursors of at most 1024),
 * with a prefix such as `crm:case:`; 256 bytes leaves room even when JSON escapes each byte.
 */
export const MAX_ID_BYTES = 256;

// C0 and C1 controls and DEL: no issuing system puts them in an id, and JSON escapes each into six bytes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A source system's identifier, trimmed and otherwise kept exactly (identity resolution needs the raw
 * value). JSON exports often write numeric ids as numbers, so an integer is accepted as its digits.
 */
export const identifier = field((value, ctx): string => {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') return fail(ctx, `must be a string id, got ${describeValue(value)}`);
  const id = value.trim();
  const bytes = Buffer.byteLength(id);
  if (bytes > MAX_ID_BYTES) return fail(ctx, `is ${bytes} bytes long (UTF-8); an id may have at most ${MAX_ID_BYTES}`);
  if (CONTROL.test(id)) return fail(ctx, 'must not contain control characters');
  return id;
});

export function oneOf<const T extends readonly string[]>(values: T) {
  return field((value, ctx): T[number] => {
    const candidate = typeof value === 'string' ? value.trim() : value;
    if (typeof candidate === 'string' && (values as readonly string[]).includes(candidate)) {
      return candidate as T[number];
    }
    return fail(ctx, `must be one of ${values.join('|')}, got ${describeValue(value)}`);
  });
}

export const bool = field((value, ctx): boolean => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return fail(ctx, `must be true or false, got ${describeValue(value)}`);
});

// A plain decimal: CSV cells arrive as strings, and "1e3" or "0x10" are not what a till prints.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  return undefined;
}

export const number = field((value, ctx): number => {
  const n = toNumber(value);
  if (n === undefined) return fail(ctx, `must be a number, got ${describeValue(value)}`);
  return n;
});

export const positiveNumber = field((value, ctx): number => {
  const n = toNumber(value);
  if (n === undefined || n <= 0) return fail(ctx, `must be a number greater than 0, got ${describeValue(value)}`);
  return n;
});

export const nonNegativeNumber = field((value, ctx): number => {
  const n = toNumber(value);
  if (n === undefined || n < 0) return fail(ctx, `must be a number of 0 or more, got ${describeValue(value)}`);
  return n;
});

export const csat = field((value, ctx): number => {
  const n = toNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 5) {
    return fail(ctx, `must be an integer 1–5, got ${describeValue(value)}`);
  }
  return n;
});

export const currency = field((value, ctx): string => {
  const t = typeof value === 'string' ? value.trim() : undefined;
  if (t === undefined || !/^[A-Z]{3}$/.test(t)) {
    return fail(ctx, `must be a currency code of three capital letters (e.g. EUR), got ${describeValue(value)}`);
  }
  return t;
});

export const country = field((value, ctx): string => {
  const t = typeof value === 'string' ? value.trim() : undefined;
  if (t === undefined || !/^[A-Za-z]{2}$/.test(t)) {
    return fail(ctx, `must be a two-letter country code (ISO 3166 alpha-2), got ${describeValue(value)}`);
  }
  return t.toUpperCase();
});

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` that names a real calendar day; kept as text (a birth date has no time zone). */
export const calendarDate = field((value, ctx): string => {
  const t = typeof value === 'string' ? value.trim() : undefined;
  const m = t === undefined ? null : DATE.exec(t);
  if (!m || t === undefined) return fail(ctx, `must be a date YYYY-MM-DD, got ${describeValue(value)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail(ctx, `is not a real date, got ${describeValue(value)}`);
  }
  return t;
});

// ISO-8601 calendar date and time. A space instead of `T` is accepted because CSV exports commonly
// write it (RFC 3339 allows it too); a missing offset means UTC, as the contract says.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Parses an ISO-8601 time, or returns a reason. Exported for the generator's self-check and tests. */
export function parseIsoTime(raw: string): Date | string {
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return 'must be an ISO-8601 time (e.g. 2024-03-01T10:15:00Z)';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'is not a real date';
  if (hour > 23 || minute > 59 || second > 59) return 'is not a real time of day';
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return 'has an impossible UTC offset';
    offsetMinutes = sign * (oh * 60 + om);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

export const time = field((value, ctx): Date => {
  if (typeof value !== 'string') return fail(ctx, `must be an ISO-8601 time string, got ${describeValue(value)}`);
  const parsed = parseIsoTime(value);
  if (typeof parsed === 'string') return fail(ctx, `${parsed}, got ${describeValue(value)}`);
  return parsed;
});
