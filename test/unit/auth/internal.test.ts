import { SignJWT } from 'jose';
import { AuthenticationError } from '../../../src/auth/errors';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  INTERNAL_AUDIENCE,
  INTERNAL_ISSUER,
  INTERNAL_TOKEN_REUSE_MS,
  signInternalToken,
  verifyInternalToken,
} from '../../../src/auth/internal';
import { generateSecret } from '../../../src/auth/secrets';

const SECRET = generateSecret();
const caller = { sub: 'agent-7', roles: ['agent', 'marketing'] as const };

async function reason(token: string | undefined, secret = SECRET): Promise<string> {
  const error = await verifyInternalToken(token, secret).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return (error as Error).message;
}

describe('the internal caller token between gateway and subgraphs', () => {
  it('carries the caller, and lives for a minute', async () => {
    const token = await signInternalToken(caller, SECRET);
    await expect(verifyInternalToken(token, SECRET)).resolves.toEqual(caller);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number; exp: number; aud: string; iss: string };
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload).toMatchObject({ aud: INTERNAL_AUDIENCE, iss: INTERNAL_ISSUER });
  });

  it('refuses a missing, forged, expired, misaddressed or tampered token', async () => {
    expect(await reason(undefined)).toMatch(/Missing x-omnidex-caller header/);
    expect(await reason(await signInternalToken(caller, generateSecret()))).toMatch(/signature is invalid/);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ sub: 'agent-7', roles: ['agent'], iss: INTERNAL_ISSUER, aud: INTERNAL_AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(SECRET));
    expect(await reason(await sign({ exp: Math.floor(Date.now() / 1000) - 30 }))).toMatch(/has expired/);
    // Signed with the right secret, but meant to outlive the request it was made for (security review).
    expect(await reason(await sign({ exp: Math.floor(Date.now() / 1000) + 30 * 86_400 }))).toMatch(/valid for longer than the 60 s/);
    expect(await reason(await sign({ iat: undefined }))).toMatch(/"iat"/);
    expect(await reason(await sign({ aud: 'omnidex-api' }))).toMatch(/"aud"/);
    expect(await reason(await sign({ iss: 'someone-else' }))).toMatch(/"iss"/);
    const [header, payload, signature] = (await signInternalToken(caller, SECRET)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    expect(await reason(`${header}.${promoted}.${signature}`)).toMatch(/signature is invalid/);
    expect(await reason('garbage')).toMatch(/not a well-formed JWT/);
  });

  it('reuses a caller\'s signed token for a few seconds, then signs a fresh one', async () => {
    let now = Date.now();
    const sign = createInternalTokenSigner(SECRET, () => now);
    const first = await sign(caller);
    expect(await sign({ sub: caller.sub, roles: ['marketing', 'agent'] })).toBe(first);
    expect(await sign({ sub: 'someone-else', roles: caller.roles })).not.toBe(first);
    now += INTERNAL_TOKEN_REUSE_MS + 1;
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a new `iat`, so a new token
    const second = await sign(caller);
    expect(second).not.toBe(first);
    await expect(verifyInternalToken(second, SECRET)).resolves.toEqual(caller);
  });

  it('remembers a verified token briefly, never past its expiry, and never a refused one', async () => {
    let now = Date.now();
    const verify = createInternalTokenVerifier(SECRET, () => now);
    const token = await signInternalToken(caller, SECRET, 2);
    await expect(verify(token)).resolves.toEqual(caller);
    now += 1_000;
    await expect(verify(token)).resolves.toEqual(caller);
    // Past its expiry (and the clock tolerance) the cache no longer answers; jose refuses it.
    now += 10_000;
    await new Promise((resolve) => setTimeout(resolve, 2_000 + 5_000 + 100));
    await expect(verify(token)).rejects.toThrow(/expired/);
    const forged = await signInternalToken(caller, generateSecret());
    await expect(verify(forged)).rejects.toThrow(/signature is invalid/);
    await expect(verify(forged)).rejects.toThrow(/signature is invalid/);
  }, 15_000);
});
