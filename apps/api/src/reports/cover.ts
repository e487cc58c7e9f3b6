import type { AnnualReport } from './report-table.js';

const SOURCE_LABELS: Readonly<Record<string, string>> = {
  webfm_faelle: 'OPEN/WebFM Fälle',
  webfm_hilfen: 'OPEN/WebFM Hilfen',
  webfm_teilprozesse: 'OPEN/WebFM Teilprozesse',
  webfm_mitarbeiter: 'OPEN/WebFM Mitarbeitende',
  '14plus_chronik': '14plus Chronik',
  einwohner: 'Einwohner nach Sozialraum',
};

const SUPPRESSION_LABELS: Readonly<Record<AnnualReport['suppression'], string>> = {
  none: 'keine',
  all: 'alle Tabellen: Fallzahlen 1 und 2 als „.“, mit sekundärer Geheimhaltung',
  'team-tables': 'Team- und Sozialraumtabellen: Fallzahlen 1 und 2 als „.“, mit sekundärer Geheimhaltung',
};

/** Berlin time, as the office reads it: 04.01.2026 02:15. */
export function germanTimestamp(iso: string): string {
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The cover's lines, label and value: what the numbers rest on. */
export function coverLines(report: AnnualReport): [string, string][] {
  return [
    ['Gesamtbericht', `${report.office}, Berichtsjahr ${report.year}`],
    ['Wissensstand', report.asOf ? `wie bekannt am ${germanTimestamp(report.asOf)}` : 'alle bis heute eingelesenen Exporte'],
    ...Object.entries(report.observedUntil).map(([source, at]): [string, string] => [`Datenstand ${SOURCE_LABELS[source] ?? source}`, germanTimestamp(at)]),
    ...report.catalogues.map(({ name, version }): [string, string] => [`Katalog ${name}`, version === 0 ? 'Version 0 (Standard aus docs/kpis.md)' : `Version ${version}`]),
    ['Einwohner unter 21 (Stichtag)', populationLine(report.populationStichtage)],
    ['Geheimhaltung', SUPPRESSION_LABELS[report.suppression]],
  ];
}

/** `31.12.2025: SR 01 Altstadt, SR 03 Nord; 31.12.2024: SR 02 Hafen`: the Stichtag is chosen per social area. */
function populationLine(stichtage: AnnualReport['populationStichtage']): string {
  if (stichtage.length === 0) return 'keine Einwohnerdaten: keine Werte je Einwohner';
  const german = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  return stichtage.map(({ stichtag, socialAreas }) => `${german(stichtag)}: ${socialAreas.join(', ')}`).join('; ');
}
