import { sql, type Kysely } from 'kysely';

/**
 * Aids by social area (docs/kpis.md 2) without joining every aid to its case on each query: the
 * aid projection keeps each aid version split where its case's social area changes over
 * knowledge time (`aid_area_versions`), and finds an aid by its case when the case changes.
 *
 * The aid projection's existing tables were built without it: its generations are dropped
 * here, and the next catch-up rebuilds it from the events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE aid_area_versions (
      tenant_id       text        NOT NULL,
      generation      integer     NOT NULL,
      aid_id          text        NOT NULL,
      known_from      timestamptz NOT NULL,
      known_to        timestamptz,
      paragraph       text,
      setting         text,
      educational_aid boolean     NOT NULL,
      begin_on        date        NOT NULL,
      end_on          date,
      team            text        NOT NULL,
      social_area     text,
      PRIMARY KEY (tenant_id, generation, aid_id, known_from)
    )`.execute(db);
  await sql`CREATE INDEX aid_area_versions_current ON aid_area_versions (tenant_id, generation, aid_id) WHERE known_to IS NULL`.execute(db);
  await sql`CREATE INDEX aid_versions_by_case ON aid_versions (tenant_id, generation, case_id)`.execute(db);

  await sql`DELETE FROM aid_versions`.execute(db);
  await sql`DELETE FROM case_versions`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE projection LIKE 'aid-history@%'`.execute(db);
  await sql`DELETE FROM projection_generations WHERE projection = 'aid-history'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX aid_versions_by_case`.execute(db);
  await sql`DROP TABLE aid_area_versions`.execute(db);
}
