import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { percent, REASON_ADOPTION, REASON_TRANSFER_OF_RESPONSIBILITY, RESIDENCE_PARENTS, RESIDENCES_AFTER_AID } from '@jugendamt/domain';
import { knownAt } from './knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from './kpi-query.js';

export const RETURN_RATE_DIMENSIONS = ['paragraph', 'team'] as const;
export type ReturnRateDimension = (typeof RETURN_RATE_DIMENSIONS)[number];

export interface ReturnRateRow {
  readonly group: Readonly<Partial<Record<ReturnRateDimension, string>>>;
  /** Stationary HzE aids ended in the period, without transfers of responsibility and adoptions. */
  readonly denominator: number;
  /** Of them, living with their parents afterwards. */
  readonly numerator: number;
  /** numerator ÷ denominator × 100, one decimal; null when nothing ended. */
  readonly rate: number | null;
  /** Where they live afterwards; values outside the code list count as `unbekannt`. */
  readonly residences: Readonly<Record<string, number>>;
}

export interface ReturnRateQuery extends KpiScope, Period {
  readonly by: readonly ReturnRateDimension[];
}

/** docs/kpis.md 3, our own formula on the statistics' fields (Rückführungsquote). */
export async function returnRate(db: Kysely<Database>, query: ReturnRateQuery): Promise<ReturnRateRow[]> {
  const generation = await servingGeneration(db, query.tenantId, 'aid-history');
  const known = [...RESIDENCES_AFTER_AID];
  const dimensions = query.by.map((d) => sql`${sql.ref(`a.${d}`)} AS ${sql.ref(d)}`);
  const { rows } = await sql<Record<string, string> & { residence: string; count: string }>`
    SELECT ${sql.join([...dimensions, sql`CASE WHEN a.residence_after = ANY(${known}::text[]) THEN a.residence_after ELSE 'unbekannt' END AS residence`, sql`count(*) AS count`])}
    FROM aid_versions a
    WHERE a.tenant_id = ${query.tenantId} AND a.generation = ${generation} AND ${knownAt('a', query.asOf)}
      AND a.educational_aid AND a.setting = 'stationär'
      AND a.end_on BETWEEN ${query.from}::date AND ${query.to}::date
      AND a.reason_of_ending IS DISTINCT FROM ${REASON_TRANSFER_OF_RESPONSIBILITY}
      AND a.reason_of_ending IS DISTINCT FROM ${REASON_ADOPTION}
    GROUP BY ${sql.join([...query.by.map((d) => sql.ref(`a.${d}`)), sql`residence`])}`.execute(db);

  const groups = new Map<string, { group: Record<string, string>; residences: Record<string, number> }>();
  for (const row of rows) {
    const group = Object.fromEntries(query.by.map((d) => [d, row[d]!]));
    const key = JSON.stringify(group);
    const entry = groups.get(key) ?? { group, residences: {} };
    entry.residences[row.residence] = Number(row.count);
    groups.set(key, entry);
  }
  return [...groups.values()].map(({ group, residences }) => {
    const denominator = Object.values(residences).reduce((n, c) => n + c, 0);
    const numerator = residences[RESIDENCE_PARENTS] ?? 0;
    return { group, denominator, numerator, rate: percent(numerator, denominator), residences };
  });
}
