import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

/** The shortest retention the database accepts (migration 0014): what was read this half-year stays provable. */
export const MIN_RETENTION_DAYS = 180;

/**
 * Deletes entries older than the retention; the database's trigger lets only those go, and
 * only when the deleting transaction names a retention of at least MIN_RETENTION_DAYS.
 */
export async function pruneAccessLog(db: Kysely<Database>, retentionDays: number): Promise<number> {
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS) throw new Error(`the access log's retention must be at least ${MIN_RETENTION_DAYS} days`);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('jugendamt.access_log_retention_days', ${String(retentionDays)}, true)`.execute(trx);
    const result = await trx
      .deleteFrom('access_log')
      .where('at', '<', sql<Date>`now() - make_interval(days => ${retentionDays})`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
