import { SignJWT } from 'jose';
import { AuthenticationError } from '../../../src/auth/errors';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER, signInternalToken, verifyInternalToken } from '../../../src/auth/internal';
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
});
