import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { knownAt } from './knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from './kpi-query.js';

/** The dimensions aids can be counted by (docs/kpis.md 2). */
export const AID_DIMENSIONS = ['setting', 'paragraph', 'team', 'socialArea'] as const;
export type AidDimension = (typeof AID_DIMENSIONS)[number];

const COLUMN: Readonly<Record<AidDimension, string>> = { setting: 'a.setting', paragraph: 'a.paragraph', team: 'a.team', socialArea: 'a.social_area' };

export interface AidCountsRow {
  /** The group's values, by dimension; null where the fact has none (e.g. no setting derivable). */
  readonly group: Readonly<Partial<Record<AidDimension, string | null>>>;
  /** Running in the period: `Beginn ≤ to` and (`Ende` empty or `Ende ≥ from`). */
  readonly running: number;
  readonly begun: number;
  readonly ended: number;
}

export interface AidCountsQuery extends KpiScope, Period {
  readonly by: readonly AidDimension[];
}

/**
 * HzE aids running, begun and ended in a period, as known at `asOf`. The stock on a
 * reference date D is the running count of the period [D, D]. Social area is the case's, as
 * known at `asOf`.
 */
export async function aidCounts(db: Kysely<Database>, query: AidCountsQuery): Promise<AidCountsRow[]> {
  const generation = await servingGeneration(db, query.tenantId, 'aid-history');
  const dimensions = query.by.map((d) => sql`${sql.raw(COLUMN[d])} AS ${sql.ref(d)}`);
  const grouping = query.by.length ? sql`GROUP BY ${sql.join(query.by.map((d) => sql.raw(COLUMN[d])))}` : sql``;
  // The aid versions split by their case's social area hold the same aids: read only when asked.
  const versions = sql.table(query.by.includes('socialArea') ? 'aid_area_versions' : 'aid_versions');
  const { rows } = await sql<Record<string, string | null> & { running: string; begun: string; ended: string }>`
    SELECT ${sql.join([...dimensions, sql`count(*) AS running`], sql`, `)},
           count(*) FILTER (WHERE a.begin_on >= ${query.from}::date) AS begun,
           count(*) FILTER (WHERE a.end_on <= ${query.to}::date) AS ended
    FROM ${versions} a
    WHERE a.tenant_id = ${query.tenantId} AND a.generation = ${generation} AND ${knownAt('a', query.asOf)}
      AND a.educational_aid
      AND a.begin_on <= ${query.to}::date AND (a.end_on IS NULL OR a.end_on >= ${query.from}::date)
    ${grouping}`.execute(db);
  return rows.map((row) => ({
    group: Object.fromEntries(query.by.map((d) => [d, row[d] ?? null])),
    running: Number(row.running),
    begun: Number(row.begun),
    ended: Number(row.ended),
  }));
}

export interface CasesOfYearRow {
  readonly group: AidCountsRow['group'];
  /** Running on 31.12. */
  readonly stock: number;
  /** Ended in the year. */
  readonly ended: number;
  /** Stock plus ended, each aid once (one ending on 31.12. is in both). */
  readonly cases: number;
}

/** docs/kpis.md 2, Fallzahl as the federal statistics count it: the stock on 31.12. plus the aids ended in the year. */
export async function casesOfYear(db: Kysely<Database>, query: KpiScope & { readonly year: number; readonly by: readonly AidDimension[] }): Promise<CasesOfYearRow[]> {
  const year = { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  const [inYear, onLastDay] = await Promise.all([aidCounts(db, { ...query, ...year }), aidCounts(db, { ...query, from: year.to, to: year.to })]);
  const key = (row: AidCountsRow) => JSON.stringify(row.group);
  // Of the aids running on 31.12., `ended` are those whose last day it is: counted in both.
  const lastDay = new Map(onLastDay.map((r) => [key(r), r]));
  return inYear.map((row) => {
    const stock = lastDay.get(key(row))?.running ?? 0;
    return { group: row.group, stock, ended: row.ended, cases: stock + row.ended - (lastDay.get(key(row))?.ended ?? 0) };
  });
}
