import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import type { AidRecord, StaffRecord, SubProcessRecord, CaseWorkEventType } from '@jugendamt/domain';
import { aidHistory } from '../facts/aid-history.js';
import { projectedHistory, type AppendEvent } from '../testing/projected-history.js';
import { staffHistory } from '../facts/staff-history.js';
import { subProcessHistory } from '../facts/sub-process-history.js';
import { endings } from './endings.js';
import { caseloadPerFte, staffFluctuation } from './staff-kpis.js';
import { staffingRequirement } from './staffing-requirement.js';

const T = DEFAULT_TENANT_ID;
const NIGHT_1 = new Date('2024-03-15T01:15:00Z');
const NIGHT_2 = new Date('2024-07-05T00:15:00Z');
const NIGHT_3 = new Date('2024-11-01T01:15:00Z');
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
const NORD = 'ASD Team Nord';
const SUED = 'ASD Team Süd';

function member(id: string, role: string, fte: number, joined: string, team: string, teamSince: string, left: string | null = null): StaffRecord {
  return { staffId: id, team, teamSince, role, fte, joined, left, changedAt: `${joined}T09:00:00` };
}

function aid(id: string, paragraph: string, team: string, begin: string, end: string | null = null, reason: string | null = null): AidRecord {
  return { aidId: id, caseId: 'C', aidType: 'Hilfe', paragraph, begin, end, reasonOfEnding: reason, residenceAfter: null, team, caseWorkerId: null, changedAt: `${begin}T09:00:00` };
}

function step(id: string, team: string, code: string, completedOn: string): SubProcessRecord {
  return {
    subProcessId: id,
    caseId: 'C',
    coreProcess: '04 Hilfe zur Erziehung',
    subProcess: `${code} Schritt`,
    team,
    caseWorkerId: null,
    startedAt: `${completedOn}T08:00:00`,
    completedAt: `${completedOn}T10:00:00`,
    status: 'abgeschlossen',
  };
}

/**
 * Staff: M1 (Nord, 1,0) and M2 (Nord, 0,5, leaves on 31.12.2024, known from night 3) all year;
 * M3 (1,0) moves from Nord to Süd on 01.07.2024 (known from night 2); M4 leads Süd; M5 is
 * administration (out of scope); M6 (Süd, 0,75) joins on 01.04.2024.
 */
async function givenTheHistory(appendEvent: AppendEvent): Promise<void> {
  const append = (at: Date, type: CaseWorkEventType, stream: string, state: unknown) => appendEvent(at, type, stream, { state });
  await append(NIGHT_1, 'StaffJoined', 'staff-M1', member('M1', 'Fachkraft', 1, '2015-01-01', NORD, '2015-01-01'));
  await append(NIGHT_1, 'StaffJoined', 'staff-M2', member('M2', 'Fachkraft', 0.5, '2018-01-01', NORD, '2018-01-01'));
  await append(NIGHT_1, 'StaffJoined', 'staff-M3', member('M3', 'Fachkraft', 1, '2020-01-01', NORD, '2020-01-01'));
  await append(NIGHT_1, 'StaffJoined', 'staff-M4', member('M4', 'Teamleitung', 1, '2010-01-01', SUED, '2010-01-01'));
  await append(NIGHT_1, 'StaffJoined', 'staff-M5', member('M5', 'Verwaltung', 1, '2010-01-01', 'WJH', '2010-01-01'));
  await append(NIGHT_1, 'StaffJoined', 'staff-M6', member('M6', 'Fachkraft', 0.75, '2024-04-01', SUED, '2024-04-01'));
  await append(NIGHT_2, 'StaffTransferred', 'staff-M3', member('M3', 'Fachkraft', 1, '2020-01-01', SUED, '2024-07-01'));
  await append(NIGHT_3, 'StaffLeft', 'staff-M2', member('M2', 'Fachkraft', 0.5, '2018-01-01', NORD, '2018-01-01', '2024-12-31'));

  for (const [id, team] of [
    ['R1', NORD],
    ['R2', NORD],
    ['R3', NORD],
  ] as const)
    await append(NIGHT_1, 'AidStarted', `aid-${id}`, aid(id, '§ 34 SGB VIII', team, '2024-01-01'));
  for (const id of ['R4', 'R5']) await append(NIGHT_1, 'AidStarted', `aid-${id}`, aid(id, '§ 31 SGB VIII', SUED, '2024-01-01'));
  await append(NIGHT_1, 'AidStarted', 'aid-R6', aid('R6', '§ 42 SGB VIII', SUED, '2024-01-01'));
  await append(NIGHT_1, 'AidStarted', 'aid-X1', aid('X1', '§ 34 SGB VIII', NORD, '2024-01-01', '2024-01-31', 'Beendigung gemäß Hilfeplan'));
  await append(NIGHT_2, 'AidStarted', 'aid-X2', aid('X2', '§ 34 SGB VIII', NORD, '2024-01-01', '2024-03-31', 'Beendigung abweichend vom Hilfeplan durch den Minderjährigen'));
  await append(NIGHT_2, 'AidStarted', 'aid-X3', aid('X3', '§ 34 SGB VIII', NORD, '2023-12-01', '2024-02-29', 'Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel'));
  await append(NIGHT_2, 'AidStarted', 'aid-X4', aid('X4', '§ 31 SGB VIII', SUED, '2024-02-01', '2024-02-10', 'Beendigung gemäß Hilfeplan'));

  for (let i = 0; i < 100; i++) await append(NIGHT_2, 'SubProcessOpened', `sp-N${i}`, step(`N${i}`, NORD, '04.03', '2024-02-15'));
  for (let i = 0; i < 2; i++) await append(NIGHT_2, 'SubProcessOpened', `sp-U${i}`, step(`U${i}`, NORD, '99.99', '2024-03-01'));
  for (let i = 0; i < 4; i++) await append(NIGHT_2, 'SubProcessOpened', `sp-S${i}`, step(`S${i}`, SUED, '01.01', '2024-01-10'));
}

describe.each(TEST_BACKENDS)('KPIs on staff and endings (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await projectedHistory(backend, givenTheHistory, [aidHistory, staffHistory, subProcessHistory]);
  });
  afterAll(async () => database.close());

  it('computes the fluctuation of the office and of each team, with a transfer mid-year and a leaver on 31.12.', async () => {
    const rows = await staffFluctuation(database.db, { tenantId: T, ...YEAR_2024 });
    const byTeam = Object.fromEntries(rows.map(({ team, ...figures }) => [team ?? 'office', figures]));
    // Office: M1–M4 on all 13 days, M6 on the 9 month ends from April: 61 / 13 = 4.69; FTE 52.25 / 13.
    expect(byTeam['office']).toEqual({
      averageHeadcount: 4.69,
      averageFte: 4.019,
      leavers: 1, // M2, whose last day 31.12. lies in the year
      leaversFte: 0.5,
      joiners: 1, // M6
      rate: 21.3, // 1 / 4.6923
      rateFte: 12.4, // 0.5 / 4.0192
      headcountAtEnd: 5,
      fteAtEnd: 4.25,
    });
    // Nord: M1, M2 on 13 days, M3 on 7 (until 30.06.): 33 / 13; leavers M2 and M3's transfer out.
    expect(byTeam[NORD]).toEqual({
      averageHeadcount: 2.54,
      averageFte: 2.038,
      leavers: 2,
      leaversFte: 1.5,
      joiners: 0,
      rate: 78.8, // 2 / 2.5385
      rateFte: 73.6, // 1.5 / 2.0385
      headcountAtEnd: 2,
      fteAtEnd: 1.5,
    });
    // Süd: M4 on 13 days, M3 on the 6 month ends from July, M6 on 9: 28 / 13.
    expect(byTeam[SUED]).toMatchObject({ averageHeadcount: 2.15, averageFte: 1.981, leavers: 0, joiners: 1, rate: 0, headcountAtEnd: 3, fteAtEnd: 2.75 });
  });

  it('knows no transfer and no leaver before they were observed', async () => {
    const rows = await staffFluctuation(database.db, { tenantId: T, ...YEAR_2024, asOf: new Date('2024-06-01T00:00:00Z') });
    const byTeam = Object.fromEntries(rows.map(({ team, ...figures }) => [team ?? 'office', figures]));
    expect(byTeam['office']?.leavers).toBe(0);
    expect(byTeam[NORD]).toMatchObject({ leavers: 0, averageHeadcount: 3, headcountAtEnd: 3 });
  });

  it("relates running HzE aids to the case workers' FTE of each team on a reference date", async () => {
    // 01.08.2024: Nord 3 aids on M1 + M2 = 1,5 FTE; Süd 2 HzE aids (not the § 42) on M3 + M6 = 1,75 FTE.
    expect(await caseloadPerFte(database.db, { tenantId: T, on: '2024-08-01' })).toEqual([
      { team: NORD, aids: 3, caseWorkerFte: 1.5, aidsPerFte: 2 },
      { team: SUED, aids: 2, caseWorkerFte: 1.75, aidsPerFte: 1.1 },
    ]);
  });

  it('derives the staffing requirement from process counts and times, and names codes without a time', async () => {
    const rows = await staffingRequirement(database.db, { tenantId: T, from: '2024-01-01', to: '2024-03-31' });
    // Nord: 100 × 150 min × 1,25 ÷ (96,000 × 91 ÷ 366) = 0.78554 FTE; M1, M2, M3 give 2.5 FTE: 2.5 ÷ 0.78554 = 318.25 %.
    expect(rows).toEqual([
      { team: NORD, processMinutes: 15_000, requiredFte: 0.79, averageFte: 2.5, coverage: 318.3, withoutProcessTime: [{ code: '99.99', count: 2 }] },
      // Süd: 4 × 30 min; no case worker in the first quarter (M6 starts in April).
      { team: SUED, processMinutes: 120, requiredFte: 0.01, averageFte: 0, coverage: 0, withoutProcessTime: [] },
    ]);
  });

  it('divides the unrounded average FTE by the unrounded requirement for the coverage', async () => {
    const rows = await staffingRequirement(database.db, { tenantId: T, ...YEAR_2024 });
    // Nord: 100 × 150 min × 1.25 ÷ 96,000 = 0.1953125 FTE; M1 and M2 on 13 days, M3 on 7: 26.5 / 13 = 2.0384615 FTE.
    // 2.0384615 ÷ 0.1953125 = 1043.69 % (from the average shown, 2.038, it would be 1043.46 %).
    expect(rows[0]).toEqual({ team: NORD, processMinutes: 15_000, requiredFte: 0.2, averageFte: 2.038, coverage: 1043.7, withoutProcessTime: [{ code: '99.99', count: 2 }] });
    // Süd: 4 × 30 min × 1.25 ÷ 96,000 = 0.0015625 FTE; M3 on 6 days, M6 (0.75) on 9: 12.75 / 13 = 0.9807692 FTE.
    // 0.9807692 ÷ 0.0015625 = 62,769.23 % (from 0.981: 62,784 %).
    expect(rows[1]).toEqual({ team: SUED, processMinutes: 120, requiredFte: 0, averageFte: 0.981, coverage: 62_769.2, withoutProcessTime: [] });
  });

  it('computes durations and ending rates, leaving transfers of responsibility out of the base', async () => {
    const rows = await endings(database.db, { tenantId: T, ...YEAR_2024, by: ['paragraph'] });
    const byParagraph = Object.fromEntries(rows.map(({ group, ...figures }) => [group.paragraph, figures]));
    // § 34: 31, 91 and 91 days; base 2 (X3 left out): one as planned, one against the plan.
    expect(byParagraph['§ 34']).toEqual({
      ended: 3,
      meanDays: 71,
      medianDays: 91,
      base: 2,
      planned: 1,
      breakdown: 1,
      plannedEndingRate: 50,
      breakdownRate: 50,
      reasons: { 'Beendigung gemäß Hilfeplan': 1, 'Beendigung abweichend vom Hilfeplan durch den Minderjährigen': 1, 'Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel': 1 },
    });
    expect(byParagraph['§ 31']).toEqual({
      ended: 1,
      meanDays: 10,
      medianDays: 10,
      base: 1,
      planned: 1,
      breakdown: 0,
      plannedEndingRate: 100,
      breakdownRate: 0,
      reasons: { 'Beendigung gemäß Hilfeplan': 1 },
    });
    // The office: X1 to X4, each reason with its count; a reason outside the code list would be unbekannt.
    const [office] = await endings(database.db, { tenantId: T, ...YEAR_2024, by: [] });
    expect(office).toMatchObject({ group: {}, ended: 4, base: 3, planned: 2, breakdown: 1, plannedEndingRate: 66.7, breakdownRate: 33.3 });
  });
});
