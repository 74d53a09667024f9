import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { SessionExpiredError } from './api/graphql';
import { SessionProvider, useSession } from './auth/session';
import { Layout } from './components/Layout';
import { CustomerPage } from './pages/CustomerPage';
import { DashboardPage } from './pages/DashboardPage';
import { SearchPage } from './pages/SearchPage';
import { SignInCallbackPage } from './pages/SignInCallback';
import { SignInPage } from './pages/SignIn';

/** Queries cached per caller; a refused token ends the session, which sends the page to sign-in. */
function Queries({ children }: { children: ReactNode }) {
  const { signOut } = useSession();
  const [client] = useState(() => {
    const onError = (error: Error) => {
      if (error instanceof SessionExpiredError) signOut();
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: { queries: { retry: (count, error) => !(error instanceof SessionExpiredError) && count < 1, staleTime: 30_000, refetchOnWindowFocus: false } },
    });
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Find a customer</Link> or open the <Link to="/dashboard">Integration Index</Link>.
      </p>
    </>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Queries>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/sign-in/callback" element={<SignInCallbackPage />} />
            <Route element={<Layout />}>
              <Route index element={<SearchPage />} />
              <Route path="customers/:id" element={<CustomerPage />} />
              <Route path="dashboard" element={<DashboardPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Queries>
      </SessionProvider>
    </BrowserRouter>
  );
}
