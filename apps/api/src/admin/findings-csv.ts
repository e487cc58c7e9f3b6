import { stringify } from 'csv-stringify/sync';
import type { FindingRecord } from './import-history.js';

const SEVERITY_DE: Record<string, string> = { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' };

/**
 * The data-quality report of an import for the teams, who open it in Excel: German headings,
 * `;` between fields, a byte order mark so Excel reads the umlauts as UTF-8.
 */
export function findingsCsv(file: string, findings: readonly FindingRecord[]): Buffer {
  const rows = findings.map((f) => [file, f.line ?? '', f.column ?? '', SEVERITY_DE[f.severity] ?? f.severity, f.code, f.message]);
  const text = stringify([['Datei', 'Zeile', 'Spalte', 'Schwere', 'Prüfung', 'Meldung'], ...rows], { delimiter: ';', record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
