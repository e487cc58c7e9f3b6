import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { knownBy } from '../kpis/knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from '../kpis/kpi-query.js';
import { wholeMonths } from '../kpis/period-grouping.js';
import type { FindingCounts } from './checked-records.js';
import type { Holds, OnlyRuleOn, PlausibilityRuleId } from './plausibility-catalogue.js';

/** The sums tell only whether a payment has a case: another rule on payments would need the payments. */
export type PaymentsHaveOneRule = Holds<OnlyRuleOn<'payments', 'payment-without-case'>>;

/** Whether the sums can count a period's payments for these rules: whole months, and no rule but the missing case. */
export function paymentsCountedBySums(period: Period, rules: readonly PlausibilityRuleId[]): boolean {
  return wholeMonths(period) && rules.every((rule) => rule === 'payment-without-case');
}

export interface PaymentsFromSumsQuery extends KpiScope, Period {
  /** Only these of the payments' rules are counted (an inactive rule is not asked). */
  readonly rules: readonly PlausibilityRuleId[];
  readonly byTeam: boolean;
}

/**
 * The payments of whole months and those linked to no case, read from the monthly sums the
 * costs by team keep per linked case (docs/kpis.md 7): the same payments (uncancelled
 * ZAHLUNG, by Datum) and the same link (the case of the Aktenzeichen with the smallest id, as
 * known at `asOf`; team '' while none is), without reading a payment or a case. The only
 * rule on payments is the missing case.
 */
export async function paymentsFromSums(db: Kysely<Database>, query: PaymentsFromSumsQuery): Promise<FindingCounts[]> {
  const generation = await servingGeneration(db, query.tenantId, 'chronicle-history');
  const team = query.byTeam ? sql`NULLIF(s.team, '')` : sql`NULL::text`;
  const { rows } = await sql<{ team: string | null; checked: string; unlinked: string }>`
    SELECT ${team} AS team, sum(s.entries) AS checked, coalesce(sum(s.entries) FILTER (WHERE s.team = ''), 0) AS unlinked
    FROM case_cost_changes s
    WHERE s.tenant_id = ${query.tenantId} AND s.generation = ${generation} AND ${knownBy('s', query.asOf)}
      AND s.entry_type = 'ZAHLUNG' AND s.month BETWEEN ${query.from}::date AND ${query.to}::date
    GROUP BY 1
    HAVING sum(s.entries) <> 0`.execute(db);
  const counted = query.rules.includes('payment-without-case');
  return rows.map((row) => ({
    window: 'sums',
    team: row.team,
    kind: 'payments',
    checked: Number(row.checked),
    affected: counted ? Number(row.unlinked) : 0,
    findings: counted ? { 'payment-without-case': Number(row.unlinked) } : {},
  }));
}
