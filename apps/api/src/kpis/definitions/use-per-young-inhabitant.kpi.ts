import { z } from 'zod';
import { USE_DIMENSIONS, usePerYoungInhabitant, type UsePerYoungInhabitantRow } from '@jugendamt/projections';
import { dataQuality, groupOf, kpiAnswer } from '../answer-schemas.js';
import type { NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, dimensionsParam, yearParam } from '../kpi-params.js';
import { usePerYoungInhabitantTables } from '../../reports/tables/population-tables.js';

export const usePerYoungInhabitantFields = z.object({
  year: yearParam.describe('The calendar year; the population is the one on 31.12. of it, or the latest Stichtag before.'),
  by: dimensionsParam(USE_DIMENSIONS).describe('socialArea, and within it (or the office) setting or paragraph: two breakdowns, not their cross.'),
  asOf: asOfParam,
});

export const usePerYoungInhabitantParams = usePerYoungInhabitantFields.superRefine((params, ctx) => {
  if (params.by.includes('setting') && params.by.includes('paragraph')) {
    ctx.addIssue({ code: 'custom', path: ['by'], message: 'setting and paragraph are two breakdowns: ask for one of them' });
  }
});

type Answer = NotedKpiAnswer<UsePerYoungInhabitantRow>;

const per10000 = (what: string) => z.number().nullable().describe(`${what} per 10,000 residents under 21, one decimal; null where the population is missing or 0 (see population.gap).`);

export const usePerYoungInhabitantAnswer = kpiAnswer(
  'use-per-young-inhabitant',
  z.object({
    group: groupOf(USE_DIMENSIONS),
    cases: z.number().int().describe('Fallzahl of the year (KPI 2): stock on 31.12. plus aids ended in the year.'),
    stock: z.number().int().describe('HzE aids running on 31.12.'),
    population: z
      .object({
        young: z.number().int().nullable().describe('Residents aged 0 to 20 the rates divide by.'),
        stichtage: z.array(z.string()).describe('The Stichtage used: 31.12. of the year, or the latest before it, per social area.'),
        gap: z.enum(['no-population', 'zero', 'band-crosses-21', 'no-social-area']).nullable().describe('Why there is no population to divide by; null where there is one.'),
        areasWithout: z.array(z.string()).optional().describe('Office rows: social areas with aids or costs but no usable population, left out of the sum.'),
      })
      .describe('The young population behind the rates.'),
    casesPer10000: per10000('HzE density: the Fallzahl'),
    stockPer10000: per10000('The stock on 31.12.'),
    netCents: z.number().int().nullable().describe('Net expenditure of the year (KPI 7), cents; office and social-area rows only.'),
    netPerYoungInhabitant: z.number().nullable().describe('Net expenditure per resident under 21, euros, two decimals; office and social-area rows only.'),
  }),
  { dataQuality },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 9: Inanspruchnahme (HzE per 10,000 under 21) and net cost per young inhabitant. */
export const usePerYoungInhabitantKpi = defineKpi({
  route: 'use-per-young-inhabitant',
  method: 'usePerYoungInhabitant',
  summary: 'Inanspruchnahme (KPI 9): HzE per 10,000 residents under 21 and net cost per young inhabitant, by office and social area',
  answers: 'Fallzahl, stock and net costs of the year related to the population under 21, naming the Stichtage used',
  fields: usePerYoungInhabitantFields,
  params: usePerYoungInhabitantParams,
  answer: usePerYoungInhabitantAnswer,
  reportTables: usePerYoungInhabitantTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const [rows, quality, basis] = await Promise.all([
      usePerYoungInhabitant(kpis.db, { ...params, tenantId: caller.tenantId }),
      // The Fallzahl's aids: the stock on 31.12. and those ended in the year.
      kpis.quality(caller.tenantId, 'use-per-young-inhabitant', { from: `${params.year}-01-01`, to: `${params.year}-12-31`, asOf: params.asOf }),
      kpis.basis(caller.tenantId, params.asOf, {
        built: { 'aid-history': ['aid-types'], 'chronicle-history': ['aid-types'], 'population-history': [] },
      }),
    ]);
    return { kpi: 'use-per-young-inhabitant', parameters: params, basis, rows, dataQuality: quality };
  },
});
