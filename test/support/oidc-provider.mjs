// A real OpenID Connect provider (the certified `oidc-provider` package) for the console's sign-in
// tests, run as a child process because the package is ESM only. It listens at once on a free port
// and prints `{"issuer": ...}`; the parent then sends `{ redirectUri }` on stdin (the console's
// port is known only once the stack runs), and it prints `{"ready": true}` when it serves.
// Any login is accepted (the package's development login form); a login named after a role
// (agent, admin, ...) gets that role in its access token, a JWT for the resource urn:omnidex:api.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import readline from 'node:readline';
import Provider from 'oidc-provider';

export const RESOURCE = 'urn:omnidex:api';
const ROLES = ['agent', 'marketing', 'frontend', 'admin'];

const server = http.createServer((_req, res) => res.writeHead(503).end('not ready'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
process.stdout.write(`${JSON.stringify({ issuer })}\n`);

const lines = readline.createInterface({ input: process.stdin });
const { redirectUri, clientId, clientSecret } = JSON.parse((await lines[Symbol.asyncIterator]().next()).value);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => RESOURCE,
      useGrantedResource: async () => true,
      getResourceServerInfo: async () => ({ scope: 'openid', audience: RESOURCE, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  extraTokenClaims: async (_ctx, token) => (token.kind === 'AccessToken' ? { roles: ROLES.filter((role) => token.accountId === role) } : undefined),
  pkce: { required: () => true },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${error.stack}\n`));
const callback = provider.callback();
server.removeAllListeners('request');
server.on('request', callback);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
process.stdin.on('end', () => server.close(() => process.exit(0)));
