import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { coverLines } from './cover.js';
import type { AnnualReport, Cell } from './report-table.js';

/** Numbers with a decimal comma, as German Excel reads them. */
function germanCell(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value).replace('.', ',') : value;
}

/** CSV for German Excel: UTF-8 with BOM, `;`, CRLF. */
function csv(rows: readonly (readonly string[])[]): Uint8Array {
  return strToU8('\uFEFF' + stringify(rows as string[][], { delimiter: ';', record_delimiter: '\r\n' }));
}

/** One CSV per table and a cover file, zipped; entries are dated 1.1.1980 so equal numbers give equal bytes. */
export function annualReportCsvArchive(report: AnnualReport): Buffer {
  const mtime = new Date('1980-01-01T00:00:00Z');
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    '00_deckblatt.csv': [csv(coverLines(report)), { mtime }],
  };
  report.tables.forEach((table, at) => {
    const rows = [table.columns.map((c) => c.heading), ...table.rows.map((row) => table.columns.map((c) => germanCell(row[c.key] ?? null)))];
    files[`${String(at + 1).padStart(2, '0')}_${table.id}.csv`] = [csv(rows), { mtime }];
  });
  return Buffer.from(zipSync(files, { level: 6 }));
}
