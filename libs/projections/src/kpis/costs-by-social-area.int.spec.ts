import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { activeGeneration } from '../runtime/generations.js';
import { NIGHT_0, NIGHT_1, NIGHT_2, NIGHT_3, socialAreaOffice } from '../testing/social-area-office.js';
import { costs, costsFromFacts, costsFromSums, type CostRow } from './chronicle-kpis.js';

const T = DEFAULT_TENANT_ID;
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

const figures = (rows: readonly CostRow[]) => rows.map((r) => [r.group.socialArea, r.grossCents, r.incomeCents, r.netCents]);

describe.each(TEST_BACKENDS)('costs by social area (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await socialAreaOffice(backend);
  });
  afterAll(async () => database.close());

  it("sums costs by the linked case's social area as known at the time asked, unlinked entries under null", async () => {
    const byArea = (asOf?: Date) => costs(database.db, { tenantId: T, ...YEAR_2025, asOf, by: ['socialArea'], granularity: 'total' });
    // Before NIGHT_2, C1 (R1: E1, E2) lies in SR 01; C2 (R2: E4) in SR 02; E9 is of 2024.
    expect(figures(await byArea(NIGHT_1))).toEqual([
      ['SR 01 Altstadt', 100_000, 10_000, 90_000],
      ['SR 02 Neustadt', 50_000, 0, 50_000],
    ]);
    // NIGHT_2 moves C1 to SR 02 with its entries (E1, E2 and the new E3); E7 of R9 links to no case.
    expect(figures(await byArea(NIGHT_2))).toEqual([
      ['SR 02 Neustadt', 240_000, 10_000, 230_000],
      [null, 15_000, 0, 15_000],
    ]);
    expect(figures(await byArea())).toEqual([
      ['SR 02 Neustadt', 260_000, 10_000, 250_000],
      [null, 15_000, 5_000, 10_000],
    ]);
    // A part of a month is read from the entries: E4 of 31.01. lies outside.
    const partOfJanuary = await costs(database.db, { tenantId: T, from: '2025-01-01', to: '2025-01-20', asOf: NIGHT_1, by: ['socialArea'], granularity: 'total' });
    expect(figures(partOfJanuary)).toEqual([['SR 01 Altstadt', 100_000, 10_000, 90_000]]);
  });

  it('gives the same costs by social area and team from the monthly sums as from the entries, at every night', async () => {
    const { generation } = (await activeGeneration(database.db, T, 'chronicle-history'))!;
    for (const asOf of [undefined, NIGHT_0, NIGHT_1, NIGHT_2, NIGHT_3]) {
      const query = { tenantId: T, from: '2024-01-01', to: '2025-12-31', asOf, by: ['socialArea', 'team'] as const, granularity: 'month' as const };
      const fromSums = await costsFromSums(database.db, query, generation);
      expect(fromSums.length).toBeGreaterThan(0);
      expect(fromSums).toEqual(await costsFromFacts(database.db, query, generation));
    }
  });
});
