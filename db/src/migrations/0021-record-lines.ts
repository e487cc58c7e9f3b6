import { sql, type Kysely } from 'kysely';

/**
 * Where each record stands in the newest export that held it: file (by its import) and line, so
 * a plausibility finding can tell the team where to look in WebFM or 14plus
 * (docs/data-quality.md). Keyed by the record's surrogate: no source id, name or free text.
 * Written in the import's transaction, so a rejected or held file leaves no line behind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE record_lines (
      tenant_id  text    NOT NULL,
      source     text    NOT NULL,
      record_id  text    NOT NULL,
      import_id  uuid    NOT NULL,
      line       integer NOT NULL,
      PRIMARY KEY (tenant_id, source, record_id)
    )`.execute(db);
  await sql`ALTER TABLE record_lines ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY office_rows ON record_lines USING (tenant_id = current_setting('jugendamt.tenant_id', true))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE record_lines`.execute(db);
}
