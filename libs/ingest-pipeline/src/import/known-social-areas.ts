import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { stateValuesInStreams } from '@jugendamt/event-store';
import { stateFieldPath } from './state-field-path.js';

/**
 * Of the given social areas, those no WebFM case has ever named. A case's current state (the
 * record state of the case snapshot, one row per case) answers for nearly every area in one
 * pass; only the rest are looked for in the cases' events, which hold every state ever (an area
 * a case was moved away from, a case unlinked after its retention). A population file names a
 * few dozen areas, so both lookups ask for just these.
 */
export async function socialAreasOfNoCase(db: Kysely<Database>, tenantId: string, areas: readonly string[]): Promise<string[]> {
  if (areas.length === 0) return [];
  const current = await sql<{ area: string }>`
    SELECT DISTINCT state->>'socialArea' AS area FROM ingest_record_state
    WHERE tenant_id = ${tenantId} AND source = 'webfm_faelle' AND state->>'socialArea' = ANY(${areas}::text[])`.execute(db);
  const named = new Set(current.rows.map((row) => row.area));
  const rest = areas.filter((area) => !named.has(area));
  if (rest.length === 0) return [];
  const earlier = await stateValuesInStreams(db, tenantId, { streamPrefix: 'case-', path: stateFieldPath('socialArea'), values: rest });
  for (const area of earlier) named.add(area);
  return rest.filter((area) => !named.has(area));
}
