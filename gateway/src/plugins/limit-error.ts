import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';

/**
 * The `extensions.code` of each limit's rejection. Clients branch on these; the message names the
 * limit and its value for the people reading it.
 */
export const LimitCode = {
  DEPTH: 'QUERY_DEPTH_LIMIT',
  ALIASES: 'QUERY_ALIAS_LIMIT',
  TOKENS: 'QUERY_TOKEN_LIMIT',
  COST: 'QUERY_COST_LIMIT',
  STRING_LENGTH: 'STRING_LENGTH_LIMIT',
  ONCE_PER_OPERATION: 'FIELD_ONCE_PER_OPERATION',
  RATE: 'RATE_LIMITED',
  PERSISTED_ONLY: 'PERSISTED_QUERY_ONLY',
  PERSISTED_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;

/** A limit's rejection: its code and the limit's value in `extensions`, beside any `extra`. */
export function limitError(message: string, code: string, limit: number, extra: GraphQLErrorExtensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, ...extra } });
}

// graphql-armor words every rejection as a "Syntax Error:", which misleads for a well-formed
// document that is merely too large; the rest of its message names the limit and the value found.
export function armorMessage(error: GraphQLError): string {
  return error.message.replace(/^Syntax Error:\s*/, '');
}
