import { sql, type Kysely } from 'kysely';

/** The database role under which a redaction (Art. 17 GDPR) runs: the one that may change a stored event. */
export const REDACTOR_ROLE = 'jugendamt_redactor';

/**
 * Erasure of what should never have been stored: the one narrow exception to the events'
 * immutability (docs/architecture.md, "Erasure (redaction)").
 *
 * `jugendamt_redactor` cannot log in and has no members: whoever redacts connects with a login
 * a database administrator made a member for the occasion (or as a superuser) and takes the
 * role with `SET LOCAL ROLE` inside the redaction's transaction. The role may update the
 * `payload` of an event and what is derived from it (idempotency key and event id, which hash
 * the state and would confirm a guess of the value), nothing else: the column grant refuses every other column, and the
 * trigger checks it once more, row by row, so that a later grant cannot widen it. DELETE and
 * TRUNCATE stay refused for every role, and so does every UPDATE by any other role, owner and
 * superuser included. Roles belong to the whole PostgreSQL cluster, so the role is created only
 * when it does not exist yet (another database of the cluster may have made it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(REDACTOR_ROLE)}) THEN
        CREATE ROLE ${sql.raw(REDACTOR_ROLE)} NOLOGIN;
      END IF;
    EXCEPTION
      -- another database of the cluster created it at the same moment
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'the role ${sql.raw(REDACTOR_ROLE)} is missing and this login may not create it: a database administrator runs CREATE ROLE ${sql.raw(REDACTOR_ROLE)} NOLOGIN once, then the migrations again'
          USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND current_user = ${sql.lit(REDACTOR_ROLE)} THEN
        -- every column as it was but the payload and what is derived from it (a hash of the state
        -- in the key, the id from the key), also columns added after this migration
        IF (to_jsonb(NEW) - 'payload' - 'idempotency_key' - 'event_id') = (to_jsonb(OLD) - 'payload' - 'idempotency_key' - 'event_id') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a redaction may change an event''s payload and the key and id derived from it, no other column'
          USING ERRCODE = 'restrict_violation';
      END IF;
      RAISE EXCEPTION 'events are immutable: % on events is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
    END
    $$`.execute(db);

  const role = sql.raw(REDACTOR_ROLE);
  await sql`GRANT USAGE ON SCHEMA public TO ${role}`.execute(db);
  // To find the values (office, record, field) and to change them; no other column is its to read.
  await sql`GRANT SELECT (tenant_id, stream_id, payload), UPDATE (payload, idempotency_key, event_id) ON events TO ${role}`.execute(db);
  await sql`GRANT SELECT (tenant_id, source, state), UPDATE (state, content_hash) ON ingest_record_state TO ${role}`.execute(db);
  await sql`GRANT SELECT (tenant_id, message), UPDATE (message) ON import_findings TO ${role}`.execute(db);
  await sql`GRANT INSERT ON access_log TO ${role}`.execute(db);
}

/** The role stays: it belongs to the cluster, and other databases of it may still use it. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const role = sql.raw(REDACTOR_ROLE);
  await sql`REVOKE ALL ON events, ingest_record_state, import_findings, access_log FROM ${role}`.execute(db);
  await sql`REVOKE USAGE ON SCHEMA public FROM ${role}`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'events are immutable: % on events is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
    END
    $$`.execute(db);
}
