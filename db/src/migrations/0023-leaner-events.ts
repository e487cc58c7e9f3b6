import { sql, type Kysely } from 'kysely';
import { REDACTOR_ROLE } from './0016-redaction.js';

/**
 * Leaner events (docs/architecture.md, "What an event costs"); events stored before stay as
 * they are, for events are never rewritten.
 *
 * New events no longer store their idempotency key. The event id is derived from tenant and key
 * (a SHA-256, see the event store's eventIdFor), and its unique index has guarded idempotency
 * since 0009; nothing reads the key itself, a tenth of an event row.
 *
 * Record events store their state as a list of values in a fixed order of fields (schema version
 * 2, the domain's compact payload) instead of naming every field in every row. Where a field
 * stands then depends on the event's type and schema version, so the redaction role, which finds
 * and erases one field's value, may read these two columns too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events ALTER COLUMN idempotency_key DROP NOT NULL`.execute(db);
  await sql`GRANT SELECT (event_type, schema_version) ON events TO ${sql.raw(REDACTOR_ROLE)}`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('events appended without their idempotency key or with compact payloads cannot be turned back: 0023 is never rolled back');
}
