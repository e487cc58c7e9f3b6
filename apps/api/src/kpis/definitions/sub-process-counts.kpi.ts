import { z } from 'zod';
import { subProcessCounts, SUB_PROCESS_DIMENSIONS, type CountRow, type SubProcessDimension } from '@jugendamt/projections';
import { dataQuality, givenGroupOf, kpiAnswer } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { asOfParam, dimensionsParam, granularityParam, periodParams, resolvePeriodAndGranularity, teamParam } from '../kpi-params.js';
import { defineKpi } from '../kpi-definition.js';
import { subProcessTables } from '../../reports/tables/process-tables.js';

export const subProcessCountsFields = z.object({
  ...periodParams,
  granularity: granularityParam,
  by: dimensionsParam(SUB_PROCESS_DIMENSIONS),
  team: teamParam,
  asOf: asOfParam,
});
export const subProcessCountsParams = subProcessCountsFields.transform(resolvePeriodAndGranularity);

type Answer = NotedKpiAnswer<CountRow<SubProcessDimension>>;

export const subProcessCountsAnswer = kpiAnswer(
  'sub-process-counts',
  z.object({
    group: givenGroupOf(SUB_PROCESS_DIMENSIONS),
    period: z.string().describe('2024-03, 2024-Q1, 2024 or total, by the granularity.'),
    count: z.number().int().describe('Completed sub-processes, counted in the period of Abgeschlossen am.'),
  }),
  { dataQuality },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 1: completed sub-processes of WebFM by team, Kernprozess, Teilprozess and period. */
export const subProcessCountsKpi = defineKpi({
  route: 'sub-process-counts',
  method: 'subProcessCounts',
  summary: 'Teilprozess-Häufigkeit (KPI 1): completed WebFM sub-processes',
  answers: 'Completed sub-processes by the dimensions asked and period',
  fields: subProcessCountsFields,
  params: subProcessCountsParams,
  answer: subProcessCountsAnswer,
  reportTables: subProcessTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    await kpis.checkTeam(caller.tenantId, team);
    const by = withTeam(query.by, team);
    const [rows, quality, basis] = await Promise.all([
      subProcessCounts(kpis.db, { ...query, by, tenantId: caller.tenantId }),
      kpis.quality(caller.tenantId, 'sub-process-counts', { ...query, team }),
      kpis.basis(caller.tenantId, query.asOf, { built: { 'sub-process-history': [] } }),
    ]);
    return { kpi: 'sub-process-counts', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team), dataQuality: quality };
  },
});
