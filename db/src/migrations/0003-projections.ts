import { sql, type Kysely } from 'kysely';

/**
 * Projection tables: what the KPIs are computed from.
 *
 * Every fact is kept with the knowledge time it was valid for: `known_from` is the observation
 * time of the export that showed it, `known_to` the observation that replaced or deleted it
 * (null while current). "As known at T" is `known_from <= T AND (known_to IS NULL OR known_to > T)`,
 * as cheap as the current state.
 *
 * Every row carries its projection's `generation`: a rebuild writes a new generation beside the
 * one that keeps serving reads, and switches when it has caught up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE projection_generations (
      tenant_id          text        NOT NULL,
      projection         text        NOT NULL,
      generation         integer     NOT NULL,
      status             text        NOT NULL CHECK (status IN ('building', 'active', 'retired')),
      catalogue_versions jsonb       NOT NULL,
      created_at         timestamptz NOT NULL DEFAULT now(),
      activated_at       timestamptz,
      PRIMARY KEY (tenant_id, projection, generation)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX projection_generations_one_active ON projection_generations (tenant_id, projection) WHERE status = 'active'`.execute(db);

  // An office's catalogues (aid types, process times, ...): every change is a new version.
  await sql`
    CREATE TABLE catalogues (
      tenant_id  text        NOT NULL,
      name       text        NOT NULL,
      version    integer     NOT NULL,
      content    jsonb       NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, name, version)
    )`.execute(db);

  const versioned = (table: string, idColumn: string, columns: string) => sql`
    CREATE TABLE ${sql.table(table)} (
      tenant_id  text        NOT NULL,
      generation integer     NOT NULL,
      ${sql.raw(idColumn)}   text NOT NULL,
      known_from timestamptz NOT NULL,
      known_to   timestamptz,
      ${sql.raw(columns)},
      PRIMARY KEY (tenant_id, generation, ${sql.raw(idColumn)}, known_from)
    )`;

  await versioned(
    'aid_versions',
    'aid_id',
    `case_id text NOT NULL, aid_type text NOT NULL, paragraph text, referenced_paragraph text, setting text,
     educational_aid boolean NOT NULL, begin_on date NOT NULL, end_on date, reason_of_ending text,
     residence_after text, team text NOT NULL`,
  ).execute(db);
  await versioned('case_versions', 'case_id', `file_reference text NOT NULL, social_area text NOT NULL, team text NOT NULL, begin_on date NOT NULL, end_on date`).execute(db);
  await versioned('staff_versions', 'staff_id', `team text NOT NULL, team_since date NOT NULL, role text NOT NULL, fte numeric(4, 3) NOT NULL, joined_on date NOT NULL, left_on date`).execute(db);
  await versioned('sub_process_versions', 'sub_process_id', `team text NOT NULL, core_process text NOT NULL, sub_process_code text NOT NULL, status text NOT NULL, completed_on date`).execute(db);
  await versioned(
    'chronicle_entry_versions',
    'entry_no',
    `file_reference text NOT NULL, entry_date date NOT NULL, unit text NOT NULL, entry_type text NOT NULL, aid_type text,
     paragraph text, setting text, amount_cents bigint, cancelling boolean NOT NULL, cancels_entry_no text, cancelled boolean NOT NULL`,
  ).execute(db);

  // Completed sub-processes per team, code and month of completion, as changes in knowledge:
  // +1 when a version that counts became known, -1 when it stopped. "As known at T" is the sum
  // of the changes known by T: a few thousand rows for a large city, not millions of facts.
  await sql`
    CREATE TABLE sub_process_count_changes (
      tenant_id        text        NOT NULL,
      generation       integer     NOT NULL,
      team             text        NOT NULL,
      core_process     text        NOT NULL,
      sub_process_code text        NOT NULL,
      month            date        NOT NULL,
      known_from       timestamptz NOT NULL,
      delta            integer     NOT NULL,
      PRIMARY KEY (tenant_id, generation, month, team, core_process, sub_process_code, known_from)
    )`.execute(db);

  // 14plus entries that count (neither cancelled nor cancelling) per unit, type, aid type and
  // month of Datum, as changes in knowledge like the sub-process counts: entries and euros.
  await sql`
    CREATE TABLE chronicle_sum_changes (
      tenant_id  text        NOT NULL,
      generation integer     NOT NULL,
      unit       text        NOT NULL,
      entry_type text        NOT NULL,
      aid_type   text        NOT NULL,
      paragraph  text        NOT NULL,
      setting    text        NOT NULL,
      month      date        NOT NULL,
      known_from timestamptz NOT NULL,
      entries    integer     NOT NULL,
      cents      bigint      NOT NULL,
      abs_cents  bigint      NOT NULL,
      PRIMARY KEY (tenant_id, generation, month, unit, entry_type, aid_type, paragraph, setting, known_from)
    )`.execute(db);

  // Current facts (known_to IS NULL) are what most queries and every projection update touch.
  for (const [table, id] of [
    ['aid_versions', 'aid_id'],
    ['case_versions', 'case_id'],
    ['staff_versions', 'staff_id'],
    ['sub_process_versions', 'sub_process_id'],
    ['chronicle_entry_versions', 'entry_no'],
  ] as const) {
    await sql`CREATE INDEX ${sql.raw(`${table}_current`)} ON ${sql.table(table)} (tenant_id, generation, ${sql.raw(id)}) WHERE known_to IS NULL`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'chronicle_sum_changes',
    'sub_process_count_changes',
    'chronicle_entry_versions',
    'sub_process_versions',
    'staff_versions',
    'case_versions',
    'aid_versions',
    'catalogues',
    'projection_generations',
  ]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
