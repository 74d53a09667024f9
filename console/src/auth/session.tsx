import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Who is signed in: the bearer token sent with every request and what it says about its holder. */
export interface Session {
  token: string;
  sub: string;
  roles: string[];
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** How the token was obtained: the identity provider, a pasted token, or a development demo token. */
  via: 'provider' | 'pasted' | 'demo';
}

const STORAGE_KEY = 'omnidex.session';

/**
 * Reads a JWT's claims without checking its signature: the gateway checks it on every request;
 * the console only needs to know whom to greet and which actions to offer.
 */
export function readClaims(token: string): { sub: string; roles: string[]; exp: number } {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('This is not a JWT (three parts separated by dots)');
  let claims: Record<string, unknown>;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw new Error('This token cannot be read: its payload is not JSON');
  }
  if (typeof claims.exp !== 'number') throw new Error('This token has no expiry (exp): the gateway refuses such tokens');
  if (claims.exp * 1000 <= Date.now()) throw new Error('This token has expired');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  return { sub: typeof claims.sub === 'string' ? claims.sub : '(unknown)', roles, exp: claims.exp };
}

function load(): Session | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return stored && stored.expiresAt > Date.now() ? stored : undefined;
  } catch {
    return undefined;
  }
}

interface SessionContextValue {
  session: Session | undefined;
  /** Starts a session with `token`; throws, saying why, when the token cannot be used. */
  signIn(token: string, via: Session['via']): Session;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/** Keeps the session in this tab only (sessionStorage), and ends it when the token expires. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(load);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(undefined);
  }, []);

  const signIn = useCallback((token: string, via: Session['via']) => {
    const trimmed = token.trim().replace(/^Bearer\s+/i, '');
    const claims = readClaims(trimmed);
    const next: Session = { token: trimmed, sub: claims.sub, roles: claims.roles, expiresAt: claims.exp * 1000, via };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
    return next;
  }, []);

  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(signOut, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Whether the session holds one of `roles`. */
export function hasRole(session: Session | undefined, ...roles: string[]): boolean {
  return !!session && session.roles.some((role) => roles.includes(role));
}
