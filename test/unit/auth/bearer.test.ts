import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { AuthenticationError } from '../../../src/auth/errors';
import { createBearerVerifier, signBearerToken } from '../../../src/auth/bearer';
import { generateSecret } from '../../../src/auth/secrets';

const SECRET = generateSecret();
const now = () => Math.floor(Date.now() / 1000);

function hs256(claims: JWTPayload, secret = SECRET): Promise<string> {
  return new SignJWT({ sub: 'u-1', exp: now() + 300, ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

async function rejection(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('bearer tokens signed with a shared secret (HS256)', () => {
  const verify = createBearerVerifier({ secret: SECRET });

  it('gives the caller named by sub, with the known roles only', async () => {
    const token = await hs256({ sub: 'agent-7', roles: ['agent', 'wizard', 'agent', 'marketing'] });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ sub: 'agent-7', roles: ['agent', 'marketing'] });
    await expect(verify(`bearer   ${token}`)).resolves.toMatchObject({ sub: 'agent-7' });
  });

  it('treats a token without roles as a caller with none', async () => {
    await expect(verify(`Bearer ${await hs256({})}`)).resolves.toEqual({ sub: 'u-1', roles: [] });
  });

  it('says why a token is refused', async () => {
    expect((await rejection(verify(undefined))).message).toMatch(/Authentication required/);
    expect((await rejection(verify('Token abc'))).message).toMatch(/must be "Bearer <JWT>"/);
    expect((await rejection(verify('Bearer a.b'))).message).toMatch(/not a well-formed JWT/);
    expect((await rejection(verify(`Bearer ${await hs256({}, generateSecret())}`))).message).toMatch(/signature is invalid/);
    expect((await rejection(verify(`Bearer ${await hs256({ exp: now() - 60 })}`))).message).toMatch(/has expired/);
    expect((await rejection(verify(`Bearer ${await hs256({ exp: undefined })}`))).message).toMatch(/missing required "exp"/);
    expect((await rejection(verify(`Bearer ${await hs256({ sub: undefined })}`))).message).toMatch(/no "sub" claim/);
    expect((await rejection(verify(`Bearer ${await hs256({ roles: [1, 2] })}`))).message).toMatch(/"roles" claim must be an array of strings/);
  });

  it('refuses a token valid for longer than the configured lifetime (security review)', async () => {
    const capped = createBearerVerifier({ secret: SECRET, maxLifetimeSeconds: 24 * 3_600 });
    await expect(capped(`Bearer ${await hs256({ iat: now(), exp: now() + 3_600 })}`)).resolves.toMatchObject({ sub: expect.any(String) });
    expect((await rejection(capped(`Bearer ${await hs256({ iat: now(), exp: now() + 365 * 86_400 })}`))).message).toMatch(
      /valid for 8760 h, longer than the 24 h Omnidex accepts \(OMNIDEX_MAX_TOKEN_LIFETIME\)/,
    );
    // Without `iat`, the lifetime counts from now.
    expect((await rejection(capped(`Bearer ${await hs256({ iat: undefined, exp: now() + 30 * 86_400 })}`))).message).toMatch(/longer than the 24 h/);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = createBearerVerifier({ secret: SECRET, issuer: 'https://idp.test/', audience: 'omnidex' });
    const good = await signBearerToken({ secret: SECRET, roles: ['frontend'], sub: 'web-app', ttlSeconds: 60, issuer: 'https://idp.test/', audience: 'omnidex' });
    await expect(strict(`Bearer ${good}`)).resolves.toEqual({ sub: 'web-app', roles: ['frontend'] });
    expect((await rejection(strict(`Bearer ${await hs256({ iss: 'https://other.test/', aud: 'omnidex' })}`))).message).toMatch(/"iss"/);
    expect((await rejection(strict(`Bearer ${await hs256({ iss: 'https://idp.test/' })}`))).message).toMatch(/"aud"/);
  });
});

describe('bearer tokens from an identity provider (JWKS)', () => {
  let jwksServer: http.Server;
  let jwksUrl: string;
  let rsa: { privateKey: KeyLike; publicKey: KeyLike };
  let ec: { privateKey: KeyLike; publicKey: KeyLike };

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwksServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  const sign = (alg: 'RS256' | 'ES256', kid: string, key: KeyLike, claims: JWTPayload = {}) =>
    new SignJWT({ sub: 'idp-user', roles: ['agent'], exp: now() + 300, ...claims }).setProtectedHeader({ alg, kid }).sign(key);

  it('accepts RS256 and ES256 tokens signed by a published key', async () => {
    const verify = createBearerVerifier({ jwksUrl });
    await expect(verify(`Bearer ${await sign('RS256', 'rsa-1', rsa.privateKey)}`)).resolves.toEqual({ sub: 'idp-user', roles: ['agent'] });
    await expect(verify(`Bearer ${await sign('ES256', 'ec-1', ec.privateKey)}`)).resolves.toEqual({ sub: 'idp-user', roles: ['agent'] });
  });

  it('refuses a key the provider does not publish, and HMAC tokens when no secret is configured', async () => {
    const verify = createBearerVerifier({ jwksUrl });
    const stranger = await generateKeyPair('RS256');
    expect((await rejection(verify(`Bearer ${await sign('RS256', 'rsa-9', stranger.privateKey)}`))).message).toMatch(/does not publish/);
    expect((await rejection(verify(`Bearer ${await sign('RS256', 'rsa-1', stranger.privateKey)}`))).message).toMatch(/signature is invalid/);
    expect((await rejection(verify(`Bearer ${await hs256({})}`))).message).toMatch(/not accepted/);
  });

  it('takes both kinds when both a secret and a JWKS are configured', async () => {
    const verify = createBearerVerifier({ jwksUrl, secret: SECRET });
    await expect(verify(`Bearer ${await hs256({ roles: ['admin'] })}`)).resolves.toEqual({ sub: 'u-1', roles: ['admin'] });
    await expect(verify(`Bearer ${await sign('ES256', 'ec-1', ec.privateKey)}`)).resolves.toMatchObject({ sub: 'idp-user' });
  });
});
