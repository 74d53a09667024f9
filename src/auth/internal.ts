import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Caller } from './caller';
import { callerFromClaims } from './claims';
import { AuthenticationError } from './errors';
import { explainVerificationFailure } from './jose-errors';

/** The header that carries the gateway's signed statement of who the caller is. */
export const INTERNAL_CALLER_HEADER = 'x-omnidex-caller';
export const INTERNAL_AUDIENCE = 'omnidex-subgraphs';
export const INTERNAL_ISSUER = 'omnidex-gateway';
/** Long enough for one gateway request's subgraph fetches, short enough that a leaked one is soon useless. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

const WHAT = 'Internal caller token';

// A KeyObject made once per secret: jose would otherwise import the raw bytes on every call, and
// this runs for every gateway request and every subgraph fetch.
const keys = new Map<string, KeyObject>();

function key(secret: string): KeyObject {
  let keyObject = keys.get(secret);
  if (!keyObject) {
    keyObject = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, keyObject);
  }
  return keyObject;
}

/** The gateway's signed, short-lived copy of a verified caller, sent to subgraphs. */
export async function signInternalToken(caller: Caller, secret: string, ttlSeconds = INTERNAL_TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ roles: [...caller.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(caller.sub)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/**
 * A subgraph's check of the header: HS256 under the internal secret, our issuer and audience,
 * not expired. Anything else is an AuthenticationError; the subgraph trusts nobody but the gateway.
 */
export async function verifyInternalToken(token: string | null | undefined, secret: string): Promise<Caller> {
  if (!token?.trim()) {
    throw new AuthenticationError(`Missing ${INTERNAL_CALLER_HEADER} header: subgraphs answer only requests forwarded by the Omnidex gateway`);
  }
  try {
    const { payload } = await jwtVerify(token.trim(), key(secret), {
      algorithms: ['HS256'],
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      requiredClaims: ['exp', 'sub', 'iat'],
      // Gateway and subgraphs may run on different machines whose clocks differ a little.
      clockTolerance: 5,
    });
    // A token only the secret's holders can sign still may not outlive its purpose: one request.
    if (payload.exp! - payload.iat! > INTERNAL_TOKEN_TTL_SECONDS + 5) {
      throw new AuthenticationError(`${WHAT} is valid for longer than the ${INTERNAL_TOKEN_TTL_SECONDS} s a forwarded request needs`);
    }
    return callerFromClaims(payload, WHAT, { internal: true });
  } catch (error) {
    const explained = explainVerificationFailure(error, WHAT);
    // Whatever else goes wrong with a token on this path, it is the sender's fault, not ours.
    throw explained instanceof AuthenticationError ? explained : new AuthenticationError(`${WHAT} could not be verified`);
  }
}
