import { sql } from 'kysely';
import { DEFAULT_TENANT_ID, ensureTenant } from '@jugendamt/db';
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import { EventStore } from '@jugendamt/event-store';
import type { AidRecord, CaseRecord } from '@jugendamt/domain';
import { aidHistory } from '../facts/aid-history.js';
import { catchUp } from '../runtime/catch-up.js';
import { rebuild } from '../runtime/rebuild.js';
import { aidCounts } from './aid-counts.js';

const T = DEFAULT_TENANT_ID;
const NIGHT_1 = new Date('2024-03-01T01:15:00Z');
const NIGHT_2 = new Date('2024-07-01T01:15:00Z');
const NIGHT_3 = new Date('2025-01-10T01:15:00Z');

function aid(id: string, caseId: string, begin: string): AidRecord {
  return {
    aidId: id,
    caseId,
    aidType: 'Heimerziehung § 34',
    paragraph: '§ 34 SGB VIII',
    begin,
    end: null,
    reasonOfEnding: null,
    residenceAfter: null,
    team: 'ASD Team Nord',
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
 * Each event is its own page: the projection sees the history as the nightly catch-ups would,
 * one file after the other, while the rebuild below reads it in one page.
 *
 * A1 (case C1): C1 moves from SR 01 to SR 03 in night 2, and is deleted in night 3.
 * A2 (case C2), first seen in night 2; C2's move to SR 04 in night 3 arrived before it (the
 *    case file of night 3 was imported before the aid file of night 2).
 * A3 (case C9): C9 is first seen in night 3.
 */
const HISTORY: readonly [Date, string, string, unknown][] = [
  [NIGHT_1, 'CaseOpened', 'case-C1', { state: kase('C1', 'SR 01 Altstadt'), changed: [] }],
  [NIGHT_1, 'CaseOpened', 'case-C2', { state: kase('C2', 'SR 02 Hafen'), changed: [] }],
  [NIGHT_1, 'AidStarted', 'aid-A1', { state: aid('A1', 'C1', '2024-01-01'), changed: [] }],
  [NIGHT_1, 'AidStarted', 'aid-A3', { state: aid('A3', 'C9', '2024-02-01'), changed: [] }],
  [NIGHT_2, 'CaseCorrected', 'case-C1', { state: kase('C1', 'SR 03 Nord'), changed: ['socialArea'] }],
  [NIGHT_3, 'CaseCorrected', 'case-C2', { state: kase('C2', 'SR 04 Süd'), changed: ['socialArea'] }],
  [NIGHT_2, 'AidStarted', 'aid-A2', { state: aid('A2', 'C2', '2024-05-01'), changed: [] }],
  [NIGHT_3, 'CaseOpened', 'case-C9', { state: kase('C9', 'SR 05 West'), changed: [] }],
  [NIGHT_3, 'CaseDeleted', 'case-C1', { id: 'C1' }],
];

describe.each(TEST_BACKENDS)('aids by social area, as the case was known (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await ensureTenant(database.db, T, T);
    const store = new EventStore(database.db);
    for (const [i, [observedAt, type, streamId, payload]] of HISTORY.entries()) {
      await store.append(T, [{ streamId, expectedVersion: 'any', events: [{ type, payload, observedAt, idempotencyKey: `test-${i}` }] }]);
      await untilEventsReadable(database.db);
      await catchUp(database.db, T, aidHistory);
    }
  });
  afterAll(async () => database.close());

  const stockByArea = async (asOf?: Date) => {
    const rows = await aidCounts(database.db, { tenantId: T, from: '2024-06-15', to: '2024-06-15', by: ['socialArea'], ...(asOf ? { asOf } : {}) });
    return Object.fromEntries(rows.map((r) => [r.group.socialArea ?? '(no case known)', r.running]));
  };

  it('counts an aid under its case social area as known at the time asked about', async () => {
    // After night 1: A1 in C1's SR 01; C9 of A3 unknown.
    expect(await stockByArea(new Date('2024-04-01T00:00:00Z'))).toEqual({ 'SR 01 Altstadt': 1, '(no case known)': 1 });
    // After night 2: C1 moved to SR 03; A2 is known, and C2 was then known in SR 02, its move not yet.
    expect(await stockByArea(new Date('2024-08-01T00:00:00Z'))).toEqual({ 'SR 03 Nord': 1, 'SR 02 Hafen': 1, '(no case known)': 1 });
    // Now: C1 deleted, C2 in SR 04, C9 known in SR 05.
    expect(await stockByArea()).toEqual({ '(no case known)': 1, 'SR 04 Süd': 1, 'SR 05 West': 1 });
  });

  it('keeps the same aids, with the same counts, as without the social area', async () => {
    for (const asOf of [new Date('2024-04-01T00:00:00Z'), new Date('2024-08-01T00:00:00Z'), undefined]) {
      const total = Object.values(await stockByArea(asOf)).reduce((a, b) => a + b, 0);
      const [plain] = await aidCounts(database.db, { tenantId: T, from: '2024-06-15', to: '2024-06-15', by: [], ...(asOf ? { asOf } : {}) });
      expect(total).toBe(plain!.running);
    }
  });

  it('splits the aids alike when rebuilt in one page', async () => {
    const split = async (generation: number) =>
      (
        await sql<Record<string, unknown>>`
          SELECT aid_id, known_from, known_to, social_area FROM aid_area_versions WHERE tenant_id = ${T} AND generation = ${generation} ORDER BY aid_id, known_from`.execute(database.db)
      ).rows;
    const incremental = await split(1);
    // A1: SR 01, SR 03, none; A2: SR 02, SR 04; A3: none, SR 05.
    expect(incremental.map((r) => `${r['aid_id']} ${r['social_area']}`)).toEqual(['A1 SR 01 Altstadt', 'A1 SR 03 Nord', 'A1 null', 'A2 SR 02 Hafen', 'A2 SR 04 Süd', 'A3 null', 'A3 SR 05 West']);
    await rebuild(database.db, T, aidHistory);
    expect(await split(2)).toEqual(incremental);
  });
});
