import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';
import { writeHandMadeOffice } from '../testing/hand-made-office.js';

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the annual report (Gesamtbericht) on real PostgreSQL', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    const { night1, night2 } = writeHandMadeOffice(mkdtempSync(join(tmpdir(), 'report-e2e-')));
    api = await startApiOn([night1, night2]);
  });
  afterAll(() => api?.close());

  it('is an Excel workbook with a cover and German tables that a real reader opens', async () => {
    const response = await api.get('/api/v1/reports/annual/2025?format=xlsx', api.tokens.controlling);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="gesamtbericht_2025.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());

    const cover = rowsOf(workbook.getWorksheet('Deckblatt')!);
    expect(cover[0]).toEqual(['Gesamtbericht', 'default, Berichtsjahr 2025']);
    expect(cover).toContainEqual(['Datenstand OPEN/WebFM Hilfen', '06.01.2026, 02:15']);
    expect(cover).toContainEqual(['Katalog aid-types', 'Version 0 (Standard aus docs/kpis.md)']);

    const bySetting = workbook.getWorksheet('Hilfen nach Leistungsform')!;
    // Stock on 31.12.: H2 stationary, H4 ambulant; in 2025: 2 + 2 running, H3 and H1 ended.
    expect(rowsOf(bySetting)).toEqual([
      ['Leistungsform', 'Bestand 31.12.', 'Laufend im Jahr', 'Begonnen', 'Beendet'],
      ['ambulant', 1, 2, 2, 1],
      ['stationär', 1, 2, 1, 1],
    ]);
    expect(bySetting.getCell('B2').numFmt).toBe('#,##0');
    const costs = workbook.getWorksheet('Kosten nach Paragraph')!;
    // H4 (§ 30), H3 (§ 31) and H2 (§ 33) ran in 2025 and nothing was paid for them: 0 € per aid.
    expect(rowsOf(costs).slice(1)).toEqual([
      ['§ 30', 0, 0, 0, 1, 0],
      ['§ 31', 0, 0, 0, 1, 0],
      ['§ 33', 0, 0, 0, 1, 0],
      ['§ 34', 1000, 200, 800, 1, 1000],
    ]);
    expect(costs.getCell('B5').numFmt).toBe('#,##0.00 "€"');
  });

  it('suppresses counts of 1 and 2, and whatever would give them back, when public', async () => {
    const response = await api.get('/api/v1/reports/annual/2025?public=true', api.tokens.planning);
    const report = await bodyOf(response);
    expect(report.suppression).toBe('all');
    const table = report.tables.find((t: { id: string }) => t.id === 'hilfen_leistungsform');
    expect(table.rows).toEqual([
      { row: 'ambulant', stock: '.', running: '.', begun: '.', ended: '.' },
      { row: 'stationär', stock: '.', running: '.', begun: '.', ended: '.' },
    ]);
    const returns = report.tables.find((t: { id: string }) => t.id === 'rueckfuehrung');
    expect(returns.rows).toEqual([{ row: '§ 34', denominator: '.', numerator: '.', rate: '.' }]);
    // Money is not a count: it stays.
    const costs = report.tables.find((t: { id: string }) => t.id === 'kosten_paragraph');
    expect(costs.rows.find((r: { row: string }) => r.row === '§ 34')).toMatchObject({ gross: 1000, aids: '.', perAid: '.' });
  });

  it('gives planners team tables only suppressed, office tables as they are', async () => {
    const report = await bodyOf(await api.get('/api/v1/reports/annual/2025', api.tokens.planning));
    expect(report.suppression).toBe('team-tables');
    const office = report.tables.find((t: { id: string }) => t.id === 'hilfen_leistungsform');
    expect(office.rows[0]).toEqual({ row: 'ambulant', stock: 1, running: 2, begun: 2, ended: 1 });
    const teams = report.tables.find((t: { id: string }) => t.id === 'hilfen_team');
    // Nord runs H3, H4 (ambulant) and H1 (stationary); Süd H2. Süd's total of 1 is small itself;
    // Nord's ambulant 2 would be the office's ambulant 2 less Süd's 0, so that 0 is secret too;
    // and Nord's total 3 would give Süd's 1 back as the office's 4 less 3.
    expect(teams.rows).toEqual([
      { row: 'ASD Team Nord', ambulant: '.', stationär: '.', sum: '.' },
      { row: 'ASD Team Süd', ambulant: '.', stationär: '.', sum: '.' },
    ]);
  });

  it('zips one German CSV per table, and gives the same bytes for the same request', async () => {
    const fetchZip = async () => Buffer.from(await (await api.get('/api/v1/reports/annual/2025?format=csv&asOf=2026-01-06', api.tokens.controlling)).arrayBuffer());
    const [first, second] = [await fetchZip(), await fetchZip()];
    expect(first.equals(second)).toBe(true);
    const files = unzipSync(first);
    expect(Object.keys(files)).toContain('01_hilfen_leistungsform.csv');
    const table = files['01_hilfen_leistungsform.csv']!;
    expect([...table.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(table.subarray(3))).toBe('Leistungsform;Bestand 31.12.;Laufend im Jahr;Begonnen;Beendet\r\nambulant;1;2;2;1\r\nstationär;1;2;1;1\r\n');
    expect(strFromU8(files['00_deckblatt.csv']!)).toContain('Wissensstand;wie bekannt am 06.01.2026, 23:59');
  });
});
