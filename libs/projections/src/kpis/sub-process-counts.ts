import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { knownAt, knownBy } from './knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from './kpi-query.js';
import { periodLabel, wholeMonths, type Granularity } from './period-grouping.js';

export const SUB_PROCESS_DIMENSIONS = ['team', 'coreProcess', 'subProcess'] as const;
export type SubProcessDimension = (typeof SUB_PROCESS_DIMENSIONS)[number];
const COLUMN: Readonly<Record<SubProcessDimension, string>> = { team: 's.team', coreProcess: 's.core_process', subProcess: 's.sub_process_code' };

export interface SubProcessCountsQuery extends KpiScope, Period {
  readonly by: readonly SubProcessDimension[];
  readonly granularity: Granularity;
}

export interface CountRow<D extends string> {
  readonly group: Readonly<Partial<Record<D, string>>>;
  readonly period: string;
  readonly count: number;
}

/**
 * docs/kpis.md 1: completed sub-processes, counted in the period of `Abgeschlossen am`. A row
 * later seen `storniert`, or `offen` again, stops counting from that observation on.
 */
export async function subProcessCounts(db: Kysely<Database>, query: SubProcessCountsQuery): Promise<CountRow<SubProcessDimension>[]> {
  const generation = await servingGeneration(db, query.tenantId, 'sub-process-history');
  return wholeMonths(query) ? countsFromChanges(db, query, generation) : countsFromFacts(db, query, generation);
}

const CHANGE_COLUMN: Readonly<Record<SubProcessDimension, string>> = { team: 'c.team', coreProcess: 'c.core_process', subProcess: 'c.sub_process_code' };

export async function countsFromChanges(db: Kysely<Database>, query: SubProcessCountsQuery, generation: number): Promise<CountRow<SubProcessDimension>[]> {
  const period = periodLabel(sql.ref('c.month'), query.granularity);
  const dimensions = query.by.map((d) => sql`${sql.raw(CHANGE_COLUMN[d])} AS ${sql.ref(d)}`);
  const { rows } = await sql<Record<string, string> & { period: string; count: string }>`
    SELECT ${sql.join([...dimensions, sql`${period} AS period`, sql`sum(c.delta) AS count`])}
    FROM sub_process_count_changes c
    WHERE c.tenant_id = ${query.tenantId} AND c.generation = ${generation} AND ${knownBy('c', query.asOf)} AND c.month BETWEEN ${query.from}::date AND ${query.to}::date
    GROUP BY ${sql.join([...query.by.map((d) => sql.raw(CHANGE_COLUMN[d])), sql`period`])}
    HAVING sum(c.delta) <> 0
    ORDER BY ${sql.join([sql`period`, ...query.by.map((d) => sql.raw(CHANGE_COLUMN[d]))])}`.execute(db);
  return rows.map((row) => ({ group: Object.fromEntries(query.by.map((d) => [d, row[d]!])), period: row.period, count: Number(row.count) }));
}

/** Any other date range: the facts themselves. Both paths give the same counts for whole months (tested). */
export async function countsFromFacts(db: Kysely<Database>, query: SubProcessCountsQuery, generation: number): Promise<CountRow<SubProcessDimension>[]> {
  const period = periodLabel(sql.ref('s.completed_on'), query.granularity);
  const dimensions = query.by.map((d) => sql`${sql.raw(COLUMN[d])} AS ${sql.ref(d)}`);
  const { rows } = await sql<Record<string, string> & { period: string; count: string }>`
    SELECT ${sql.join([...dimensions, sql`${period} AS period`, sql`count(*) AS count`])}
    FROM sub_process_versions s
    WHERE s.tenant_id = ${query.tenantId} AND s.generation = ${generation} AND ${knownAt('s', query.asOf)}
      AND s.status = 'abgeschlossen' AND s.completed_on BETWEEN ${query.from}::date AND ${query.to}::date
    GROUP BY ${sql.join([...query.by.map((d) => sql.raw(COLUMN[d])), sql`period`])}
    ORDER BY ${sql.join([sql`period`, ...query.by.map((d) => sql.raw(COLUMN[d]))])}`.execute(db);
  return rows.map((row) => ({ group: Object.fromEntries(query.by.map((d) => [d, row[d]!])), period: row.period, count: Number(row.count) }));
}
