import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHandMadeOffice } from '../testing/hand-made-office.js';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';

interface Figures {
  budgetCents: number | null;
  spentCents: number;
  utilisation: number | null;
  completeMonths: number;
  forecastCents: number | null;
  forecastDeviationCents: number | null;
}
type Answer = { rows: (Figures & { socialArea: string | null })[]; office: Figures; chronicleObservedAt: string | null; basis: { catalogues: { name: string; version: number }[] } };

const figures = (f: Figures) => [f.budgetCents, f.spentCents, f.utilisation, f.completeMonths, f.forecastCents, f.forecastDeviationCents];
const table = (answer: Answer) => Object.fromEntries([...answer.rows.map((r) => [r.socialArea ?? 'ohne Sozialraum', figures(r)]), ['office', figures(answer.office)]]);

// Counted by hand from hand-made-office.ts: case 1 (SR 01 Altstadt) carries the Aktenzeichen of
// all three 14plus entries, 1,000.00 paid on 30.04.2025 and 200.00 contributed on 05.05.2025;
// the 14plus exports of 05.01. and 06.01.2026 complete every month of 2025.
describe('Sozialraumbudget (KPI 10) through the API, on real PostgreSQL', () => {
  let api: ApiUnderTest;
  const get = async (path: string): Promise<Answer> => {
    const response = await api.get(path, api.tokens.controlling);
    const body = await bodyOf(response);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };

  beforeAll(async () => {
    const { night1, night2 } = writeHandMadeOffice(mkdtempSync(join(tmpdir(), 'budgets-e2e-')));
    api = await startApiOn([night1, night2]);
  });
  afterAll(() => api?.close());

  it('sums costs by the social area of the linked case', async () => {
    const body = await get('/api/v1/kpis/costs?period=2025&granularity=total&by=socialArea');
    expect((body as unknown as { rows: unknown[] }).rows).toEqual([{ group: { socialArea: 'SR 01 Altstadt' }, period: 'total', grossCents: 100_000, incomeCents: 20_000, netCents: 80_000 }]);
  });

  it('serves spending without budgets until the office sets them, and the budgets at once after the edit', async () => {
    const before = await get('/api/v1/kpis/social-area-budgets?year=2025');
    expect(table(before)).toEqual({
      'SR 01 Altstadt': [null, 80_000, null, 12, 80_000, null],
      'ohne Sozialraum': [null, 0, null, 12, 0, null],
      office: [null, 80_000, null, 12, 80_000, null],
    });

    const saved = await api.send('PUT', '/api/v1/admin/catalogues/budgets', api.tokens.admin, { years: { '2025': { 'SR 01 Altstadt': 1_000, 'SR 02 Neustadt': 500 } } });
    expect(saved.status).toBe(200);
    const stored = await bodyOf(saved);
    expect(stored).toMatchObject({ name: 'budgets', version: 1, takesEffect: 'at once', builtWith: [], rebuildPending: [] });
    expect(stored.rebuildJob).toBeUndefined();

    const after = await get('/api/v1/kpis/social-area-budgets?year=2025');
    // SR 01: 800 of 1,000 €; December complete, so the forecast is the spending. Office: 800 of 1,500 € = 53.33… %.
    expect(table(after)).toEqual({
      'SR 01 Altstadt': [100_000, 80_000, 80, 12, 80_000, -20_000],
      'SR 02 Neustadt': [50_000, 0, 0, 12, 0, -50_000],
      'ohne Sozialraum': [null, 0, null, 12, 0, null],
      office: [150_000, 80_000, 53.3, 12, 80_000, -70_000],
    });
    expect(after.basis.catalogues).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'budgets', version: 1 })]));
    expect(after.chronicleObservedAt).toMatch(/^2026-01-06T/);
  });

  it('ends the period where asked and knows nothing before the first export', async () => {
    // To 30.04.: the payment only, January to April complete: 1,000 € ÷ 4 × 12 = 3,000 €.
    const april = await get('/api/v1/kpis/social-area-budgets?year=2025&to=2025-04-30');
    expect(table(april)['SR 01 Altstadt']).toEqual([100_000, 100_000, 100, 4, 300_000, 200_000]);
    expect(table(april)['office']).toEqual([150_000, 100_000, 66.7, 4, 300_000, 150_000]);

    const beforeAnyExport = await get('/api/v1/kpis/social-area-budgets?year=2025&asOf=2026-01-01');
    expect(beforeAnyExport.chronicleObservedAt).toBeNull();
    expect(table(beforeAnyExport)).toEqual({
      'SR 01 Altstadt': [100_000, 0, 0, 0, null, null],
      'SR 02 Neustadt': [50_000, 0, 0, 0, null, null],
      'ohne Sozialraum': [null, 0, null, 0, null, null],
      office: [150_000, 0, 0, 0, null, null],
    });
  });

  it('rejects bad parameters with a 400 that names the field', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/v1/kpis/social-area-budgets', 'year', /must be a year/],
      ['/api/v1/kpis/social-area-budgets?year=25', 'year', /from 1990/],
      ['/api/v1/kpis/social-area-budgets?year=2025&to=2024-06-30', 'to', /must lie in 2025, not 2024-06-30/],
      ['/api/v1/kpis/social-area-budgets?year=2025&to=2025-02-30', 'to', /must be a date/],
      ['/api/v1/kpis/social-area-budgets?year=2025&asOf=yesterday', 'asOf', /timestamp with offset/],
    ];
    for (const [path, field, message] of cases) {
      const response = await api.get(path, api.tokens.controlling);
      const body = await bodyOf(response);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(body.errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
    }
    const refused = await api.send('PUT', '/api/v1/admin/catalogues/budgets', api.tokens.admin, { years: { '2025': { 'SR 01 Altstadt': -1 } } });
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).errors).toEqual([expect.objectContaining({ field: 'years.2025.SR 01 Altstadt' })]);
  });

  it('documents the route in the OpenAPI document', async () => {
    const document = await bodyOf(await api.get('/docs-json'));
    const route = document.paths['/api/v1/kpis/social-area-budgets'].get;
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(['year', 'to', 'asOf']);
    const answer = route.responses['200'].content['application/json'].schema;
    expect(Object.keys(answer.properties)).toEqual(['kpi', 'parameters', 'basis', 'rows', 'office', 'chronicleObservedAt', 'dataQuality']);
    expect(Object.keys(answer.properties.rows.items.properties)).toEqual(['socialArea', 'budgetCents', 'spentCents', 'utilisation', 'completeMonths', 'forecastCents', 'forecastDeviationCents']);
  });
});
