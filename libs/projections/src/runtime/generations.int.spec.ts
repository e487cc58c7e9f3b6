import { ensureTenant, openDatabase, type DatabaseHandle } from '@jugendamt/db';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { catchUpAll, PROJECTIONS } from '../index.js';
import { createGeneration } from './generations.js';

/**
 * Two processes starting on a fresh database (two CLIs, an API and a worker) both find no
 * active generation and both create one: the second must find the first's, not fail on the
 * one-active index. Two pools on one real PostgreSQL, as two processes would hold.
 */
describe('creating the first generation from two connections at once (postgres)', () => {
  let database: TestDatabase;
  let other: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    other = await openDatabase({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });

  it('gives both catch-ups the same active generation, for every office started side by side', async () => {
    const offices = Array.from({ length: 12 }, (_, i) => `office-${i}`);
    for (const office of offices) await ensureTenant(database.db, office, office);
    await Promise.all(offices.flatMap((office) => [catchUpAll(database.db, office), catchUpAll(other.db, office)]));

    const generations = await database.db.selectFrom('projection_generations').select(['tenant_id', 'projection', 'generation', 'status']).execute();
    expect(generations).toHaveLength(offices.length * PROJECTIONS.length);
    expect(generations.every((g) => g.generation === 1 && g.status === 'active')).toBe(true);
  });

  it('returns the generation another connection activated meanwhile instead of a second active one', async () => {
    await ensureTenant(database.db, 'late', 'late');
    const created = await Promise.all(Array.from({ length: 6 }, (_, i) => createGeneration(i % 2 ? other.db : database.db, 'late', 'aid-history', 'active', {})));
    expect(new Set(created)).toEqual(new Set([1]));
    // A building generation is always a new one: a rebuild beside the serving generation.
    expect(await createGeneration(database.db, 'late', 'aid-history', 'building', {})).toBe(2);
  });
});
