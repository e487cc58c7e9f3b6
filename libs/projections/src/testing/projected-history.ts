import { DEFAULT_TENANT_ID, ensureTenant, type DatabaseBackend } from '@jugendamt/db';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import type { CaseWorkEventType } from '@jugendamt/domain';
import { EventStore } from '@jugendamt/event-store';
import { catchUp } from '../runtime/catch-up.js';
import type { Projection } from '../runtime/projection.js';

/** Appends one hand-made event with the observation time of the export it would have come from: a misspelt type does not compile. */
export type AppendEvent = (observedAt: Date, type: CaseWorkEventType, streamId: string, payload: unknown) => Promise<unknown>;

/**
 * A test database holding a hand-made history of the default office, with the projections
 * caught up on it: the ground of the KPI tests, whose expected numbers are worked out by hand.
 */
export async function projectedHistory(backend: DatabaseBackend, given: (append: AppendEvent) => Promise<void>, projections: readonly Projection[]): Promise<TestDatabase> {
  const database = await createTestDatabase(backend);
  await ensureTenant(database.db, DEFAULT_TENANT_ID, DEFAULT_TENANT_ID);
  const store = new EventStore(database.db);
  let n = 0;
  await given((observedAt, type, streamId, payload) => store.append(DEFAULT_TENANT_ID, [{ streamId, expectedVersion: 'any', events: [{ type, payload, observedAt, idempotencyKey: `test-${++n}` }] }]));
  await untilEventsReadable(database.db);
  for (const projection of projections) await catchUp(database.db, DEFAULT_TENANT_ID, projection);
  return database;
}
