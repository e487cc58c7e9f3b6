import { createExcelFile, createWorkbook } from 'excel-builder-vanilla';
import { digitsOf, type CellValue } from './cells';
import { headingOf } from './csv';
import type { TableColumn } from '../components/ReportTableView';

/**
 * A table as an Excel workbook of one sheet, the same headings, rows and decimals as the page
 * shows. Loaded only when a user asks for it: it brings its own zip writer (fflate). Text
 * goes into shared strings, never into formulas, so a name like `=HYPERLINK(…)` stays text;
 * the headings carry the same guard as the CSV's.
 */
export async function xlsxOf(caption: string, columns: readonly TableColumn[], rows: readonly Readonly<Record<string, CellValue>>[]): Promise<Blob> {
  const workbook = createWorkbook();
  const sheet = workbook.createWorksheet({ name: sheetName(caption) });
  const styles = workbook.getStyleSheet();
  const bold = styles.createFormat({ font: { bold: true } }).id as number;
  const formats = columns.map((column) => {
    if (column.kind === 'text') return undefined;
    const digits = digitsOf(column);
    const pattern = digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
    return styles.createFormat({ format: column.kind === 'euro' ? `${pattern} "€"` : pattern }).id as number;
  });
  sheet.setData([
    columns.map((column) => ({ value: headingOf(column), metadata: { style: bold } })),
    ...rows.map((row) =>
      columns.map((column, index) => {
        const value = row[column.key] ?? null;
        const style = formats[index];
        return typeof value === 'number' && style !== undefined ? { value, metadata: { style } } : value;
      }),
    ),
  ]);
  sheet.setColumns(columns.map((column) => ({ width: Math.min(60, Math.max(12, column.heading.length + 4)) })));
  workbook.addWorksheet(sheet);
  return createExcelFile(workbook, 'Blob');
}

/** Excel allows 31 characters and none of `[]:*?/\` in a sheet's name. */
function sheetName(caption: string): string {
  return caption.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}
