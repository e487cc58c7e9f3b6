import { useCallback, useEffect, useState } from 'react';
import { currentSession, signOut, type Session } from '../api/session';
import { Layout } from './Layout';
import { SignIn } from '../pages/SignIn';
import { BrowserRouter } from 'react-router';
import { AppRoutes, preloadPageOf } from './Router';

/** Signed in or not: the session cookie decides, asked of the API at every start. */
export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    preloadPageOf(window.location.pathname);
    currentSession().then(
      (found) => setSession(found ?? null),
      () => setSession(null),
    );
  }, []);
  const leave = useCallback(async () => {
    await signOut();
    setSession(null);
  }, []);
  if (session === undefined) return <p className="loading">Wird geladen …</p>;
  if (session === null) return <SignIn onSignedIn={setSession} />;
  return (
    <BrowserRouter>
      <Layout session={session} onSignOut={leave}>
        <AppRoutes session={session} />
      </Layout>
    </BrowserRouter>
  );
}
