import { sql, type Kysely } from 'kysely';

/**
 * The same bytes may be applied again under a newer observation time: last week's snapshot
 * delivered again after this week's is the state now, and an unchanged snapshot confirms that
 * nothing changed. What stays unique is the observation: one applied file per source and
 * moment, as a file not newer than the applied ones is a duplicate or stale. The content keeps
 * an index of its own, for recognising the same file delivered twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE UNIQUE INDEX imports_applied_observation ON imports (tenant_id, source, observed_at) WHERE status = 'applied'`.execute(db);
  await sql`CREATE INDEX imports_content ON imports (tenant_id, content_sha256)`.execute(db);
  await sql`DROP INDEX imports_applied_content`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE UNIQUE INDEX imports_applied_content ON imports (tenant_id, content_sha256) WHERE status = 'applied'`.execute(db);
  await sql`DROP INDEX imports_content`.execute(db);
  await sql`DROP INDEX imports_applied_observation`.execute(db);
}
