import { sql, type Kysely } from 'kysely';

/**
 * Who stored each catalogue version, as the import decisions name their decider: the role and
 * the token id or sign-on subject, never a person's name. A catalogue shapes the KPIs, so its
 * history must say who changed it. Versions stored before this have no author.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE catalogues ADD COLUMN created_by text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE catalogues DROP COLUMN created_by`.execute(db);
}
