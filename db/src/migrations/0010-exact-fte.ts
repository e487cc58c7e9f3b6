import { sql, type Kysely } from 'kysely';

/**
 * Stellenanteil as the export gives it (`0,7692` for 30 of 39 hours), not rounded to three
 * decimals on the way into the staff projection: KPIs 4 to 6 divide sums and means of it, and
 * docs/kpis.md rounds only the result, never an intermediate.
 *
 * The events always held the exact value: the staff projection's generations are dropped here,
 * and the next catch-up rebuilds it from them (a few hundred to a few thousand staff).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE staff_versions ALTER COLUMN fte TYPE numeric`.execute(db);
  await resetStaffHistory(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE staff_versions ALTER COLUMN fte TYPE numeric(4, 3)`.execute(db);
  await resetStaffHistory(db);
}

async function resetStaffHistory(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM staff_versions`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE projection LIKE 'staff-history@%'`.execute(db);
  await sql`DELETE FROM projection_generations WHERE projection = 'staff-history'`.execute(db);
}
