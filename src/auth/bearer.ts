import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from './errors';
import type { BearerRole, Caller } from './caller';
import { callerFromClaims } from './claims';
import { explainVerificationFailure } from './jose-errors';

/** How bearer tokens are checked; at least one of `secret` and `jwksUrl` is set. */
export interface BearerSettings {
  /** HS256 shared secret (demo tokens from `omnidex token`, or an IdP that signs with HMAC). */
  secret?: string;
  /** An identity provider's JWKS: RS256 and ES256 tokens are checked against its published keys. */
  jwksUrl?: string;
  /** Required `iss` when set. */
  issuer?: string;
  /** Required `aud` when set. */
  audience?: string;
  /** Tokens valid for longer than this (seconds, from `iat`, or from now without one) are refused. */
  maxLifetimeSeconds?: number;
}

const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256'];
/** Small clock drift between the IdP and us should not log people out. */
const CLOCK_TOLERANCE_SECONDS = 5;
const WHAT = 'Bearer token';

export type BearerVerifier = (authorization: string | null | undefined) => Promise<Caller>;

/**
 * Builds the gateway's check of `Authorization: Bearer <JWT>`: signature (HS256 with the secret,
 * RS256/ES256 through the JWKS), `exp` required, `iss`/`aud` when configured, then `sub` and
 * `roles`. Rejections are AuthenticationErrors naming the reason.
 */
export function createBearerVerifier(settings: BearerSettings): BearerVerifier {
  if (!settings.secret && !settings.jwksUrl) throw new Error('bearer verification needs a JWT secret or a JWKS URL');
  const secretKey = settings.secret ? createSecretKey(Buffer.from(settings.secret, 'utf8')) : undefined;
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const algorithms = [...(secretKey ? ['HS256'] : []), ...(jwks ? ASYMMETRIC_ALGORITHMS : [])];
  const notAccepted = (alg: string | undefined) =>
    new AuthenticationError(`${WHAT} algorithm ${alg ?? '(none)'} is not accepted; accepted: ${algorithms.join(', ')}`);
  // The key follows the header's algorithm, and only among those configured, so an RS256 public
  // key can never be used as an HMAC secret (the classic algorithm-confusion attack).
  const getKey: JWTVerifyGetKey = (header, token) => {
    if (header.alg === 'HS256' && secretKey) return secretKey;
    if (jwks && header.alg && ASYMMETRIC_ALGORITHMS.includes(header.alg)) return jwks(header, token);
    throw notAccepted(header.alg);
  };

  return async (authorization) => {
    const token = bearerToken(authorization);
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthenticationError(`${WHAT} is not a well-formed JWT`);
    }
    // Checked before any key is fetched, so `alg: none` or HS512 tokens cost no JWKS round trip.
    if (!alg || !algorithms.includes(alg)) throw notAccepted(alg);
    try {
      const { payload } = await jwtVerify(token, getKey, {
        algorithms,
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      checkLifetime(payload.exp!, payload.iat, settings.maxLifetimeSeconds);
      return callerFromClaims(payload, WHAT);
    } catch (error) {
      throw explainVerificationFailure(error, WHAT);
    }
  };
}

/** Refuses a token whose validity outlasts `maxSeconds`: from its `iat`, or from now without one. */
function checkLifetime(exp: number, iat: number | undefined, maxSeconds: number | undefined): void {
  if (maxSeconds === undefined) return;
  const from = Math.min(iat ?? Number.POSITIVE_INFINITY, Math.floor(Date.now() / 1000));
  if (exp - from > maxSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw new AuthenticationError(
      `${WHAT} is valid for ${Math.round((exp - from) / 3_600)} h, longer than the ${Math.round(maxSeconds / 3_600)} h Omnidex accepts (OMNIDEX_MAX_TOKEN_LIFETIME)`,
    );
  }
}

function bearerToken(authorization: string | null | undefined): string {
  if (!authorization?.trim()) {
    throw new AuthenticationError('Authentication required: send an "Authorization: Bearer <JWT>" header');
  }
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw new AuthenticationError('Authorization header must be "Bearer <JWT>"');
  return match[1];
}

export interface DemoTokenOptions {
  secret: string;
  roles: readonly BearerRole[];
  sub: string;
  ttlSeconds: number;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 bearer token as an identity provider would; `omnidex token` prints these. */
export async function signBearerToken(options: DemoTokenOptions): Promise<string> {
  const jwt = new SignJWT({ roles: [...options.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`);
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
