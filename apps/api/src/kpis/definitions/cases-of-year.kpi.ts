import { z } from 'zod';
import { AID_DIMENSIONS, casesOfYear, type CasesOfYearRow } from '@jugendamt/projections';
import { groupOf, kpiAnswer } from '../answer-schemas.js';
import { ofTeam, withTeam, type KpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, dimensionsParam, teamParam, yearParam } from '../kpi-params.js';
import { casesOfYearTables } from '../../reports/tables/aid-tables.js';

export const casesOfYearFields = z.object({
  year: yearParam.describe('The calendar year.'),
  by: dimensionsParam(AID_DIMENSIONS),
  team: teamParam,
  asOf: asOfParam,
});

type Answer = KpiAnswer<CasesOfYearRow>;

export const casesOfYearAnswer = kpiAnswer(
  'cases-of-year',
  z.object({
    group: groupOf(AID_DIMENSIONS),
    stock: z.number().int().describe('Running on 31.12.'),
    ended: z.number().int().describe('Ended in the year.'),
    cases: z.number().int().describe('Fallzahl: stock plus ended, each aid once.'),
  }),
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 2: Fallzahl of a year as the federal statistics count it, stock on 31.12. plus aids ended. */
export const casesOfYearKpi = defineKpi({
  route: 'cases-of-year',
  method: 'casesOfYear',
  summary: 'Fallzahl of a year (KPI 2): stock on 31.12. plus aids ended in the year',
  answers: 'Fallzahl by the dimensions asked',
  fields: casesOfYearFields,
  params: casesOfYearFields,
  answer: casesOfYearAnswer,
  reportTables: casesOfYearTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    await kpis.checkTeam(caller.tenantId, team);
    const by = withTeam(query.by, team);
    const [rows, basis] = await Promise.all([casesOfYear(kpis.db, { ...query, by, tenantId: caller.tenantId }), kpis.basis(caller.tenantId, query.asOf, { built: { 'aid-history': ['aid-types'] } })]);
    return { kpi: 'cases-of-year', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team) };
  },
});
