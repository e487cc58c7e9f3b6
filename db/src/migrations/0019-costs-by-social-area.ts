import { sql, type Kysely } from 'kysely';

/**
 * Costs by social area (docs/kpis.md 7 and 10). An entry's social area is its linked case's as
 * known at the time asked about, as its team is: the chronicle projection now keeps each case's
 * social area with its Aktenzeichen and team (`chronicle_case_links.social_area`), and the sums
 * per team become sums per linked case's team and social area (`case_cost_changes`, formerly
 * `team_cost_changes`).
 *
 * The chronicle projection's existing tables were built without them: its generations are
 * dropped here, and the next catch-up rebuilds it from the events (as 0006 did).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await dropChronicleGenerations(db);
  await sql`ALTER TABLE chronicle_case_links ADD COLUMN social_area text NOT NULL`.execute(db);

  await sql`DROP TABLE team_cost_changes`.execute(db);
  // Payments, contributions and refunds that count, per team and social area of the linked case
  // (both empty: no case known), aid type and month of Datum, as changes in knowledge.
  await sql`
    CREATE TABLE case_cost_changes (
      tenant_id   text        NOT NULL,
      generation  integer     NOT NULL,
      team        text        NOT NULL,
      social_area text        NOT NULL,
      entry_type  text        NOT NULL,
      aid_type    text        NOT NULL,
      paragraph   text        NOT NULL,
      setting     text        NOT NULL,
      month       date        NOT NULL,
      known_from  timestamptz NOT NULL,
      entries     integer     NOT NULL,
      cents       bigint      NOT NULL,
      abs_cents   bigint      NOT NULL,
      PRIMARY KEY (tenant_id, generation, month, team, social_area, entry_type, aid_type, paragraph, setting, known_from)
    )`.execute(db);
  await officeRows(db, 'case_cost_changes');
  // A period ending within a month reads that month's days from the entries (KPI 10 to a day).
  await sql`CREATE INDEX chronicle_entry_versions_by_date ON chronicle_entry_versions (tenant_id, generation, entry_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropChronicleGenerations(db);
  await sql`DROP INDEX chronicle_entry_versions_by_date`.execute(db);
  await sql`DROP TABLE case_cost_changes`.execute(db);
  await sql`
    CREATE TABLE team_cost_changes (
      tenant_id  text        NOT NULL,
      generation integer     NOT NULL,
      team       text        NOT NULL,
      entry_type text        NOT NULL,
      aid_type   text        NOT NULL,
      paragraph  text        NOT NULL,
      setting    text        NOT NULL,
      month      date        NOT NULL,
      known_from timestamptz NOT NULL,
      entries    integer     NOT NULL,
      cents      bigint      NOT NULL,
      abs_cents  bigint      NOT NULL,
      PRIMARY KEY (tenant_id, generation, month, team, entry_type, aid_type, paragraph, setting, known_from)
    )`.execute(db);
  await officeRows(db, 'team_cost_changes');
  await sql`ALTER TABLE chronicle_case_links DROP COLUMN social_area`.execute(db);
}

/** The policy migration 0017 gives every table with an office's rows (the grants come by its default privileges). */
async function officeRows(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY office_rows ON ${sql.table(table)} USING (tenant_id = current_setting('jugendamt.tenant_id', true))`.execute(db);
}

async function dropChronicleGenerations(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM chronicle_sum_changes`.execute(db);
  await sql`DELETE FROM chronicle_case_links`.execute(db);
  await sql`DELETE FROM chronicle_entry_versions`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE projection LIKE 'chronicle-history@%'`.execute(db);
  await sql`DELETE FROM projection_generations WHERE projection = 'chronicle-history'`.execute(db);
}
