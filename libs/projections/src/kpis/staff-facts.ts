import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { StaffMemberFacts } from '@jugendamt/domain';
import { knownAt } from './knowledge-time.js';
import { servingGeneration, type KpiScope } from './kpi-query.js';

/**
 * The staff as known at `asOf`, with every (team, since) pair observed by then: a few hundred
 * to a few thousand members, so the KPIs on staff are computed on them in memory.
 */
export async function staffFacts(db: Kysely<Database>, scope: KpiScope & { readonly roles: readonly string[] }): Promise<StaffMemberFacts[]> {
  const generation = await servingGeneration(db, scope.tenantId, 'staff-history');
  const until = scope.asOf ? sql`${scope.asOf.toISOString()}::timestamptz` : sql`'infinity'::timestamptz`;
  const { rows } = await sql<{ staff_id: string; role: string; fte: string; joined_on: string; left_on: string | null; assignments: { team: string; since: string }[] }>`
    SELECT v.staff_id, v.role, v.fte, v.joined_on, v.left_on,
           (SELECT json_agg(DISTINCT jsonb_build_object('team', h.team, 'since', h.team_since))
            FROM staff_versions h
            WHERE h.tenant_id = v.tenant_id AND h.generation = v.generation AND h.staff_id = v.staff_id AND h.known_from <= ${until}) AS assignments
    FROM staff_versions v
    WHERE v.tenant_id = ${scope.tenantId} AND v.generation = ${generation} AND ${knownAt('v', scope.asOf)}
      AND v.role = ANY(${[...scope.roles]}::text[])
    ORDER BY v.staff_id`.execute(db);
  return rows.map((r) => ({ staffId: r.staff_id, role: r.role, fte: Number(r.fte), joined: r.joined_on, left: r.left_on, assignments: r.assignments }));
}
