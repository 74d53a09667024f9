import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from './errors';

// A date-only string would parse as midnight UTC and hide a client's mistake; require a time.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

// `new Date` rolls 2025-02-30 over into March; a calendar date must exist as written.
function isCalendarDate(isoDate: string): boolean {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && ISO_DATE_TIME.test(value) && isCalendarDate(value.slice(0, 10))) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw badUserInput(`DateTime must be an ISO-8601 date and time, e.g. 2026-03-01T09:30:00Z; got ${JSON.stringify(value)}`);
}

/** Dates from MongoDB (or ISO strings) go out as ISO-8601 in UTC; inputs come in as `Date`. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, written as an ISO-8601 string in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      throw new TypeError(`DateTime cannot represent ${JSON.stringify(value)}`);
    }
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badUserInput('DateTime must be written as a string');
    return parseDateTime(ast.value);
  },
});
