import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EXPORT_PROFILE, type ExportSource } from '@jugendamt/domain';
import { exportCsvBytes, exportFormatOf } from '../export-writing/export-csv.js';

/** One row of an export file: German column header → raw text, as the source system writes it. */
export type ExportRowValues = Record<string, string>;

/** Plausible rows per source; tests override the columns they are about. */
export const ROW_DEFAULTS: Readonly<Record<ExportSource, (n: number) => ExportRowValues>> = {
  webfm_faelle: (n) => ({
    'Fall-ID': `F${String(n).padStart(7, '0')}`,
    Aktenzeichen: `51.1-2023/${String(n).padStart(5, '0')}`,
    Name: `Nachname${n}`,
    Vorname: `Vorname${n}`,
    Geburtsdatum: `${String((n % 28) + 1).padStart(2, '0')}.03.2012`,
    Geschlecht: n % 2 ? 'w' : 'm',
    Sozialraum: 'SR 01 Altstadt',
    Team: 'ASD Team Nord',
    'Fachkraft-ID': 'MA0001',
    Fallbeginn: '01.02.2023',
    Fallende: '',
    'Geändert am': '01.02.2023 09:00',
  }),
  webfm_hilfen: (n) => ({
    'Hilfe-ID': `H${String(n).padStart(7, '0')}`,
    'Fall-ID': `F${String(n).padStart(7, '0')}`,
    Hilfeart: 'Heimerziehung § 34',
    Paragraph: '§ 34 SGB VIII',
    Beginn: '01.03.2023',
    Ende: '',
    Beendigungsgrund: '',
    'Aufenthalt nach Hilfeende': '',
    Leistungserbringer: 'Kinderhaus Sonnenschein gGmbH',
    Team: 'ASD Team Nord',
    'Fachkraft-ID': 'MA0001',
    'Geändert am': '01.03.2023 10:00',
  }),
  webfm_teilprozesse: (n) => ({
    'Teilprozess-ID': `TP${String(n).padStart(8, '0')}`,
    'Fall-ID': `F${String(n).padStart(7, '0')}`,
    Kernprozess: '04 Hilfe zur Erziehung',
    Teilprozess: '04.03 Hilfeplangespräch',
    Team: 'ASD Team Nord',
    'Fachkraft-ID': 'MA0001',
    'Begonnen am': '04.12.2023 11:51',
    'Abgeschlossen am': '',
    Status: 'offen',
  }),
  webfm_mitarbeiter: (n) => ({
    'Mitarbeiter-ID': `MA${String(n).padStart(4, '0')}`,
    Name: `Mustermann${n}, Erika`,
    Team: 'ASD Team Nord',
    'Team seit': '01.01.2020',
    Funktion: 'Fachkraft',
    Stellenanteil: '1,0',
    Eintritt: '01.01.2020',
    Austritt: '',
    'Geändert am': '01.01.2020 09:00',
  }),
  '14plus_chronik': (n) => ({
    'Chronik-Nr': String(100_000 + n),
    Aktenzeichen: `51.1 - 2023/${n}`,
    Datum: '01.12.2023',
    'Erfasst am': '01.12.2023 10:15',
    Sachgebiet: 'WJH Hilfen',
    'Sachbearbeiter-ID': 'MA0006',
    Eintragsart: 'ZAHLUNG',
    Hilfeart: 'Heimerziehung § 34',
    Betrag: '4.321,09',
    'Zeitraum von': '01.11.2023',
    'Zeitraum bis': '30.11.2023',
    Text: `Zahlung für Kind${n} Nachname${n}`,
    Storniert: 'N',
    'Bezug-Nr': '',
  }),
  // One band per row, ages 0–2, 3–5, … up to 117–119, then the next social area: no two rows overlap.
  einwohner: (n) => ({
    Stichtag: '31.12.2023',
    Sozialraum: n <= 40 ? 'SR 01 Altstadt' : `SR ${String(Math.ceil(n / 40)).padStart(2, '0')} Neubaugebiet`,
    'Alter von': String(((n - 1) % 40) * 3),
    'Alter bis': String(((n - 1) % 40) * 3 + 2),
    Anzahl: String(100 + n),
    Geschlecht: '',
  }),
};

export function defaultRows(source: ExportSource, count: number, first = 1): ExportRowValues[] {
  return Array.from({ length: count }, (_, i) => ROW_DEFAULTS[source](first + i));
}

export interface ExportFileOptions {
  /** Defaults to the profile's encoding (UTF-8 with BOM for WebFM, Windows-1252 for 14plus). */
  readonly encoding?: 'utf-8' | 'windows-1252';
  readonly bom?: boolean;
  /** Column order; defaults to the profile's. */
  readonly headers?: readonly string[];
  readonly delimiter?: string;
}

/** The bytes of an export file exactly as the source systems write it. */
export function exportFileBytes(source: ExportSource, rows: readonly (ExportRowValues | string[])[], options: ExportFileOptions = {}): Buffer {
  const profile = DEFAULT_EXPORT_PROFILE.sources[source];
  const headers = options.headers ?? Object.values(profile.fields).map((f) => f.header);
  const lines = [headers, ...rows.map((row) => (Array.isArray(row) ? row : headers.map((h) => row[h] ?? '')))];
  const format = exportFormatOf(profile, {
    ...(options.encoding ? { encoding: options.encoding, bom: options.encoding === 'utf-8' } : {}),
    ...(options.bom !== undefined ? { bom: options.bom } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  });
  return exportCsvBytes(format, lines);
}

export function writeExportFile(dir: string, name: string, source: ExportSource, rows: readonly (ExportRowValues | string[])[], options?: ExportFileOptions): string {
  const path = join(dir, name);
  writeFileSync(path, exportFileBytes(source, rows, options));
  return path;
}
