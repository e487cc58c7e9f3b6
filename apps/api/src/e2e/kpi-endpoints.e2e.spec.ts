import { writeHandMadeOffice } from '../testing/hand-made-office.js';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every expected number below is counted by hand from hand-made-office.ts.
describe('KPI endpoints on real PostgreSQL, after importing two nights through the ingest', () => {
  let api: ApiUnderTest;
  const get = async (path: string) => {
    const response = await api.get(path, api.tokens.controlling);
    const body = await bodyOf(response);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };

  beforeAll(async () => {
    const { night1, night2 } = writeHandMadeOffice(mkdtempSync(join(tmpdir(), 'api-e2e-')));
    api = await startApiOn([night1, night2]);
  });
  afterAll(() => api?.close());

  it('counts aids running, begun and ended in 2025 by setting, and their shares', async () => {
    const body = await get('/api/v1/kpis/aids?period=2025&by=setting');
    const bySetting = Object.fromEntries(body.rows.map((r: { group: { setting: string } }) => [r.group.setting, r]));
    // H1 (§ 34) and H2 (§ 33) are stationary; H3 (§ 31) and H4 (§ 30) ambulant; H1 and H3 ended in 2025.
    expect(bySetting['stationär']).toMatchObject({ running: 2, begun: 1, ended: 1 });
    expect(bySetting['ambulant']).toMatchObject({ running: 2, begun: 2, ended: 1 });
    // 2 of 4 stationary; 2 ambulant per 2 stationary; § 33 is 1 of 2 stationary.
    expect(body.shares).toEqual({ ambulant: 2, teilstationär: 0, stationär: 2, shareStationary: 50, ambulantPerStationary: 1, fosterShare: 50 });
    expect(body.parameters).toMatchObject({ from: '2025-01-01', to: '2025-12-31', by: ['setting'] });
    expect(body.basis.catalogues.map((c: { name: string; version: number }) => [c.name, c.version])).toEqual([['aid-types', 0]]);
    expect(body.basis.observedUntil.webfm_hilfen).toBe('2026-01-06T01:15:00.000Z');
  });

  it('answers as known after the first night, before H3 was seen to end', async () => {
    const body = await get('/api/v1/kpis/aids?period=2025&asOf=2026-01-05T12:00:00%2B01:00');
    expect(body.rows).toEqual([{ group: {}, running: 4, begun: 3, ended: 1 }]);
    expect(body.basis.asOf).toBe('2026-01-05T11:00:00.000Z');
    expect(body.basis.observedUntil.webfm_hilfen).toBe('2026-01-05T01:15:00.000Z');
    expect((await get('/api/v1/kpis/aids?period=2025')).rows).toEqual([{ group: {}, running: 4, begun: 3, ended: 2 }]);
  });

  it('drills down from the office to a team and its paragraphs', async () => {
    const body = await get('/api/v1/kpis/aids/stock?on=2025-12-31&by=paragraph&team=ASD%20Team%20Nord');
    // Nord on 31.12.2025: only H4 (§ 30); H1 ended 31.10., H3 on 20.12.
    expect(body.rows).toEqual([{ group: { paragraph: '§ 30', team: 'ASD Team Nord' }, stock: 1 }]);
    const office = await get('/api/v1/kpis/aids/stock?on=2025-12-31');
    expect(office.rows).toEqual([{ group: {}, stock: 2 }]);
  });

  it('gives the return rate with its numerator, denominator and residences', async () => {
    const body = await get('/api/v1/kpis/return-rate?period=2025&by=paragraph');
    // H1 is the only stationary aid ended in 2025, and went home.
    expect(body.rows).toEqual([{ group: { paragraph: '§ 34' }, denominator: 1, numerator: 1, rate: 100, residences: { 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten': 1 } }]);
  });

  it('counts completed sub-processes by team and quarter, not the open one', async () => {
    const body = await get('/api/v1/kpis/sub-process-counts?period=2025&granularity=quarter&by=team');
    const counts = body.rows.map((r: { group: { team: string }; period: string; count: number }) => `${r.group.team} ${r.period} ${r.count}`).sort();
    expect(counts).toEqual(['ASD Team Nord 2025-Q1 1', 'ASD Team Nord 2025-Q2 1', 'ASD Team Süd 2025-Q1 1']);
  });

  it('relates aids to case-worker FTE per team on a reference date', async () => {
    const body = await get('/api/v1/kpis/caseload?on=2025-11-15');
    const byTeam = Object.fromEntries(body.rows.map((r: { team: string }) => [r.team, r]));
    // Nord on 15.11.: H3 and H4 on 1.0 FTE; Süd: H2 on 0.5 FTE.
    expect(byTeam['ASD Team Nord']).toEqual({ team: 'ASD Team Nord', aids: 2, caseWorkerFte: 1, aidsPerFte: 2, ratio: '1:2,0' });
    expect(byTeam['ASD Team Süd']).toEqual({ team: 'ASD Team Süd', aids: 1, caseWorkerFte: 0.5, aidsPerFte: 2, ratio: '1:2,0' });
  });

  it("takes the last day of a period asked as the caseload's reference date", async () => {
    const body = await get('/api/v1/kpis/caseload?period=2025-Q4');
    expect(body.parameters).toMatchObject({ from: '2025-10-01', to: '2025-12-31', on: '2025-12-31' });
    // 31.12.2025: Nord has H4 only (H3 ended 20.12.) on 1.0 FTE; Süd H2 on 0.5 FTE.
    expect(body.rows).toEqual([
      { team: 'ASD Team Nord', aids: 1, caseWorkerFte: 1, aidsPerFte: 1, ratio: '1:1,0' },
      { team: 'ASD Team Süd', aids: 1, caseWorkerFte: 0.5, aidsPerFte: 2, ratio: '1:2,0' },
    ]);
    expect((await get('/api/v1/kpis/caseload?from=2025-01-01&to=2025-11-15&team=ASD%20Team%20S%C3%BCd')).rows).toEqual([
      { team: 'ASD Team Süd', aids: 1, caseWorkerFte: 0.5, aidsPerFte: 2, ratio: '1:2,0' },
    ]);
  });

  it("serves the setting shares of every group the dimensions ask for, beside the office's", async () => {
    const body = await get('/api/v1/kpis/aids?period=2025&by=team');
    // Nord: H1 (§ 34) stationary, H3 and H4 ambulant; Süd: H2 (§ 33).
    expect(body.sharesByGroup).toEqual([
      { group: { team: 'ASD Team Nord' }, ambulant: 2, teilstationär: 0, stationär: 1, shareStationary: 33.3, ambulantPerStationary: 2, fosterShare: 0 },
      { group: { team: 'ASD Team Süd' }, ambulant: 0, teilstationär: 0, stationär: 1, shareStationary: 100, ambulantPerStationary: 0, fosterShare: 100 },
    ]);
    expect(body.shares).toEqual({ ambulant: 2, teilstationär: 0, stationär: 2, shareStationary: 50, ambulantPerStationary: 1, fosterShare: 50 });

    // Setting and paragraph make the shares: by them and the social area, the groups are the social areas.
    const stock = await get('/api/v1/kpis/aids/stock?on=2025-12-31&by=socialArea,setting');
    // 31.12.2025: SR 01 (cases 1 and 3) has H4 only; SR 02 (case 2) H2.
    expect(stock.sharesByGroup).toEqual([
      { group: { socialArea: 'SR 01 Altstadt' }, ambulant: 1, teilstationär: 0, stationär: 0, shareStationary: 0, ambulantPerStationary: null, fosterShare: null },
      { group: { socialArea: 'SR 02 Neustadt' }, ambulant: 0, teilstationär: 0, stationär: 1, shareStationary: 100, ambulantPerStationary: 0, fosterShare: 100 },
    ]);

    const ofTeam = await get('/api/v1/kpis/aids?period=2025&by=socialArea&team=ASD%20Team%20Nord');
    expect(ofTeam.sharesByGroup).toEqual([
      { group: { socialArea: 'SR 01 Altstadt', team: 'ASD Team Nord' }, ambulant: 2, teilstationär: 0, stationär: 1, shareStationary: 33.3, ambulantPerStationary: 2, fosterShare: 0 },
    ]);
    expect((await get('/api/v1/kpis/aids?period=2025')).sharesByGroup).toEqual([{ group: {}, ...body.shares }]);
  });

  it('serves the counts behind the ending rates and the reasons of ending', async () => {
    const body = await get('/api/v1/kpis/endings?period=2025&by=paragraph');
    const byParagraph = Object.fromEntries(body.rows.map(({ group, ...figures }: { group: { paragraph: string } }) => [group.paragraph, figures]));
    const planned = { 'Beendigung gemäß Hilfeplan': 1 };
    // H1 (§ 34): 01.03.–31.10.2025, 245 days; H3 (§ 31): 15.06.–20.12.2025, 189 days; both as planned.
    expect(byParagraph).toEqual({
      '§ 34': { ended: 1, meanDays: 245, medianDays: 245, base: 1, planned: 1, breakdown: 0, plannedEndingRate: 100, breakdownRate: 0, reasons: planned },
      '§ 31': { ended: 1, meanDays: 189, medianDays: 189, base: 1, planned: 1, breakdown: 0, plannedEndingRate: 100, breakdownRate: 0, reasons: planned },
    });
    expect((await get('/api/v1/kpis/endings?period=2025')).rows).toEqual([
      { group: {}, ended: 2, meanDays: 217, medianDays: 217, base: 2, planned: 2, breakdown: 0, plannedEndingRate: 100, breakdownRate: 0, reasons: { 'Beendigung gemäß Hilfeplan': 2 } },
    ]);
  });

  it('answers one row for the period asked when no granularity is given', async () => {
    const year = await get('/api/v1/kpis/sub-process-counts?period=2025&by=team');
    expect(year.parameters.granularity).toBe('year');
    expect(year.rows).toEqual([
      { group: { team: 'ASD Team Nord' }, period: '2025', count: 2 },
      { group: { team: 'ASD Team Süd' }, period: '2025', count: 1 },
    ]);
    const quarter = await get('/api/v1/kpis/sub-process-counts?period=2025-Q1&by=team');
    expect(quarter.rows.map((r: { group: { team: string }; period: string; count: number }) => [r.group.team, r.period, r.count])).toEqual([
      ['ASD Team Nord', '2025-Q1', 1],
      ['ASD Team Süd', '2025-Q1', 1],
    ]);
    // The contribution of 05.05.2025 (case 1's § 34 aid) in its month.
    const month = await get('/api/v1/kpis/costs?period=2025-05&by=paragraph');
    expect(month.rows).toEqual([{ group: { paragraph: '§ 34' }, period: '2025-05', grossCents: 0, incomeCents: 20_000, netCents: -20_000 }]);
    const steps = await get('/api/v1/kpis/chronicle-counts?period=2025');
    expect(steps.rows.map((r: { period: string }) => r.period)).toEqual(['2025', '2025']);
    // A range that is no calendar year, quarter or month is one total; a granularity asked for is kept.
    const halfYear = await get('/api/v1/kpis/sub-process-counts?from=2025-01-01&to=2025-06-30&by=team');
    expect(halfYear.rows.map((r: { group: { team: string }; period: string; count: number }) => [r.group.team, r.period, r.count])).toEqual([
      ['ASD Team Nord', 'total', 2],
      ['ASD Team Süd', 'total', 1],
    ]);
    const byMonth = await get('/api/v1/kpis/sub-process-counts?period=2025&granularity=month');
    expect(byMonth.rows.map((r: { period: string; count: number }) => [r.period, r.count])).toEqual([
      ['2025-02', 1],
      ['2025-03', 1],
      ['2025-05', 1],
    ]);
  });

  it('documents the answers in the OpenAPI document as they are served', async () => {
    const document = await bodyOf(await api.get('/docs-json'));
    const answer = (path: string) => document.paths[path].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(answer('/api/v1/kpis/aids').properties)).toEqual(['kpi', 'parameters', 'basis', 'rows', 'shares', 'sharesByGroup', 'dataQuality']);
    // Every KPI a plausibility rule can weaken says how good its base is (docs/data-quality.md).
    for (const path of ['aids', 'aids/stock', 'endings', 'return-rate', 'caseload', 'sub-process-counts', 'staffing-requirement', 'costs', 'social-area-budgets', 'use-per-young-inhabitant']) {
      expect(Object.keys(answer(`/api/v1/kpis/${path}`).properties.dataQuality.properties)).toEqual(['records', 'rules', 'notes']);
    }
    expect(Object.keys(answer('/api/v1/kpis/aids/stock').properties.sharesByGroup.items.properties)).toEqual(
      expect.arrayContaining(['group', 'shareStationary', 'ambulantPerStationary', 'fosterShare']),
    );
    expect(Object.keys(answer('/api/v1/kpis/endings').properties.rows.items.properties)).toEqual(
      expect.arrayContaining(['ended', 'base', 'planned', 'breakdown', 'plannedEndingRate', 'breakdownRate', 'reasons']),
    );
    expect(Object.keys(answer('/api/v1/kpis/caseload').properties.rows.items.properties)).toEqual(['team', 'aids', 'caseWorkerFte', 'aidsPerFte', 'ratio']);
    expect(Object.keys(answer('/api/v1/kpis/costs').properties)).toContain('costPerAid');
    const parameters = (path: string) => Object.fromEntries(document.paths[path].get.parameters.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(parameters('/api/v1/kpis/caseload'))).toEqual(expect.arrayContaining(['on', 'period', 'from', 'to', 'team', 'asOf']));
    expect(parameters('/api/v1/kpis/caseload')['on'].required).toBe(false);
    // No default: without it, the period asked decides.
    expect(parameters('/api/v1/kpis/costs')['granularity'].schema.default).toBeUndefined();
  });

  it('sums 14plus costs by paragraph and divides by the aids running', async () => {
    const body = await get('/api/v1/kpis/costs?period=2025&granularity=total&by=paragraph');
    // 1,000.00 paid and 200.00 contributed for case 1's § 34 aid; the VERMERK carries no money.
    expect(body.rows).toEqual([{ group: { paragraph: '§ 34' }, period: 'total', grossCents: 100_000, incomeCents: 20_000, netCents: 80_000 }]);
    // Every HzE paragraph with an aid running in 2025 has its cost per aid, 0 € where nothing was paid.
    expect(body.costPerAid).toEqual([
      { paragraph: '§ 30', grossCents: 0, aids: 1, centsPerAid: 0 },
      { paragraph: '§ 31', grossCents: 0, aids: 1, centsPerAid: 0 },
      { paragraph: '§ 33', grossCents: 0, aids: 1, centsPerAid: 0 },
      { paragraph: '§ 34', grossCents: 100_000, aids: 1, centsPerAid: 100_000 },
    ]);
    const steps = await get('/api/v1/kpis/chronicle-counts?period=2025&granularity=year');
    expect(steps.rows.map((r: { group: { entryType: string }; count: number }) => [r.group.entryType, r.count]).sort()).toEqual([
      ['KOSTENBEITRAG', 1],
      ['ZAHLUNG', 1],
    ]);
  });

  it('rejects bad parameters with a 400 that names the field', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/v1/kpis/aids?period=2025&team=Team%20X', 'team', /unknown team Team X; known: ASD Team Nord, ASD Team Süd/],
      ['/api/v1/kpis/aids?from=2025-05-01&to=2025-04-30', 'from', /2025-05-01 lies after to \(2025-04-30\)/],
      ['/api/v1/kpis/aids?period=2025&by=setting,colour', 'by', /unknown dimension colour/],
      ['/api/v1/kpis/aids?period=2025-13', 'period', /must be YYYY, YYYY-Qn or YYYY-MM/],
      ['/api/v1/kpis/aids?from=2025-02-30&to=2025-03-01', 'from', /must be a date/],
      ['/api/v1/kpis/aids?to=2025-03-01', 'from', /required/],
      ['/api/v1/kpis/caseload?on=2025-11-15&asOf=yesterday', 'asOf', /timestamp with offset/],
      ['/api/v1/kpis/caseload', 'on', /required \(or give period, or from and to\)/],
      ['/api/v1/kpis/caseload?on=2025-11-15&period=2025', 'on', /either on or a period/],
      ['/api/v1/kpis/sub-process-counts?period=2025&granularity=week', 'granularity', /month/],
    ];
    for (const [path, field, message] of cases) {
      const response = await api.get(path, api.tokens.controlling);
      const body = await bodyOf(response);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(body.errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
    }
  });
});
