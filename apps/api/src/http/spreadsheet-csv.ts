import { stringify } from 'csv-stringify/sync';

/** A cell as the writer knows it: text, a number, or empty. */
export type CsvCell = string | number | null;

/**
 * The first characters that make Excel or LibreOffice read a cell as a formula (OWASP's CSV
 * injection list, with the full-width forms East Asian Excel also accepts). Team and area
 * names come from the exports as typed by the offices, so a name like `=HYPERLINK(…)` must
 * reach the reader as text.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text that a spreadsheet would run is prefixed with `'`, which it shows as text. */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One cell as German Excel reads it. Only text is neutralised: a number is written by us, so
 * `-12,5` stays the number it is, and a prefix would turn it into text no sum could add.
 */
function cellText(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return neutralised(value);
}

/**
 * A CSV for German Excel: UTF-8 with a byte order mark (so umlauts read right), `;` between
 * fields, CRLF, numbers with a decimal comma; every CSV the API writes goes through here.
 */
export function spreadsheetCsv(rows: readonly (readonly CsvCell[])[]): Buffer {
  const text = stringify(
    rows.map((row) => row.map(cellText)),
    // A line break alone is not quoted unless asked: it would end the row early in Excel.
    { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
