import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { fluctuation, isEmployedOn, round, teamOn, type FluctuationFigures } from '@jugendamt/domain';
import { loadCatalogue } from '../catalogues/catalogue-store.js';
import { aidCounts } from './aid-counts.js';
import type { KpiScope, Period } from './kpi-query.js';
import { staffFacts } from './staff-facts.js';

export interface FluctuationRow extends FluctuationFigures {
  /** null: the whole office. */
  readonly team: string | null;
}

/** docs/kpis.md 4, for the office and each team. */
export async function staffFluctuation(db: Kysely<Database>, query: KpiScope & Period): Promise<FluctuationRow[]> {
  const { content: staffing } = await loadCatalogue(db, query.tenantId, 'staffing');
  const staff = await staffFacts(db, { ...query, roles: staffing.fluctuationRoles });
  const teams = [...new Set(staff.flatMap((m) => m.assignments.map((a) => a.team)))].sort();
  return [{ team: null, ...fluctuation(staff, query) }, ...teams.map((team) => ({ team, ...fluctuation(staff, { ...query, team }) }))];
}

export interface CaseloadRow {
  readonly team: string;
  readonly aids: number;
  /** Three decimals. */
  readonly caseWorkerFte: number;
  /** x of `1:x`, one decimal, of the unrounded FTE; null without case-worker FTE. */
  readonly aidsPerFte: number | null;
}

/** docs/kpis.md 5: running HzE aids of a team per FTE of its case workers (Fachkraft), on a reference date. */
export async function caseloadPerFte(db: Kysely<Database>, query: KpiScope & { readonly on: string }): Promise<CaseloadRow[]> {
  const { content: staffing } = await loadCatalogue(db, query.tenantId, 'staffing');
  const [aids, staff] = await Promise.all([
    aidCounts(db, { tenantId: query.tenantId, asOf: query.asOf, from: query.on, to: query.on, by: ['team'] }),
    staffFacts(db, { ...query, roles: [staffing.caseWorkerRole] }),
  ]);
  const fteOf = new Map<string, number>();
  for (const member of staff) {
    const team = isEmployedOn(member, query.on) ? teamOn(member, query.on) : null;
    if (team) fteOf.set(team, (fteOf.get(team) ?? 0) + member.fte);
  }
  const aidsOf = new Map(aids.map((row) => [row.group.team ?? '', row.running]));
  const teams = [...new Set([...aidsOf.keys(), ...fteOf.keys()])].sort();
  return teams.map((team) => {
    const fte = fteOf.get(team) ?? 0;
    const count = aidsOf.get(team) ?? 0;
    // Of the unrounded FTE: never from a rounded intermediate (docs/kpis.md Clarifications).
    return { team, aids: count, caseWorkerFte: round(fte, 3), aidsPerFte: fte === 0 ? null : round(count / fte, 1) };
  });
}
