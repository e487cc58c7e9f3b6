import { sql, type Kysely } from 'kysely';

/**
 * The young population per social area (einwohner files, docs/exports.md), as known over time:
 * one version per (Stichtag, band, social area), like every other fact. KPI 9 relates cases and
 * costs to it. Row-level security as every office's table has it (migration 0017).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE population_versions (
      tenant_id     text        NOT NULL,
      generation    integer     NOT NULL,
      population_id text        NOT NULL,
      known_from    timestamptz NOT NULL,
      known_to      timestamptz,
      stichtag      date        NOT NULL,
      social_area   text        NOT NULL,
      age_from      integer     NOT NULL,
      age_to        integer     NOT NULL,
      residents     integer     NOT NULL,
      PRIMARY KEY (tenant_id, generation, population_id, known_from)
    )`.execute(db);
  await sql`CREATE INDEX population_versions_current ON population_versions (tenant_id, generation, population_id) WHERE known_to IS NULL`.execute(db);
  await sql`ALTER TABLE population_versions ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY office_rows ON population_versions USING (tenant_id = current_setting('jugendamt.tenant_id', true))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE population_versions`.execute(db);
}
