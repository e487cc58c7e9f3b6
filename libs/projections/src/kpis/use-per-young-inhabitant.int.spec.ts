import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { populationRecordId, type AidRecord, type CaseRecord, type ChronicleEntryRecord, type PopulationRecord } from '@jugendamt/domain';
import { aidHistory } from '../facts/aid-history.js';
import { chronicleHistory } from '../facts/chronicle-history.js';
import { populationHistory } from '../facts/population-history.js';
import { projectedHistory } from '../testing/projected-history.js';
import { usePerYoungInhabitant, type UsePerYoungInhabitantRow } from './use-per-young-inhabitant.js';
import { youngPopulation } from './young-population.js';

const T = DEFAULT_TENANT_ID;
const POPULATION_2024 = new Date('2025-01-20T08:00:00Z');
const CASE_WORK = new Date('2026-01-05T01:15:00Z');
const BEFORE_POPULATION_2025 = new Date('2026-01-10T12:00:00Z');
const POPULATION_2025 = new Date('2026-01-15T08:00:00Z');

const kase = (id: string, socialArea: string): CaseRecord => ({
  caseId: id,
  fileReference: `51.1-2024/${id}`,
  birthYear: 2012,
  gender: 'w',
  socialArea,
  team: 'ASD Team Nord',
  caseWorkerId: null,
  caseBegin: '2023-01-01',
  caseEnd: null,
  changedAt: '2023-01-01T09:00:00',
});
const aid = (id: string, caseId: string, paragraph: string, aidType: string, begin: string, end: string | null = null): AidRecord => ({
  aidId: id,
  caseId,
  aidType,
  paragraph,
  begin,
  end,
  reasonOfEnding: end ? 'Beendigung gemäß Hilfeplan' : null,
  residenceAfter: null,
  team: 'ASD Team Nord',
  caseWorkerId: null,
  changedAt: `${begin}T09:00:00`,
});
const entry = (entryNo: number, fileReference: string, entryType: string, amountCents: number): ChronicleEntryRecord => ({
  entryNo,
  fileReference,
  date: '2025-05-15',
  recordedAt: '2025-05-15T10:00:00',
  unit: 'WJH Hilfen',
  clerkId: 'ma1',
  entryType,
  aidType: 'Heimerziehung § 34',
  amountCents,
  periodFrom: null,
  periodTo: null,
  cancelling: false,
  cancelledEntryNo: null,
});
const band = (stichtag: string, socialArea: string, ageFrom: number, ageTo: number, residents: number): PopulationRecord => ({ stichtag, socialArea, ageFrom, ageTo, residents });

/**
 * The office of the hand counts below.
 * Population, Stichtag 31.12.2024 (observed Jan 2025): SR 01 0–5 3,000, 6–17 5,000, 18–20 2,000,
 * 21–26 4,000 (over 20: not counted), so 10,000 under 21; SR 02 0–20 5,000.
 * Stichtag 31.12.2025 (observed 15.01.2026): SR 01 0–5 3,000, 6–17 4,000, 18–20 1,000 = 8,000; SR 03
 * 0–17 1,000 and 18–24 700 (a band across 21: no population); SR 02 none (falls back to 2024).
 * Aids in 2025: A1 § 34 (C1, SR 01) running on 31.12.; A2 § 31 (C1) ended 30.06.; A3 § 33 (C2, SR 02)
 * ending on 31.12. (stock and ended, counted once); A4 § 30 (C3, SR 03) running; A5 § 34 (C4, SR 01)
 * ended in 2024 (not counted).
 * 14plus 2025: ZAHLUNG 10,000 € and KOSTENBEITRAG −1,000 € on C1's Aktenzeichen, ZAHLUNG 3,000 € on
 * an Aktenzeichen no case carries: net 12,000 € for the office.
 */
async function office(backend: (typeof TEST_BACKENDS)[number]): Promise<TestDatabase> {
  return projectedHistory(
    backend,
    async (append) => {
      for (const b of [
        band('2024-12-31', 'SR 01 Altstadt', 0, 5, 3000),
        band('2024-12-31', 'SR 01 Altstadt', 6, 17, 5000),
        band('2024-12-31', 'SR 01 Altstadt', 18, 20, 2000),
        band('2024-12-31', 'SR 01 Altstadt', 21, 26, 4000),
        band('2024-12-31', 'SR 02 Hafen', 0, 20, 5000),
      ]) {
        await append(POPULATION_2024, 'PopulationCounted', `population-${populationRecordId(b)}`, { state: b });
      }
      for (const [id, area] of [
        ['C1', 'SR 01 Altstadt'],
        ['C2', 'SR 02 Hafen'],
        ['C3', 'SR 03 Nord'],
        ['C4', 'SR 01 Altstadt'],
      ] as const) {
        await append(CASE_WORK, 'CaseOpened', `case-${id}`, { state: kase(id, area) });
      }
      const aids = [
        aid('A1', 'C1', '§ 34 SGB VIII', 'Heimerziehung § 34', '2024-05-01'),
        aid('A2', 'C1', '§ 31 SGB VIII', 'SPFH', '2025-02-01', '2025-06-30'),
        aid('A3', 'C2', '§ 33 SGB VIII', 'Vollzeitpflege § 33', '2023-01-01', '2025-12-31'),
        aid('A4', 'C3', '§ 30 SGB VIII', 'Erziehungsbeistand', '2025-03-01'),
        aid('A5', 'C4', '§ 34 SGB VIII', 'Heimerziehung § 34', '2024-01-01', '2024-12-31'),
      ];
      for (const a of aids) await append(CASE_WORK, a.end ? 'AidEnded' : 'AidStarted', `aid-${a.aidId}`, { state: a });
      for (const e of [entry(1, '51.1-2024/C1', 'ZAHLUNG', 1_000_000), entry(2, '51.1-2024/C1', 'KOSTENBEITRAG', -100_000), entry(3, '51.1-2024/X9', 'ZAHLUNG', 300_000)]) {
        await append(CASE_WORK, 'ChronicleEntryRecorded', `chronicle-entry-${e.entryNo}`, { state: e });
      }
      for (const b of [
        band('2025-12-31', 'SR 01 Altstadt', 0, 5, 3000),
        band('2025-12-31', 'SR 01 Altstadt', 6, 17, 4000),
        band('2025-12-31', 'SR 01 Altstadt', 18, 20, 1000),
        band('2025-12-31', 'SR 03 Nord', 0, 17, 1000),
        band('2025-12-31', 'SR 03 Nord', 18, 24, 700),
      ]) {
        await append(POPULATION_2025, 'PopulationCounted', `population-${populationRecordId(b)}`, { state: b });
      }
    },
    [aidHistory, chronicleHistory, populationHistory],
  );
}

const byGroup = (rows: readonly UsePerYoungInhabitantRow[]) =>
  Object.fromEntries(
    rows.map((r) => [
      Object.values(r.group)
        .map((v) => v ?? 'none')
        .join(' / ') || 'office',
      r,
    ]),
  );

describe.each(TEST_BACKENDS)('use per young inhabitant, docs/kpis.md 9 (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await office(backend);
  });
  afterAll(async () => database.close());

  it('takes the population under 21 from the Stichtag 31.12. of the year, else the latest before it, per social area', async () => {
    const populations = await youngPopulation(database.db, { tenantId: T, year: 2025 });
    expect(populations).toEqual([
      { socialArea: 'SR 01 Altstadt', stichtag: '2025-12-31', young: 8000, uncoveredAges: [] },
      { socialArea: 'SR 02 Hafen', stichtag: '2024-12-31', young: 5000, uncoveredAges: [] },
      { socialArea: 'SR 03 Nord', stichtag: '2025-12-31', young: null, uncoveredAges: [] },
    ]);
    expect(await youngPopulation(database.db, { tenantId: T, year: 2023 })).toEqual([]);
  });

  it("relates the office's Fallzahl, stock and net costs to the sum over its social areas, naming what it left out", async () => {
    const [officeRow] = await usePerYoungInhabitant(database.db, { tenantId: T, year: 2025, by: [] });
    expect(officeRow).toEqual({
      group: {},
      cases: 4,
      stock: 3,
      population: { young: 13000, stichtage: ['2024-12-31', '2025-12-31'], gap: null, areasWithout: ['SR 03 Nord'] },
      casesPer10000: 3.1, // 40,000 / 13,000 = 3.077
      stockPer10000: 2.3, // 30,000 / 13,000 = 2.308
      netCents: 1_200_000,
      netPerYoungInhabitant: 0.92, // 12,000 € / 13,000
    });
  });

  it('serves each social area with its own Stichtag, and no rate where the population cannot carry one', async () => {
    const rows = byGroup(await usePerYoungInhabitant(database.db, { tenantId: T, year: 2025, by: ['socialArea'] }));
    // 10,000 € − 1,000 € on C1's Aktenzeichen over 8,000: 1.125 € rounds half up.
    expect(rows['SR 01 Altstadt']).toMatchObject({
      cases: 2,
      stock: 1,
      population: { young: 8000, stichtage: ['2025-12-31'], gap: null },
      casesPer10000: 2.5,
      stockPer10000: 1.3,
      netCents: 900_000,
      netPerYoungInhabitant: 1.13,
    });
    expect(rows['SR 02 Hafen']).toMatchObject({ netCents: 0, netPerYoungInhabitant: 0 });
    // The entry on an Aktenzeichen no case carries: costs without a social area, so no population.
    expect(rows['none']).toMatchObject({ group: { socialArea: null }, cases: 0, netCents: 300_000, population: { gap: 'no-social-area' }, netPerYoungInhabitant: null });
    expect(rows['SR 02 Hafen']).toMatchObject({ cases: 1, stock: 1, population: { young: 5000, stichtage: ['2024-12-31'] }, casesPer10000: 2, stockPer10000: 2 });
    expect(rows['SR 03 Nord']).toMatchObject({ cases: 1, stock: 1, population: { young: null, gap: 'band-crosses-21' }, casesPer10000: null, stockPer10000: null, netPerYoungInhabitant: null });
  });

  it('breaks down by setting or by paragraph within the office or a social area, not by their cross', async () => {
    const bySetting = byGroup(await usePerYoungInhabitant(database.db, { tenantId: T, year: 2025, by: ['socialArea', 'setting'] }));
    expect(bySetting['SR 01 Altstadt / stationär']).toMatchObject({ cases: 1, stock: 1, casesPer10000: 1.3, netCents: null });
    expect(bySetting['SR 01 Altstadt / ambulant']).toMatchObject({ cases: 1, stock: 0, casesPer10000: 1.3, stockPer10000: 0 });
    const byParagraph = byGroup(await usePerYoungInhabitant(database.db, { tenantId: T, year: 2025, by: ['paragraph'] }));
    expect(Object.keys(byParagraph).sort()).toEqual(['§ 30', '§ 31', '§ 33', '§ 34']);
    expect(byParagraph['§ 34']).toMatchObject({ cases: 1, casesPer10000: 0.8, population: { young: 13000 } });
    await expect(usePerYoungInhabitant(database.db, { tenantId: T, year: 2025, by: ['setting', 'paragraph'] })).rejects.toThrow(/two breakdowns/);
  });

  it('answers as known before the population of the year arrived: the Stichtag before, and a social area with none', async () => {
    const rows = byGroup(await usePerYoungInhabitant(database.db, { tenantId: T, year: 2025, by: ['socialArea'], asOf: BEFORE_POPULATION_2025 }));
    expect(rows['SR 01 Altstadt']).toMatchObject({ population: { young: 10000, stichtage: ['2024-12-31'] }, casesPer10000: 2, stockPer10000: 1 });
    expect(rows['SR 03 Nord']).toMatchObject({ population: { young: null, stichtage: [], gap: 'no-population' }, casesPer10000: null });
    const [officeRow] = await usePerYoungInhabitant(database.db, { tenantId: T, year: 2025, by: [], asOf: BEFORE_POPULATION_2025 });
    expect(officeRow).toMatchObject({ population: { young: 15000, stichtage: ['2024-12-31'], areasWithout: ['SR 03 Nord'] }, casesPer10000: 2.7, netPerYoungInhabitant: 0.8 });
  });
});
