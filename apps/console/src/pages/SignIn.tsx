import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { signIn, type Session } from '../api/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { singleSignOnFailure } from './sign-in-failures';

/** Single sign-on is a plain link: the API runs the sign-in with the provider and sends the browser back signed in. */
const SINGLE_SIGN_ON_START = '/api/v1/session/oidc';
/** Where a failed single sign-on puts its reason. */
const FAILURE_PARAM = 'anmeldung';

function failureInAddress(): string | undefined {
  return singleSignOnFailure(new URLSearchParams(window.location.search).get(FAILURE_PARAM));
}

/**
 * Sign-in with single sign-on, when the office has it, or with an access token (from the
 * administrator or `npm run token`); either way the browser keeps only a session cookie.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [singleSignOn, setSingleSignOn] = useState(false);
  const [singleSignOnError, setSingleSignOnError] = useState(failureInAddress);

  useEffect(() => {
    api.GET('/api/v1/session/methods').then(
      ({ data }) => setSingleSignOn(data?.singleSignOn === true),
      () => setSingleSignOn(false),
    );
    // The reason is shown once: a reload or a bookmark gives the plain sign-in page.
    const address = new URL(window.location.href);
    if (address.searchParams.has(FAILURE_PARAM)) {
      address.searchParams.delete(FAILURE_PARAM);
      window.history.replaceState(null, '', address);
    }
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSingleSignOnError(undefined);
    try {
      onSignedIn(await signIn(token.trim()));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="inhalt" className="sign-in">
      <h1>Jugendamt Controlling</h1>
      <ErrorAlert message={singleSignOnError} />
      {singleSignOn && (
        <>
          <p>
            <a className="button" href={SINGLE_SIGN_ON_START}>
              Mit Single Sign-on anmelden
            </a>
          </p>
          <p>Oder mit Zugangsschlüssel:</p>
        </>
      )}
      <form onSubmit={submit} aria-describedby={error ? 'anmeldefehler' : undefined}>
        <label htmlFor="zugang">Zugangsschlüssel</label>
        <input id="zugang" name="token" type="password" autoComplete="off" required value={token} onChange={(event) => setToken(event.target.value)} />
        <button type="submit" disabled={busy}>
          Anmelden
        </button>
        {error && (
          <p id="anmeldefehler" role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
