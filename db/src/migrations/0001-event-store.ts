import { sql, type Kysely } from 'kysely';

/**
 * The event store and its bookkeeping.
 *
 * `transaction_id` records the writing transaction so readers can follow the log
 * without skipping rows whose identity value committed late (see event-store's reader).
 * The primary key (tenant, stream, version) is also the optimistic-concurrency guard:
 * two writers of the same stream version cannot both commit.
 * Events are guarded by triggers, not by convention: no role, owner included,
 * can update, delete or truncate them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tenants (
      tenant_id  text PRIMARY KEY,
      name       text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE events (
      global_position bigint GENERATED ALWAYS AS IDENTITY,
      transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
      tenant_id       text        NOT NULL,
      event_id        uuid        NOT NULL,
      stream_id       text        NOT NULL,
      stream_version  integer     NOT NULL CHECK (stream_version > 0),
      event_type      text        NOT NULL,
      schema_version  smallint    NOT NULL CHECK (schema_version > 0),
      occurred_on     date,
      observed_at     timestamptz NOT NULL,
      import_id       uuid,
      idempotency_key text        NOT NULL,
      payload         jsonb       NOT NULL,
      recorded_at     timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_stream_version_unique PRIMARY KEY (tenant_id, stream_id, stream_version),
      CONSTRAINT events_idempotency_key_unique UNIQUE (tenant_id, idempotency_key)
    )`.execute(db);
  await sql`CREATE INDEX events_commit_order ON events (tenant_id, transaction_id, global_position)`.execute(db);

  await sql`
    CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'events are immutable: % on events is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_immutable()`.execute(db);
  await sql`
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable()`.execute(db);

  await sql`
    CREATE TABLE imports (
      tenant_id        text        NOT NULL,
      import_id        uuid        NOT NULL,
      source           text        NOT NULL,
      file_name        text        NOT NULL,
      content_sha256   text        NOT NULL,
      observed_at      timestamptz NOT NULL,
      status           text        NOT NULL,
      rows_read        integer     NOT NULL DEFAULT 0,
      events_appended  integer     NOT NULL DEFAULT 0,
      rows_quarantined integer     NOT NULL DEFAULT 0,
      message          text,
      started_at       timestamptz NOT NULL DEFAULT now(),
      finished_at      timestamptz,
      PRIMARY KEY (tenant_id, import_id)
    )`.execute(db);
  await sql`CREATE INDEX imports_by_source ON imports (tenant_id, source, observed_at)`.execute(db);
  await sql`CREATE INDEX imports_by_content ON imports (tenant_id, content_sha256)`.execute(db);

  await sql`
    CREATE TABLE projection_checkpoints (
      tenant_id       text        NOT NULL,
      projection      text        NOT NULL,
      transaction_id  xid8        NOT NULL,
      global_position bigint      NOT NULL,
      updated_at      timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, projection)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the event store is never rolled back: events are kept for ever');
}
