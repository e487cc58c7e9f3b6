import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExportFile } from '@jugendamt/ingest-pipeline/testing';
import { writeHandMadeOffice } from '../testing/hand-made-office.js';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';

type Row = {
  group: { socialArea?: string | null };
  cases: number;
  stock: number;
  population: { young: number | null; stichtage: string[]; gap: string | null; areasWithout?: string[] };
  casesPer10000: number | null;
  stockPer10000: number | null;
  netCents: number | null;
  netPerYoungInhabitant: number | null;
};
type Table = { id: string; columns: { key: string }[]; rows: Record<string, string | number | null>[] };

const band = (Sozialraum: string, from: number, to: number, Anzahl: number, Geschlecht = '') => ({
  Stichtag: '31.12.2025',
  Sozialraum,
  'Alter von': String(from),
  'Alter bis': String(to),
  Anzahl: String(Anzahl),
  Geschlecht,
});

/**
 * Counted by hand from hand-made-office.ts: cases 1 and 3 live in SR 01 Altstadt, case 2 in SR 02
 * Neustadt. Fallzahl 2025: SR 01 H1, H3 ended and H4 running on 31.12. (3, stock 1), SR 02 H2
 * running (1, stock 1). Net costs 2025: 800 € on case 1's Aktenzeichen (SR 01).
 * Population on 31.12.2025, first file (10.01.2026): SR 01 0–5 1,000 m + 1,000 w, 6–17 4,000,
 * 18–20 2,000, 21–26 3,000 (over 20) = 8,000 under 21; SR 02 0–20 5,000. The second file
 * (20.01.2026) states the Stichtag again with SR 01 6–17 at 6,000: 10,000 under 21.
 */
describe('use per young inhabitant (KPI 9) from imported population files, on real PostgreSQL', () => {
  let api: ApiUnderTest;
  const get = async <T>(path: string, token = api.tokens.controlling): Promise<T> => {
    const response = await api.get(path, token);
    const body = await bodyOf(response);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body as T;
  };
  const byArea = async (asOf?: string) =>
    Object.fromEntries((await get<{ rows: Row[] }>(`/api/v1/kpis/use-per-young-inhabitant?year=2025&by=socialArea${asOf ? `&asOf=${asOf}` : ''}`)).rows.map((r) => [r.group.socialArea ?? 'none', r]));
  const office = async (asOf?: string) => (await get<{ rows: Row[] }>(`/api/v1/kpis/use-per-young-inhabitant?year=2025${asOf ? `&asOf=${asOf}` : ''}`)).rows[0]!;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'population-e2e-'));
    const { night1, night2 } = writeHandMadeOffice(dir);
    const first = [
      band('SR 01 Altstadt', 0, 5, 1000, 'm'),
      band('SR 01 Altstadt', 0, 5, 1000, 'w'),
      band('SR 01 Altstadt', 6, 17, 4000),
      band('SR 01 Altstadt', 18, 20, 2000),
      band('SR 01 Altstadt', 21, 26, 3000),
      band('SR 02 Neustadt', 0, 20, 5000),
    ];
    const second = first.map((row) => (row['Alter von'] === '6' ? { ...row, Anzahl: '6000' } : row));
    api = await startApiOn([night1, night2, [writeExportFile(dir, 'einwohner_20260110_0800.csv', 'einwohner', first)], [writeExportFile(dir, 'einwohner_20260120_0800.csv', 'einwohner', second)]]);
  });
  afterAll(() => api?.close());

  it("relates each social area's Fallzahl, stock and net costs to its population under 21", async () => {
    const rows = await byArea();
    expect(rows['SR 01 Altstadt']).toMatchObject({
      cases: 3,
      stock: 1,
      population: { young: 10_000, stichtage: ['2025-12-31'], gap: null },
      casesPer10000: 3,
      stockPer10000: 1,
      netCents: 80_000,
      netPerYoungInhabitant: 0.08,
    });
    expect(rows['SR 02 Neustadt']).toMatchObject({ cases: 1, stock: 1, population: { young: 5_000 }, casesPer10000: 2, stockPer10000: 2, netCents: 0, netPerYoungInhabitant: 0 });
    // Office: 4 cases and 2 in stock over 15,000; 800 € over 15,000 = 0.053 €.
    expect(await office()).toMatchObject({
      cases: 4,
      stock: 2,
      population: { young: 15_000, stichtage: ['2025-12-31'], areasWithout: [] },
      casesPer10000: 2.7,
      stockPer10000: 1.3,
      netPerYoungInhabitant: 0.05,
    });
  });

  it('answers as known before the second file and before any population file', async () => {
    // 30,000 / 8,000 = 3.75 and 10,000 / 8,000 = 1.25: half up on the exact value.
    expect((await byArea('2026-01-15'))['SR 01 Altstadt']).toMatchObject({ population: { young: 8_000 }, casesPer10000: 3.8, stockPer10000: 1.3, netPerYoungInhabitant: 0.1 });
    expect(await office('2026-01-15')).toMatchObject({ population: { young: 13_000 }, casesPer10000: 3.1, stockPer10000: 1.5, netPerYoungInhabitant: 0.06 });
    expect(await office('2026-01-08')).toMatchObject({ cases: 4, population: { young: null, stichtage: [], gap: 'no-population' }, casesPer10000: null, netPerYoungInhabitant: null });
  });

  it('refuses setting and paragraph together with a 400 naming by', async () => {
    const response = await api.get('/api/v1/kpis/use-per-young-inhabitant?year=2025&by=setting,paragraph', api.tokens.controlling);
    expect(response.status).toBe(400);
    expect(await bodyOf(response)).toMatchObject({ errors: [{ field: 'by' }] });
  });

  it('puts KPI 9, the budgets and the comparison with 2024 into the annual report, and names the Stichtage on its cover', async () => {
    const report = await get<{ populationStichtage: unknown; tables: Table[] }>('/api/v1/reports/annual/2025?format=json');
    expect(report.populationStichtage).toEqual([{ stichtag: '2025-12-31', socialAreas: ['SR 01 Altstadt', 'SR 02 Neustadt'] }]);
    const table = (id: string) => report.tables.find((t) => t.id === id)!;
    expect(table('eckwerte_sozialraum').rows).toEqual([
      { row: 'Jugendamt gesamt', stichtag: '31.12.2025', young: 15_000, cases: 4, casesPer10000: 2.7, stock: 2, stockPer10000: 1.3, net: 800, netPerYoung: 0.05 },
      { row: 'SR 01 Altstadt', stichtag: '31.12.2025', young: 10_000, cases: 3, casesPer10000: 3, stock: 1, stockPer10000: 1, net: 800, netPerYoung: 0.08 },
      { row: 'SR 02 Neustadt', stichtag: '31.12.2025', young: 5_000, cases: 1, casesPer10000: 2, stock: 1, stockPer10000: 2, net: 0, netPerYoung: 0 },
    ]);
    expect(table('sozialraumbudgets').rows[0]).toMatchObject({ row: 'Jugendamt gesamt', budget: null, spent: 800 });
    // 2024: H2 alone ran on 31.12.2024, nothing ended: Fallzahl 1, so 4 is +3 or +300 %.
    expect(table('vorjahresvergleich').rows.find((r) => r['row'] === 'Fallzahl (Hilfen zur Erziehung)')).toEqual({
      row: 'Fallzahl (Hilfen zur Erziehung)',
      unit: 'Anzahl',
      previous: 1,
      current: 4,
      change: 3,
      changePercent: 300,
    });
  });

  it('hides the small counts of KPI 9 and what is computed from them in a published report', async () => {
    const report = await get<{ tables: Table[] }>('/api/v1/reports/annual/2025?format=json&public=true', api.tokens.planning);
    const rows = Object.fromEntries(report.tables.find((t) => t.id === 'eckwerte_sozialraum')!.rows.map((r) => [r['row'], r]));
    // SR 02: 1 case and 1 in stock; SR 01: 1 in stock; the office's stock is 2.
    expect(rows['SR 02 Neustadt']).toMatchObject({ cases: '.', casesPer10000: '.', stock: '.', stockPer10000: '.', young: 5_000 });
    expect(rows['SR 01 Altstadt']).toMatchObject({ stock: '.', stockPer10000: '.' });
    expect(rows['Jugendamt gesamt']).toMatchObject({ stock: '.', stockPer10000: '.' });
    // The comparison's Fallzahl rests on 1 in 2024: hidden in both years.
    const comparison = report.tables.find((t) => t.id === 'vorjahresvergleich')!.rows.find((r) => r['row'] === 'Fallzahl (Hilfen zur Erziehung)');
    expect(comparison).toMatchObject({ previous: '.', current: '.', change: '.', changePercent: '.' });
  });

  it("serves the overview's key figures beside the year before", async () => {
    const answer = await get<{ rows: { id: string; value: number | null; previous: number | null; change: number | null; changePercent: number | null }[] }>('/api/v1/kpis/year-over-year?year=2025');
    const figure = Object.fromEntries(answer.rows.map((r) => [r.id, r]));
    expect(figure['fallzahl']).toMatchObject({ value: 4, previous: 1, change: 3, changePercent: 300 });
    expect(figure['fallzahl-je-10000']).toMatchObject({ value: 2.7, previous: null, change: null });
    expect(figure['nettokosten']).toMatchObject({ value: 800, previous: 0, change: 800, changePercent: null });
  });
});
