import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

/**
 * The `events` table (migration 0001), the event store's own: `@jugendamt/db`'s `Database` does
 * not list it, so that other packages reach the events only through this package's functions.
 * bigint and xid8 columns come back as strings: JavaScript numbers would lose precision.
 */
export interface EventsTable {
  global_position: ColumnType<string, never, never>;
  transaction_id: ColumnType<string, never, never>;
  tenant_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  occurred_on: string | null;
  observed_at: Date;
  import_id: string | null;
  /** Events appended since migration 0023 store none (NULL): the event id is derived from it. */
  idempotency_key: string | null;
  payload: unknown;
  recorded_at: ColumnType<Date, never, never>;
}

/** The event store's tables, for Kysely (a type, not an interface: `withTables` wants an index signature). */
export type EventStoreTables = { events: EventsTable };

/** A database with the event store's table: what a typed query of `events` needs. */
export type EventStoreDatabase = Database & EventStoreTables;

/**
 * The one place the event store widens a connection to its own table (a transaction stays a
 * transaction). Connections are typed `Kysely<Database>` everywhere, so the store's functions
 * take that and widen it here when they build a query with Kysely rather than with `sql`.
 */
export function withEventsTable(db: Kysely<Database>): Kysely<EventStoreDatabase> {
  return db.withTables<EventStoreTables>();
}
