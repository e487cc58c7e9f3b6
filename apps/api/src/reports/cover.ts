import type { AnnualReport } from './report-table.js';

const SOURCE_LABELS: Readonly<Record<string, string>> = {
  webfm_faelle: 'OPEN/WebFM Fälle',
  webfm_hilfen: 'OPEN/WebFM Hilfen',
  webfm_teilprozesse: 'OPEN/WebFM Teilprozesse',
  webfm_mitarbeiter: 'OPEN/WebFM Mitarbeitende',
  '14plus_chronik': '14plus Chronik',
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
    ['Geheimhaltung', SUPPRESSION_LABELS[report.suppression]],
  ];
}
