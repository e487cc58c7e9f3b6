import { digitsOf, type CellValue } from './cells';
import { formatPlainNumber } from './german';
import type { TableColumn } from '../components/ReportTableView';

/**
 * A table as a CSV file for German Excel: `;` between cells, decimal comma, UTF-8 with a BOM
 * (without it Excel reads the umlauts as Latin-1), CRLF line ends.
 */
export function csvOf(columns: readonly TableColumn[], rows: readonly Readonly<Record<string, CellValue>>[]): string {
  const header = columns.map(headingOf);
  const body = rows.map((row) => columns.map((column) => cellOf(column, row[column.key])));
  return `\uFEFF${[header, ...body].map((cells) => cells.map(quoted).join(';')).join('\r\n')}\r\n`;
}

/** The unit goes into the heading, so that the cells stay plain numbers. */
export function headingOf(column: TableColumn): string {
  return guarded(column.kind === 'euro' ? `${column.heading} (€)` : column.heading);
}

function cellOf(column: TableColumn, value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  // The same decimals as the table shows; a number stays a number, with no guard before it.
  if (typeof value === 'number') return formatPlainNumber(value, digitsOf(column));
  return guarded(value);
}

/**
 * Text that Excel or LibreOffice would take for a formula (`=`, `+`, `-`, `@`, or a tab or CR
 * before one) gets a leading `'`: a team or Hilfeart named `=HYPERLINK(…)` stays text.
 */
function guarded(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quoted(cell: string): string {
  return /[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
