import type { z } from 'zod';
import type { Principal } from '../access/role.js';
import type { ReportTable } from '../reports/report-table.js';
import type { ReportScope } from '../reports/tables/report-scope.js';
import type { KpiContext } from './kpi-context.js';

/**
 * One KPI of the read API, described once: its route and its words in OpenAPI, the
 * parameters it takes, the answer it gives, how it computes that answer and the tables it
 * gives the annual report. The controller's routes, the OpenAPI document, the query bus and the
 * annual report are all made from the list of these (definitions/index.ts), so a KPI lives in
 * its one file of `definitions/`.
 */
export interface KpiDefinition<Params = unknown, Answer = unknown> {
  /** Under /api/v1/kpis. */
  readonly route: string;
  /** The controller method's name: OpenAPI's operationId is made from it. */
  readonly method: string;
  readonly summary: string;
  /** What the answer holds, in OpenAPI's words. */
  readonly answers: string;
  /** The query string as OpenAPI lists it. */
  readonly fields: z.ZodObject;
  /** The query string as it is validated (the fields, or them with defaults worked out). */
  readonly params: z.ZodType<Params>;
  readonly answer: z.ZodType;
  compute(kpis: KpiContext, caller: Principal, params: Params): Promise<Answer>;
  /** Its tables of the annual report (Gesamtbericht) for one year; none: it has none there. */
  readonly reportTables?: (scope: ReportScope) => Promise<ReportTable[]>;
}

/** Typed by its parameters: `compute` receives what `params` validated. */
export function defineKpi<S extends z.ZodType, Answer>(kpi: Omit<KpiDefinition<z.output<S>, Answer>, 'params'> & { readonly params: S }): KpiDefinition<z.output<S>, Answer> {
  return kpi as KpiDefinition<z.output<S>, Answer>;
}
