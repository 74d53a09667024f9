import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { startProviderSignIn } from '../auth/oidc';
import { useSession } from '../auth/session';
import { fetchDemoTokens, fetchSignInConfig } from '../auth/sign-in-config';
import { ErrorNotice, Loading } from '../components/Status';

const DEMO_ROLES = [
  { role: 'agent', what: 'service agent: search, full profiles, merge explanations' },
  { role: 'admin', what: 'everything, and corrections (split, unlink)' },
  { role: 'marketing', what: 'consented contact details, no search' },
  { role: 'frontend', what: 'what a web page may show: first names, no search' },
];

/** Sign in: through the organisation's identity provider, by pasting a token, or (development) as a demo role. */
export function SignInPage() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const returnTo = (location.state as { returnTo?: string } | null)?.returnTo ?? '/';
  const config = useQuery({ queryKey: ['sign-in-config'], queryFn: fetchSignInConfig });
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string>();
  const tokenId = useId();
  const problemId = useId();

  if (session) return <Navigate to={returnTo} replace />;

  const startWith = (value: string, via: 'pasted' | 'demo') => {
    try {
      signIn(value, via);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const onPaste = (event: FormEvent) => {
    event.preventDefault();
    startWith(token, 'pasted');
  };
  const asDemo = async (role: string) => {
    try {
      const tokens = await fetchDemoTokens();
      startWith(tokens[role] ?? '', 'demo');
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>
        <img src="/favicon.svg" alt="" width="36" height="36" /> Sign in to Omnidex
      </h1>
      {config.isPending && <Loading what="sign-in options" />}
      {config.error && <ErrorNotice error={config.error} />}
      {config.data?.oidc && (
        <section aria-labelledby="provider-heading" className="card">
          <h2 id="provider-heading">Your organisation's account</h2>
          <button
            type="button"
            className="primary"
            onClick={() => startProviderSignIn(config.data.oidc!, returnTo).catch((error: Error) => setProblem(error.message))}
          >
            Sign in with your organisation
          </button>
        </section>
      )}
      {config.data?.demoTokens && (
        <section aria-labelledby="demo-heading" className="card">
          <h2 id="demo-heading">Development: sign in as a demo role</h2>
          <p className="hint">Signed demo tokens, offered only while Omnidex runs in development mode.</p>
          <ul className="demo-roles">
            {DEMO_ROLES.map(({ role, what }) => (
              <li key={role}>
                <button type="button" onClick={() => void asDemo(role)}>
                  {role}
                </button>{' '}
                <span className="hint">{what}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="token-heading" className="card">
        <h2 id="token-heading">Paste a bearer token</h2>
        <form onSubmit={onPaste}>
          <label htmlFor={tokenId}>Bearer token (a JWT)</label>
          <textarea
            id={tokenId}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={problem ? problemId : undefined}
          />
          <button type="submit" disabled={token.trim() === ''}>
            Use this token
          </button>
        </form>
      </section>
      {problem && (
        <p id={problemId} className="error-notice" role="alert">
          {problem}
        </p>
      )}
    </main>
  );
}
