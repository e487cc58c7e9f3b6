import type { BaseQuality } from '@jugendamt/projections';
import type { KnowledgeBasis } from './knowledge-basis.js';

/** Every KPI endpoint answers with its figures and what they rest on. */
export interface KpiAnswer<Row> {
  readonly kpi: string;
  /** The request as understood: resolved period, dimensions, filters. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly basis: KnowledgeBasis;
  readonly rows: readonly Row[];
}

/** An answer whose base a plausibility rule can weaken says how good that base is (docs/data-quality.md). */
export type NotedKpiAnswer<Row> = KpiAnswer<Row> & { readonly dataQuality: BaseQuality };

/** Drill-down to a team needs the team among the dimensions; the filter then keeps its rows. */
export function withTeam<D extends string>(by: readonly D[], team: string | undefined): D[] {
  return team !== undefined && !by.includes('team' as D) ? [...by, 'team' as D] : [...by];
}

export function ofTeam<R extends { readonly group: Readonly<Partial<Record<string, string | null>>> }>(rows: readonly R[], team: string | undefined): R[] {
  return team === undefined ? [...rows] : rows.filter((row) => row.group['team'] === team);
}
