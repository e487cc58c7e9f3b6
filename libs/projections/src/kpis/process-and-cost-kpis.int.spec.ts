import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import type { AidRecord, CaseRecord, ChronicleEntryRecord, SubProcessRecord, CaseWorkEventType } from '@jugendamt/domain';
import { DEFAULT_CATALOGUES } from '../catalogues/default-catalogues.js';
import { aidHistory } from '../facts/aid-history.js';
import { projectedHistory, type AppendEvent } from '../testing/projected-history.js';
import { chronicleHistory } from '../facts/chronicle-history.js';
import { subProcessHistory } from '../facts/sub-process-history.js';
import { aidCounts } from './aid-counts.js';
import { chronicleCounts, costs } from './chronicle-kpis.js';
import { costPerAid } from './cost-per-aid.js';
import { subProcessCounts } from './sub-process-counts.js';

const T = DEFAULT_TENANT_ID;
const NIGHT_1 = new Date('2024-04-02T00:15:00Z');
const NIGHT_2 = new Date('2024-06-01T00:15:00Z');
const NIGHT_3 = new Date('2024-09-01T00:15:00Z');
const NIGHT_4 = new Date('2025-08-01T00:15:00Z');
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };
const COUNTED = DEFAULT_CATALOGUES['chronicle-types'].counted;

function step(id: string, team: string, subProcess: string, status: SubProcessRecord['status'], completedAt: string | null): SubProcessRecord {
  const coreProcess = subProcess.startsWith('04') ? '04 Hilfe zur Erziehung' : '01 Eingang und Klärung';
  return { subProcessId: id, caseId: 'C1', coreProcess, subProcess, team, caseWorkerId: null, startedAt: '2024-01-02T10:00:00', completedAt, status };
}

interface EntryFields {
  readonly entryNo: number;
  readonly fileReference: string;
  readonly date: string;
  readonly unit: string;
  readonly entryType: string;
  readonly aidType?: string;
  readonly amountCents?: number;
  /** A cancellation names the entry it cancels. */
  readonly cancelledEntryNo?: number;
}

function entry({ entryNo, fileReference, date, unit, entryType, aidType, amountCents, cancelledEntryNo }: EntryFields): ChronicleEntryRecord {
  return {
    entryNo,
    fileReference,
    date,
    recordedAt: `${date}T10:00:00`,
    unit,
    clerkId: 'clerk',
    entryType,
    aidType: aidType ?? null,
    amountCents: amountCents ?? null,
    periodFrom: null,
    periodTo: null,
    cancelling: cancelledEntryNo !== undefined,
    cancelledEntryNo: cancelledEntryNo ?? null,
  };
}

function aid(id: string, aidType: string, paragraph: string, begin: string, end: string | null = null): AidRecord {
  return { aidId: id, caseId: 'C1', aidType, paragraph, begin, end, reasonOfEnding: null, residenceAfter: null, team: 'ASD Team Süd', caseWorkerId: null, changedAt: `${begin}T09:00:00` };
}

/**
 * Sub-processes: S1 completed 31.03. and S2 01.04. (a month and quarter edge), S3 counted
 * then cancelled in night 2, S4 completed in night 2 and reopened in night 3, S5 completed in 2023.
 * Chronicle: E1, E2 payments and E3 a contribution, E6 a refund for a § 34 aid of case C1 (team
 * Nord); E4 a § 33 payment without a case, cancelled by E5 in night 2; E7 a note; E9 cancels
 * E8 one night before E8 itself arrives. Case C1 is handed over to team Süd in night 3.
 * 2025, from night 4: aids of case C1: A1 and A5 § 34, A2 § 33 (ended 30.06.), A3 § 42
 * Inobhutnahme (not HzE), A4 SPFH ended 31.12.2024. Entries: E20 § 34, E21 § 42, E22 UVG
 * (no paragraph, no case), E23 a refund without Hilfeart, E24 a late SPFH payment (§ 31).
 */
async function givenTheHistory(appendEvent: AppendEvent): Promise<void> {
  const append = (at: Date, type: CaseWorkEventType, stream: string, state: unknown) => appendEvent(at, type, stream, { state });
  const kase: CaseRecord = {
    caseId: 'C1',
    fileReference: 'R1',
    birthYear: 2012,
    gender: 'm',
    socialArea: 'SR 01',
    team: 'ASD Team Nord',
    caseWorkerId: null,
    caseBegin: '2023-01-01',
    caseEnd: null,
    changedAt: '2023-01-01T09:00:00',
  };
  const recorded = (at: Date, e: ChronicleEntryRecord) => append(at, e.cancelling ? 'ChronicleCancellationRecorded' : 'ChronicleEntryRecorded', `chronicle-entry-${e.entryNo}`, e);

  await append(NIGHT_1, 'CaseOpened', 'case-C1', kase);
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S1', step('S1', 'ASD Team Nord', '04.03 Hilfeplangespräch', 'abgeschlossen', '2024-03-31T16:00:00'));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S2', step('S2', 'ASD Team Nord', '04.03 Hilfeplangespräch', 'abgeschlossen', '2024-04-01T08:00:00'));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S3', step('S3', 'ASD Team Süd', '01.01 Eingang Meldung', 'abgeschlossen', '2024-02-10T09:00:00'));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S4', step('S4', 'ASD Team Nord', '04.04 Fortschreibung', 'offen', null));
  await append(NIGHT_1, 'SubProcessOpened', 'sp-S5', step('S5', 'ASD Team Nord', '04.03 Hilfeplangespräch', 'abgeschlossen', '2023-12-31T09:00:00'));
  await recorded(NIGHT_1, entry({ entryNo: 1, fileReference: 'R1', date: '2024-01-31', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Heimerziehung § 34', amountCents: 100_000 }));
  await recorded(NIGHT_1, entry({ entryNo: 2, fileReference: 'R1', date: '2024-02-29', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Heimerziehung § 34', amountCents: 50_000 }));
  await recorded(NIGHT_1, entry({ entryNo: 3, fileReference: 'R1', date: '2024-02-15', unit: 'WJH Kostenbeitrag', entryType: 'KOSTENBEITRAG', aidType: 'Heimerziehung § 34', amountCents: -20_000 }));
  await recorded(NIGHT_1, entry({ entryNo: 4, fileReference: 'R2', date: '2024-03-31', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Vollzeitpflege § 33', amountCents: 30_000 }));
  await recorded(NIGHT_1, entry({ entryNo: 6, fileReference: 'R1', date: '2024-03-01', unit: 'WJH Hilfen', entryType: 'ERSTATTUNG', aidType: 'Heimerziehung § 34', amountCents: -5_000 }));
  await recorded(NIGHT_1, entry({ entryNo: 7, fileReference: 'R1', date: '2024-01-10', unit: 'WJH Hilfen', entryType: 'VERMERK' }));
  await recorded(
    NIGHT_1,
    entry({ entryNo: 9, fileReference: 'R1', date: '2024-03-20', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Heimerziehung § 34', amountCents: -7_000, cancelledEntryNo: 8 }),
  );

  await append(NIGHT_2, 'SubProcessCancelled', 'sp-S3', step('S3', 'ASD Team Süd', '01.01 Eingang Meldung', 'storniert', '2024-02-10T09:00:00'));
  await append(NIGHT_2, 'SubProcessCompleted', 'sp-S4', step('S4', 'ASD Team Nord', '04.04 Fortschreibung', 'abgeschlossen', '2024-05-05T11:00:00'));
  await recorded(
    NIGHT_2,
    entry({ entryNo: 5, fileReference: 'R2', date: '2024-04-05', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Vollzeitpflege § 33', amountCents: -30_000, cancelledEntryNo: 4 }),
  );
  await recorded(NIGHT_2, entry({ entryNo: 8, fileReference: 'R1', date: '2024-03-18', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Heimerziehung § 34', amountCents: 7_000 }));

  await append(NIGHT_3, 'SubProcessReopened', 'sp-S4', step('S4', 'ASD Team Nord', '04.04 Fortschreibung', 'offen', null));
  await append(NIGHT_3, 'CaseHandedOver', 'case-C1', { ...kase, team: 'ASD Team Süd', changedAt: '2024-08-30T09:00:00' });

  await append(NIGHT_4, 'AidStarted', 'aid-A1', aid('A1', 'Heimerziehung § 34', '§ 34 SGB VIII', '2025-01-01'));
  await append(NIGHT_4, 'AidStarted', 'aid-A2', aid('A2', 'Vollzeitpflege', '§ 33 SGB VIII', '2025-02-01', '2025-06-30'));
  await append(NIGHT_4, 'AidStarted', 'aid-A3', aid('A3', 'Inobhutnahme', '§ 42 SGB VIII', '2025-03-01'));
  await append(NIGHT_4, 'AidStarted', 'aid-A4', aid('A4', 'SPFH', '§ 31 SGB VIII', '2023-01-01', '2024-12-31'));
  await append(NIGHT_4, 'AidStarted', 'aid-A5', aid('A5', 'Heimerziehung § 34', '§ 34 SGB VIII', '2025-07-01'));
  await recorded(NIGHT_4, entry({ entryNo: 20, fileReference: 'R1', date: '2025-01-31', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Heimerziehung § 34', amountCents: 120_000 }));
  await recorded(NIGHT_4, entry({ entryNo: 21, fileReference: 'R1', date: '2025-03-15', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'Inobhutnahme § 42', amountCents: 40_000 }));
  await recorded(NIGHT_4, entry({ entryNo: 22, fileReference: 'R9', date: '2025-04-10', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'UVG', amountCents: 15_000 }));
  await recorded(NIGHT_4, entry({ entryNo: 23, fileReference: 'R1', date: '2025-05-05', unit: 'WJH Hilfen', entryType: 'ERSTATTUNG', amountCents: -2_000 }));
  await recorded(NIGHT_4, entry({ entryNo: 24, fileReference: 'R1', date: '2025-01-20', unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: 'SPFH', amountCents: 8_000 }));
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

  it("sums costs by paragraph and by the linked case's team, as known at any time", async () => {
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

  it('reports costs outside HzE under ohne Leistungsform, and a Hilfeart that names no paragraph as unbekannt', async () => {
    const figures = (rows: Awaited<ReturnType<typeof costs>>, ...by: ('setting' | 'paragraph' | 'team')[]) =>
      Object.fromEntries(rows.map((r) => [by.map((d) => r.group[d] ?? '-').join(' '), [r.grossCents, r.incomeCents]]));
    // The whole year from the monthly sums, and nearly all of it from the entries: the same figures.
    for (const period of [YEAR_2025, { from: '2025-01-15', to: '2025-12-30' }]) {
      // § 42 (E21), UVG (E22) and the refund without Hilfeart (E23) have no setting; SPFH is ambulant by the catalogue.
      const bySetting = await costs(database.db, { tenantId: T, ...period, by: ['setting'], granularity: 'total' });
      expect(figures(bySetting, 'setting')).toEqual({ ambulant: [8_000, 0], stationär: [120_000, 0], 'ohne Leistungsform': [55_000, 2_000] });
      const byParagraph = await costs(database.db, { tenantId: T, ...period, by: ['paragraph'], granularity: 'total' });
      expect(figures(byParagraph, 'paragraph')).toEqual({ '§ 31': [8_000, 0], '§ 34': [120_000, 0], '§ 42': [40_000, 0], unbekannt: [15_000, 2_000] });
      // Per team: C1 is Süd's since night 3; E22 links to no case.
      const byTeam = await costs(database.db, { tenantId: T, ...period, by: ['setting', 'team'], granularity: 'total' });
      expect(figures(byTeam, 'setting', 'team')).toEqual({
        'ambulant ASD Team Süd': [8_000, 0],
        'stationär ASD Team Süd': [120_000, 0],
        'ohne Leistungsform ASD Team Süd': [40_000, 2_000],
        'ohne Leistungsform -': [15_000, 0],
      });
    }
  });

  it('gives the cost per aid of every HzE paragraph with aids running, payments or not, and of no other', async () => {
    const [byParagraph, aids] = await Promise.all([
      costs(database.db, { tenantId: T, ...YEAR_2025, by: ['paragraph'], granularity: 'total' }),
      aidCounts(database.db, { tenantId: T, ...YEAR_2025, by: ['paragraph'] }),
    ]);
    // § 33: A2 ran until 30.06. and nothing was paid; § 34: 1,200.00 on A1 and A5. Not § 31 (A4 ended
    // in 2024, though paid for in 2025), § 42 (not HzE) or unbekannt.
    expect(costPerAid(byParagraph, aids)).toEqual([
      { paragraph: '§ 33', grossCents: 0, aids: 1, centsPerAid: 0 },
      { paragraph: '§ 34', grossCents: 120_000, aids: 2, centsPerAid: 60_000 },
    ]);
  });
});
