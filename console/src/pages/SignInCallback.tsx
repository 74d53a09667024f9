import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { completeProviderSignIn } from '../auth/oidc';
import { useSession } from '../auth/session';
import { Loading } from '../components/Status';

/** Where the identity provider sends the browser back: the code is redeemed and the session starts. */
export function SignInCallbackPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeProviderSignIn(new URLSearchParams(window.location.search))
      .then(({ accessToken, returnTo }) => {
        signIn(accessToken, 'provider');
        navigate(returnTo, { replace: true });
      })
      .catch((error: Error) => setProblem(error.message));
  }, [navigate, signIn]);

  return (
    <main id="main" className="sign-in">
      <h1>Signing in</h1>
      {problem ? (
        <div className="error-notice" role="alert">
          {problem} <Link to="/sign-in">Back to sign-in</Link>
        </div>
      ) : (
        <Loading what="your session" />
      )}
    </main>
  );
}
