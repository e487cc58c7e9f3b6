import ExcelJS from 'exceljs';
import { SECRET } from '@jugendamt/domain';
import { coverLines } from './cover.js';
import type { AnnualReport, CellKind } from './report-table.js';

const NUMBER_FORMATS: Readonly<Record<CellKind, string | undefined>> = {
  text: undefined,
  count: '#,##0',
  rate: '0.0',
  ratio: '0.00',
  euro: '#,##0.00 "€"',
  fte: '0.00',
  days: '#,##0.0',
  minutes: '#,##0',
  residents: '#,##0',
  figure: '#,##0.0#',
};

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/** The report as a workbook: a cover sheet, then one sheet per table with German headings and number formats. */
export async function annualReportWorkbook(report: AnnualReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jugendamt Controlling';
  // Dated by the data, not by the clock: the same request gives the same workbook next year.
  const dataTime = new Date(Object.values(report.observedUntil).sort().at(-1) ?? `${report.year}-12-31T00:00:00Z`);
  workbook.created = dataTime;
  workbook.modified = dataTime;

  const cover = workbook.addWorksheet('Deckblatt');
  cover.columns = [{ width: 34 }, { width: 90 }];
  for (const line of coverLines(report)) cover.addRow(line);
  cover.getRow(1).font = { bold: true, size: 14 };

  for (const table of report.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title));
    sheet.columns = table.columns.map((column) => ({
      header: column.heading,
      key: column.key,
      width: Math.max(12, Math.min(45, column.heading.length + 4)),
      style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind]! } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of table.rows) {
      const added = sheet.addRow(row);
      table.columns.forEach((column, at) => {
        if (row[column.key] === SECRET) added.getCell(at + 1).alignment = { horizontal: 'right' };
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
