import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { comparePositions, START, type LoggedEvent, type Position, type StoredEvent } from './event.js';
import type { UpcasterRegistry } from './upcasting.js';

export interface ReadAllOptions {
  readonly after?: Position;
  readonly limit?: number;
  /** Only these event types; the position still advances in log order. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllResult {
  readonly events: LoggedEvent[];
  /** Where the next read continues: the last event returned, or `after` when none was. */
  readonly next: Position;
}

/** The xid8 comes back as text under its own name: an output column named `transaction_id` would capture ORDER BY and sort as text. */
interface LoggedEventRow {
  global_position: string;
  transaction_id_text: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  occurred_on: string | null;
  observed_at: Date;
  payload: unknown;
}

interface StoredEventRow extends LoggedEventRow {
  tenant_id: string;
  event_id: string;
  import_id: string | null;
  recorded_at: Date;
}

const LOGGED_COLUMNS = sql.raw('global_position, transaction_id::text AS transaction_id_text, stream_id, stream_version, event_type, schema_version, occurred_on, observed_at, payload');

/**
 * Reads the tenant's log in commit-safe order.
 *
 * Identity values are handed out at insert but become visible at commit, so a lower
 * position can appear after a higher one was read. Reading only rows of transactions
 * older than every transaction still running (`pg_snapshot_xmin`) and ordering by
 * (transaction, position) guarantees that nothing can later appear before the cursor.
 */
export async function readAll(db: Kysely<Database>, tenantId: string, upcasters: UpcasterRegistry, options: ReadAllOptions = {}): Promise<ReadAllResult> {
  const after = options.after ?? START;
  const limit = options.limit ?? 1000;
  const read = async (executor: Kysely<Database>) => {
    // Every transaction below the horizon has ended: what it wrote can no longer appear or
    // change, even for the later statements that use this horizon.
    const { rows: horizon } = await sql<{ xmin: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(executor);
    const below = sql`transaction_id < ${horizon[0]!.xmin}::xid8`;
    const typeFilter = options.eventTypes ? sql`AND event_type = ANY(${[...options.eventTypes]}::text[])` : sql``;
    const { rows } = await sql<LoggedEventRow>`
      SELECT ${LOGGED_COLUMNS}
      FROM events
      WHERE tenant_id = ${tenantId}
        AND (transaction_id, global_position) > (${after.transactionId}::xid8, ${after.globalPosition}::bigint)
        AND ${below}
        ${typeFilter}
      ORDER BY transaction_id, global_position
      LIMIT ${limit}`.execute(executor);
    if (rows.length === limit || !options.eventTypes) return { rows, seen: undefined };
    // A short page of some types has passed every event below the horizon, of any type: a
    // reader of few types (staff changes, say) moves past the many others instead of walking
    // them again on every read.
    const { rows: last } = await sql<{ transaction_id_text: string; global_position: string }>`
      SELECT transaction_id::text AS transaction_id_text, global_position FROM events
      WHERE tenant_id = ${tenantId} AND ${below}
      ORDER BY transaction_id DESC, global_position DESC
      LIMIT 1`.execute(executor);
    return { rows, seen: last[0] && { transactionId: last[0].transaction_id_text, globalPosition: String(last[0].global_position) } };
  };
  // Right after a large import the statistics are stale and the planner would fetch and sort
  // every remaining row for each page; walking the commit-order index is always the right plan.
  const { rows, seen } = db.isTransaction
    ? await read(db)
    : await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_sort = off`.execute(trx);
        return read(trx);
      });
  const events = rows.map((row) => toLoggedEvent(row, upcasters));
  const last = events.at(-1)?.position ?? after;
  return { events, next: seen && comparePositions(seen, last) > 0 ? seen : last };
}

export async function readStream(db: Kysely<Database>, tenantId: string, streamId: string, upcasters: UpcasterRegistry): Promise<StoredEvent[]> {
  const { rows } = await sql<StoredEventRow>`
    SELECT ${LOGGED_COLUMNS}, tenant_id, event_id, import_id, recorded_at
    FROM events
    WHERE tenant_id = ${tenantId} AND stream_id = ${streamId}
    ORDER BY stream_version`.execute(db);
  return rows.map((row) => toStoredEvent(row, upcasters));
}

/**
 * The last event of each of these streams, as this reader sees them (a transaction sees its own
 * appends). A stream without events is missing from the map.
 */
export async function readLastEvents(db: Kysely<Database>, tenantId: string, streamIds: readonly string[], upcasters: UpcasterRegistry): Promise<Map<string, LoggedEvent>> {
  if (streamIds.length === 0) return new Map();
  // One descent of the primary key per stream, whatever the statistics say.
  const { rows } = await sql<LoggedEventRow>`
    SELECT last.* FROM unnest(${[...streamIds]}::text[]) AS wanted(stream_id)
    CROSS JOIN LATERAL (
      SELECT ${LOGGED_COLUMNS} FROM events
      WHERE tenant_id = ${tenantId} AND stream_id = wanted.stream_id
      ORDER BY stream_version DESC LIMIT 1
    ) AS last`.execute(db);
  return new Map(rows.map((row) => [row.stream_id, toLoggedEvent(row, upcasters)]));
}

function toLoggedEvent(row: LoggedEventRow, upcasters: UpcasterRegistry): LoggedEvent {
  const { schemaVersion, payload } = upcasters.upcast(row.event_type, row.schema_version, row.payload);
  return {
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.event_type,
    schemaVersion,
    payload,
    occurredOn: row.occurred_on,
    observedAt: row.observed_at,
    position: { transactionId: row.transaction_id_text, globalPosition: String(row.global_position) },
  };
}

function toStoredEvent(row: StoredEventRow, upcasters: UpcasterRegistry): StoredEvent {
  return {
    ...toLoggedEvent(row, upcasters),
    eventId: row.event_id,
    tenantId: row.tenant_id,
    importId: row.import_id,
    recordedAt: row.recorded_at,
  };
}
