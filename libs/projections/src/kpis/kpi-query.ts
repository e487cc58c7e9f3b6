import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { activeGeneration } from '../runtime/generations.js';

/** What every KPI query takes: the office, an inclusive period and the knowledge time. */
export interface KpiScope {
  readonly tenantId: string;
  /** Only what had been observed by then counts; without it, everything observed. */
  readonly asOf?: Date;
}

export interface Period {
  /** ISO dates, both inclusive. */
  readonly from: string;
  readonly to: string;
}

export class ProjectionNotBuiltError extends Error {
  constructor(projection: string) {
    super(`projection ${projection} has not been built yet: run the projections' catch-up first`);
  }
}

export async function servingGeneration(db: Kysely<Database>, tenantId: string, projection: string): Promise<number> {
  const active = await activeGeneration(db, tenantId, projection);
  if (!active) throw new ProjectionNotBuiltError(projection);
  return active.generation;
}
