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
  /** The base of both rates: ended without `Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel`. */
  readonly base: number;
  /** Ended with `Beendigung gemäß Hilfeplan`: the planned-ending rate's numerator. */
  readonly planned: number;
  /** Ended with one of the three `abweichend vom Hilfeplan` reasons: the breakdown rate's numerator. */
  readonly breakdown: number;
  /** planned ÷ base × 100, one decimal. */
  readonly plannedEndingRate: number | null;
  /** breakdown ÷ base × 100, one decimal (Abbruchquote). */
  readonly breakdownRate: number | null;
  /** The ended aids by `Beendigungsgrund`; none given or one outside the code list counts as `unbekannt`. */
  readonly reasons: Readonly<Record<string, number>>;
}

const PLANNED = REASONS_OF_ENDING[0];
const AGAINST_PLAN = REASONS_OF_ENDING.filter((reason) => reason.startsWith('Beendigung abweichend vom Hilfeplan'));
const UNKNOWN_REASON = 'unbekannt';

/**
 * docs/kpis.md 8: durations and how HzE aids ended in a period, with the counts behind each rate
 * and the distribution of the reasons, so that suppression and recomputation can be checked
 * (docs/kpis.md Clarifications).
 */
export async function endings(db: Kysely<Database>, query: KpiScope & Period & { readonly by: readonly EndingDimension[] }): Promise<EndingsRow[]> {
  const generation = await servingGeneration(db, query.tenantId, 'aid-history');
  const dimensions = query.by.map((d) => sql`${sql.ref(`a.${d}`)} AS ${sql.ref(d)}`);
  const columns = query.by.map((d) => sql.ref(`a.${d}`));
  const ended = sql`
    FROM aid_versions a
    WHERE a.tenant_id = ${query.tenantId} AND a.generation = ${generation} AND ${knownAt('a', query.asOf)}
      AND a.educational_aid AND a.end_on BETWEEN ${query.from}::date AND ${query.to}::date`;
  const reason = sql`CASE WHEN a.reason_of_ending = ANY(${[...REASONS_OF_ENDING]}::text[]) THEN a.reason_of_ending ELSE ${UNKNOWN_REASON} END`;
  const [{ rows }, { rows: byReason }] = await Promise.all([
    sql<Record<string, string | null> & { ended: string; mean_days: string | null; median_days: string | null }>`
      SELECT ${sql.join([
        ...dimensions,
        sql`count(*) AS ended`,
        sql`avg(a.end_on - a.begin_on + 1) AS mean_days`,
        sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY a.end_on - a.begin_on + 1) AS median_days`,
      ])}
      ${ended}
      ${columns.length ? sql`GROUP BY ${sql.join(columns)}` : sql``}`.execute(db),
    sql<Record<string, string | null> & { reason: string; count: string }>`
      SELECT ${sql.join([...dimensions, sql`${reason} AS reason`, sql`count(*) AS count`])}
      ${ended}
      GROUP BY ${sql.join([...columns, sql`reason`])}`.execute(db),
  ]);

  const groupOf = (row: Record<string, string | null>) => Object.fromEntries(query.by.map((d) => [d, row[d] ?? null]));
  const reasonsOf = new Map<string, Record<string, number>>();
  for (const row of byReason) {
    const key = JSON.stringify(groupOf(row));
    reasonsOf.set(key, { ...reasonsOf.get(key), [row.reason]: Number(row.count) });
  }
  return rows.map((r) => {
    const group = groupOf(r);
    const reasons = reasonsOf.get(JSON.stringify(group)) ?? {};
    const count = (...of: readonly string[]) => of.reduce((n, reason) => n + (reasons[reason] ?? 0), 0);
    const base = Number(r.ended) - count(REASON_TRANSFER_OF_RESPONSIBILITY);
    const planned = count(PLANNED);
    const breakdown = count(...AGAINST_PLAN);
    return {
      group,
      ended: Number(r.ended),
      meanDays: r.mean_days === null ? null : round(Number(r.mean_days), 1),
      medianDays: r.median_days === null ? null : Number(r.median_days),
      base,
      planned,
      breakdown,
      plannedEndingRate: percent(planned, base),
      breakdownRate: percent(breakdown, base),
      reasons,
    };
  });
}
