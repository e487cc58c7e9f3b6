import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import type { CaseRecord, ChronicleEntryRecord, SubProcessRecord } from '@jugendamt/domain';
import { DEFAULT_CATALOGUES } from '../catalogues/default-catalogues.js';
import { aidHistory } from '../facts/aid-history.js';
import { projectedHistory, type AppendEvent } from '../testing/projected-history.js';
import { chronicleHistory } from '../facts/chronicle-history.js';
import { subProcessHistory } from '../facts/sub-process-history.js';
import { chronicleCounts, costs } from './chronicle-kpis.js';
import { subProcessCounts } from './sub-process-counts.js';

const T = DEFAULT_TENANT_ID;
const NIGHT_1 = new Date('2024-04-02T00:15:00Z');
const NIGHT_2 = new Date('2024-06-01T00:15:00Z');
const NIGHT_3 = new Date('2024-09-01T00:15:00Z');
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
const COUNTED = DEFAULT_CATALOGUES['chronicle-types'].counted;

function step(id: string, team: string, subProcess: string, status: SubProcessRecord['status'], completedAt: string | null): SubProcessRecord {
  const coreProcess = subProcess.startsWith('04') ? '04 Hilfe zur Erziehung' : '01 Eingang und Klärung';
  return { subProcessId: id, caseId: 'C1', coreProcess, subProcess, team, caseWorkerId: null, startedAt: '2024-01-02T10:00:00', completedAt, status };
}

function entry(entryNo: number, fileReference: string, date: string, unit: string, entryType: string, aidType: string | null, amountCents: number | null, cancelledEntryNo: number | null = null): ChronicleEntryRecord {
  return {
    entryNo,
    fileReference,
    date,
    recordedAt: `${date}T10:00:00`,
    unit,
    clerkId: 'clerk',
    entryType,
    aidType,
    amountCents,
    periodFrom: null,
    periodTo: null,
    cancelling: cancelledEntryNo !== null,
    cancelledEntryNo,
  };
}

/**
 * Sub-processes: S1 completed 31.03. and S2 01.04. (a month and quarter edge), S3 counted
 * then cancelled in night 2, S4 completed in night 2 and reopened in night 3, S5 completed in 2023.
 * Chronicle: E1, E2 payments and E3 a contribution, E6 a refund for a § 34 aid of case C1 (team
 * Nord); E4 a § 33 payment without a case, cancelled by E5 in night 2; E7 a note; E9 cancels
 * E8 one night before E8 itself arrives. Case C1 is handed over to team Süd in night 3.
 */
async function givenTheHistory(appendEvent: AppendEvent): Promise<void> {
  const append = (at: Date, type: string, stream: string, state: unknown) => appendEvent(at, type, stream, { state });
  const kase: CaseRecord = { caseId: 'C1', fileReference: 'R1', birthYear: 2012, gender: 'm', socialArea: 'SR 01', team: 'ASD Team Nord', caseWorkerId: null, caseBegin: '2023-01-01', caseEnd: null, changedAt: '2023-01-01T09:00:00' };
  const recorded = (at: Date, e: ChronicleEntryRecord) => append(at, e.cancelling ? 'ChronicleCancellationRecorded' : 'ChronicleEntryRecorded', `chronicle-entry-${e.entryNo}`, e);

  await append(NIGHT_1, 'CaseOpened', 'case-C1', kase);
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S1', step('S1', 'ASD Team Nord', '04.03 Hilfeplangespräch', 'abgeschlossen', '2024-03-31T16:00:00'));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S2', step('S2', 'ASD Team Nord', '04.03 Hilfeplangespräch', 'abgeschlossen', '2024-04-01T08:00:00'));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S3', step('S3', 'ASD Team Süd', '01.01 Eingang Meldung', 'abgeschlossen', '2024-02-10T09:00:00'));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S4', step('S4', 'ASD Team Nord', '04.04 Fortschreibung', 'offen', null));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S5', step('S5', 'ASD Team Nord', '04.03 Hilfeplangespräch', 'abgeschlossen', '2023-12-31T09:00:00'));
  await recorded(NIGHT_1, entry(1, 'R1', '2024-01-31', 'WJH Hilfen', 'ZAHLUNG', 'Heimerziehung § 34', 100_000));
  await recorded(NIGHT_1, entry(2, 'R1', '2024-02-29', 'WJH Hilfen', 'ZAHLUNG', 'Heimerziehung § 34', 50_000));
  await recorded(NIGHT_1, entry(3, 'R1', '2024-02-15', 'WJH Kostenbeitrag', 'KOSTENBEITRAG', 'Heimerziehung § 34', -20_000));
  await recorded(NIGHT_1, entry(4, 'R2', '2024-03-31', 'WJH Hilfen', 'ZAHLUNG', 'Vollzeitpflege § 33', 30_000));
  await recorded(NIGHT_1, entry(6, 'R1', '2024-03-01', 'WJH Hilfen', 'ERSTATTUNG', 'Heimerziehung § 34', -5_000));
  await recorded(NIGHT_1, entry(7, 'R1', '2024-01-10', 'WJH Hilfen', 'VERMERK', null, null));
  await recorded(NIGHT_1, entry(9, 'R1', '2024-03-20', 'WJH Hilfen', 'ZAHLUNG', 'Heimerziehung § 34', -7_000, 8));

  await append(NIGHT_2, 'SubProcessCancelled', 'sp-S3', step('S3', 'ASD Team Süd', '01.01 Eingang Meldung', 'storniert', '2024-02-10T09:00:00'));
  await append(NIGHT_2, 'SubProcessCompleted', 'sp-S4', step('S4', 'ASD Team Nord', '04.04 Fortschreibung', 'abgeschlossen', '2024-05-05T11:00:00'));
  await recorded(NIGHT_2, entry(5, 'R2', '2024-04-05', 'WJH Hilfen', 'ZAHLUNG', 'Vollzeitpflege § 33', -30_000, 4));
  await recorded(NIGHT_2, entry(8, 'R1', '2024-03-18', 'WJH Hilfen', 'ZAHLUNG', 'Heimerziehung § 34', 7_000));

  await append(NIGHT_3, 'SubProcessReopened', 'sp-S4', step('S4', 'ASD Team Nord', '04.04 Fortschreibung', 'offen', null));
  await append(NIGHT_3, 'CaseHandedOver', 'case-C1', { ...kase, team: 'ASD Team Süd', changedAt: '2024-08-30T09:00:00' });
}

describe.each(TEST_BACKENDS)('KPIs on sub-processes and 14plus (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await projectedHistory(backend, givenTheHistory, [aidHistory, subProcessHistory, chronicleHistory]);
  });
  afterAll(async () => database.close());

  const counts = (rows: Awaited<ReturnType<typeof subProcessCounts>>) => rows.map((r) => [r.period, ...Object.values(r.group), r.count]);

  it('counts completed sub-processes by month of completion, team and code', async () => {
    const rows = await subProcessCounts(database.db, { tenantId: T, ...YEAR_2024, by: ['team', 'subProcess'], granularity: 'month' });
    // S1 on 31.03., S2 on 01.04.; S3 cancelled, S4 reopened, S5 in 2023.
    expect(counts(rows)).toEqual([
      ['2024-03', 'ASD Team Nord', '04.03', 1],
      ['2024-04', 'ASD Team Nord', '04.03', 1],
    ]);
    const byQuarter = await subProcessCounts(database.db, { tenantId: T, ...YEAR_2024, by: ['coreProcess'], granularity: 'quarter' });
    expect(counts(byQuarter)).toEqual([
      ['2024-Q1', '04 Hilfe zur Erziehung', 1],
      ['2024-Q2', '04 Hilfe zur Erziehung', 1],
    ]);
  });

  it('counts a sub-process as known: cancelled ones until the cancellation, reopened ones until reopened', async () => {
    const inMay = await subProcessCounts(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-05-01T00:00:00Z'), by: ['team'], granularity: 'year' });
    expect(counts(inMay)).toEqual([
      ['2024', 'ASD Team Nord', 2], // S1, S2
      ['2024', 'ASD Team Süd', 1], // S3, not yet cancelled
    ]);
    const inJuly = await subProcessCounts(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-07-01T00:00:00Z'), by: ['team'], granularity: 'year' });
    expect(counts(inJuly)).toEqual([['2024', 'ASD Team Nord', 3]]); // S1, S2, S4 (completed, not yet reopened)
  });

  it('counts any date range, not only whole months, with inclusive edges', async () => {
    const rows = await subProcessCounts(database.db, { tenantId: T, from: '2024-03-31', to: '2024-04-01', by: ['team'], granularity: 'total' });
    expect(counts(rows)).toEqual([['total', 'ASD Team Nord', 2]]); // S1 on 31.03., S2 on 01.04.
    const inMay = await subProcessCounts(database.db, { tenantId: T, from: '2024-02-10', to: '2024-03-30', asOf: new Date('2024-05-01T00:00:00Z'), by: ['team'], granularity: 'total' });
    expect(counts(inMay)).toEqual([['total', 'ASD Team Süd', 1]]); // S3 on 10.02., not yet cancelled
  });

  it('counts 14plus entries by unit and type, without notes, cancelled and cancelling entries', async () => {
    const rows = await chronicleCounts(database.db, { tenantId: T, ...YEAR_2024, granularity: 'total', countedTypes: COUNTED });
    expect(rows.map((r) => [r.group.unit, r.group.entryType, r.count])).toEqual([
      ['WJH Hilfen', 'ERSTATTUNG', 1], // E6
      ['WJH Hilfen', 'ZAHLUNG', 2], // E1, E2; E4 cancelled by E5, E8 by E9
      ['WJH Kostenbeitrag', 'KOSTENBEITRAG', 1], // E3
    ]);
    const inMay = await chronicleCounts(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-05-01T00:00:00Z'), granularity: 'total', countedTypes: COUNTED });
    expect(inMay.map((r) => [r.group.unit, r.group.entryType, r.count])).toEqual([
      ['WJH Hilfen', 'ERSTATTUNG', 1], // E6
      ['WJH Hilfen', 'ZAHLUNG', 3], // E1, E2, E4 not yet cancelled; E8, cancelled before it arrived, not yet known
      ['WJH Kostenbeitrag', 'KOSTENBEITRAG', 1], // E3
    ]);
  });

  it('sums costs by paragraph and by the linked case\'s team, as known at any time', async () => {
    const byParagraph = await costs(database.db, { tenantId: T, ...YEAR_2024, by: ['paragraph'], granularity: 'total' });
    // § 34: gross 1,000 + 500; income |−200| + |−50|; § 33 cancelled entirely.
    expect(byParagraph).toEqual([{ group: { paragraph: '§ 34' }, period: 'total', grossCents: 150_000, incomeCents: 25_000, netCents: 125_000 }]);

    const inMay = await costs(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-05-01T00:00:00Z'), by: ['paragraph', 'team'], granularity: 'total' });
    // Before night 2: E4 (§ 33, no case) not yet cancelled; E8 not yet arrived.
    expect(inMay.map((r) => [r.group.paragraph, r.group.team, r.grossCents, r.incomeCents])).toEqual([
      ['§ 33', null, 30_000, 0],
      ['§ 34', 'ASD Team Nord', 150_000, 25_000],
    ]);
    // Night 3 hands C1 over: its entries' costs go with it, the earlier answer stays as it was.
    const now = await costs(database.db, { tenantId: T, ...YEAR_2024, by: ['team'], granularity: 'total' });
    expect(now.map((r) => [r.group.team, r.grossCents, r.incomeCents])).toEqual([['ASD Team Süd', 150_000, 25_000]]);
    const inJuly = await costs(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-07-01T00:00:00Z'), by: ['team'], granularity: 'total' });
    expect(inJuly.map((r) => [r.group.team, r.grossCents, r.incomeCents])).toEqual([['ASD Team Nord', 150_000, 25_000]]);
    const partOfMarch = await costs(database.db, { tenantId: T, from: '2024-03-01', to: '2024-03-19', by: ['team'], granularity: 'total' });
    expect(partOfMarch.map((r) => [r.group.team, r.grossCents, r.incomeCents])).toEqual([['ASD Team Süd', 0, 5_000]]); // E6 only
  });

  it('splits costs by month of Datum', async () => {
    const rows = await costs(database.db, { tenantId: T, ...YEAR_2024, by: ['setting'], granularity: 'month' });
    expect(rows.map((r) => [r.period, r.group.setting, r.netCents])).toEqual([
      ['2024-01', 'stationär', 100_000],
      ['2024-02', 'stationär', 30_000],
      ['2024-03', 'stationär', -5_000],
    ]);
  });
});
