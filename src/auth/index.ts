export { ROLES, hasRole, isRole, type Caller, type Role } from './caller';
export { AuthenticationError } from './errors';
export { createBearerVerifier, signBearerToken, type BearerSettings, type BearerVerifier, type DemoTokenOptions } from './bearer';
export {
  INTERNAL_AUDIENCE,
  INTERNAL_CALLER_HEADER,
  INTERNAL_ISSUER,
  INTERNAL_TOKEN_TTL_SECONDS,
  signInternalToken,
  verifyInternalToken,
} from './internal';
export { MissingSecretError, SECRETS_FILE, generateSecret, resolveAuthSettings, type AuthSettings, type ResolveAuthOptions } from './secrets';
export { parseDurationSeconds } from '../durations';
export { createDemoTokens } from './demo';
