import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseBackend } from '@jugendamt/db';
import type { EventStoreDatabase } from '@jugendamt/event-store';

/** The tables a redaction changes: their old row versions still hold the value until rewritten. */
export const REDACTED_TABLES = ['events', 'ingest_record_state', 'import_findings'] as const satisfies readonly (keyof EventStoreDatabase)[];

/** The login cannot rewrite a table: a VACUUM would skip it with a mere warning, and the old row versions stay. */
export class RewriteNotAllowed extends Error {}

/**
 * Only the owner of a table (or a member of its owner, or a superuser) may rewrite it; anyone
 * else's VACUUM skips the table with a warning. Asked before the redaction, so that it does not
 * commit what it then could not clean up.
 */
export async function mustBeAllowedToRewrite(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  const { rows } = await sql<{ table: string; login: string }>`
    SELECT c.relname AS table, session_user AS login FROM pg_class c
    WHERE c.oid = ANY(${tables.map((t) => `public.${t}`)}::regclass[]) AND NOT pg_has_role(current_user, c.relowner, 'USAGE')
    ORDER BY c.relname`.execute(db);
  if (rows.length > 0) {
    throw new RewriteNotAllowed(
      `the login ${rows[0]!.login} does not act for the owner of ${rows.map((r) => r.table).join(', ')}, so it could not remove the old row versions after a redaction: ` +
        'a database administrator makes it a member of the owner (see docs/architecture.md); nothing was changed',
    );
  }
}

export interface OldSnapshots {
  /**
   * Sessions of this database whose snapshot may still see row versions the changes replaced,
   * and transactions anywhere in the cluster (prepared ones included) that began before them:
   * every snapshot taken while such a writer runs, the rewrite's own included, takes its xmin
   * from that writer, whichever database it is in.
   */
  readonly sessions: number;
  /** The server processes of those sessions, for an operator to find them (pg_stat_activity). */
  readonly pids: readonly number[];
  /** Replication slots that keep old row versions for a standby or a logical consumer. */
  readonly replicationSlots: number;
}

/**
 * The first transaction id not yet given out (the current snapshot's xmax, as a 32-bit xid):
 * asked right after changes committed, every snapshot whose xmin lies below it may still
 * read the row versions they replaced, and one at or above it cannot.
 */
export async function transactionHorizon(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ horizon: string }>`
    SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text AS horizon`.execute(db);
  return rows[0]!.horizon;
}

/**
 * Waits, at most `timeoutMs`, until no session of this database holds a snapshot older than
 * `horizon` (see transactionHorizon) and no writer of the cluster began before it: VACUUM FULL
 * copies every row version such a snapshot could still read, the value's included. Compared by transaction id, not by start time: a
 * transaction begun after the changes took the xmin of whatever older one ran at its start,
 * and an autovacuum's ANALYZE of another table holds a snapshot just like a session (only its
 * VACUUM does not). Says what still holds them back when the time is up.
 */
export async function untilOldSnapshotsEnd(db: Kysely<Database>, backend: DatabaseBackend, horizon: string, timeoutMs: number): Promise<OldSnapshots> {
  // The embedded database has one session: this one.
  if (backend === 'pglite') return { sessions: 0, pids: [], replicationSlots: 0 };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ pids: number[]; prepared: string; olderWriter: boolean; slots: string }>`
      SELECT
        (SELECT coalesce(array_agg(pid ORDER BY pid), '{}') FROM pg_stat_activity
          WHERE pid <> pg_backend_pid()
            AND (age(backend_xid) > age(${horizon}::xid)
              OR (datname = current_database() AND (backend_type <> 'autovacuum worker' OR query LIKE '%ANALYZE%') AND age(backend_xmin) > age(${horizon}::xid)))) AS pids,
        (SELECT count(*) FROM pg_prepared_xacts WHERE age(transaction) > age(${horizon}::xid)) AS prepared,
        -- The oldest writer still running, seen without the rights to read other logins' sessions.
        age((pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296)::text::xid) > age(${horizon}::xid) AS "olderWriter",
        (SELECT count(*) FROM pg_replication_slots WHERE xmin IS NOT NULL OR (database = current_database() AND catalog_xmin IS NOT NULL)) AS slots`.execute(db);
    const { pids, prepared, olderWriter, slots } = rows[0]!;
    const held = { sessions: Math.max(pids.length + Number(prepared), olderWriter ? 1 : 0), pids, replicationSlots: Number(slots) };
    if ((held.sessions === 0 && held.replicationSlots === 0) || Date.now() >= deadline) return held;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Rewrites each table into new files without its dead row versions and drops the old files:
 * a plain VACUUM only marks the space free, the bytes stay in the pages until overwritten.
 * The statistics are gathered afresh too, since their most common values may quote the value.
 * Each table is locked against reads and writes while it is rewritten.
 */
export async function rewriteTables(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await sql`VACUUM (FULL, ANALYZE) ${sql.table(table)}`.execute(db);
}
