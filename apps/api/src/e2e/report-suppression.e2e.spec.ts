import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayOf, writeExportSet } from '@jugendamt/generator';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';
import { writeHandMadeOffice } from '../testing/hand-made-office.js';
import { attackReport, type PublicKnowledge, type ReportJson } from '../testing/suppression-attacker.js';

async function generatedOffice(scale: number, seed: number): Promise<string[][]> {
  const out = mkdtempSync(join(tmpdir(), 'suppression-office-'));
  await writeExportSet({ out, scale, seed, start: dayOf('2024-01-01'), initialLoad: dayOf('2026-01-01'), nights: 0, troubles: new Set() });
  return [
    readdirSync(out)
      .filter((name) => name.endsWith('.csv'))
      .map((name) => join(out, name)),
  ];
}

function handMadeOffice(): string[][] {
  const { night1, night2 } = writeHandMadeOffice(mkdtempSync(join(tmpdir(), 'suppression-office-')));
  return [night1, night2];
}

/** The report as published before secondary suppression went beyond a row: counts of 1 and 2 hidden, the totals kept. */
function primaryOnly(truth: ReportJson): ReportJson {
  return {
    tables: truth.tables.map((table) => ({
      ...table,
      rows: table.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, isCountBesideTotal(table, key) && (value === 1 || value === 2) ? '.' : value]))),
    })),
  };
}

function isCountBesideTotal(table: ReportJson['tables'][number], key: string): boolean {
  const column = table.columns.find((c) => c.key === key);
  return column?.kind === 'count' && !column.total;
}

const small = (value: number) => value === 1 || value === 2;

describe.each([
  ['the hand-made office', handMadeOffice],
  ['a generated district office', () => generatedOffice(0.1, 7)],
  ['a smaller generated office', () => generatedOffice(0.05, 23)],
])('small-number suppression of %s against an attacker who recomputes secret cells', (_office, nights) => {
  let api: ApiUnderTest;
  let truth: ReportJson;
  let knowledge: PublicKnowledge;
  beforeAll(async () => {
    api = await startApiOn(await nights());
    truth = await bodyOf(await api.get('/api/v1/reports/annual/2025', api.tokens.controlling));
    // The minutes per sub-process code are the office's published planning basis, no secret.
    knowledge = { minutesPerCode: (await bodyOf(await api.get('/api/v1/admin/catalogues/process-times', api.tokens.admin))).content.minutes };
  }, 120_000);
  afterAll(() => api?.close());

  it('gives no secret cell and no small sum away in the public report', async () => {
    const published: ReportJson = await bodyOf(await api.get('/api/v1/reports/annual/2025?public=true', api.tokens.planning));
    const attack = attackReport(published, truth, knowledge);
    expect(attack.disclosures).toEqual([]);
    expect(attack.impliedSums.filter(({ value }) => small(value))).toEqual([]);
    // Some counts are secret, and the attack had sums to work with.
    expect(published.tables.flatMap((t) => t.rows.flatMap((row) => Object.values(row))).filter((v) => v === '.').length).toBeGreaterThan(0);
    expect(attack.relationsUsed).toBeGreaterThan(20);
  });

  it("gives no secret cell of a team table away to planners, who read the office's tables in full", async () => {
    const published: ReportJson = await bodyOf(await api.get('/api/v1/reports/annual/2025', api.tokens.planning));
    expect(published.tables.filter((t) => t.level === 'office')).toEqual(truth.tables.filter((t) => t.level === 'office'));
    expect(attackReport(published, truth, knowledge).disclosures).toEqual([]);
  });

  it('publishes no rate of endings whose count of planned or broken-off endings, or whose base, is 1 or 2', async () => {
    const published: ReportJson = await bodyOf(await api.get('/api/v1/reports/annual/2025?public=true', api.tokens.planning));
    const { rows } = await bodyOf(await api.get('/api/v1/kpis/endings?period=2025&by=paragraph', api.tokens.controlling));
    const counts = new Map(rows.map((r: { group: { paragraph: string | null }; base: number; planned: number; breakdown: number }) => [r.group.paragraph ?? 'ohne Angabe', r]));
    const telling: string[] = [];
    for (const row of published.tables.find((t) => t.id === 'beendigungen')!.rows) {
      const behind = counts.get(String(row['row'])) as { base: number; planned: number; breakdown: number };
      if (typeof row['plannedEndingRate'] === 'number' && (small(behind.planned) || small(behind.base))) telling.push(`${row['row']} planned`);
      if (typeof row['breakdownRate'] === 'number' && (small(behind.breakdown) || small(behind.base))) telling.push(`${row['row']} breakdown`);
    }
    expect(telling).toEqual([]);
  });

  it('is needed: the same attacker recomputes cells of a report with only the small counts hidden, rightly', () => {
    const attack = attackReport(primaryOnly(truth), truth, knowledge);
    expect(attack.disclosures.length).toBeGreaterThan(0);
    for (const disclosure of attack.disclosures) expect(disclosure.value).toBe(disclosure.truth);
  });
});
