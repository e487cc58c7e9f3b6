/**
 * Why a single sign-on came back without a session, as the API names it in `/?anmeldung=<reason>`,
 * in words for the user: what happened and what to do.
 */
const FAILURES: Readonly<Record<string, string>> = {
  denied: 'Die Anmeldung mit Single Sign-on wurde abgebrochen oder vom Anmeldedienst abgelehnt.',
  state: 'Die Anmeldung mit Single Sign-on ist abgelaufen oder wurde schon verwendet. Bitte melden Sie sich erneut an.',
  'no-role':
    'Ihr Konto hat keine Rolle in Jugendamt Controlling (Fachadministration, Controlling oder Jugendhilfeplanung). Bitte wenden Sie sich an die Stelle, die die Zugänge Ihres Amtes verwaltet.',
  'no-office': 'Ihr Konto ist keinem Jugendamt zugeordnet, das Jugendamt Controlling hier betreut. Bitte wenden Sie sich an die Stelle, die die Zugänge Ihres Amtes verwaltet.',
  failed: 'Die Anmeldung mit Single Sign-on ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  unavailable: 'Der Anmeldedienst (Single Sign-on) ist nicht erreichbar. Bitte versuchen Sie es später erneut oder melden Sie sich mit Zugangsschlüssel an.',
};

/** The message for a reason; one the console does not know still says that the sign-in failed. */
export function singleSignOnFailure(reason: string | null): string | undefined {
  if (reason === null) return undefined;
  return FAILURES[reason] ?? FAILURES['failed'];
}
