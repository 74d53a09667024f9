import { signBearerToken } from './bearer';
import { BEARER_ROLES, type BearerRole } from './caller';
import type { AuthSettings } from './secrets';

/** How long the demo tokens `omnidex serve` prints and the console offers stay valid. */
export const DEMO_TOKEN_TTL_SECONDS = 12 * 3_600;

/**
 * One signed bearer token per role, as `omnidex serve` prints them for trying the API; `undefined`
 * when the gateway takes no HS256 tokens (only an identity provider's JWKS), since then only the
 * provider can issue tokens.
 */
export async function createDemoTokens(
  auth: AuthSettings,
  ttlSeconds: number,
  roles: readonly BearerRole[] = BEARER_ROLES,
): Promise<Partial<Record<BearerRole, string>> | undefined> {
  const { secret, issuer, audience } = auth.bearer;
  if (!secret) return undefined;
  const entries = await Promise.all(
    roles.map(async (role) => [role, await signBearerToken({ secret, roles: [role], sub: `demo-${role}`, ttlSeconds, issuer, audience })] as const),
  );
  return Object.fromEntries(entries);
}
