import type { Kysely } from 'kysely';
import { acrossOffices, type Database } from '@jugendamt/db';
import { countEventsUpTo } from '@jugendamt/event-store';
import { PROJECTIONS } from '../registry.js';
import { activeGeneration, checkpointName, readCheckpoint } from './generations.js';
import type { Projection } from './projection.js';

export interface ProjectionLag {
  readonly projection: string;
  /** null: never built. */
  readonly generation: number | null;
  /** Committed events of its types not yet applied, counted up to `LAG_COUNT_LIMIT`. */
  readonly eventsBehind: number;
}

/** Beyond this a count says only "far behind", and stays cheap for health checks. */
export const LAG_COUNT_LIMIT = 100_000;

/** How far each serving projection is behind the log. */
export async function projectionLags(db: Kysely<Database>, tenantId: string): Promise<ProjectionLag[]> {
  return Promise.all(
    PROJECTIONS.map(async (projection) => {
      const active = await activeGeneration(db, tenantId, projection.name);
      if (!active) {
        return { projection: projection.name, generation: null, eventsBehind: await countEventsUpTo(db, tenantId, projection.eventTypes, LAG_COUNT_LIMIT) };
      }
      return { projection: projection.name, generation: active.generation, eventsBehind: await eventsBehind(db, tenantId, projection, active.generation) };
    }),
  );
}

/** The lags of every office's projections, each asked in its office, for health and metrics. */
export async function projectionLagsOfAllOffices(db: Kysely<Database>): Promise<(ProjectionLag & { readonly tenantId: string })[]> {
  return acrossOffices(db, async (tenantId) => (await projectionLags(db, tenantId)).map((lag) => ({ ...lag, tenantId })));
}

/** Committed events of the projection's types after a generation's checkpoint, counted up to `LAG_COUNT_LIMIT`. */
export async function eventsBehind(db: Kysely<Database>, tenantId: string, projection: Projection, generation: number): Promise<number> {
  const after = await readCheckpoint(db, tenantId, checkpointName(projection.name, generation));
  return countEventsUpTo(db, tenantId, projection.eventTypes, LAG_COUNT_LIMIT, after);
}
