import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { START, type Position } from '@jugendamt/event-store';

export interface Generation {
  readonly generation: number;
  readonly status: 'building' | 'active' | 'retired';
  readonly catalogueVersions: Readonly<Record<string, number>>;
}

/** The checkpoint of one generation of a projection: each generation reads the log on its own. */
export function checkpointName(projection: string, generation: number): string {
  return `${projection}@${generation}`;
}

export async function activeGeneration(db: Kysely<Database>, tenantId: string, projection: string): Promise<Generation | undefined> {
  const row = await db
    .selectFrom('projection_generations')
    .select(['generation', 'status', 'catalogue_versions'])
    .where('tenant_id', '=', tenantId)
    .where('projection', '=', projection)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row && { generation: row.generation, status: row.status, catalogueVersions: row.catalogue_versions as Record<string, number> };
}

/**
 * A new generation: `building` beside the active one (a rebuild), or `active` for the first one.
 * Processes starting on a fresh database at once (two CLIs, the API and a worker) all find no
 * active generation and create one: under a lock per projection, the later ones find the first
 * one's and return it, instead of failing on the index that allows one active generation.
 */
export async function createGeneration(
  db: Kysely<Database>,
  tenantId: string,
  projection: string,
  status: 'building' | 'active',
  catalogueVersions: Readonly<Record<string, number>>,
): Promise<number> {
  const create = async (trx: Kysely<Database>) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`generations:${tenantId}:${projection}`}, 0))`.execute(trx);
    if (status === 'active') {
      const active = await activeGeneration(trx, tenantId, projection);
      if (active) return active.generation;
    }
    const { rows } = await sql<{ generation: number }>`
      INSERT INTO projection_generations (tenant_id, projection, generation, status, catalogue_versions, activated_at)
      SELECT ${tenantId}, ${projection}, coalesce(max(generation), 0) + 1, ${status}, ${JSON.stringify(catalogueVersions)}::jsonb,
             CASE WHEN ${status} = 'active' THEN now() END
      FROM projection_generations WHERE tenant_id = ${tenantId} AND projection = ${projection}
      RETURNING generation`.execute(trx);
    return rows[0]!.generation;
  };
  return db.isTransaction ? create(db) : db.transaction().execute(create);
}

/** Makes a built generation the one that serves reads; the old one retires in the same transaction. */
export async function activateGeneration(trx: Kysely<Database>, tenantId: string, projection: string, generation: number): Promise<number | undefined> {
  const retired = await trx
    .updateTable('projection_generations')
    .set({ status: 'retired' })
    .where('tenant_id', '=', tenantId)
    .where('projection', '=', projection)
    .where('status', '=', 'active')
    .returning('generation')
    .executeTakeFirst();
  await trx
    .updateTable('projection_generations')
    .set({ status: 'active', activated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('projection', '=', projection)
    .where('generation', '=', generation)
    .execute();
  return retired?.generation;
}

export async function readCheckpoint(db: Kysely<Database>, tenantId: string, name: string): Promise<Position> {
  const row = await db.selectFrom('projection_checkpoints').select(['transaction_id', 'global_position']).where('tenant_id', '=', tenantId).where('projection', '=', name).executeTakeFirst();
  return row ? { transactionId: String(row.transaction_id), globalPosition: String(row.global_position) } : START;
}

export async function writeCheckpoint(trx: Kysely<Database>, tenantId: string, name: string, position: Position): Promise<void> {
  await sql`
    INSERT INTO projection_checkpoints (tenant_id, projection, transaction_id, global_position, updated_at)
    VALUES (${tenantId}, ${name}, ${position.transactionId}::xid8, ${position.globalPosition}::bigint, now())
    ON CONFLICT (tenant_id, projection) DO UPDATE
      SET transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`.execute(trx);
}

export async function generationCatalogues(db: Kysely<Database>, tenantId: string, projection: string, generation: number): Promise<Record<string, number>> {
  const row = await db
    .selectFrom('projection_generations')
    .select('catalogue_versions')
    .where('tenant_id', '=', tenantId)
    .where('projection', '=', projection)
    .where('generation', '=', generation)
    .executeTakeFirstOrThrow();
  return row.catalogue_versions as Record<string, number>;
}
