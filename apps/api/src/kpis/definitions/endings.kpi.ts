import { z } from 'zod';
import { ENDING_DIMENSIONS, endings, type EndingsRow } from '@jugendamt/projections';
import { dataQuality, groupOf, kpiAnswer, rate } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, dimensionsParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';
import { endingsTables } from '../../reports/tables/aid-tables.js';

export const endingsFields = z.object({ ...periodParams, by: dimensionsParam(ENDING_DIMENSIONS), team: teamParam, asOf: asOfParam });
export const endingsParams = endingsFields.transform(resolvePeriod);

type Answer = NotedKpiAnswer<EndingsRow>;

export const endingsAnswer = kpiAnswer(
  'endings',
  z.object({
    group: groupOf(ENDING_DIMENSIONS),
    ended: z.number().int().describe('HzE aids ended in the period.'),
    meanDays: z.number().nullable().describe('Mean duration in days (Ende − Beginn + 1), one decimal.'),
    medianDays: z.number().nullable().describe('Median duration in days.'),
    base: z.number().int().describe('Base of both rates: ended without Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel.'),
    planned: z.number().int().describe('Ended with Beendigung gemäß Hilfeplan.'),
    breakdown: z.number().int().describe('Ended with one of the three reasons abweichend vom Hilfeplan.'),
    plannedEndingRate: rate('planned ÷ base × 100'),
    breakdownRate: rate('Abbruchquote: breakdown ÷ base × 100'),
    reasons: z.record(z.string(), z.number().int()).describe('The ended aids by Beendigungsgrund; none given or outside the code list: unbekannt.'),
  }),
  { dataQuality },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 8: durations of aids ended in the period, planned-ending and breakdown rates. */
export const endingsKpi = defineKpi({
  route: 'endings',
  method: 'endings',
  summary: 'Dauer und Beendigungen (KPI 8), with the counts behind the rates and the distribution of Beendigungsgrund',
  answers: 'Durations, the counts behind the rates, the rates and the reasons of ending',
  fields: endingsFields,
  params: endingsParams,
  answer: endingsAnswer,
  reportTables: endingsTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    await kpis.checkTeam(caller.tenantId, team);
    const by = withTeam(query.by, team);
    const [rows, quality, basis] = await Promise.all([
      endings(kpis.db, { ...query, by, tenantId: caller.tenantId }),
      kpis.quality(caller.tenantId, 'endings', { ...query, team }),
      kpis.basis(caller.tenantId, query.asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    return { kpi: 'endings', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team), dataQuality: quality };
  },
});
