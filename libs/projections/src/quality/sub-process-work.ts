import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@jugendamt/db';
import { knownBy } from '../kpis/knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from '../kpis/kpi-query.js';
import type { CheckWindow } from './check-windows.js';
import { countFindings, SUB_PROCESSES_LIVE, type FindingCounts } from './checked-records.js';
import type { Holds, OnlyRuleOn, PlausibilityRuleId } from './plausibility-catalogue.js';
import type { CheckInputs } from './rule-checks.js';

/** The readings below would miss the hits of another rule on sub-processes. */
export type SubProcessesHaveOneRule = Holds<OnlyRuleOn<'sub-processes', 'sub-process-open-too-long'>>;

/**
 * The sub-processes in work that "open too long" can hit: open, begun more than the smallest
 * limit before the day checked; as known now, read from their own index alone.
 */
export function openLongEnough(window: CheckWindow, inputs: CheckInputs): RawBuilder<unknown> {
  const { openDays } = inputs.rules;
  const fewestDays = Math.min(openDays.default, ...Object.values(openDays.byCode));
  return sql`${SUB_PROCESSES_LIVE} AND s.status = 'offen' AND s.begun_on < ${window.checkDay}::date - ${fewestDays}::integer`;
}

export interface SubProcessWorkQuery extends KpiScope, Period {
  readonly window: CheckWindow;
  readonly inputs: CheckInputs;
  /** Only these of the sub-processes' rules are counted. */
  readonly rules: readonly PlausibilityRuleId[];
  readonly byTeam: boolean;
}

/**
 * The sub-processes in work in whole months and those open too long (docs/data-quality.md):
 * the work from the sums the sub-process projection keeps per team, month begun and month
 * completed, as known at `asOf`, instead of every sub-process of the period; the rule's hits
 * from the sub-processes open, the only ones it can hit (as known now, a few thousand read by
 * their own index). The only rule on sub-processes is that one.
 */
export async function subProcessWork(db: Kysely<Database>, query: SubProcessWorkQuery): Promise<FindingCounts[]> {
  const generation = await servingGeneration(db, query.tenantId, 'sub-process-history');
  const team = query.byTeam ? sql`s.team` : sql`NULL::text`;
  const fromMonth = `${query.from.slice(0, 7)}-01`;
  const [{ rows }, open] = await Promise.all([
    sql<{ team: string | null; checked: string }>`
      SELECT ${team} AS team, sum(s.delta) AS checked
      FROM sub_process_work_changes s
      WHERE s.tenant_id = ${query.tenantId} AND s.generation = ${generation} AND ${knownBy('s', query.asOf)}
        AND s.month <= ${query.to}::date AND (s.until_month = '' OR s.until_month >= ${fromMonth})
      GROUP BY 1
      HAVING sum(s.delta) <> 0`.execute(db),
    query.rules.length
      ? countFindings(db, {
          tenantId: query.tenantId,
          kind: 'sub-processes',
          windows: [query.window],
          inputs: query.inputs,
          only: query.rules,
          base: openLongEnough(query.window, query.inputs),
          byTeam: query.byTeam,
        })
      : Promise.resolve([]),
  ]);
  const hits = new Map(open.map((c) => [c.team, c]));
  return rows.map((row) => {
    const hit = hits.get(row.team);
    return {
      window: query.window.key,
      team: row.team,
      kind: 'sub-processes',
      checked: Number(row.checked),
      affected: hit?.affected ?? 0,
      findings: Object.fromEntries(query.rules.map((rule) => [rule, hit?.findings[rule] ?? 0])),
    };
  });
}
