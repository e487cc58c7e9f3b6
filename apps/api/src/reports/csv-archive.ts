import { zipSync } from 'fflate';
import { spreadsheetCsv } from '../http/spreadsheet-csv.js';
import { coverLines } from './cover.js';
import type { AnnualReport } from './report-table.js';

/** One CSV per table and a cover file, zipped; entries are dated 1.1.1980 so equal numbers give equal bytes. */
export function annualReportCsvArchive(report: AnnualReport): Buffer {
  const mtime = new Date('1980-01-01T00:00:00Z');
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    '00_deckblatt.csv': [spreadsheetCsv(coverLines(report)), { mtime }],
  };
  report.tables.forEach((table, at) => {
    const rows = [table.columns.map((c) => c.heading), ...table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null))];
    files[`${String(at + 1).padStart(2, '0')}_${table.id}.csv`] = [spreadsheetCsv(rows), { mtime }];
  });
  return Buffer.from(zipSync(files, { level: 6 }));
}
