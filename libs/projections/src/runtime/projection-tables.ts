import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { Projection } from './projection.js';

/** Removes a generation's rows (a retired or an abandoned one) from the projection's tables. */
export async function dropGenerationRows(db: Kysely<Database>, tenantId: string, projection: Projection, generation: number): Promise<void> {
  for (const table of projection.tables) {
    await sql`DELETE FROM ${sql.table(table)} WHERE tenant_id = ${tenantId} AND generation = ${generation}`.execute(db);
  }
}

/**
 * After a retired generation's rows are gone: its dead rows would otherwise stay in the
 * tables, read past by every query, until autovacuum comes round to them.
 */
export async function vacuumTables(db: Kysely<Database>, projection: Projection): Promise<void> {
  for (const table of projection.tables) await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(db);
}

/**
 * Fresh statistics for the projection's tables. A generation that is being built is not in
 * the statistics yet: the planner then takes it for empty and reads all of its rows for every
 * lookup by id, so each page costs more than the last.
 */
export async function analyzeTables(db: Kysely<Database>, projection: Projection): Promise<void> {
  for (const table of projection.tables) await sql`ANALYZE ${sql.table(table)}`.execute(db);
}
