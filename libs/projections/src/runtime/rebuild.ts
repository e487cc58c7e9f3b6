import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { catalogueVersions } from '../catalogues/catalogue-store.js';
import { catchUpGeneration, type CatchUpOptions } from './catch-up.js';
import { activateGeneration, createGeneration } from './generations.js';
import type { Projection } from './projection.js';
import { dropGenerationRows, vacuumTables } from './projection-tables.js';

/**
 * Rebuilds a projection from position 0 into a new generation while the active one keeps
 * serving reads, then switches. Events committed after the pass are not lost: the new
 * generation has its own checkpoint, and the next catch-up continues from it.
 */
export async function rebuild(db: Kysely<Database>, tenantId: string, projection: Projection, options: CatchUpOptions = {}): Promise<number> {
  const generation = await createGeneration(db, tenantId, projection.name, 'building', await catalogueVersions(db, tenantId, projection.catalogues));
  try {
    const applied = await catchUpGeneration(db, tenantId, projection, generation, options);
    const retired = await db.transaction().execute((trx) => activateGeneration(trx, tenantId, projection.name, generation));
    if (retired !== undefined) {
      await dropGenerationRows(db, tenantId, projection, retired);
      await vacuumTables(db, projection);
    }
    return applied;
  } catch (error) {
    await dropGenerationRows(db, tenantId, projection, generation);
    await db.deleteFrom('projection_generations').where('tenant_id', '=', tenantId).where('projection', '=', projection.name).where('generation', '=', generation).execute();
    throw error;
  }
}

export interface Rebuilt {
  readonly projection: string;
  readonly eventsApplied: number;
}

/**
 * Rebuilds several projections side by side: each reads its own events and writes its own
 * tables, so PostgreSQL works on them on as many cores as it has. Every one runs to its end
 * (or its failure, which drops its half-built generation) before the first failure is thrown.
 */
export async function rebuildAll(db: Kysely<Database>, tenantId: string, projections: readonly Projection[], options: CatchUpOptions = {}): Promise<Rebuilt[]> {
  const outcomes = await Promise.allSettled(projections.map((projection) => rebuild(db, tenantId, projection, options)));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o, i) => ({ projection: projections[i]!.name, eventsApplied: (o as PromiseFulfilledResult<number>).value }));
}
