import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { UpcasterRegistry } from '../upcasting.js';

/** For specs that look at the stored rows themselves (row-level security, unlinking, migrations): the connection widened to the events table. */
export { withEventsTable } from '../events-table.js';

/** An event's row without the columns that differ between runs (ids, positions, times of writing). */
export interface ComparableEventRow {
  readonly stream_id: string;
  readonly stream_version: number;
  readonly event_type: string;
  readonly occurred_on: string | null;
  readonly observed_at: string;
  readonly payload: unknown;
}

/**
 * Every stored event of every office, unordered, its payload as the upcasters give it to a
 * reader (as stored without any): for specs that compare two databases fed the same files.
 */
export async function comparableEventRows(db: Kysely<Database>, upcasters = new UpcasterRegistry()): Promise<ComparableEventRow[]> {
  const { rows } = await sql<ComparableEventRow & { schema_version: number }>`
    SELECT stream_id, stream_version, event_type, schema_version, occurred_on::text AS occurred_on, observed_at::text AS observed_at, payload
    FROM events`.execute(db);
  return rows.map(({ schema_version, ...row }) => ({ ...row, payload: upcasters.upcast(row.event_type, schema_version, row.payload).payload }));
}
