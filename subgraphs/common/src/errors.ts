import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/**
 * The `extensions.code` values Omnidex's subgraphs answer with. Every error a client can see is
 * created here, so the mapping from failure to code lives in one place.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
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
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

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
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code, ...pick(formatted.extensions, 'argumentName') } };
    }
    log(original);
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function pick(extensions: Record<string, unknown> | undefined, key: string): Record<string, unknown> {
  return extensions && key in extensions ? { [key]: extensions[key] } : {};
}
