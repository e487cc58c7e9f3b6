import { sql, type Kysely } from 'kysely';

/**
 * Ingest bookkeeping.
 *
 * `ingest_record_state` is the last applied state of every record per source: what the next
 * snapshot is diffed against and what a delta row is compared with. It is derived data (each
 * event carries the full state), written in the same transaction as the events.
 * `import_findings` is the data-quality report of an import: file, line, column, reason.
 * Neither holds names, birth dates, free text or raw identifiers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ingest_record_state (
      tenant_id      text        NOT NULL,
      source         text        NOT NULL,
      record_id      text        NOT NULL,
      stream_version integer     NOT NULL,
      content_hash   text        NOT NULL,
      state          jsonb,
      deleted        boolean     NOT NULL DEFAULT false,
      observed_at    timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, source, record_id)
    )`.execute(db);

  // 14plus entries find their WebFM case by the pseudonymised Aktenzeichen.
  await sql`
    CREATE INDEX ingest_record_state_case_by_file_reference ON ingest_record_state (tenant_id, (state->>'fileReference'))
    WHERE source = 'webfm_faelle'`.execute(db);

  await sql`
    CREATE TABLE import_findings (
      tenant_id   text    NOT NULL,
      import_id   uuid    NOT NULL,
      finding_no  integer NOT NULL,
      severity    text    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
      code        text    NOT NULL,
      line        integer,
      field       text,
      column_name text,
      message     text    NOT NULL,
      PRIMARY KEY (tenant_id, import_id, finding_no)
    )`.execute(db);

  await sql`ALTER TABLE imports ADD COLUMN rows_skipped integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE imports ADD COLUMN deletion_share real`.execute(db);
  await sql`
    CREATE UNIQUE INDEX imports_applied_content ON imports (tenant_id, content_sha256)
    WHERE status = 'applied'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('ingest bookkeeping is not rolled back');
}
