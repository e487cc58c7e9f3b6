import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { Position } from './event.js';
import { withEventsTable } from './events-table.js';

/*
 * Narrow questions other packages ask of the log besides reading it in order (read.ts). The
 * events table is the event store's alone, so each such question is a function here, written
 * for the caller named in its comment: the statement is the one that caller ran before, so it
 * keeps its plan and its index.
 */

/**
 * How many events of these types the office holds: the totals the projection rebuild's progress
 * bars count up to (apps/ingest, `npm run projections:rebuild`).
 */
export async function countEventsOfTypes(db: Kysely<Database>, tenantId: string, eventTypes: readonly string[]): Promise<number> {
  const { count } = await withEventsTable(db)
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('event_type', 'in', [...eventTypes])
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * How many events of these types the office holds after a position (all of them without one),
 * counted up to `limit`: a projection's lag behind the log (libs/projections' projectionLags),
 * which health checks and metrics ask often, so that the count stays cheap however far behind.
 */
export async function countEventsUpTo(db: Kysely<Database>, tenantId: string, eventTypes: readonly string[], limit: number, after?: Position): Promise<number> {
  const { rows } =
    after === undefined
      ? await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM (SELECT 1 FROM events WHERE tenant_id = ${tenantId} AND event_type = ANY(${[...eventTypes]}::text[]) LIMIT ${limit}) e`.execute(db)
      : await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM (
            SELECT 1 FROM events
            WHERE tenant_id = ${tenantId} AND (transaction_id, global_position) > (${after.transactionId}::xid8, ${after.globalPosition}::bigint)
              AND event_type = ANY(${[...eventTypes]}::text[])
            LIMIT ${limit}) e`.execute(db);
  return rows[0]!.n;
}

/**
 * Of `values`, those that one field of the state has held in any event of the office's streams
 * whose id starts with `streamPrefix`: every state ever, not only the current one. For the
 * population import, which looks here for the few social areas no case names now
 * (libs/ingest-pipeline's socialAreasOfNoCase). `path` finds the field in a row's payload (it
 * may depend on the row's event type and schema version); `streamPrefix` is the caller's
 * constant, never input: it goes into the statement as a literal, so that the planner sees it.
 */
export async function stateValuesInStreams(
  db: Kysely<Database>,
  tenantId: string,
  query: { readonly streamPrefix: string; readonly path: RawBuilder<string[]>; readonly values: readonly string[] },
): Promise<string[]> {
  const value = sql`payload #>> ${query.path}`;
  const { rows } = await sql<{ value: string }>`
    SELECT DISTINCT ${value} AS value FROM events
    WHERE tenant_id = ${tenantId} AND starts_with(stream_id, ${sql.lit(query.streamPrefix)}) AND ${value} = ANY(${query.values}::text[])`.execute(db);
  return rows.map((row) => row.value);
}

/**
 * The payload of a stream's last event, as a subquery (one row: `payload`, with the `event_type`
 * and `schema_version` that tell how to read it) for a
 * statement of the caller's to join laterally, one descent of the primary key per stream:
 * retention's sub-processes (libs/ingest-pipeline's recordsDue) keep no record state, so their
 * last event is their state, looked up for every linked sub-process in one statement.
 */
export function lastPayloadOfStream(tenantId: Expression<string>, streamId: Expression<string>): RawBuilder<{ payload: unknown; event_type: string; schema_version: number }> {
  return sql<{ payload: unknown; event_type: string; schema_version: number }>`
      SELECT payload, event_type, schema_version FROM events
      WHERE tenant_id = ${tenantId} AND stream_id = ${streamId}
      ORDER BY stream_version DESC LIMIT 1`;
}
