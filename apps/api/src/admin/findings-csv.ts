import { spreadsheetCsv } from '../http/spreadsheet-csv.js';
import type { FindingRecord } from './import-history.js';

const SEVERITY_DE: Record<string, string> = { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' };

/** The data-quality report of an import for the teams, who open it in Excel: German headings. */
export function findingsCsv(file: string, findings: readonly FindingRecord[]): Buffer {
  const rows = findings.map((f) => [file, f.line, f.column, SEVERITY_DE[f.severity] ?? f.severity, f.code, f.message]);
  return spreadsheetCsv([['Datei', 'Zeile', 'Spalte', 'Schwere', 'Prüfung', 'Meldung'], ...rows]);
}
