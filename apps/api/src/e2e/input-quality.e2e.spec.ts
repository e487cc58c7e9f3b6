import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeQualityOffice } from '@jugendamt/ingest-pipeline/testing';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';

type Month = { month: string; checked: number; affected: number; share: number | null; shareChange: number | null; findings: Record<string, number> };
type Answer = { parameters: Record<string, string>; rulesVersion: number; office: Month[]; teams: { team: string | null; months: Month[] }[] };

const picture = (months: readonly Month[]) => Object.fromEntries(months.map((m) => [m.month, [m.checked, m.affected, m.share]]));

// The office of quality-office.ts; its counts are worked out by hand in
// apps/ingest/src/projections/input-quality.int.spec.ts, repeated here where the API must carry them.
describe('input quality through the API, on real PostgreSQL', () => {
  let api: ApiUnderTest;
  const WINTER = 'from=2025-12&to=2026-02';
  const get = async (path: string, token = api.tokens.admin): Promise<Answer> => {
    const response = await api.get(path, token);
    const body = await bodyOf(response);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };

  beforeAll(async () => {
    const { december, january, february } = writeQualityOffice(mkdtempSync(join(tmpdir(), 'quality-e2e-')));
    api = await startApiOn([december, january, february]);
  });
  afterAll(() => api?.close());

  it('answers the administrator and controlling per team and month, and refuses planning', async () => {
    const answer = await get(`/api/v1/quality?${WINTER}`);
    expect(answer.parameters).toEqual({ from: '2025-12', to: '2026-02' });
    expect(answer.rulesVersion).toBe(0);
    expect(picture(answer.office)).toEqual({ '2025-12': [11, 5, 45.5], '2026-01': [10, 7, 70], '2026-02': [6, 3, 50] });
    expect(answer.teams.map((t) => t.team)).toEqual(['ASD Team Nord', 'ASD Team Süd', null]);
    expect(await get(`/api/v1/quality?${WINTER}`, api.tokens.controlling)).toEqual(answer);
    expect((await api.get(`/api/v1/quality?${WINTER}`, api.tokens.planning)).status).toBe(403);
  });

  it('without months asked, covers the half year up to the newest export known (not the months since, when nothing came)', async () => {
    expect((await get('/api/v1/quality')).parameters).toEqual({ from: '2025-09', to: '2026-02' });
    expect((await get('/api/v1/quality?asOf=2026-02-05')).parameters).toMatchObject({ from: '2025-08', to: '2026-01' });
    expect((await get('/api/v1/quality?from=2025-12')).parameters).toEqual({ from: '2025-12', to: '2026-02' });
    const toFix = await get('/api/v1/quality/to-fix');
    expect(toFix.parameters).toEqual({ from: '2025-09-01', to: '2026-02-28', limit: 500, offset: 0 });
  });

  it('narrows to one team and answers as known at asOf (a date: the end of that day)', async () => {
    const sued = await get(`/api/v1/quality?${WINTER}&team=${encodeURIComponent('ASD Team Süd')}`);
    expect(sued.teams.map((t) => [t.team, picture(t.months)])).toEqual([['ASD Team Süd', { '2025-12': [4, 2, 50], '2026-01': [5, 3, 60], '2026-02': [3, 2, 66.7] }]]);
    // The office stays the office's.
    expect(picture(sued.office)['2026-02']).toEqual([6, 3, 50]);
    // As of 05.02.2026, before the export that fixes H3: H3, H4 and TP2 all hit in February.
    const before = await get(`/api/v1/quality?${WINTER}&team=${encodeURIComponent('ASD Team Süd')}&asOf=2026-02-05`);
    expect(picture(before.teams[0]!.months)['2026-02']).toEqual([3, 3, 100]);
    expect(before.parameters['asOf']).toBe('2026-02-05T22:59:59.999Z');
  });

  it("writes the team leader's sheet: German headings, one line per month, one column per rule", async () => {
    const response = await api.get(`/api/v1/quality?${WINTER}&team=${encodeURIComponent('ASD Team Nord')}&format=csv`, api.tokens.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="Eingabequalitaet_2025-12_2026-02.csv"');
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFFTeam;Monat;Geprüfte Datensätze;Betroffene Datensätze;Anteil betroffen (%);Veränderung zum Vormonat (Prozentpunkte);Anteil der drei Vormonate (%);' +
        'Hilfe beendet ohne Beendigungsgrund;Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende;Hilfeart nicht im Hilfeartenkatalog;Hilfe zu unbekanntem Fall;' +
        'Hilfe läuft über das Fallende hinaus;Teilprozess länger offen als vorgesehen;Zahlung ohne passendes Aktenzeichen',
      // December: H5 past its case's end, TP1 open 121 days. January: H2 (two rules), H5, TP1.
      // February: H5. September to November, 0 % each (as the first export knew them), are read for
      // the trend: January's three months before average (0 + 0 + 33.3) ÷ 3, February's (0 + 33.3 + 75) ÷ 3.
      'ASD Team Nord;2025-12;6;2;33,3;33,3;0;0;0;0;0;1;1;0',
      'ASD Team Nord;2026-01;4;3;75;41,7;11,1;1;1;0;0;1;1;0',
      'ASD Team Nord;2026-02;3;1;33,3;-41,7;36,1;0;0;0;0;1;0;0',
      '',
    ]);
  });

  it('follows an edit of the plausibility-rules catalogue at once, without a rebuild', async () => {
    const { content } = await bodyOf(await api.get('/api/v1/admin/catalogues/plausibility-rules', api.tokens.admin));
    const off = { ...content, rules: { ...content.rules, 'aid-running-after-case-end': { ...content.rules['aid-running-after-case-end'], active: false } } };
    const saved = await api.send('PUT', '/api/v1/admin/catalogues/plausibility-rules', api.tokens.admin, off);
    expect(saved.status).toBe(200);
    expect(await bodyOf(saved)).toMatchObject({ name: 'plausibility-rules', version: 1, takesEffect: 'at once' });
    try {
      const answer = await get(`/api/v1/quality?${WINTER}&team=${encodeURIComponent('ASD Team Nord')}`);
      // H5 no longer counts: December TP1 alone of 6, January H2 and TP1 of 4, February none of 3.
      expect(picture(answer.teams[0]!.months)).toEqual({ '2025-12': [6, 1, 16.7], '2026-01': [4, 2, 50], '2026-02': [3, 0, 0] });
      expect(answer.rulesVersion).toBe(1);
      expect(answer.office[0]!.findings).not.toHaveProperty('aid-running-after-case-end');
    } finally {
      await api.send('PUT', '/api/v1/admin/catalogues/plausibility-rules', api.tokens.admin, content);
    }
  });

  it('lists what the team has to fix with file and line, as JSON and as its CSV', async () => {
    const response = await api.get(`/api/v1/quality/to-fix?${WINTER}&team=${encodeURIComponent('ASD Team Süd')}`, api.tokens.controlling);
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body.parameters).toEqual({ from: '2025-12-01', to: '2026-02-28', team: 'ASD Team Süd', limit: 500, offset: 0 });
    expect(body.total).toBe(2);
    // H4 (case unknown) on line 5 of February's aids, TP2 (open 119 days at 28.02.) on line 3 of its sub-processes.
    expect(body.findings.map((f: { records: string; rules: string[]; file: string; line: number }) => [f.records, f.rules, f.file, f.line])).toEqual([
      ['aids', ['aid-of-unknown-case'], 'webfm_hilfen_20260210_0215.csv', 5],
      ['sub-processes', ['sub-process-open-too-long'], 'webfm_teilprozesse_20260210_0215.csv', 3],
    ]);
    const csv = await api.get(`/api/v1/quality/to-fix?${WINTER}&format=csv`, api.tokens.admin);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="Korrekturliste_2025-12_2026-02.csv"');
    expect(
      Buffer.from(await csv.arrayBuffer())
        .toString('utf8')
        .split('\r\n'),
    ).toEqual([
      '\uFEFFTeam;Datensatz;Regel;Datei;Zeile',
      'ASD Team Nord;Hilfe;Hilfe läuft über das Fallende hinaus;webfm_hilfen_20260210_0215.csv;6',
      'ASD Team Süd;Hilfe;Hilfe zu unbekanntem Fall;webfm_hilfen_20260210_0215.csv;5',
      'ASD Team Süd;Teilprozess;Teilprozess länger offen als vorgesehen;webfm_teilprozesse_20260210_0215.csv;3',
      'ohne Team;Zahlung;Zahlung ohne passendes Aktenzeichen;14plus_chronik_20251215_0215.csv;3',
      '',
    ]);
    expect((await api.get(`/api/v1/quality/to-fix?${WINTER}`, api.tokens.planning)).status).toBe(403);
  });

  it('gives the list to fix a page at a time in JSON, the same order as the CSV, which holds it all', async () => {
    const page = async (query: string) => bodyOf(await api.get(`/api/v1/quality/to-fix?${WINTER}&${query}`, api.tokens.admin));
    const at = (f: { records: string; file: string; line: number }) => `${f.records} ${f.file}:${f.line}`;
    const whole = await page('limit=100');
    expect(whole.total).toBe(4);
    const pages = [await page('limit=3'), await page('limit=3&offset=3'), await page('limit=3&offset=6')];
    expect(pages.map((p) => p.total)).toEqual([4, 4, 4]);
    expect(pages.map((p) => p.findings.length)).toEqual([3, 1, 0]);
    expect(pages.flatMap((p) => p.findings).map(at)).toEqual(whole.findings.map(at));
    expect((await api.get(`/api/v1/quality/to-fix?limit=0`, api.tokens.admin)).status).toBe(400);
  });

  it('says in the KPI answers how good their base is: return rate, costs and caseload', async () => {
    const notesOf = async (path: string) => ((await get(path, api.tokens.controlling)) as unknown as { dataQuality: { notes: string[] } }).dataQuality.notes;
    // H2, the one stationary aid ended in 2026, lacked reason and Aufenthalt until February's export.
    expect(await notesOf('/api/v1/kpis/return-rate?period=2026&asOf=2026-01-20')).toEqual([
      '1 von 1 beendeten stationären Hilfen: Hilfe beendet ohne Beendigungsgrund',
      '1 von 1 beendeten stationären Hilfen: Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende',
    ]);
    expect(await notesOf('/api/v1/kpis/return-rate?period=2026')).toEqual([
      '0 von 1 beendeten stationären Hilfen: Hilfe beendet ohne Beendigungsgrund',
      '0 von 1 beendeten stationären Hilfen: Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende',
    ]);
    // E1 … E4 paid in December and January; E2 links to no case. Team Süd paid E3 and, since F4 came, E4.
    expect(await notesOf('/api/v1/kpis/costs?from=2025-12-01&to=2026-01-31')).toEqual(['1 von 4 Zahlungen des Zeitraums: Zahlung ohne passendes Aktenzeichen']);
    expect(await notesOf(`/api/v1/kpis/costs?from=2025-12-01&to=2026-01-31&team=${encodeURIComponent('ASD Team Süd')}`)).toEqual([
      '0 von 2 Zahlungen des Zeitraums: Zahlung ohne passendes Aktenzeichen',
    ]);
    // H1, H3, H4, H5 run on 31.01.2026; H5 past its case's end.
    expect(await notesOf('/api/v1/kpis/caseload?on=2026-01-31')).toEqual(['1 von 4 am Stichtag laufenden Hilfen zur Erziehung: Hilfe läuft über das Fallende hinaus']);
  });

  it('says in the other KPI answers how good their base is, each base the one the KPI counts', async () => {
    type Noted = { rows: Record<string, unknown>[]; dataQuality: { records: number; notes: string[] } };
    const answer = async (path: string) => (await get(path, api.tokens.controlling)) as unknown as Noted;
    const notesOf = async (path: string) => (await answer(path)).dataQuality.notes;
    const NORD = `team=${encodeURIComponent('ASD Team Nord')}`;
    const SUED = `team=${encodeURIComponent('ASD Team Süd')}`;
    const JANUARY = 'from=2026-01-01&to=2026-01-31';

    // Endings in 2026: H2 (10.01.) and H6 (15.01.). H2 had no Beendigungsgrund until February's export.
    expect(await notesOf('/api/v1/kpis/endings?period=2026&asOf=2026-01-20')).toEqual(['1 von 2 im Zeitraum beendeten Hilfen: Hilfe beendet ohne Beendigungsgrund']);
    expect(await notesOf('/api/v1/kpis/endings?period=2026')).toEqual(['0 von 2 im Zeitraum beendeten Hilfen: Hilfe beendet ohne Beendigungsgrund']);
    // Team Nord ended H2 alone; H6 is Süd's.
    expect(await notesOf(`/api/v1/kpis/endings?period=2026&${NORD}&asOf=2026-01-20`)).toEqual(['1 von 1 im Zeitraum beendeten Hilfen: Hilfe beendet ohne Beendigungsgrund']);
    // The base is what the KPI counts: its ended aids.
    const endings = await answer('/api/v1/kpis/endings?period=2026');
    expect(endings.dataQuality.records).toBe(endings.rows.reduce((n, row) => n + (row['ended'] as number), 0));

    // All six aids run in January (H2 and H6 end in it). As of 05.02., before February's export,
    // H3's Hilfeart "Sonderhilfe" is in no catalogue; H4's case F9 is in no export, then and now.
    expect(await notesOf(`/api/v1/kpis/aids?${JANUARY}&asOf=2026-02-05`)).toEqual([
      '1 von 6 im Zeitraum laufenden Hilfen zur Erziehung: Hilfeart nicht im Hilfeartenkatalog',
      '1 von 6 im Zeitraum laufenden Hilfen zur Erziehung: Hilfe zu unbekanntem Fall',
    ]);
    expect(await notesOf(`/api/v1/kpis/aids?${JANUARY}`)).toEqual([
      '0 von 6 im Zeitraum laufenden Hilfen zur Erziehung: Hilfeart nicht im Hilfeartenkatalog',
      '1 von 6 im Zeitraum laufenden Hilfen zur Erziehung: Hilfe zu unbekanntem Fall',
    ]);
    // Team Süd runs H3, H4 and H6.
    expect(await notesOf(`/api/v1/kpis/aids?${JANUARY}&${SUED}&asOf=2026-02-05`)).toEqual([
      '1 von 3 im Zeitraum laufenden Hilfen zur Erziehung: Hilfeart nicht im Hilfeartenkatalog',
      '1 von 3 im Zeitraum laufenden Hilfen zur Erziehung: Hilfe zu unbekanntem Fall',
    ]);

    // On 31.01.2026 H1, H3, H4 and H5 run (H2 and H6 have ended); H5 past its case F3's end (30.11.2025).
    expect(await notesOf('/api/v1/kpis/aids/stock?on=2026-01-31&asOf=2026-02-05')).toEqual([
      '1 von 4 am Stichtag laufenden Hilfen zur Erziehung: Hilfeart nicht im Hilfeartenkatalog',
      '1 von 4 am Stichtag laufenden Hilfen zur Erziehung: Hilfe läuft über das Fallende hinaus',
    ]);
    const stock = await answer('/api/v1/kpis/aids/stock?on=2026-01-31');
    expect(stock.dataQuality.notes).toEqual([
      '0 von 4 am Stichtag laufenden Hilfen zur Erziehung: Hilfeart nicht im Hilfeartenkatalog',
      '1 von 4 am Stichtag laufenden Hilfen zur Erziehung: Hilfe läuft über das Fallende hinaus',
    ]);
    expect(stock.dataQuality.records).toBe(stock.rows.reduce((n, row) => n + (row['stock'] as number), 0));

    // In work in January: TP1 (Nord, open since 01.09.2025, closed 05.02.2026) and TP2 (Süd, open
    // since 01.11.2025); TP3 was completed in December. Checked on 31.01.: TP2 open 91 days (> 90);
    // as of 05.02. TP1 was still open, 152 days. Now TP1 is closed and no longer hit.
    const inWork = 'im Zeitraum offenen oder abgeschlossenen Teilprozessen: Teilprozess länger offen als vorgesehen';
    expect(await notesOf(`/api/v1/kpis/sub-process-counts?${JANUARY}&asOf=2026-02-05`)).toEqual([`2 von 2 ${inWork}`]);
    expect(await notesOf(`/api/v1/kpis/sub-process-counts?${JANUARY}`)).toEqual([`1 von 2 ${inWork}`]);
    // The same base for the staffing requirement; Team Nord's is TP1 alone.
    expect(await notesOf(`/api/v1/kpis/staffing-requirement?${JANUARY}&${NORD}&asOf=2026-02-05`)).toEqual([`1 von 1 ${inWork}`]);
    expect(await notesOf(`/api/v1/kpis/staffing-requirement?${JANUARY}&${NORD}`)).toEqual([`0 von 1 ${inWork}`]);

    // Spent in 2026 up to 31.01.: payments E3 (F2) and E4 (Aktenzeichen of F4, exported in
    // February); E5 is a Kostenbeitrag, no payment. 2025: E1 (F1) and E2 (no case).
    const budgetNote = 'Zahlungen des Jahres bis zum Ende des Zeitraums: Zahlung ohne passendes Aktenzeichen';
    expect(await notesOf('/api/v1/kpis/social-area-budgets?year=2026&to=2026-01-31&asOf=2026-02-05')).toEqual([`1 von 2 ${budgetNote}`]);
    expect(await notesOf('/api/v1/kpis/social-area-budgets?year=2026&to=2026-01-31')).toEqual([`0 von 2 ${budgetNote}`]);
    expect(await notesOf('/api/v1/kpis/social-area-budgets?year=2025')).toEqual([`1 von 2 ${budgetNote}`]);

    // The Fallzahl of 2025: all six aids run on 31.12.2025, none ended in the year; of 2026: H1, H3,
    // H4, H5 on 31.12. and H2, H6 ended. H4's case is unknown either way.
    const fallzahlNote = 'Hilfen zur Erziehung der Fallzahl des Jahres: Hilfe zu unbekanntem Fall';
    expect(await notesOf('/api/v1/kpis/use-per-young-inhabitant?year=2025')).toEqual([`1 von 6 ${fallzahlNote}`]);
    const use = await answer('/api/v1/kpis/use-per-young-inhabitant?year=2026');
    expect(use.dataQuality.notes).toEqual([`1 von 6 ${fallzahlNote}`]);
  });

  it('notes the bases in the annual report: rule, records hit and records of the base per KPI', async () => {
    const report = (await get('/api/v1/reports/annual/2026?format=json', api.tokens.controlling)) as unknown as { tables: { id: string; rows: unknown[] }[] };
    const table = report.tables.find((t) => t.id === 'datenqualitaet')!;
    expect(table.rows).toEqual([
      // Office first, then by KPI, as known now. On 31.12.2026 H1, H3, H4, H5 run on: H3's Hilfeart
      // was corrected in February, H5 runs past its case's end.
      { row: 'Bestand der Hilfen (31.12.)', rule: 'Hilfeart nicht im Hilfeartenkatalog', affected: 0, records: 4 },
      { row: 'Bestand der Hilfen (31.12.)', rule: 'Hilfe läuft über das Fallende hinaus', affected: 1, records: 4 },
      // H2 and H6 ended in 2026; H2's reason was filled in February.
      { row: 'Dauer und Beendigungen', rule: 'Hilfe beendet ohne Beendigungsgrund', affected: 0, records: 2 },
      // Caseload on 31.12.2026: the stock's aids, H5 past its case's end.
      { row: 'Fachkraft-Fall-Relation (31.12.)', rule: 'Hilfe läuft über das Fallende hinaus', affected: 1, records: 4 },
      // The Fallzahl of 2026: the four on 31.12. and H2, H6; H4's case is unknown.
      { row: 'Inanspruchnahme', rule: 'Hilfe zu unbekanntem Fall', affected: 1, records: 6 },
      // No payment dated 2026 but E3 and E4 (January), both linked now.
      { row: 'Kosten', rule: 'Zahlung ohne passendes Aktenzeichen', affected: 0, records: 2 },
      // In work in 2026: TP1 (closed 05.02.) and TP2, open since 01.11.2025; TP3 ended in 2025.
      { row: 'Personalbedarf', rule: 'Teilprozess länger offen als vorgesehen', affected: 1, records: 2 },
      // H2 ended in 2026, both gaps filled in February.
      { row: 'Rückführungsquote', rule: 'Hilfe beendet ohne Beendigungsgrund', affected: 0, records: 1 },
      { row: 'Rückführungsquote', rule: 'Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende', affected: 0, records: 1 },
      // The year's payments, as for the costs.
      { row: 'Sozialraumbudgets', rule: 'Zahlung ohne passendes Aktenzeichen', affected: 0, records: 2 },
      // All six aids run in 2026: H3 corrected, H4's case unknown.
      { row: 'Summe der Hilfen', rule: 'Hilfeart nicht im Hilfeartenkatalog', affected: 0, records: 6 },
      { row: 'Summe der Hilfen', rule: 'Hilfe zu unbekanntem Fall', affected: 1, records: 6 },
      { row: 'Teilprozesse', rule: 'Teilprozess länger offen als vorgesehen', affected: 1, records: 2 },
    ]);
  });

  it('refuses a sheet without a team, months the wrong way round and an unknown team, naming the field', async () => {
    const refusal = async (query: string) => {
      const response = await api.get(`/api/v1/quality?${query}`, api.tokens.admin);
      expect(response.status).toBe(400);
      return JSON.stringify(await bodyOf(response));
    };
    expect(await refusal(`${WINTER}&format=csv`)).toContain('team');
    expect(await refusal('from=2026-02&to=2025-12')).toContain('from');
    expect(await refusal('from=2026-13')).toContain('from');
    // After the newest export's month, which `to` defaults to.
    expect(await refusal('from=2026-05')).toContain('2026-05 lies after to (2026-02)');
    expect(await refusal(`${WINTER}&team=Team%20X`)).toContain('unknown team');
  });
});
