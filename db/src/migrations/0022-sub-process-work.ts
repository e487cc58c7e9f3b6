import { sql, type Kysely } from 'kysely';

/**
 * How good the sub-process KPIs' base is (docs/data-quality.md): every sub-process in work in a
 * period, as known at any time. Read from the versions, that is a scan of a large city's year
 * of sub-processes per answer; kept as changes in knowledge per team, month begun and month
 * completed ('' while not), it is a sum over a few thousand rows. The rule on it, open longer
 * than a limit, reads only the sub-processes open now, by the day each began.
 *
 * The sub-process projection's existing generations were built without the table: they are
 * dropped here, and the next catch-up rebuilds it from the events (as 0020 did).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await dropSubProcessGenerations(db);
  await sql`
    CREATE TABLE sub_process_work_changes (
      tenant_id      text        NOT NULL,
      generation     integer     NOT NULL,
      team           text        NOT NULL,
      until_month    text        NOT NULL,
      month          date        NOT NULL,
      known_from     timestamptz NOT NULL,
      delta          integer     NOT NULL,
      PRIMARY KEY (tenant_id, generation, month, team, until_month, known_from)
    )`.execute(db);
  await sql`ALTER TABLE sub_process_work_changes ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY office_rows ON sub_process_work_changes USING (tenant_id = current_setting('jugendamt.tenant_id', true))`.execute(db);
  // Holding every column the rule reads, so that the open sub-processes are read from it alone.
  await sql`
    CREATE INDEX sub_process_versions_open_now ON sub_process_versions (tenant_id, generation, begun_on)
    INCLUDE (team, sub_process_code, completed_on, status) WHERE known_to IS NULL AND status = 'offen'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropSubProcessGenerations(db);
  await sql`DROP INDEX sub_process_versions_open_now`.execute(db);
  await sql`DROP TABLE sub_process_work_changes`.execute(db);
}

async function dropSubProcessGenerations(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM sub_process_count_changes`.execute(db);
  await sql`DELETE FROM sub_process_versions`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE projection LIKE 'sub-process-history@%'`.execute(db);
  await sql`DELETE FROM projection_generations WHERE projection = 'sub-process-history'`.execute(db);
}
