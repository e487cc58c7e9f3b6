import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { averageStaffing, percent, round } from '@jugendamt/domain';
import { loadCatalogue } from '../catalogues/catalogue-store.js';
import type { KpiScope, Period } from './kpi-query.js';
import { staffFacts } from './staff-facts.js';
import { subProcessCounts } from './sub-process-counts.js';

export interface StaffingRequirementRow {
  readonly team: string;
  /** Σ count × minutes of the codes with a process time. */
  readonly processMinutes: number;
  /** The required FTE, two decimals. */
  readonly requiredFte: number;
  /** Average case-worker FTE in the team over the period (as in docs/kpis.md 4), three decimals. */
  readonly averageFte: number;
  /** Average FTE ÷ required FTE × 100, one decimal, of the unrounded values (docs/kpis.md Clarifications). */
  readonly coverage: number | null;
  /** Completed sub-processes whose code has no process time: reported, not counted as 0. */
  readonly withoutProcessTime: readonly { readonly code: string; readonly count: number }[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** docs/kpis.md 6: required FTE from process counts × process times, and how far the staff covers it. */
export async function staffingRequirement(db: Kysely<Database>, query: KpiScope & Period): Promise<StaffingRequirementRow[]> {
  const [{ content: staffing }, { content: times }] = await Promise.all([loadCatalogue(db, query.tenantId, 'staffing'), loadCatalogue(db, query.tenantId, 'process-times')]);
  const [counts, caseWorkers] = await Promise.all([
    subProcessCounts(db, { ...query, by: ['team', 'subProcess'], granularity: 'total' }),
    staffFacts(db, { ...query, roles: [staffing.caseWorkerRole] }),
  ]);
  const year = Number(query.from.slice(0, 4));
  const daysInYear = daysBetween(`${year}-01-01`, `${year}-12-31`);
  const availableMinutesPerFte = (staffing.netAnnualWorkingMinutes * daysBetween(query.from, query.to)) / daysInYear;
  const teams = [...new Set([...counts.map((c) => c.group.team!), ...caseWorkers.flatMap((m) => m.assignments.map((a) => a.team))])].sort();
  return teams.map((team) => {
    let processMinutes = 0;
    const withoutProcessTime: { code: string; count: number }[] = [];
    for (const row of counts.filter((c) => c.group.team === team)) {
      const minutes = times.minutes[row.group.subProcess!];
      if (minutes === undefined) withoutProcessTime.push({ code: row.group.subProcess!, count: row.count });
      else processMinutes += row.count * minutes;
    }
    const required = (processMinutes * (1 + staffing.systemTimeShare)) / availableMinutesPerFte;
    const { fte: averageFte } = averageStaffing(caseWorkers, { from: query.from, to: query.to, team });
    return { team, processMinutes, requiredFte: round(required, 2), averageFte: round(averageFte, 3), coverage: percent(averageFte, required), withoutProcessTime };
  });
}
