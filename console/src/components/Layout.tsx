import { useEffect, useRef } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session';

/** Page chrome: a skip link, the header with navigation and who is signed in, the main region. */
export function Layout() {
  const { session, signOut } = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);

  const navigated = useRef(false);

  // After a navigation, screen readers and keyboards start at the new page's heading (on the first
  // page the browser's own focus stays, e.g. in the search box).
  useEffect(() => {
    const heading = main.current?.querySelector('h1');
    if (!heading) return;
    document.title = `${heading.textContent ?? ''} · Omnidex`;
    if (navigated.current) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    navigated.current = true;
  }, [location.pathname]);

  if (!session) return <Navigate to="/sign-in" replace state={{ returnTo: location.pathname + location.search }} />;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand" aria-label="Omnidex home">
          <img src="/favicon.svg" alt="" width="28" height="28" /> Omnidex
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Customers
          </NavLink>
          <NavLink to="/dashboard">Integration Index</NavLink>
        </nav>
        <div className="who">
          <span>
            Signed in as <strong>{session.sub}</strong>
            <span className="roles"> ({session.roles.length > 0 ? session.roles.join(', ') : 'no role'})</span>
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main}>
        <Outlet />
      </main>
    </>
  );
}
