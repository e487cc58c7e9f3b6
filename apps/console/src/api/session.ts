/**
 * The signed-in user as the API knows them. The session lives in an httpOnly cookie the
 * script never sees; the CSRF token comes with the session and is kept in memory only
 * (never localStorage), sent with every write.
 */
export type Role = 'admin' | 'controlling' | 'planning';

export interface Session {
  readonly role: Role;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

let csrfToken: string | undefined;

export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

function remember(session: Session | undefined): Session | undefined {
  csrfToken = session?.csrfToken;
  return session;
}

export async function currentSession(): Promise<Session | undefined> {
  const response = await fetch('/api/v1/session', { credentials: 'same-origin' });
  return remember(response.ok ? ((await response.json()) as Session) : undefined);
}

/** Exchanges a bearer token for a session cookie; the token is not kept anywhere. */
export async function signIn(token: string): Promise<Session> {
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error(await messageOf(response));
  return remember((await response.json()) as Session)!;
}

export async function signOut(): Promise<void> {
  await fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin', headers: csrfHeader() });
  remember(undefined);
}

/** The fields the API names in its errors, as the console's forms label them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  period: 'Zeitraum',
  from: 'Von',
  to: 'Bis',
  on: 'Stichtag',
  year: 'Jahr',
  granularity: 'Unterteilung',
  by: 'Gliederung nach',
  team: 'Team',
  asOf: 'Stand (bekannt am)',
  cron: 'Cron-Ausdruck',
  timeZone: 'Zeitzone',
  fileName: 'Dateiname',
};

/**
 * What a field takes, said in German where the API's own words (English, for scripts) would not
 * help a user; the API's detail follows in brackets for whoever helps them.
 */
const FIELD_RULES: Readonly<Record<string, string>> = {
  cron: 'kein gültiger Zeitplan. Erwartet werden fünf Angaben: Minute Stunde Tag Monat Wochentag, z. B. „30 2 * * *“ für täglich um 02:30',
  timeZone: 'keine bekannte Zeitzone, z. B. „Europe/Berlin“',
  fileName: 'kein Name eines Exports: Quelle_JJJJMMTT_HHMM.csv, z. B. „webfm_hilfen_20261121_0215.csv“',
};

function fieldMessage(field: string, message: string): string {
  const rule = FIELD_RULES[field];
  return `${FIELD_LABELS[field] ?? field}: ${rule ? `${rule} (${message})` : message}`;
}

/** The API's error in words a user understands; the API names the field where one is wrong, the message says it as the form does. */
export async function messageOf(response: Response): Promise<string> {
  if (response.status === 401) return 'Anmeldung fehlgeschlagen: Der Zugangsschlüssel ist unbekannt, widerrufen oder abgelaufen.';
  if (response.status === 403) return 'Für diese Seite fehlt Ihrer Rolle die Berechtigung.';
  if (response.status === 429) return 'Zu viele Anfragen in kurzer Zeit. Bitte einen Moment warten.';
  try {
    const body = (await response.json()) as { message?: string | string[]; errors?: { field: string; message: string }[] };
    const named = body.errors?.map(({ field, message }) => fieldMessage(field, message)).join('; ');
    const message = named || (Array.isArray(body.message) ? body.message.join('; ') : body.message);
    if (message) return `Die Anfrage wurde abgelehnt: ${message}`;
  } catch {
    // no JSON: fall through to the status
  }
  return `Der Server antwortet mit Fehler ${response.status}.`;
}
