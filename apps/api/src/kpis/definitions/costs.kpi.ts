import { z } from 'zod';
import { aidCounts, COST_DIMENSIONS, costPerAid, costs, type CostPerAid, type CostRow } from '@jugendamt/projections';
import { dataQuality, groupOf, kpiAnswer } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, dimensionsParam, granularityParam, periodParams, resolvePeriodAndGranularity, teamParam } from '../kpi-params.js';
import { costTables } from '../../reports/tables/staff-and-cost-tables.js';

export const costsFields = z.object({ ...periodParams, granularity: granularityParam, by: dimensionsParam(COST_DIMENSIONS), team: teamParam, asOf: asOfParam });
export const costsParams = costsFields.transform(resolvePeriodAndGranularity);

type Answer = NotedKpiAnswer<CostRow> & { readonly costPerAid: readonly CostPerAid[] };

export const costsAnswer = kpiAnswer(
  'costs',
  z.object({
    group: groupOf(COST_DIMENSIONS).describe(
      'The group: setting ohne Leistungsform outside HzE, paragraph unbekannt where the Hilfeart names none, team and socialArea (of the linked case, as known at asOf) null for entries linked to no case.',
    ),
    period: z.string().describe('2024-03, 2024-Q1, 2024 or total, by the granularity.'),
    grossCents: z.number().int().describe('Σ Betrag of ZAHLUNG, in cents.'),
    incomeCents: z.number().int().describe('Σ |Betrag| of KOSTENBEITRAG and ERSTATTUNG, in cents.'),
    netCents: z.number().int().describe('gross − income, in cents.'),
  }),
  {
    costPerAid: z
      .array(
        z.object({
          paragraph: z.string().nullable(),
          grossCents: z.number().int().describe('Gross expenditure of the paragraph in the period; 0 without payments.'),
          aids: z.number().int().describe('HzE aids of the paragraph running in the period.'),
          centsPerAid: z.number().int().describe('grossCents ÷ aids, in whole cents.'),
        }),
      )
      .describe('For every HzE paragraph with aids running in the period, payments or not; none for other paragraphs.'),
    dataQuality,
  },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 7: gross expenditure, income and net from 14plus, and the cost per aid of each paragraph. */
export const costsKpi = defineKpi({
  route: 'costs',
  method: 'costs',
  summary: 'Kosten (KPI 7) from 14plus, and cost per aid',
  answers: 'Gross, income and net by the dimensions asked and period, and the cost per aid of each HzE paragraph',
  fields: costsFields,
  params: costsParams,
  answer: costsAnswer,
  reportTables: costTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    const { tenantId } = caller;
    await kpis.checkTeam(tenantId, team);
    const by = withTeam(query.by, team);
    const whole = { tenantId, from: query.from, to: query.to, asOf: query.asOf, by: withTeam(['paragraph'] as const, team) };
    const [rows, byParagraph, aids, quality, basis] = await Promise.all([
      costs(kpis.db, { ...query, by, tenantId }),
      costs(kpis.db, { ...whole, granularity: 'total' }),
      aidCounts(kpis.db, whole),
      kpis.quality(tenantId, 'costs', { ...query, team }),
      kpis.basis(tenantId, query.asOf, { built: { 'chronicle-history': ['aid-types'], 'aid-history': ['aid-types'] } }),
    ]);
    const perAid = costPerAid(ofTeam(byParagraph, team), ofTeam(aids, team));
    return { kpi: 'costs', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team), costPerAid: perAid, dataQuality: quality };
  },
});
