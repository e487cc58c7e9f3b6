import { z } from 'zod';
import { staffFluctuation, type FluctuationRow } from '@jugendamt/projections';
import { kpiAnswer, rate } from '../answer-schemas.js';
import type { KpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';
import { fluctuationTables } from '../../reports/tables/staff-and-cost-tables.js';

export const staffFluctuationFields = z.object({ ...periodParams, team: teamParam, asOf: asOfParam });
export const staffFluctuationParams = staffFluctuationFields.transform(resolvePeriod);

type Answer = KpiAnswer<FluctuationRow>;

export const staffFluctuationAnswer = kpiAnswer(
  'staff-fluctuation',
  z.object({
    team: z.string().nullable().describe('The team; null: the whole office.'),
    averageHeadcount: z.number().describe("Mean headcount on the period's first day and each month's last day, two decimals."),
    averageFte: z.number().describe('Mean FTE on the same days, three decimals.'),
    leavers: z.number().int(),
    leaversFte: z.number(),
    joiners: z.number().int(),
    rate: rate('leavers ÷ average headcount × 100'),
    rateFte: rate("leavers' FTE ÷ average FTE × 100"),
    headcountAtEnd: z.number().int(),
    fteAtEnd: z.number(),
  }),
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 4: fluctuation of the office (team null) and of each team, in heads and FTE. */
export const staffFluctuationKpi = defineKpi({
  route: 'staff-fluctuation',
  method: 'staffFluctuation',
  summary: 'Fluktuation (KPI 4) of the office and each team',
  answers: 'Fluctuation of the office (team null) and of each team',
  fields: staffFluctuationFields,
  params: staffFluctuationParams,
  answer: staffFluctuationAnswer,
  reportTables: fluctuationTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    await kpis.checkTeam(caller.tenantId, team);
    const [rows, basis] = await Promise.all([
      staffFluctuation(kpis.db, { ...query, tenantId: caller.tenantId }),
      kpis.basis(caller.tenantId, query.asOf, { built: { 'staff-history': [] }, current: ['staffing'] }),
    ]);
    return { kpi: 'staff-fluctuation', parameters: { ...query, team }, basis, rows: rows.filter((row) => team === undefined || row.team === null || row.team === team) };
  },
});
