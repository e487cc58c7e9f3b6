import { z } from 'zod';
import { caseloadPerFte, type CaseloadRow } from '@jugendamt/projections';
import { dataQuality, kpiAnswer } from '../answer-schemas.js';
import type { NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, periodParams, referenceDateParam, resolvePeriod, teamParam } from '../kpi-params.js';
import { caseloadTables } from '../../reports/tables/staff-and-cost-tables.js';

export const caseloadFields = z.object({
  on: referenceDateParam.optional().describe('Reference date (Stichtag), e.g. 2024-12-31; or give a period (period, or from and to), whose last day it then is.'),
  ...periodParams,
  team: teamParam,
  asOf: asOfParam,
});

/** The reference date: `on`, or the last day of the period asked (docs/kpis.md Clarifications). */
export const caseloadParams = caseloadFields.transform(({ on, ...value }, ctx) => {
  if (on === undefined) {
    if (value.period === undefined && value.from === undefined && value.to === undefined) {
      ctx.addIssue({ code: 'custom', path: ['on'], message: 'required (or give period, or from and to)' });
      return z.NEVER;
    }
    const period = resolvePeriod(value, ctx);
    if (period === z.NEVER) return z.NEVER;
    return { ...period, on: period.to };
  }
  if (value.period !== undefined || value.from !== undefined || value.to !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['on'], message: 'give either on or a period, not both' });
    return z.NEVER;
  }
  return { team: value.team, asOf: value.asOf, on };
});

export interface CaseloadAnswerRow extends CaseloadRow {
  /** The German form `1:44,0`; null without case-worker FTE. */
  readonly ratio: string | null;
}

type Answer = NotedKpiAnswer<CaseloadAnswerRow>;

export const caseloadAnswer = kpiAnswer(
  'caseload',
  z.object({
    team: z.string(),
    aids: z.number().int().describe('HzE aids of the team running on the reference date.'),
    caseWorkerFte: z.number().describe("Summed Stellenanteil of the team's Fachkräfte employed and in the team on that day, three decimals."),
    aidsPerFte: z.number().nullable().describe('x of 1:x, one decimal (44.0 is served as 44); null without case-worker FTE.'),
    ratio: z.string().nullable().describe('The German form, 1:44,0; null without case-worker FTE.'),
  }),
  { dataQuality },
) satisfies z.ZodType<Answer>;

/** `1:44,0`: x of 1:x with one decimal and a decimal comma, as the reports write it. */
export function germanRatio(aidsPerFte: number | null): string | null {
  return aidsPerFte === null ? null : `1:${aidsPerFte.toFixed(1).replace('.', ',')}`;
}

/** docs/kpis.md 5: Fachkraft-Fall-Relation per team on a reference date, as a number (44.0) and written 1:44,0. */
export const caseloadKpi = defineKpi({
  route: 'caseload',
  method: 'caseload',
  summary: 'Fachkraft-Fall-Relation (KPI 5) per team on a reference date, or on the last day of a period',
  answers: 'Aids per case-worker FTE of each team, as a number and as 1:x,x',
  fields: caseloadFields,
  params: caseloadParams,
  answer: caseloadAnswer,
  reportTables: caseloadTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    await kpis.checkTeam(caller.tenantId, team);
    const [rows, quality, basis] = await Promise.all([
      caseloadPerFte(kpis.db, { tenantId: caller.tenantId, on: query.on, asOf: query.asOf }),
      kpis.quality(caller.tenantId, 'caseload', { from: query.on, to: query.on, asOf: query.asOf, team }),
      kpis.basis(caller.tenantId, query.asOf, { built: { 'aid-history': ['aid-types'], 'staff-history': [] }, current: ['staffing'] }),
    ]);
    const answered = rows.filter((row) => team === undefined || row.team === team).map((row) => ({ ...row, ratio: germanRatio(row.aidsPerFte) }));
    return { kpi: 'caseload', parameters: { ...query, team }, basis, rows: answered, dataQuality: quality };
  },
});
