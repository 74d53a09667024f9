import type { SignInConfig } from './sign-in-config';

/*
 * OpenID Connect sign-in, authorization code with PKCE (RFC 7636). The verifier and state stay in
 * this tab's sessionStorage; the browser goes to the provider and comes back to
 * /sign-in/callback, and the gateway redeems the code (POST /auth/token), so the page itself only
 * ever calls its own origin.
 */

const PENDING_KEY = 'omnidex.oidc';

interface Pending {
  state: string;
  verifier: string;
  returnTo: string;
}

function randomString(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function callbackUri(): string {
  return `${window.location.origin}/sign-in/callback`;
}

/** Sends the browser to the identity provider; `returnTo` is where to land once signed in. */
export async function startProviderSignIn(oidc: NonNullable<SignInConfig['oidc']>, returnTo: string): Promise<void> {
  if (!window.crypto?.subtle) throw new Error('Signing in needs a secure page (https, or localhost)');
  const pending: Pending = { state: randomString(24), verifier: randomString(48), returnTo };
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(oidc.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: callbackUri(),
    scope: oidc.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  if (oidc.resource) params.resource = oidc.resource;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  window.location.assign(url.toString());
}

/** Finishes a sign-in from the provider's redirect: the access token, and where to go next. */
export async function completeProviderSignIn(params: URLSearchParams): Promise<{ accessToken: string; returnTo: string }> {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) throw new Error(`The identity provider did not sign you in: ${params.get('error_description') ?? error}`);
  const pending = stored ? (JSON.parse(stored) as Pending) : undefined;
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) {
    throw new Error('This sign-in response does not belong to a sign-in started in this tab; start again');
  }
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ code, codeVerifier: pending.verifier, redirectUri: callbackUri() }),
  });
  const body = (await response.json().catch(() => ({}))) as { accessToken?: string; message?: string };
  if (!response.ok || !body.accessToken) throw new Error(body.message ?? `Sign-in failed (HTTP ${response.status})`);
  return { accessToken: body.accessToken, returnTo: pending.returnTo.startsWith('/') ? pending.returnTo : '/' };
}
