import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/**
 * The `extensions.code` values Omnidex's subgraphs answer with. Every error a client can see is
 * created here, so the mapping from failure to code lives in one place.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
} as const;

/** The caller sent a value the API cannot use; the message names the argument and what was wrong. */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) },
  });
}

/**
 * Codes whose message was written for the client: our own `badUserInput` and Apollo's request
 * errors (parse, validation, variable coercion). Anything else is internal.
 */
const CLIENT_SAFE_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Extensions written for the client: the bad argument; a denied field, why, and who may read it. */
const CLIENT_SAFE_EXTENSIONS = ['argumentName', 'field', 'reason', 'allowedRoles'];

export type ErrorLogger = (error: unknown) => void;

/**
 * Builds Apollo's `formatError`: client errors keep their message and code; anything else (a
 * driver error, a bug) is logged here and reaches the client only as "Internal server error",
 * without the original message or stack.
 */
export function createFormatError(log: ErrorLogger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    const thrownOnPurpose = original instanceof GraphQLError || original === error;
    if (typeof code === 'string' && CLIENT_SAFE_CODES.has(code) && thrownOnPurpose) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code, ...pick(formatted.extensions, ...CLIENT_SAFE_EXTENSIONS) } };
    }
    log(original);
    // MongoDB unreachable (down, restarting, failing over): not a bug, and the client may retry.
    if (original instanceof MongoServerSelectionError || original instanceof MongoNetworkError) {
      return {
        message: 'The database is unavailable; try again shortly',
        path: formatted.path,
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function pick(extensions: Record<string, unknown> | undefined, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => extensions && key in extensions).map((key) => [key, extensions![key]]));
}
