/**
 * MongoDB's own error codes, so the official driver (and code written against a real mongod)
 * sees exactly the codes it would see there.
 * https://github.com/mongodb/mongo/blob/master/src/mongo/base/error_codes.yml
 */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  Unauthorized: 13,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  NotImplemented: 238,
  Location40324: 40324,
  DuplicateKey: 11000,
  OperationNotSupportedInTransaction: 263,
  InvalidIdField: 53,
  DollarPrefixedFieldName: 52,
  ConflictingUpdateOperators: 40,
  NoSuchTransaction: 251,
  QueryPlanKilled: 175,
  QueryExceededMemoryLimitNoDiskUseAllowed: 292,
  KeyTooLong: 17280,
  // Assertion codes without a name, which mongod reports as `Location<code>`.
  Location16866: 16866,
  Location16867: 16867,
  Location16868: 16868,
  Location17276: 17276,
  Location40415: 40415,
  Location4738901: 4738901,
  Location4890500: 4890500,
  Location51198: 51198,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

/** An error that becomes a MongoDB `{ ok: 0, errmsg, code, codeName }` reply. */
export class CommandError extends Error {
  readonly code: number;
  constructor(
    readonly codeName: ErrorCodeName,
    message: string,
    /** Extra fields MongoDB adds for this error (e.g. `keyPattern`/`keyValue` on a duplicate key). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandError';
    this.code = ErrorCodes[codeName];
  }
}

export function badValue(message: string): CommandError {
  return new CommandError('BadValue', message);
}

/** Normalises anything thrown while executing a command into a MongoDB error shape. */
export function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // mingo reports invalid operators and arguments by throwing; those are the client's mistakes.
  if (error instanceof Error && (error.name === 'MingoError' || error.constructor?.name === 'MingoError')) {
    if (/would create a conflict/.test(message)) return new CommandError('ConflictingUpdateOperators', message);
    if (message.startsWith('Use of undefined variable: ')) return new CommandError('Location17276', message);
    const stage = /unregistered pipeline operator (\$\w+)/.exec(message);
    if (stage) return new CommandError('Location40324', `Unrecognized pipeline stage name: '${stage[1]}'`);
    return new CommandError('BadValue', message);
  }
  return new CommandError('InternalError', message);
}
