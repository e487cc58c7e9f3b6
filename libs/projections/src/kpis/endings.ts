import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { percent, REASON_TRANSFER_OF_RESPONSIBILITY, REASONS_OF_ENDING, round } from '@jugendamt/domain';
import { knownAt } from './knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from './kpi-query.js';

export const ENDING_DIMENSIONS = ['paragraph', 'setting', 'team'] as const;
export type EndingDimension = (typeof ENDING_DIMENSIONS)[number];

export interface EndingsRow {
  readonly group: Readonly<Partial<Record<EndingDimension, string | null>>>;
  readonly ended: number;
  /** Days from Beginn to Ende, both counted: mean with one decimal, median. */
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  /** Ended as planned ÷ ended without Zuständigkeitswechsel × 100. */
  readonly plannedEndingRate: number | null;
  /** Ended against the plan (three reasons) ÷ the same base × 100 (Abbruchquote). */
  readonly breakdownRate: number | null;
}

const PLANNED = REASONS_OF_ENDING[0];
const AGAINST_PLAN = REASONS_OF_ENDING.filter((reason) => reason.startsWith('Beendigung abweichend vom Hilfeplan'));

/** KPIS.md 8: durations and how HzE aids ended in a period. */
export async function endings(db: Kysely<Database>, query: KpiScope & Period & { readonly by: readonly EndingDimension[] }): Promise<EndingsRow[]> {
  const generation = await servingGeneration(db, query.tenantId, 'aid-history');
  const dimensions = query.by.map((d) => sql`${sql.ref(`a.${d}`)} AS ${sql.ref(d)}`);
  const grouping = query.by.length ? sql`GROUP BY ${sql.join(query.by.map((d) => sql.ref(`a.${d}`)))}` : sql``;
  const { rows } = await sql<Record<string, string | null> & { ended: string; mean_days: string | null; median_days: string | null; planned: string; against_plan: string; transferred: string }>`
    SELECT ${sql.join([
      ...dimensions,
      sql`count(*) AS ended`,
      sql`avg(a.end_on - a.begin_on + 1) AS mean_days`,
      sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY a.end_on - a.begin_on + 1) AS median_days`,
      sql`count(*) FILTER (WHERE a.reason_of_ending = ${PLANNED}) AS planned`,
      sql`count(*) FILTER (WHERE a.reason_of_ending = ANY(${AGAINST_PLAN}::text[])) AS against_plan`,
      sql`count(*) FILTER (WHERE a.reason_of_ending = ${REASON_TRANSFER_OF_RESPONSIBILITY}) AS transferred`,
    ])}
    FROM aid_versions a
    WHERE a.tenant_id = ${query.tenantId} AND a.generation = ${generation} AND ${knownAt('a', query.asOf)}
      AND a.educational_aid AND a.end_on BETWEEN ${query.from}::date AND ${query.to}::date
    ${grouping}`.execute(db);
  return rows.map((r) => {
    const base = Number(r.ended) - Number(r.transferred);
    return {
      group: Object.fromEntries(query.by.map((d) => [d, r[d] ?? null])),
      ended: Number(r.ended),
      meanDays: r.mean_days === null ? null : round(Number(r.mean_days), 1),
      medianDays: r.median_days === null ? null : Number(r.median_days),
      plannedEndingRate: percent(Number(r.planned), base),
      breakdownRate: percent(Number(r.against_plan), base),
    };
  });
}
