import { sql, type Kysely } from 'kysely';

/**
 * The access log (Protokollierung, Art. 5(2) and 32 GDPR): one row per API request of a caller,
 * who (role and token id or sign-on subject), what (route, parameters, format), when and with
 * what outcome. Append-only: no update, no truncate; a row can only be deleted once it is older
 * than the retention the deleting transaction names, and that retention is at least 180 days,
 * so that no one can erase what was just read by asking for a short retention.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE access_log (
      entry_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id   text        REFERENCES tenants (tenant_id),
      at          timestamptz NOT NULL DEFAULT now(),
      role        text,
      subject     text,
      method      text        NOT NULL,
      route       text        NOT NULL,
      parameters  jsonb       NOT NULL DEFAULT '{}',
      format      text,
      status      integer     NOT NULL,
      outcome     text        NOT NULL CHECK (outcome IN ('answered', 'refused', 'failed')),
      duration_ms integer     NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX access_log_by_tenant_and_time ON access_log (tenant_id, at)`.execute(db);
  await sql`
    CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      retention_days integer := nullif(current_setting('jugendamt.access_log_retention_days', true), '')::integer;
    BEGIN
      IF TG_OP = 'DELETE' AND retention_days >= 180 AND OLD.at < now() - make_interval(days => retention_days) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'the access log is append-only: % of an entry within its retention is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE access_log`.execute(db);
  await sql`DROP FUNCTION access_log_is_append_only()`.execute(db);
}
