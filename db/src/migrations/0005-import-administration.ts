import { sql, type Kysely } from 'kysely';

/**
 * What the administrator decides about imports. `import_schedules` is the truth about when
 * each source is imported (BullMQ's job schedulers in Redis are kept in line with it, so a
 * Redis that loses its data loses no schedule). `import_decisions` records who confirmed or
 * rejected a held import, beside the import itself, which stays as it was recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE import_schedules (
      tenant_id   text        NOT NULL REFERENCES tenants (tenant_id),
      source      text        NOT NULL,
      cron        text        NOT NULL,
      time_zone   text        NOT NULL,
      paused      boolean     NOT NULL DEFAULT false,
      updated_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, source)
    )`.execute(db);
  await sql`
    CREATE TABLE import_decisions (
      tenant_id   text        NOT NULL,
      import_id   uuid        NOT NULL,
      decision    text        NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
      decided_by  text        NOT NULL,
      decided_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, import_id)
    )`.execute(db);
  await sql`CREATE INDEX imports_by_start ON imports (tenant_id, started_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX imports_by_start`.execute(db);
  await sql`DROP TABLE import_decisions`.execute(db);
  await sql`DROP TABLE import_schedules`.execute(db);
}
