import { sql, type Kysely } from 'kysely';

/**
 * Costs by team (docs/kpis.md 7) from monthly sums, like the other 14plus sums. An entry's team is
 * its linked case's as known at the time asked about, so the chronicle projection now keeps
 * which case carries which Aktenzeichen in which team (`chronicle_case_links`), and moves an
 * entry's sums from one team to the other when that changes (`team_cost_changes`).
 *
 * The chronicle projection's existing tables were built without them: its generations are
 * dropped here, and the next catch-up rebuilds it from the events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE chronicle_case_links (
      tenant_id      text        NOT NULL,
      generation     integer     NOT NULL,
      case_id        text        NOT NULL,
      known_from     timestamptz NOT NULL,
      known_to       timestamptz,
      file_reference text        NOT NULL,
      team           text        NOT NULL,
      PRIMARY KEY (tenant_id, generation, case_id, known_from)
    )`.execute(db);
  await sql`CREATE INDEX chronicle_case_links_current ON chronicle_case_links (tenant_id, generation, case_id) WHERE known_to IS NULL`.execute(db);
  await sql`CREATE INDEX chronicle_case_links_by_file_reference ON chronicle_case_links (tenant_id, generation, file_reference)`.execute(db);
  // A case that changes team moves the sums of its entries: they are found by Aktenzeichen.
  await sql`CREATE INDEX chronicle_entry_versions_by_file_reference ON chronicle_entry_versions (tenant_id, generation, file_reference)`.execute(db);
  // Whether an arriving entry was cancelled already: without it, each page read every entry.
  await sql`CREATE INDEX chronicle_entry_versions_cancellations ON chronicle_entry_versions (tenant_id, generation, cancels_entry_no) WHERE cancelling AND known_to IS NULL`.execute(db);

  // Payments, contributions and refunds that count, per team (empty: no case known), aid type
  // and month of Datum, as changes in knowledge.
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

  await sql`DELETE FROM chronicle_sum_changes`.execute(db);
  await sql`DELETE FROM chronicle_entry_versions`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE projection LIKE 'chronicle-history@%'`.execute(db);
  await sql`DELETE FROM projection_generations WHERE projection = 'chronicle-history'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE team_cost_changes`.execute(db);
  await sql`DROP INDEX chronicle_entry_versions_cancellations`.execute(db);
  await sql`DROP INDEX chronicle_entry_versions_by_file_reference`.execute(db);
  await sql`DROP TABLE chronicle_case_links`.execute(db);
}
