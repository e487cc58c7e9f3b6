import { z } from 'zod';
import { returnRate, RETURN_RATE_DIMENSIONS, type ReturnRateRow } from '@jugendamt/projections';
import { dataQuality, givenGroupOf, kpiAnswer, rate } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, dimensionsParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';
import { returnRateTables } from '../../reports/tables/aid-tables.js';

export const returnRateFields = z.object({ ...periodParams, by: dimensionsParam(RETURN_RATE_DIMENSIONS), team: teamParam, asOf: asOfParam });
export const returnRateParams = returnRateFields.transform(resolvePeriod);

type Answer = NotedKpiAnswer<ReturnRateRow>;

export const returnRateAnswer = kpiAnswer(
  'return-rate',
  z.object({
    group: givenGroupOf(RETURN_RATE_DIMENSIONS),
    denominator: z.number().int().describe('Stationary HzE aids ended in the period, without Zuständigkeitswechsel and adoptions.'),
    numerator: z.number().int().describe('Of them, living with their parents afterwards.'),
    rate: rate('Rückführungsquote: numerator ÷ denominator × 100'),
    residences: z.record(z.string(), z.number().int()).describe('The same aids by Aufenthalt nach Hilfeende; outside the code list: unbekannt.'),
  }),
  { dataQuality },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 3: Rückführungsquote of stationary aids ended in the period, with where the young people live afterwards. */
export const returnRateKpi = defineKpi({
  route: 'return-rate',
  method: 'returnRate',
  summary: 'Rückführungsquote (KPI 3)',
  answers: 'Return rate with its numerator, denominator and the residences after the aid',
  fields: returnRateFields,
  params: returnRateParams,
  answer: returnRateAnswer,
  reportTables: returnRateTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    await kpis.checkTeam(caller.tenantId, team);
    const by = withTeam(query.by, team);
    const [rows, quality, basis] = await Promise.all([
      returnRate(kpis.db, { ...query, by, tenantId: caller.tenantId }),
      kpis.quality(caller.tenantId, 'return-rate', { ...query, team }),
      kpis.basis(caller.tenantId, query.asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    return { kpi: 'return-rate', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team), dataQuality: quality };
  },
});
