import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { aidHistory } from './facts/aid-history.js';
import { chronicleHistory } from './facts/chronicle-history.js';
import { populationHistory } from './facts/population-history.js';
import { staffHistory } from './facts/staff-history.js';
import { subProcessHistory } from './facts/sub-process-history.js';
import { catchUp, type CatchUpProgress } from './runtime/catch-up.js';
import type { Projection } from './runtime/projection.js';

/** Every projection the KPIs read. */
export const PROJECTIONS: readonly Projection[] = [aidHistory, subProcessHistory, staffHistory, chronicleHistory, populationHistory];

export function projectionNamed(name: string): Projection {
  const projection = PROJECTIONS.find((p) => p.name === name);
  if (!projection) throw new Error(`no projection "${name}"; there are ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  return projection;
}

/** The projections whose tables a catalogue shapes: an edit of it takes effect by their rebuild. */
export function projectionsUsing(catalogue: string): Projection[] {
  return PROJECTIONS.filter((p) => p.catalogues.includes(catalogue));
}

/** Brings every projection up to date: after each import and when a process starts. */
export async function catchUpAll(db: Kysely<Database>, tenantId: string, onProgress?: (progress: CatchUpProgress) => void): Promise<number> {
  let applied = 0;
  for (const projection of PROJECTIONS) applied += await catchUp(db, tenantId, projection, onProgress);
  return applied;
}
