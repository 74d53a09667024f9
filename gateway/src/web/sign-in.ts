import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { BearerVerifier } from '../../../src/auth/bearer';
import { AuthenticationError } from '../../../src/auth/errors';
import type { OidcConfig } from '../../../src/config';
import { sendJson } from '../../../src/http-responses';

/*
 * How the console signs people in (docs/CONSOLE.md, "Signing in"). With an identity provider the
 * page runs the authorization code flow with PKCE: it makes the verifier, sends the browser to the
 * provider's authorization endpoint, and on the way back hands the code and verifier to
 * `POST /auth/token`, where the gateway redeems them at the provider's token endpoint (with the
 * client secret, for a confidential client). So the page itself never calls another origin, and
 * the gateway checks the access token as it will check every request before handing it over.
 */

export interface SignInOptions {
  oidc: OidcConfig | undefined;
  /** Signed demo tokens by role (development only); undefined when there are none to give. */
  demoTokens: (() => Promise<Record<string, string> | undefined>) | undefined;
  /** The gateway's own bearer check. */
  verify: BearerVerifier;
  logError: (error: unknown) => void;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

const DiscoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  end_session_endpoint: z.url().optional(),
});

const TokenRequestSchema = z.object({
  code: z.string().min(1).max(2048),
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
  redirectUri: z.url().max(2048),
});

const TokenResponseSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });

const DISCOVERY_TTL_MS = 10 * 60_000;
const PROVIDER_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 16 * 1024;

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** `/auth/config`, `/auth/token` and, in development, `/auth/demo-tokens`. */
export function createSignInRoutes(options: SignInOptions) {
  let discovery: { value: Discovery; at: number } | undefined;

  async function discover(oidc: OidcConfig): Promise<Discovery> {
    if (discovery && Date.now() - discovery.at < DISCOVERY_TTL_MS) return discovery.value;
    const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    const value = DiscoverySchema.parse(await response.json());
    if (value.issuer !== oidc.issuer) throw new Error(`${url} names issuer ${value.issuer}, not ${oidc.issuer}`);
    discovery = { value, at: Date.now() };
    return value;
  }

  async function config(res: ServerResponse): Promise<void> {
    const { oidc } = options;
    let provider: Record<string, unknown> | null = null;
    if (oidc) {
      try {
        const found = await discover(oidc);
        provider = {
          authorizationEndpoint: found.authorization_endpoint,
          endSessionEndpoint: found.end_session_endpoint ?? null,
          clientId: oidc.clientId,
          scope: oidc.scope,
          resource: oidc.resource ?? null,
        };
      } catch (error) {
        options.logError(error);
        sendJson(res, 503, { error: 'provider_unavailable', message: 'The identity provider cannot be reached right now; try again later' }, { 'cache-control': 'no-store' });
        return;
      }
    }
    sendJson(res, 200, { oidc: provider, demoTokens: options.demoTokens !== undefined }, { 'cache-control': 'no-store' });
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { oidc } = options;
    if (!oidc) {
      sendJson(res, 404, { error: 'not_configured', message: 'No identity provider is configured (OMNIDEX_OIDC_ISSUER)' });
      return;
    }
    let body: z.infer<typeof TokenRequestSchema>;
    try {
      body = TokenRequestSchema.parse(await readJsonBody(req));
    } catch {
      sendJson(res, 400, { error: 'invalid_request', message: 'Send JSON { code, codeVerifier, redirectUri } from the provider\'s redirect' });
      return;
    }
    let issued: z.infer<typeof TokenResponseSchema>;
    try {
      const { token_endpoint } = await discover(oidc);
      const form = new URLSearchParams({ grant_type: 'authorization_code', code: body.code, redirect_uri: body.redirectUri, code_verifier: body.codeVerifier, client_id: oidc.clientId });
      if (oidc.resource) form.set('resource', oidc.resource);
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      if (oidc.clientSecret) {
        // RFC 6749 §2.3.1: both parts form-encoded before the Basic encoding.
        const pair = `${encodeURIComponent(oidc.clientId)}:${encodeURIComponent(oidc.clientSecret)}`;
        headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
      }
      const response = await fetch(token_endpoint, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
      const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok) {
        // The provider's own error code and description are meant for the client: they say why.
        const reason = typeof answer.error_description === 'string' ? answer.error_description : String(answer.error ?? `HTTP ${response.status}`);
        sendJson(res, 400, { error: 'sign_in_refused', message: `The identity provider refused the sign-in: ${reason}` });
        return;
      }
      issued = TokenResponseSchema.parse(answer);
    } catch (error) {
      options.logError(error);
      sendJson(res, 502, { error: 'provider_unavailable', message: 'The identity provider could not complete the sign-in; try again' });
      return;
    }
    try {
      const caller = await options.verify(`Bearer ${issued.access_token}`);
      sendJson(res, 200, { accessToken: issued.access_token, expiresIn: issued.expires_in ?? null, caller }, { 'cache-control': 'no-store' });
    } catch (error) {
      if (!(error instanceof AuthenticationError)) options.logError(error);
      const why = error instanceof AuthenticationError ? error.message : 'it could not be verified';
      sendJson(res, 401, { error: 'token_not_accepted', message: `Signed in, but Omnidex does not accept the provider's access token: ${why}` });
    }
  }

  async function demoTokens(res: ServerResponse): Promise<void> {
    const tokens = await options.demoTokens?.();
    if (!tokens) {
      sendJson(res, 404, { error: 'not_available', message: 'Demo tokens exist only in development, with an HS256 secret' });
      return;
    }
    sendJson(res, 200, { tokens }, { 'cache-control': 'no-store' });
  }

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    'GET /auth/config': (_req, res) => config(res),
    'POST /auth/token': token,
    ...(options.demoTokens ? { 'GET /auth/demo-tokens': (_req: IncomingMessage, res: ServerResponse) => demoTokens(res) } : {}),
  };

  return {
    /** The handler of `method pathname`, when it is one of these routes. */
    routeOf(method: string | undefined, pathname: string) {
      return routes[`${method} ${pathname}`];
    },
  };
}
