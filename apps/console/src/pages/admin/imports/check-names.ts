/** The ingest's checks by their code, as the office names them; the finding's own text says the detail. */
const CHECK_NAMES: Readonly<Record<string, string>> = {
  'bad-value': 'ungültiger Wert',
  'missing-value': 'Pflichtwert fehlt',
  'unknown-code': 'unbekannter Schlüssel',
  'unknown-column': 'unbekannte Spalte',
  'implausible-date': 'unplausibles Datum',
  'future-date': 'Datum in der Zukunft',
  'end-before-begin': 'Ende vor Beginn',
  'missing-reason-of-ending': 'Beendigungsgrund fehlt',
  'formula-like-value': 'Wert wie eine Formel',
  'duplicate-id': 'doppelte Kennung',
  'unlinked-chronicle-entry': 'Chronikeintrag ohne Fall',
  'bad-row': 'fehlerhafte Zeile',
  'merged-rows': 'verschmolzene Zeilen',
  'bad-file': 'fehlerhafte Datei',
  'deletions-suspended': 'Löschungen ausgesetzt',
  'findings-truncated': 'Befunde gekürzt',
  'mass-deletion': 'Massenlöschung angehalten',
  'too-many-bad-rows': 'zu viele fehlerhafte Zeilen',
  'duplicate-file': 'Datei schon bekannt',
  'stale-file': 'veraltete Datei',
  'unknown-file': 'unbekannter Dateiname',
  'observed-in-future': 'Datenstand in der Zukunft',
  'duplicate-band': 'doppelte Altersgruppe',
  'incomplete-band': 'Altersgruppe unvollständig',
  'stale-stichtag': 'Stichtag schon neuer geliefert',
  'unknown-social-area': 'unbekannter Sozialraum',
};

export function checkName(code: string): string {
  return CHECK_NAMES[code] ?? code;
}
