import { z } from 'zod';
import { kpiAnswer } from '../answer-schemas.js';
import { yearOverYear, type YearOverYearRow } from '../key-figures/year-over-year.js';
import type { KpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, yearParam } from '../kpi-params.js';
import { yearOverYearTables } from '../../reports/tables/year-over-year-table.js';

export const yearOverYearFields = z.object({
  year: yearParam.describe('The calendar year, compared with the year before.'),
  asOf: asOfParam,
});

type Answer = KpiAnswer<YearOverYearRow>;

export const yearOverYearAnswer = kpiAnswer(
  'year-over-year',
  z.object({
    id: z.string().describe('The key figure, e.g. fallzahl, rueckfuehrungsquote.'),
    label: z.string().describe('Its German name.'),
    unit: z.enum(['', '%', '€', '1:x', 'je 10.000']),
    digits: z.number().int().describe('Decimals of value, previous and change.'),
    value: z.number().nullable().describe('The figure of the year; null where the KPI has none.'),
    previous: z.number().nullable().describe('The same figure of the year before, as known at the same asOf.'),
    change: z.number().nullable().describe('value − previous (percentage points for shares).'),
    changePercent: z.number().nullable().describe('The change in per cent of the year before, one decimal; null where it is missing or 0.'),
    smallCounts: z.boolean().describe('A count behind either year is 1 or 2: published tables hide the row.'),
  }),
) satisfies z.ZodType<Answer>;

/** The office's key figures of a year beside the year before, with the change: controlling's overview and the report's comparison. */
export const yearOverYearKpi = defineKpi({
  route: 'year-over-year',
  method: 'yearOverYear',
  summary: "The office's key figures of a year beside the year before, with the change (absolute and %)",
  answers: 'One row per key figure: the year, the year before, the change',
  fields: yearOverYearFields,
  params: yearOverYearFields,
  answer: yearOverYearAnswer,
  reportTables: yearOverYearTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const [rows, basis] = await Promise.all([
      yearOverYear({ db: kpis.db, tenantId: caller.tenantId, asOf: params.asOf, year: params.year }),
      kpis.basis(caller.tenantId, params.asOf, {
        built: { 'aid-history': ['aid-types'], 'staff-history': [], 'sub-process-history': [], 'chronicle-history': ['aid-types'], 'population-history': [] },
        current: ['staffing', 'process-times', 'budgets'],
      }),
    ]);
    return { kpi: 'year-over-year', parameters: params, basis, rows };
  },
});
