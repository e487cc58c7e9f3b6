import { sql, type Kysely } from 'kysely';

/**
 * Records are keyed by random surrogates instead of their keyed pseudonyms, so that a record
 * can be made unlinkable after its retention period (docs/data-protection.md).
 *
 * `record_links` is the only place that maps a pseudonym (HMAC of a source id) to the surrogate
 * that events, record state and projections carry. Deleting a record's rows here unlinks it:
 * its events stay, but neither the pseudonym key nor the source id leads to them any more.
 *
 * Data imported before this migration carries pseudonyms. They are replaced here, once, by
 * fresh surrogates: in stream ids, payloads, idempotency keys and event ids (both derived from
 * the pseudonym and a hash of the state holding pseudonyms), and in the record state. This is
 * the one rewrite of stored events, done while no one can read them; the projections are
 * dropped and rebuilt from the rewritten events by the next catch-up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE record_links (
      tenant_id text NOT NULL,
      kind      text NOT NULL,
      pseudonym text NOT NULL,
      surrogate text NOT NULL,
      PRIMARY KEY (tenant_id, kind, pseudonym)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX record_links_by_surrogate ON record_links (tenant_id, kind, surrogate)`.execute(db);

  if (!(await hasEvents(db))) return;
  await linkExistingPseudonyms(db);
  await rewriteEvents(db);
  await rewriteRecordState(db);
  await dropProjections(db);
  await sql`DROP FUNCTION pg_temp.relinked_state(text, jsonb)`.execute(db);
  await sql`DROP FUNCTION pg_temp.surrogate_of(text, text, text)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('surrogate keying is not rolled back: the pseudonyms it replaced are gone from the events');
}

/** Stream prefix → the id space of the record's own id (as in the import's source handlers). */
const STREAM_KINDS = sql`(VALUES ('case-', 'case', 'webfm_faelle'), ('aid-', 'aid', 'webfm_hilfen'), ('subprocess-', 'sub-process', 'webfm_teilprozesse'), ('staff-', 'staff', 'webfm_mitarbeiter'))`;

/** State fields holding identifiers → their id space. */
const STATE_FIELDS = `(VALUES ('caseId', 'case'), ('fileReference', 'file-reference'), ('aidId', 'aid'), ('subProcessId', 'sub-process'), ('staffId', 'staff'), ('caseWorkerId', 'staff'), ('clerkId', 'staff'))`;

async function hasEvents(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM events) AS any`.execute(db);
  return rows[0]!.any;
}

/** 128 random bits as 22 base64url characters, like the surrogates the import makes. */
const NEW_SURROGATE = sql`translate(rtrim(encode(uuid_send(gen_random_uuid()), 'base64'), '='), '+/', '-_')`;

async function linkExistingPseudonyms(db: Kysely<any>): Promise<void> {
  await sql`
    INSERT INTO record_links (tenant_id, kind, pseudonym, surrogate)
    SELECT tenant_id, kind, pseudonym, ${NEW_SURROGATE} FROM (
      SELECT DISTINCT e.tenant_id, k.kind, substr(e.stream_id, length(k.prefix) + 1) AS pseudonym
      FROM events e JOIN ${STREAM_KINDS} AS k(prefix, kind, source) ON starts_with(e.stream_id, k.prefix)
      UNION
      SELECT DISTINCT e.tenant_id, f.kind, e.payload->'state'->>f.field
      FROM events e CROSS JOIN ${sql.raw(STATE_FIELDS)} AS f(field, kind)
      WHERE jsonb_typeof(e.payload->'state'->f.field) = 'string'
    ) found`.execute(db);

  await sql`
    CREATE FUNCTION pg_temp.surrogate_of(t text, k text, p text) RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT surrogate FROM record_links WHERE tenant_id = t AND kind = k AND pseudonym = p $$`.execute(db);
  await sql`
    CREATE FUNCTION pg_temp.relinked_state(t text, s jsonb) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
    DECLARE
      f record;
    BEGIN
      IF s IS NULL OR jsonb_typeof(s) <> 'object' THEN RETURN s; END IF;
      FOR f IN SELECT * FROM ${sql.raw(STATE_FIELDS)} AS v(field, kind) LOOP
        IF jsonb_typeof(s->f.field) = 'string' THEN
          s := jsonb_set(s, ARRAY[f.field], to_jsonb(pg_temp.surrogate_of(t, f.kind, s->>f.field)));
        END IF;
      END LOOP;
      RETURN s;
    END $$`.execute(db);
}

async function rewriteEvents(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(db);
  // Records of the four id-keyed sources: stream, deletion payload's id and key take the surrogate.
  await sql`
    UPDATE events e SET
      stream_id = k.prefix || l.surrogate,
      payload = CASE
        WHEN e.payload ? 'state' THEN jsonb_set(e.payload, '{state}', pg_temp.relinked_state(e.tenant_id, e.payload->'state'))
        WHEN e.payload ? 'id' THEN jsonb_set(e.payload, '{id}', to_jsonb(l.surrogate))
        ELSE e.payload END,
      idempotency_key = concat_ws(':', e.tenant_id, k.source, l.surrogate, e.stream_version, 'migrated'),
      event_id = gen_random_uuid()
    FROM ${STREAM_KINDS} AS k(prefix, kind, source), record_links l
    WHERE starts_with(e.stream_id, k.prefix)
      AND l.tenant_id = e.tenant_id AND l.kind = k.kind AND l.pseudonym = substr(e.stream_id, length(k.prefix) + 1)`.execute(db);
  // 14plus entries keep their stream (the entry number is no person's id); their Aktenzeichen
  // and clerk take surrogates, and their key loses the hash of the state that held pseudonyms.
  await sql`
    UPDATE events e SET
      payload = jsonb_set(e.payload, '{state}', pg_temp.relinked_state(e.tenant_id, e.payload->'state')),
      idempotency_key = concat_ws(':', e.tenant_id, '14plus_chronik', substr(e.stream_id, length('chronicle-entry-') + 1), e.stream_version, 'migrated'),
      event_id = gen_random_uuid()
    WHERE starts_with(e.stream_id, 'chronicle-entry-') AND e.payload ? 'state'`.execute(db);
  await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(db);
}

async function rewriteRecordState(db: Kysely<any>): Promise<void> {
  // The content hash was a hash of a state holding pseudonyms; nothing compares it.
  await sql`
    UPDATE ingest_record_state r SET
      record_id = l.surrogate,
      state = pg_temp.relinked_state(r.tenant_id, r.state),
      content_hash = 'migrated'
    FROM ${STREAM_KINDS} AS k(prefix, kind, source), record_links l
    WHERE r.source = k.source AND l.tenant_id = r.tenant_id AND l.kind = k.kind AND l.pseudonym = r.record_id`.execute(db);
}

/** Every projection's tables: the next catch-up builds them anew from the rewritten events. */
async function dropProjections(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'generation' AND table_name <> 'projection_generations'`.execute(db);
  for (const { table_name } of rows) await sql`DELETE FROM ${sql.table(table_name)}`.execute(db);
  await sql`DELETE FROM projection_checkpoints`.execute(db);
  await sql`DELETE FROM projection_generations`.execute(db);
}
