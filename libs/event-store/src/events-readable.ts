import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

/**
 * Waits, at most `timeoutMs`, until log readers can see every committed event (of one office,
 * or of all): the read horizon rule of readAll (read.ts), asked from outside. Readers take
 * only events of transactions older than the oldest one still running, and on PostgreSQL
 * that horizon is the whole cluster's: a transaction open elsewhere, even in another database,
 * hides fresh events. Says whether it got there.
 */
export async function eventsReadableWithin(db: Kysely<Database>, timeoutMs: number, tenantId?: string): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const ofTenant = tenantId === undefined ? sql`` : sql`tenant_id = ${tenantId} AND`;
  for (;;) {
    const { rows } = await sql<{ hidden: boolean }>`
      SELECT EXISTS (SELECT 1 FROM events WHERE ${ofTenant} transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) AS hidden`.execute(db);
    if (!rows[0]!.hidden) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
