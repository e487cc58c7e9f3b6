/** The export sources as the office names them. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  webfm_faelle: 'OPEN/WebFM Fälle',
  webfm_hilfen: 'OPEN/WebFM Hilfen',
  webfm_teilprozesse: 'OPEN/WebFM Teilprozesse',
  webfm_mitarbeiter: 'OPEN/WebFM Mitarbeitende',
  '14plus_chronik': '14plus Chronik',
  einwohner: 'Einwohner',
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}
