import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { saveCatalogue } from '../catalogues/catalogue-store.js';
import { MARCH_5, NIGHT_0, NIGHT_1, NIGHT_2, socialAreaOffice } from '../testing/social-area-office.js';
import { completeMonthsOf, socialAreaBudgets, type SocialAreaBudgets } from './social-area-budgets.js';

const T = DEFAULT_TENANT_ID;
const BUDGETS = { years: { '2024': { 'SR 01 Altstadt': 1 }, '2025': { 'SR 01 Altstadt': 10_000, 'SR 02 Neustadt': 2_000.5, 'SR 03 Süd': 500 } } };

/** Per area: budget, spent, utilisation, complete months, forecast, deviation (cents). */
const table = (answer: SocialAreaBudgets) =>
  Object.fromEntries([
    ...answer.areas.map((a) => [a.socialArea ?? 'ohne Sozialraum', [a.budgetCents, a.spentCents, a.utilisation, a.completeMonths, a.forecastCents, a.forecastDeviationCents]]),
    ['office', [answer.office.budgetCents, answer.office.spentCents, answer.office.utilisation, answer.office.completeMonths, answer.office.forecastCents, answer.office.forecastDeviationCents]],
  ]);

describe.each(TEST_BACKENDS)('social-area budgets, KPI 10 (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await socialAreaOffice(backend);
    await saveCatalogue(database.db, T, 'budgets', BUDGETS);
  });
  afterAll(async () => database.close());

  it('has no forecast before the first complete month: an export at 23:30 on 31.01. (Berlin) does not complete January', async () => {
    const answer = await socialAreaBudgets(database.db, { tenantId: T, year: 2025, asOf: NIGHT_0 });
    expect(answer.chronicleObservedAt).toBe(NIGHT_0.toISOString());
    // SR 01: E1 1,000 − E2 100 = 900 of 10,000 €; E9 of R2 is of 2024. Office: 900 of 12,500.50 € = 7.1997… %.
    expect(table(answer)).toEqual({
      'SR 01 Altstadt': [1_000_000, 90_000, 9, 0, null, null],
      'SR 02 Neustadt': [200_050, 0, 0, 0, null, null],
      'SR 03 Süd': [50_000, 0, 0, 0, null, null],
      'ohne Sozialraum': [null, 0, null, 0, null, null],
      office: [1_250_050, 90_000, 7.2, 0, null, null],
    });
  });

  it('forecasts from one complete month once an export of 01.02. is applied, and a WebFM or rejected 14plus export completes none', async () => {
    const expected = {
      // January × 12: SR 01 900 € → 10,800 €; SR 02 E4 500 € → 6,000 € (500 of 2,000.50 € = 24.99… %).
      'SR 01 Altstadt': [1_000_000, 90_000, 9, 1, 1_080_000, 80_000],
      'SR 02 Neustadt': [200_050, 50_000, 25, 1, 600_000, 399_950],
      'SR 03 Süd': [50_000, 0, 0, 1, 0, -50_000],
      'ohne Sozialraum': [null, 0, null, 1, 0, null],
      // 1,400 of 12,500.50 € = 11.199… %; 16,800 − 12,500.50 €.
      office: [1_250_050, 140_000, 11.2, 1, 1_680_000, 429_950],
    };
    expect(table(await socialAreaBudgets(database.db, { tenantId: T, year: 2025, asOf: NIGHT_1 }))).toEqual(expected);
    expect(table(await socialAreaBudgets(database.db, { tenantId: T, year: 2025, asOf: new Date(MARCH_5.getTime() + 3_600_000) }))).toEqual(expected);
  });

  it("follows the case's social area as known: after NIGHT_2 C1's entries count in SR 02, the unlinked E7 under ohne Sozialraum", async () => {
    const answer = await socialAreaBudgets(database.db, { tenantId: T, year: 2025, asOf: NIGHT_2 });
    // Exported 15.07.: January to June complete. SR 02: E1 1,000 − E2 100 + E3 600 + E4 500 + E5 300 = 2,300 € (114.97… %), × 2 = 4,600 €.
    expect(table(answer)).toEqual({
      'SR 01 Altstadt': [1_000_000, 0, 0, 6, 0, -1_000_000],
      'SR 02 Neustadt': [200_050, 230_000, 115, 6, 460_000, 259_950],
      'SR 03 Süd': [50_000, 0, 0, 6, 0, -50_000],
      'ohne Sozialraum': [null, 15_000, null, 6, 30_000, null],
      // 2,450 of 12,500.50 € = 19.599… %; 4,900 − 12,500.50 €.
      office: [1_250_050, 245_000, 19.6, 6, 490_000, -760_050],
    });
  });

  it('ends the period within a month on its day: spent to 15.06., the forecast from the months completed by then', async () => {
    const answer = await socialAreaBudgets(database.db, { tenantId: T, year: 2025, to: '2025-06-15', asOf: NIGHT_2 });
    expect(answer.to).toBe('2025-06-15');
    // Without E5 of 30.06.; January to May complete: SR 02 2,000 € ÷ 5 × 12 = 4,800 €, ohne Sozialraum 150 € → 360 €.
    expect(table(answer)['SR 02 Neustadt']).toEqual([200_050, 200_000, 100, 5, 480_000, 279_950]);
    expect(table(answer)['ohne Sozialraum']).toEqual([null, 15_000, null, 5, 36_000, null]);
    expect(table(answer)['office']).toEqual([1_250_050, 215_000, 17.2, 5, 516_000, -734_050]);
  });

  it('ends the period on a day the newest export has not passed: nothing known lies after it', async () => {
    // As of NIGHT_1 (exported 01.02.) nothing known is dated after 01.02.: to 10.02. is all of it, January complete.
    const answer = await socialAreaBudgets(database.db, { tenantId: T, year: 2025, to: '2025-02-10', asOf: NIGHT_1 });
    expect(table(answer)['office']).toEqual([1_250_050, 140_000, 11.2, 1, 1_680_000, 429_950]);
    // As of NIGHT_2 (exported 15.07.) to 10.02. leaves out C1's E3 of 10.03., and SR 02 spends E1, E2 and E4 (moved with C1); E7 of 10.02. counts.
    const later = await socialAreaBudgets(database.db, { tenantId: T, year: 2025, to: '2025-02-10', asOf: NIGHT_2 });
    expect(table(later)['SR 02 Neustadt']).toEqual([200_050, 140_000, 70, 1, 1_680_000, 1_479_950]);
    expect(table(later)['ohne Sozialraum']).toEqual([null, 15_000, null, 1, 0, null]);
  });

  it('forecasts the spending itself once December is complete', async () => {
    const answer = await socialAreaBudgets(database.db, { tenantId: T, year: 2025 });
    // SR 02: 2,300 + E6 200 = 2,500 € (124.96… %); ohne Sozialraum: E7 150 − E8 50 = 100 €.
    expect(table(answer)).toEqual({
      'SR 01 Altstadt': [1_000_000, 0, 0, 12, 0, -1_000_000],
      'SR 02 Neustadt': [200_050, 250_000, 125, 12, 250_000, 49_950],
      'SR 03 Süd': [50_000, 0, 0, 12, 0, -50_000],
      'ohne Sozialraum': [null, 10_000, null, 12, 10_000, null],
      office: [1_250_050, 260_000, 20.8, 12, 260_000, -990_050],
    });
    // 2024: the budget of SR 01 and E9 of R2 (999 €, SR 02 without a budget); 2024's December completed by NIGHT_0.
    expect(table(await socialAreaBudgets(database.db, { tenantId: T, year: 2024 }))).toEqual({
      'SR 01 Altstadt': [100, 0, 0, 12, 0, -100],
      'SR 02 Neustadt': [null, 99_900, null, 12, 99_900, null],
      'ohne Sozialraum': [null, 0, null, 12, 0, null],
      office: [100, 99_900, 99_900, 12, 99_900, 99_800],
    });
  });

  it("reads the budgets from the catalogue's current version: an edit changes earlier knowledge times' answers at once", async () => {
    const before = await socialAreaBudgets(database.db, { tenantId: T, year: 2025, asOf: NIGHT_1 });
    await saveCatalogue(database.db, T, 'budgets', { years: { '2025': { ...BUDGETS.years['2025'], 'SR 01 Altstadt': 12_000 } } });
    try {
      const after = await socialAreaBudgets(database.db, { tenantId: T, year: 2025, asOf: NIGHT_1 });
      expect(table(before)['SR 01 Altstadt']).toEqual([1_000_000, 90_000, 9, 1, 1_080_000, 80_000]);
      // 900 of 12,000 € = 7.5 %; 10,800 − 12,000 €.
      expect(table(after)['SR 01 Altstadt']).toEqual([1_200_000, 90_000, 7.5, 1, 1_080_000, -120_000]);
      expect(table(after)['office']).toEqual([1_450_050, 140_000, 9.7, 1, 1_680_000, 229_950]);
    } finally {
      await saveCatalogue(database.db, T, 'budgets', BUDGETS);
    }
  });

  it('counts a month complete from the day (Europe/Berlin) after its last day, within the period', () => {
    expect(completeMonthsOf(2025, '2025-12-31', null)).toBe(0);
    expect(completeMonthsOf(2025, '2025-12-31', new Date('2025-03-31T21:59:59Z'))).toBe(2); // 23:59:59 on 31.03. (summer time)
    expect(completeMonthsOf(2025, '2025-12-31', new Date('2025-03-31T22:00:00Z'))).toBe(3); // 00:00 on 01.04.
    expect(completeMonthsOf(2025, '2025-04-30', new Date('2025-09-01T00:00:00Z'))).toBe(4);
    expect(completeMonthsOf(2025, '2025-12-31', new Date('2024-12-31T12:00:00Z'))).toBe(0);
  });
});
