/** How this gateway lets people sign in (`GET /auth/config`). */
export interface SignInConfig {
  oidc: {
    authorizationEndpoint: string;
    endSessionEndpoint: string | null;
    clientId: string;
    scope: string;
    resource: string | null;
  } | null;
  /** Development only: signed demo tokens, one per role, at `/auth/demo-tokens`. */
  demoTokens: boolean;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `${path} answered HTTP ${response.status}`);
  return body;
}

export const fetchSignInConfig = () => getJson<SignInConfig>('/auth/config');

export async function fetchDemoTokens(): Promise<Record<string, string>> {
  return (await getJson<{ tokens: Record<string, string> }>('/auth/demo-tokens')).tokens;
}
