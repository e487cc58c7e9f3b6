import { useState, type FormEvent } from 'react';
import { signIn, type Session } from '../api/session';

/** Sign-in with an access token (from the administrator or `npm run token`); the browser keeps only a session cookie. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
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
