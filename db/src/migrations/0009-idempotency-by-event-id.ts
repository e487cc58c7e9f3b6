import { sql, type Kysely } from 'kysely';

/**
 * Idempotency is kept by the event id instead of the idempotency key. The id is derived from
 * tenant and key (a SHA-256, see eventIdFor), so one unique index of 16-byte ids guards what
 * the index of 60–100-byte keys guarded: the largest index of the log, and a fifth of the
 * database's work per appended event. The key itself stays in every event.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE UNIQUE INDEX events_event_id_unique ON events (event_id)`.execute(db);
  await sql`ALTER TABLE events DROP CONSTRAINT events_idempotency_key_unique`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE events ADD CONSTRAINT events_idempotency_key_unique UNIQUE (tenant_id, idempotency_key)`.execute(db);
  await sql`DROP INDEX events_event_id_unique`.execute(db);
}
