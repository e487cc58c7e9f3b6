import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';
import { FORMULA_AREAS, FORMULA_TEAMS, writeOfficeWithFormulaNames } from '../testing/office-with-formula-names.js';

/** What a spreadsheet would run: a cell starting like a formula (OWASP's list). */
const LOOKS_LIKE_FORMULA = /^[=+\-@\t\r]/;
/** A number as the German CSV writes it: these may start with a minus. */
const GERMAN_NUMBER = /^-?\d+(,\d+)?$/;

/** The cells of a German CSV (BOM, `;`). */
function cellsOf(bytes: Uint8Array): string[][] {
  return parse(Buffer.from(bytes).toString('utf8'), { delimiter: ';', bom: true, relax_column_count: true });
}

describe('cells that look like formulas, in every spreadsheet the API writes', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOn([writeOfficeWithFormulaNames(mkdtempSync(join(tmpdir(), 'formula-office-')))]);
  });
  afterAll(() => api?.close());

  const fetchBytes = async (path: string, token: string) => {
    const response = await api.get(path, token);
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };

  it('reach the annual report CSVs as text, with negative amounts still numbers', async () => {
    const files = unzipSync(await fetchBytes('/api/v1/reports/annual/2025?format=csv', api.tokens.controlling));
    const everyCell = Object.values(files).flatMap((bytes) => cellsOf(bytes).flat());
    expect(everyCell.filter((cell) => LOOKS_LIKE_FORMULA.test(cell) && !GERMAN_NUMBER.test(cell))).toEqual([]);

    const teams = cellsOf(files[Object.keys(files).find((name) => name.endsWith('_hilfen_team.csv'))!]!);
    expect(teams.slice(1).map((row) => row[0])).toEqual(expect.arrayContaining(FORMULA_TEAMS.map((team) => `'${team}`)));
    const areas = cellsOf(files[Object.keys(files).find((name) => name.endsWith('_hilfen_sozialraum.csv'))!]!);
    expect(areas.slice(1).map((row) => row[0])).toEqual(expect.arrayContaining(FORMULA_AREAS.map((area) => `'${area}`)));

    // The contributions (1,500 €) exceed the payments (1,000 €): the net stays a number Excel adds up.
    const costs = cellsOf(files[Object.keys(files).find((name) => name.endsWith('_kosten_paragraph.csv'))!]!);
    expect(costs[0]).toEqual(['Paragraph', 'Ausgaben (€)', 'Einnahmen (€)', 'Netto (€)', 'Laufende Hilfen', 'Ausgaben je Hilfe (€)']);
    expect(costs[1]!.slice(0, 4)).toEqual(['§ 34', '1000', '1500', '-500']);
  });

  it('reach the Excel workbook as text cells, never formulas, with numbers as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const response = await api.get('/api/v1/reports/annual/2025?format=xlsx', api.tokens.controlling);
    await workbook.xlsx.load(await response.arrayBuffer());
    const teamCells: ExcelJS.Cell[] = [];
    workbook
      .getWorksheet('Laufende Hilfen nach Team')!
      .getColumn(1)
      .eachCell((cell, row) => row > 1 && teamCells.push(cell));
    expect(teamCells.map((cell) => cell.value)).toEqual(expect.arrayContaining([...FORMULA_TEAMS]));
    for (const cell of teamCells) expect(cell.type).toBe(ExcelJS.ValueType.String);
    const net = workbook.getWorksheet('Kosten nach Paragraph')!.getCell('D2');
    expect([net.type, net.value]).toEqual([ExcelJS.ValueType.Number, -500]);
  });

  it('reach the data-quality CSV as text, line numbers still numbers', async () => {
    const { imports } = await bodyOf(await api.get('/api/v1/admin/imports?source=webfm_faelle', api.tokens.admin));
    const importId = imports[0].importId as string;
    // A finding quoting what a file said, as a column name or a value may.
    await api.database.db
      .insertInto('import_findings')
      .values({
        tenant_id: DEFAULT_TENANT_ID,
        import_id: importId,
        finding_no: 9_999,
        severity: 'warning',
        code: 'unknown-code',
        line: 7,
        field: 'team',
        column_name: '@SUM(A1)',
        message: '=cmd|" /C calc"!A0',
      })
      .execute();
    const cells = cellsOf(await fetchBytes(`/api/v1/admin/imports/${importId}/findings?format=csv`, api.tokens.admin));
    expect(cells.at(-1)).toEqual(['webfm_faelle_20260105_0215.csv', '7', "'@SUM(A1)", 'Warnung', 'unknown-code', `'=cmd|" /C calc"!A0`]);
  });
});
