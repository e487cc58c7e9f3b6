import { sql, type Kysely } from 'kysely';

/**
 * Offices kept apart by PostgreSQL itself (docs/architecture.md, "Offices kept apart").
 *
 * Every table with a `tenant_id` gets row-level security and one policy: a row is visible,
 * and may be written, only while the session's `jugendamt.tenant_id` names its office. The
 * API and the workers query as `jugendamt_app`: no BYPASSRLS, owner of nothing, so it can
 * neither switch the policies off nor see past them; with no office set it sees no row. The
 * owner (migrations, operator tools) is not subject to the policies: they are not FORCEd,
 * so the few SECURITY DEFINER functions below can look a caller up before its office is
 * known, and return no more than that.
 *
 * The role is the cluster's, not this database's: it is created once and kept when the
 * migration is undone (another database of the cluster may use it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$ BEGIN
      CREATE ROLE jugendamt_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`.execute(db);
  // A role of that name made by hand must not be one the policies do not bind.
  await sql`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jugendamt_app' AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'role jugendamt_app bypasses row-level security: ALTER ROLE jugendamt_app NOSUPERUSER NOBYPASSRLS';
      END IF;
    END $$`.execute(db);

  await sql`
    DO $$
    DECLARE t text;
    BEGIN
      FOR t IN
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE'
          AND c.table_name NOT IN ('tenants', 'access_log')
      LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY office_rows ON %I USING (tenant_id = current_setting('jugendamt.tenant_id', true))$p$, t);
      END LOOP;
    END $$`.execute(db);
  // A request refused before its caller was known is logged without an office: written, and
  // pruned, with no office set; no office reads it.
  await sql`ALTER TABLE access_log ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`
    CREATE POLICY office_rows ON access_log
    USING (tenant_id IS NOT DISTINCT FROM nullif(current_setting('jugendamt.tenant_id', true), ''))`.execute(db);

  // A redaction (migration 0016) searches every office by design: its role reads and changes
  // only the columns granted to it, and writes its one access-log entry.
  for (const table of ['events', 'ingest_record_state', 'import_findings']) {
    await sql`CREATE POLICY redaction_of_every_office ON ${sql.table(table)} TO jugendamt_redactor USING (true)`.execute(db);
  }
  await sql`CREATE POLICY redaction_of_every_office ON access_log FOR INSERT TO jugendamt_redactor WITH CHECK (true)`.execute(db);

  await sql`GRANT USAGE ON SCHEMA ${sql.id(await currentSchema(db))} TO jugendamt_app`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${sql.id(await currentSchema(db))} TO jugendamt_app`.execute(db);
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${sql.id(await currentSchema(db))} TO jugendamt_app`.execute(db);
  // Events are never changed, the log only pruned, offices only added, migrations only read (/health).
  await sql`REVOKE UPDATE, DELETE ON events FROM jugendamt_app`.execute(db);
  await sql`REVOKE UPDATE ON access_log FROM jugendamt_app`.execute(db);
  await sql`REVOKE UPDATE, DELETE ON tenants FROM jugendamt_app`.execute(db);
  await sql`REVOKE INSERT, UPDATE, DELETE ON kysely_migration, kysely_migration_lock FROM jugendamt_app`.execute(db);
  // Tables of later migrations get the same grants; their policies each migration adds itself.
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${sql.id(await currentSchema(db))} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO jugendamt_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${sql.id(await currentSchema(db))} GRANT USAGE, SELECT ON SEQUENCES TO jugendamt_app`.execute(db);

  // Who a bearer token or a console session belongs to, asked before any office is known:
  // given the hash of the secret, the office, role and subject, nothing else.
  await sql`
    CREATE FUNCTION office_of_token(hash text) RETURNS TABLE (tenant_id text, token_id uuid, role text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${sql.raw(await currentSchema(db))}, pg_temp AS $$
      SELECT t.tenant_id, t.token_id, t.role FROM api_tokens t WHERE t.token_hash = hash AND t.revoked_at IS NULL
    $$`.execute(db);
  await sql`
    CREATE FUNCTION office_of_console_session(hash text)
    RETURNS TABLE (tenant_id text, role text, subject text, csrf_token text, expires_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${sql.raw(await currentSchema(db))}, pg_temp AS $$
      SELECT s.tenant_id, s.role, s.subject, s.csrf_token, s.expires_at
      FROM console_sessions s LEFT JOIN api_tokens t ON t.tenant_id = s.tenant_id AND t.token_id = s.token_id
      WHERE s.session_hash = hash AND s.expires_at > now() AND NOT (s.token_id IS NOT NULL AND t.revoked_at IS NOT NULL)
    $$`.execute(db);
  for (const fn of ['office_of_token(text)', 'office_of_console_session(text)']) {
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(fn)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(fn)} TO jugendamt_app`.execute(db);
  }
}

async function currentSchema(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]!.schema;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['events', 'ingest_record_state', 'import_findings', 'access_log']) {
    await sql`DROP POLICY redaction_of_every_office ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION office_of_console_session(text)`.execute(db);
  await sql`DROP FUNCTION office_of_token(text)`.execute(db);
  await sql`
    DO $$
    DECLARE t text;
    BEGIN
      FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = current_schema() AND policyname = 'office_rows' LOOP
        EXECUTE format('DROP POLICY office_rows ON %I', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
      END LOOP;
    END $$`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${sql.id(await currentSchema(db))} REVOKE ALL ON TABLES FROM jugendamt_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${sql.id(await currentSchema(db))} REVOKE ALL ON SEQUENCES FROM jugendamt_app`.execute(db);
  await sql`REVOKE ALL ON ALL TABLES IN SCHEMA ${sql.id(await currentSchema(db))} FROM jugendamt_app`.execute(db);
  await sql`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${sql.id(await currentSchema(db))} FROM jugendamt_app`.execute(db);
  await sql`REVOKE USAGE ON SCHEMA ${sql.id(await currentSchema(db))} FROM jugendamt_app`.execute(db);
}
