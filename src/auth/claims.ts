import type { JWTPayload } from 'jose';
import { AuthenticationError } from './errors';
import { isBearerRole, isCallerRole, type Caller } from './caller';

/**
 * Reads the Caller out of verified claims. `sub` must be a non-empty string. `roles` must be an
 * array of strings when present; roles Omnidex does not know are dropped rather than refused, so
 * an identity provider can issue one token for several applications. A caller left with no roles
 * is still authenticated: it can reach the API but every role-guarded field denies it.
 * `internal`: the claims of an internal caller token, which may also carry SERVICE_ROLE.
 */
export function callerFromClaims(payload: JWTPayload, what: string, { internal = false } = {}): Caller {
  const { sub, roles } = payload as JWTPayload & { roles?: unknown };
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw new AuthenticationError(`${what} has no "sub" claim naming the caller`);
  }
  if (roles === undefined) return { sub, roles: [] };
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw new AuthenticationError(`${what} "roles" claim must be an array of strings`);
  }
  // Only an internal token (signed with the internal secret) may carry the service role.
  return { sub, roles: [...new Set(roles.filter(internal ? isCallerRole : isBearerRole))] };
}
