import { sql, type Kysely } from 'kysely';

/**
 * New events no longer store their idempotency key. The event id is derived from tenant and
 * key (a SHA-256, see the event store's eventIdFor), and its unique index has guarded
 * idempotency since 0009; nothing reads the key itself. At 60–80 bytes it was a tenth of an
 * event row (docs/architecture.md, "What an event costs"). Events stored before keep theirs:
 * events are never rewritten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events ALTER COLUMN idempotency_key DROP NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('events appended without their idempotency key cannot get it back: 0023 is never rolled back');
}
