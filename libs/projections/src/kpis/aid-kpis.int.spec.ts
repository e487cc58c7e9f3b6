import { sql } from 'kysely';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { settingShares, type AidRecord, type CaseRecord } from '@jugendamt/domain';
import { saveCatalogue } from '../catalogues/catalogue-store.js';
import { DEFAULT_CATALOGUES } from '../catalogues/default-catalogues.js';
import { aidHistory } from '../facts/aid-history.js';
import { rebuild } from '../runtime/rebuild.js';
import { projectedHistory, type AppendEvent } from '../testing/projected-history.js';
import { aidCounts, casesOfYear } from './aid-counts.js';
import { returnRate } from './return-rate.js';

const T = DEFAULT_TENANT_ID;
const NIGHT_1 = new Date('2024-03-01T01:15:00Z');
const NIGHT_2 = new Date('2024-07-01T01:15:00Z');
const NIGHT_3 = new Date('2025-01-10T01:15:00Z');
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
const PARENTS = 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten';
const PLANNED = 'Beendigung gemäß Hilfeplan';
const TRANSFER = 'Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel';

interface AidFields {
  readonly id: string;
  readonly caseId: string;
  readonly aidType: string;
  readonly paragraph: string;
  readonly begin: string;
  readonly end?: string;
  readonly reason?: string;
  readonly residence?: string;
  readonly team?: string;
}

function aid({ id, caseId, aidType, paragraph, begin, end, reason, residence, team = 'ASD Team Nord' }: AidFields): AidRecord {
  return {
    aidId: id,
    caseId,
    aidType,
    paragraph,
    begin,
    end: end ?? null,
    reasonOfEnding: reason ?? null,
    residenceAfter: residence ?? null,
    team,
    caseWorkerId: null,
    changedAt: `${begin}T09:00:00`,
  };
}

function kase(id: string, socialArea: string): CaseRecord {
  return {
    caseId: id,
    fileReference: `ref-${id}`,
    birthYear: 2010,
    gender: 'w',
    socialArea,
    team: 'ASD Team Nord',
    caseWorkerId: null,
    caseBegin: '2020-01-01',
    caseEnd: null,
    changedAt: '2020-01-01T09:00:00',
  };
}

/**
 * A hand-made history. The aids, and what each one tests:
 * A1 § 34, ended 01.01.2024 (the period's first day) with a return home
 * A2 § 33, begun 31.12.2024 (the period's last day), first seen in night 3
 * A3 SPFH § 31, ended 31.12.2023 (the day before the period): never counts in 2024
 * A4 § 35a "stationär" (setting from the text), ended with Zuständigkeitswechsel in night 3
 * A5 § 41 i.V.m. § 34 (stationary through the referenced paragraph), ended in night 3, own flat, team Süd
 * A6 § 34 deleted in night 2: counts as known before, not after
 * A7 § 34 ended in night 2 (home), reopened in night 3
 * A8 § 28 Erziehungsberatung, from night 2: counted, but outside the base of shares
 * A9 § 42 Inobhutnahme: not HzE, never counted
 */
async function givenTheHistory(append: AppendEvent): Promise<void> {
  const started = (at: Date, a: AidRecord) => append(at, 'AidStarted', `aid-${a.aidId}`, { state: a, changed: [] });

  await append(NIGHT_1, 'CaseOpened', 'case-C1', { state: kase('C1', 'SR 01 Altstadt'), changed: [] });
  await append(NIGHT_1, 'CaseOpened', 'case-C2', { state: kase('C2', 'SR 02 Hafen'), changed: [] });
  await started(NIGHT_1, aid({ id: 'A1', caseId: 'C1', aidType: 'Heimerziehung § 34', paragraph: '§ 34 SGB VIII', begin: '2023-06-01', end: '2024-01-01', reason: PLANNED, residence: PARENTS }));
  await started(NIGHT_1, aid({ id: 'A3', caseId: 'C1', aidType: 'SPFH', paragraph: '§ 31 SGB VIII', begin: '2022-01-01', end: '2023-12-31', reason: PLANNED, residence: PARENTS }));
  await started(NIGHT_1, aid({ id: 'A4', caseId: 'C1', aidType: 'Eingliederungshilfe § 35a stationär', paragraph: '§ 35a SGB VIII', begin: '2024-02-01' }));
  await started(NIGHT_1, aid({ id: 'A5', caseId: 'C2', aidType: 'Hilfe für junge Volljährige', paragraph: '§ 41 i.V.m. § 34 SGB VIII', begin: '2024-03-01', team: 'ASD Team Süd' }));
  await started(NIGHT_1, aid({ id: 'A6', caseId: 'C2', aidType: 'Heimerziehung § 34', paragraph: '§ 34 SGB VIII', begin: '2024-01-15' }));
  await started(NIGHT_1, aid({ id: 'A7', caseId: 'C2', aidType: 'Heimerziehung § 34', paragraph: '§ 34 SGB VIII', begin: '2023-01-01' }));
  await started(NIGHT_1, aid({ id: 'A9', caseId: 'C2', aidType: 'Inobhutnahme', paragraph: '§ 42 SGB VIII', begin: '2024-01-20' }));

  await append(NIGHT_2, 'AidDeleted', 'aid-A6', { id: 'A6' });
  await append(NIGHT_2, 'AidEnded', 'aid-A7', {
    state: aid({ id: 'A7', caseId: 'C2', aidType: 'Heimerziehung § 34', paragraph: '§ 34 SGB VIII', begin: '2023-01-01', end: '2024-05-31', reason: PLANNED, residence: PARENTS }),
    changed: ['end'],
  });
  await started(NIGHT_2, aid({ id: 'A8', caseId: 'C2', aidType: 'Erziehungsberatung', paragraph: '§ 28 SGB VIII', begin: '2024-04-01' }));

  await append(NIGHT_3, 'AidEnded', 'aid-A4', {
    state: aid({
      id: 'A4',
      caseId: 'C1',
      aidType: 'Eingliederungshilfe § 35a stationär',
      paragraph: '§ 35a SGB VIII',
      begin: '2024-02-01',
      end: '2024-09-30',
      reason: TRANSFER,
      residence: 'in einem Heim/einer betreuten Wohnform',
    }),
    changed: ['end'],
  });
  await append(NIGHT_3, 'AidEnded', 'aid-A5', {
    state: aid({
      id: 'A5',
      caseId: 'C2',
      aidType: 'Hilfe für junge Volljährige',
      paragraph: '§ 41 i.V.m. § 34 SGB VIII',
      begin: '2024-03-01',
      end: '2024-08-31',
      reason: PLANNED,
      residence: 'in eigener Wohnung',
      team: 'ASD Team Süd',
    }),
    changed: ['end'],
  });
  await started(NIGHT_3, aid({ id: 'A2', caseId: 'C1', aidType: 'Vollzeitpflege § 33', paragraph: '§ 33 SGB VIII', begin: '2024-12-31' }));
  await append(NIGHT_3, 'AidReopened', 'aid-A7', { state: aid({ id: 'A7', caseId: 'C2', aidType: 'Heimerziehung § 34', paragraph: '§ 34 SGB VIII', begin: '2023-01-01' }), changed: ['end'] });
}

const bySetting = (rows: Awaited<ReturnType<typeof aidCounts>>) => Object.fromEntries(rows.map((r) => [r.group.setting ?? '-', { running: r.running, begun: r.begun, ended: r.ended }]));

describe.each(TEST_BACKENDS)('KPIs on aids (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await projectedHistory(backend, givenTheHistory, [aidHistory]);
  });
  afterAll(async () => database.close());

  it('counts HzE aids running, begun and ended in a year by setting, with inclusive edges', async () => {
    // Running in 2024: A1 (ends on 01.01.), A2 (begins on 31.12.), A4, A5, A7 (reopened), A8; not A3, A6, A9.
    expect(bySetting(await aidCounts(database.db, { tenantId: T, ...YEAR_2024, by: ['setting'] }))).toEqual({
      stationär: { running: 5, begun: 3, ended: 3 }, // A1 A2 A4 A5 A7; begun A2 A4 A5; ended A1 A4 A5
      ambulant: { running: 1, begun: 1, ended: 0 }, // A8
    });
  });

  it('counts the cases of a year as stock on 31.12. plus the aids ended in it', async () => {
    // Stock on 31.12.2024: A2, A7, A8; ended in 2024: A1, A4, A5.
    expect(await casesOfYear(database.db, { tenantId: T, year: 2024, by: [] })).toEqual([{ group: {}, stock: 3, ended: 3, cases: 6 }]);
  });

  it('counts the stock on a reference date by social area of the case', async () => {
    const rows = await aidCounts(database.db, { tenantId: T, from: '2024-06-15', to: '2024-06-15', by: ['socialArea'] });
    // On 15.06.2024: A4 (case C1); A5, A7, A8 (case C2).
    expect(Object.fromEntries(rows.map((r) => [r.group.socialArea, r.running]))).toEqual({ 'SR 01 Altstadt': 1, 'SR 02 Hafen': 3 });
  });

  it('answers as known at an earlier time: a deleted aid before its deletion, an ended aid before it reopened', async () => {
    const asOfSpring = await aidCounts(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-04-01T00:00:00Z'), by: ['setting'] });
    // Known by night 1: A1, A4, A5, A6 (not yet deleted), A7 running; A8 and A2 not yet observed.
    expect(bySetting(asOfSpring)).toEqual({ stationär: { running: 5, begun: 3, ended: 1 } });

    const asOfSummer = await aidCounts(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-08-01T00:00:00Z'), by: ['setting'] });
    // Night 2: A6 deleted, A7 ended on 31.05., A8 begun.
    expect(bySetting(asOfSummer)).toEqual({ stationär: { running: 4, begun: 2, ended: 2 }, ambulant: { running: 1, begun: 1, ended: 0 } });
  });

  it('computes the shares of settings without § 28 unless asked', async () => {
    const rows = await aidCounts(database.db, { tenantId: T, ...YEAR_2024, by: ['setting', 'paragraph'] });
    const counts = rows.map((r) => ({ setting: r.group.setting ?? null, paragraph: r.group.paragraph ?? null, count: r.running }));
    // Base without § 28: 5 stationary (one § 33), no ambulant.
    expect(settingShares(counts)).toEqual({ ambulant: 0, teilstationär: 0, stationär: 5, shareStationary: 100, ambulantPerStationary: 0, fosterShare: 20 });
    // With § 28: 5 of 6 = 83.3 %; 1 ambulant per 5 stationary.
    expect(settingShares(counts, true)).toMatchObject({ ambulant: 1, shareStationary: 83.3, ambulantPerStationary: 0.2 });
  });

  it('reports § 41 aids under § 41 and § 35a by their text', async () => {
    const rows = await aidCounts(database.db, { tenantId: T, ...YEAR_2024, by: ['paragraph', 'setting'] });
    const byParagraph = Object.fromEntries(rows.map((r) => [`${r.group.paragraph} ${r.group.setting}`, r.running]));
    expect(byParagraph).toEqual({ '§ 28 ambulant': 1, '§ 33 stationär': 1, '§ 34 stationär': 2, '§ 35a stationär': 1, '§ 41 stationär': 1 });
  });

  it('computes the return rate without transfers of responsibility, with the places young people went to', async () => {
    // Stationary HzE ended in 2024: A1 (home), A4 (Zuständigkeitswechsel: left out), A5 (own flat).
    expect(await returnRate(database.db, { tenantId: T, ...YEAR_2024, by: [] })).toEqual([
      { group: {}, denominator: 2, numerator: 1, rate: 50, residences: { [PARENTS]: 1, 'in eigener Wohnung': 1 } },
    ]);
    const byParagraph = await returnRate(database.db, { tenantId: T, ...YEAR_2024, by: ['paragraph'] });
    expect(Object.fromEntries(byParagraph.map((r) => [r.group.paragraph, [r.numerator, r.denominator, r.rate]]))).toEqual({ '§ 34': [1, 1, 100], '§ 41': [0, 1, 0] });
    // As known in August: A1 and A7 had ended and gone home; A4 and A5 were still running.
    const asOfSummer = await returnRate(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-08-01T00:00:00Z'), by: [] });
    expect(asOfSummer.map((r) => [r.numerator, r.denominator, r.rate])).toEqual([[2, 2, 100]]);
  });

  it('gives no rate where nothing ended', async () => {
    expect(await returnRate(database.db, { tenantId: T, from: '2021-01-01', to: '2021-12-31', by: [] })).toEqual([]);
  });

  it('rebuilds into exactly the tables incremental processing gave, and takes a catalogue change only through a rebuild', async () => {
    const tables = async (generation: number) => {
      const read = (table: string) => sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE tenant_id = ${T} AND generation = ${generation} ORDER BY 3, 4`.execute(database.db);
      return [(await read('aid_versions')).rows, (await read('case_versions')).rows].map((rows) => rows.map(({ generation: _, ...row }) => row));
    };
    const incremental = await tables(1);
    expect(incremental[0]).toHaveLength(13); // 9 aids; A4 and A5 ended, A7 ended and reopened

    await rebuild(database.db, T, aidHistory);
    expect(await tables(2)).toEqual(incremental);
    expect(await tables(1)).toEqual([[], []]);

    await saveCatalogue(database.db, T, 'aid-types', { ...DEFAULT_CATALOGUES['aid-types'], entries: { 'Eingliederungshilfe § 35a stationär': { setting: 'teilstationär' } } });
    const stationaryBefore = bySetting(await aidCounts(database.db, { tenantId: T, ...YEAR_2024, by: ['setting'] }))['stationär'];
    expect(stationaryBefore?.running).toBe(5);
    await rebuild(database.db, T, aidHistory);
    const after = bySetting(await aidCounts(database.db, { tenantId: T, ...YEAR_2024, by: ['setting'] }));
    expect(after['stationär']?.running).toBe(4);
    expect(after['teilstationär']?.running).toBe(1);
  });
});
