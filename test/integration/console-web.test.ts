import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { postGraphQL, startStack, type Stack } from '../support/stack';

/** A raw GET, so that paths such as `/assets/../x` reach the server as written. */
function rawGet(url: string, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const HTML = { accept: 'text/html,application/xhtml+xml' };
const APP_JS = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

describe('the console and sign-in routes on the gateway', () => {
  let dir: string;
  let dev: Stack;
  let production: Stack;
  let origin: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-console-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Omnidex</title><script type="module" src="/assets/app-1a2b.js"></script>');
    await writeFile(path.join(dir, 'assets', 'app-1a2b.js'), APP_JS);
    await writeFile(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    [dev, production] = await Promise.all([
      startStack({ env: { OMNIDEX_DEV: 'true', OMNIDEX_CONSOLE_DIR: dir } }),
      startStack({ env: { OMNIDEX_DEV: 'false', OMNIDEX_CONSOLE_DIR: path.join(dir, 'missing') } }),
    ]);
    origin = new URL(dev.gatewayUrl).origin;
  });

  afterAll(async () => {
    await Promise.all([dev?.stop(), production?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the build at / with a policy that keeps the page to its own origin', async () => {
    const page = await rawGet(origin, '/', HTML);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'; script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body.toString()).toContain('/assets/app-1a2b.js');
  });

  it('answers the app’s own pages with index.html, and hashed assets for good, compressed', async () => {
    const page = await rawGet(origin, '/customers/cus_0123', HTML);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>Omnidex</title>');
    const script = await rawGet(origin, '/assets/app-1a2b.js', { 'accept-encoding': 'gzip, br' });
    expect(script.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-encoding': 'gzip', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(gunzipSync(script.body).toString()).toBe(APP_JS);
    expect((await rawGet(origin, '/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await rawGet(origin, '/assets/nothing-here.js')).status).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const pathname of ['/assets/../../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/%E0%A4%A']) {
      const response = await rawGet(origin, pathname);
      expect({ pathname, served: response.status === 200 }).toEqual({ pathname, served: false });
      expect(response.body.toString()).not.toContain('root:');
    }
  });

  it('leaves the gateway’s own paths alone', async () => {
    expect((await rawGet(origin, '/healthz', HTML)).status).toBe(200);
    const unauthenticated = await rawGet(origin, '/graphql?query=%7B__typename%7D', { accept: 'application/json' });
    expect(unauthenticated.status).toBe(401);
    const graphql = await postGraphQL(dev.gatewayUrl, '{ __typename }', undefined, await dev.authHeaders('agent'));
    expect(graphql.body.data).toEqual({ __typename: 'Query' });
  });

  it('serves GraphiQL in development from the package: nothing on the page comes from another origin', async () => {
    const graphiql = await rawGet(origin, '/graphql', HTML);
    expect(graphiql.status).toBe(200);
    const html = graphiql.body.toString();
    expect(html).toContain('YogaGraphiQL');
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
    expect((await rawGet(new URL(production.gatewayUrl).origin, '/graphql', HTML)).status).not.toBe(200);
  });

  it('offers demo tokens in development only, and they open the API', async () => {
    const config = await (await fetch(`${origin}/auth/config`)).json();
    expect(config).toEqual({ oidc: null, demoTokens: true });
    const { tokens } = (await (await fetch(`${origin}/auth/demo-tokens`)).json()) as { tokens: Record<string, string> };
    expect(Object.keys(tokens).sort()).toEqual(['admin', 'agent', 'frontend', 'marketing']);
    const me = await postGraphQL(dev.gatewayUrl, '{ customers(first: 1) { totalCount } }', undefined, { authorization: `Bearer ${tokens.agent}` });
    expect(me.status).toBe(200);

    const productionOrigin = new URL(production.gatewayUrl).origin;
    expect(await (await fetch(`${productionOrigin}/auth/config`)).json()).toEqual({ oidc: null, demoTokens: false });
    // Outside development the route does not exist: the gateway asks for a token, as for any path.
    expect((await fetch(`${productionOrigin}/auth/demo-tokens`)).status).toBe(401);
    const token = await fetch(`${origin}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(token.status).toBe(404);
  });

  it('says so when the console has not been built', async () => {
    const response = await rawGet(new URL(production.gatewayUrl).origin, '/', HTML);
    expect(response.status).toBe(503);
    expect(response.body.toString()).toContain('npm run build:console');
  });
});
