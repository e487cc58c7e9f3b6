import { sql, type Kysely } from 'kysely';

/**
 * Input quality (docs/data-quality.md): the rule "sub-process open longer than its limit" needs
 * the day a sub-process began (`Begonnen am`), which the sub-process projection did not keep.
 *
 * Its existing tables were built without it: its generations are dropped here, and the next
 * catch-up rebuilds it from the events (as 0019 did for the chronicle).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await dropSubProcessGenerations(db);
  await sql`ALTER TABLE sub_process_versions ADD COLUMN begun_on date NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropSubProcessGenerations(db);
  await sql`ALTER TABLE sub_process_versions DROP COLUMN begun_on`.execute(db);
}

async function dropSubProcessGenerations(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM sub_process_count_changes`.execute(db);
  await sql`DELETE FROM sub_process_versions`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE projection LIKE 'sub-process-history@%'`.execute(db);
  await sql`DELETE FROM projection_generations WHERE projection = 'sub-process-history'`.execute(db);
}
