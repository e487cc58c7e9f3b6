import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import type { AidRecord, StaffRecord, SubProcessRecord, CaseWorkEventType } from '@jugendamt/domain';
import { aidHistory } from '../facts/aid-history.js';
import { staffHistory } from '../facts/staff-history.js';
import { subProcessHistory } from '../facts/sub-process-history.js';
import { projectedHistory, type AppendEvent } from '../testing/projected-history.js';
import { caseloadPerFte, staffFluctuation } from './staff-kpis.js';
import { staffingRequirement } from './staffing-requirement.js';

const T = DEFAULT_TENANT_ID;
const NIGHT_1 = new Date('2024-02-01T01:15:00Z');
const NIGHT_2 = new Date('2024-10-15T01:15:00Z');
const OST = 'ASD Team Ost';
const WEST = 'ASD Team West';

function member(id: string, fte: number, joined: string, team: string, teamSince: string): StaffRecord {
  return { staffId: id, team, teamSince, role: 'Fachkraft', fte, joined, left: null, changedAt: `${joined}T09:00:00` };
}

function aid(id: string, paragraph: string, team: string): AidRecord {
  return {
    aidId: id,
    caseId: 'C',
    aidType: 'Hilfe',
    paragraph,
    begin: '2024-01-01',
    end: null,
    reasonOfEnding: null,
    residenceAfter: null,
    team,
    caseWorkerId: null,
    changedAt: '2024-01-01T09:00:00',
  };
}

function step(id: string): SubProcessRecord {
  return {
    subProcessId: id,
    caseId: 'C',
    coreProcess: '04 Hilfe zur Erziehung',
    subProcess: '04.03 Hilfeplangespräch',
    team: OST,
    caseWorkerId: null,
    startedAt: '2024-02-15T08:00:00',
    completedAt: '2024-02-15T10:00:00',
    status: 'abgeschlossen',
  };
}

/**
 * Staff: W1 (1,0) and W2 (0,2564: 10 of 39 hours) in West for years. P1 (1,0), employed since
 * 2010, is first seen in night 2 in Ost since 01.07.2024, the only team pair ever observed for
 * P1: before that day P1 belongs to no team, not to Ost (docs/kpis.md Clarifications).
 * Aids: 13 in West, 2 in Ost, all running all year. Ost completes 10 Hilfeplangespräche
 * (150 min each) on 15.02.2024.
 */
async function givenTheHistory(appendEvent: AppendEvent): Promise<void> {
  const append = (at: Date, type: CaseWorkEventType, stream: string, state: unknown) => appendEvent(at, type, stream, { state });
  await append(NIGHT_1, 'StaffJoined', 'staff-W1', member('W1', 1, '2015-01-01', WEST, '2015-01-01'));
  await append(NIGHT_1, 'StaffJoined', 'staff-W2', member('W2', 0.2564, '2019-01-01', WEST, '2019-01-01'));
  await append(NIGHT_2, 'StaffJoined', 'staff-P1', member('P1', 1, '2010-01-01', OST, '2024-07-01'));
  for (let i = 1; i <= 13; i++) await append(NIGHT_1, 'AidStarted', `aid-W${i}`, aid(`W${i}`, '§ 31 SGB VIII', WEST));
  for (let i = 1; i <= 2; i++) await append(NIGHT_1, 'AidStarted', `aid-O${i}`, aid(`O${i}`, '§ 34 SGB VIII', OST));
  for (let i = 1; i <= 10; i++) await append(NIGHT_1, 'SubProcessOpened', `sp-O${i}`, step(`O${i}`));
}

describe.each(TEST_BACKENDS)('a team before its first member arrives, and FTE as exact as the export gives it (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await projectedHistory(backend, givenTheHistory, [aidHistory, staffHistory, subProcessHistory]);
  });
  afterAll(async () => database.close());

  it('counts a member in no team before the first Team seit', async () => {
    const rows = await staffFluctuation(database.db, { tenantId: T, from: '2024-01-01', to: '2024-12-31' });
    const byTeam = Object.fromEntries(rows.map(({ team, ...figures }) => [team ?? 'office', figures]));
    // The office has all three on all 13 days: 2.2564 FTE.
    expect(byTeam['office']).toMatchObject({ averageHeadcount: 3, averageFte: 2.256, headcountAtEnd: 3 });
    // Ost: P1 on the 6 month ends from July, 6 / 13 = 0.4615; not on the 7 days before.
    expect(byTeam[OST]).toEqual({ averageHeadcount: 0.46, averageFte: 0.462, leavers: 0, leaversFte: 0, joiners: 0, rate: 0, rateFte: 0, headcountAtEnd: 1, fteAtEnd: 1 });
    expect(byTeam[WEST]).toMatchObject({ averageHeadcount: 2, averageFte: 1.256, headcountAtEnd: 2, fteAtEnd: 1.256 });
  });

  it("relates aids to the exact FTE of the team's case workers on the day, none before they arrive", async () => {
    // 15.03.2024: West 13 aids ÷ 1.2564 FTE = 10.347 → 10.3 (not 13 ÷ 1.256 = 10.350 → 10.4);
    // Ost has its 2 aids and no case worker yet: no value.
    expect(await caseloadPerFte(database.db, { tenantId: T, on: '2024-03-15' })).toEqual([
      { team: OST, aids: 2, caseWorkerFte: 0, aidsPerFte: null },
      { team: WEST, aids: 13, caseWorkerFte: 1.256, aidsPerFte: 10.3 },
    ]);
    expect(await caseloadPerFte(database.db, { tenantId: T, on: '2024-08-01' })).toEqual([
      { team: OST, aids: 2, caseWorkerFte: 1, aidsPerFte: 2 },
      { team: WEST, aids: 13, caseWorkerFte: 1.256, aidsPerFte: 10.3 },
    ]);
  });

  it('gives a team without case workers in the period no coverage of its requirement', async () => {
    const rows = await staffingRequirement(database.db, { tenantId: T, from: '2024-01-01', to: '2024-03-31' });
    // Ost: 10 × 150 min × 1.25 ÷ (96,000 × 91 ÷ 366) = 0.0786 FTE, and nobody in Ost before July.
    expect(rows).toEqual([
      { team: OST, processMinutes: 1_500, requiredFte: 0.08, averageFte: 0, coverage: 0, withoutProcessTime: [] },
      { team: WEST, processMinutes: 0, requiredFte: 0, averageFte: 1.256, coverage: null, withoutProcessTime: [] },
    ]);
  });
});
