import { z } from 'zod';
import { chronicleCounts, loadCatalogue, type CountRow } from '@jugendamt/projections';
import { kpiAnswer } from '../answer-schemas.js';
import type { KpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, granularityParam, periodParams, resolvePeriodAndGranularity } from '../kpi-params.js';
import { chronicleTables } from '../../reports/tables/process-tables.js';

export const chronicleCountsFields = z.object({ ...periodParams, granularity: granularityParam, asOf: asOfParam });
export const chronicleCountsParams = chronicleCountsFields.transform(resolvePeriodAndGranularity);

type Answer = KpiAnswer<CountRow<'unit' | 'entryType'>>;

export const chronicleCountsAnswer = kpiAnswer(
  'chronicle-counts',
  z.object({
    group: z.object({ unit: z.string().describe('Sachgebiet'), entryType: z.string().describe('Eintragsart') }),
    period: z.string().describe('2024-03, 2024-Q1, 2024 or total, by the granularity.'),
    count: z.number().int().describe('Entries neither cancelled nor cancelling, by Datum.'),
  }),
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 1, 14plus: chronicle entries that count, by Sachgebiet × Eintragsart × period. */
export const chronicleCountsKpi = defineKpi({
  route: 'chronicle-counts',
  method: 'chronicleCounts',
  summary: '14plus process counts (KPI 1): chronicle entries by Sachgebiet and Eintragsart',
  answers: 'Chronicle entries by Sachgebiet, Eintragsart and period',
  fields: chronicleCountsFields,
  params: chronicleCountsParams,
  answer: chronicleCountsAnswer,
  reportTables: chronicleTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { tenantId } = caller;
    const { content } = await loadCatalogue(kpis.db, tenantId, 'chronicle-types');
    const [rows, basis] = await Promise.all([
      chronicleCounts(kpis.db, { ...params, tenantId, countedTypes: content.counted }),
      kpis.basis(tenantId, params.asOf, { built: { 'chronicle-history': [] }, current: ['chronicle-types'] }),
    ]);
    return { kpi: 'chronicle-counts', parameters: params, basis, rows };
  },
});
