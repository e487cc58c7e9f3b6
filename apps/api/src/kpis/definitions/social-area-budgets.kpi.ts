import { z } from 'zod';
import { budgetPeriod, socialAreaBudgets, type SocialAreaBudgetRow, type SocialAreaBudgets } from '@jugendamt/projections';
import { dataQuality, kpiAnswer, rate } from '../answer-schemas.js';
import type { NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, periodEndParam, yearParam } from '../kpi-params.js';
import { budgetTables } from '../../reports/tables/budget-table.js';

export const socialAreaBudgetsFields = z.object({
  year: yearParam.describe('The calendar year of the budgets.'),
  to: periodEndParam,
  asOf: asOfParam,
});

export const socialAreaBudgetsParams = socialAreaBudgetsFields.transform((value, ctx) => {
  if (value.to !== undefined && !value.to.startsWith(`${value.year}-`)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must lie in ${value.year}, not ${value.to}` });
    return z.NEVER;
  }
  return value;
});

type Answer = NotedKpiAnswer<SocialAreaBudgetRow> & Pick<SocialAreaBudgets, 'office' | 'chronicleObservedAt'>;

const figures = {
  budgetCents: z.number().int().nullable().describe("The year's budget from the budgets catalogue's current version, in cents; null where it names none (always for ohne Sozialraum)."),
  spentCents: z.number().int().describe("Net expenditure (KPI 7) from 01.01. to the period's end, as known at asOf, in cents."),
  utilisation: rate('spent ÷ budget × 100'),
  completeMonths: z.number().int().describe('Complete calendar months of the period: a 14plus export observed after their last day (Europe/Berlin) was applied by asOf.'),
  forecastCents: z
    .number()
    .int()
    .nullable()
    .describe('Lineare Hochrechnung: net expenditure of the complete months ÷ their number × 12, in cents; null before the first complete month; spent itself once December is complete.'),
  forecastDeviationCents: z.number().int().nullable().describe('forecast − budget, in cents; null without a forecast or a budget.'),
};

export const socialAreaBudgetsAnswer = kpiAnswer(
  'social-area-budgets',
  z.object({ socialArea: z.string().nullable().describe('The social area of the linked case as known at asOf; null: ohne Sozialraum (entries linked to no case).'), ...figures }),
  {
    office: z.object(figures).describe('The office: the budgets of all social areas summed, all spending, ohne Sozialraum included.'),
    chronicleObservedAt: z.string().nullable().describe('The newest applied 14plus export by asOf (ISO timestamp), which decides the complete months; null: none.'),
    dataQuality,
  },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 10: each social area's budget against its spending, and the linear forecast for the year. */
export const socialAreaBudgetsKpi = defineKpi({
  route: 'social-area-budgets',
  method: 'socialAreaBudgets',
  summary: 'Sozialraumbudget (KPI 10): budget, spending, utilisation and linear forecast of each social area and the office',
  answers: 'Each social area with a budget or spending, ohne Sozialraum, and the office',
  fields: socialAreaBudgetsFields,
  params: socialAreaBudgetsParams,
  answer: socialAreaBudgetsAnswer,
  reportTables: budgetTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { tenantId } = caller;
    const [budgets, quality, basis] = await Promise.all([
      socialAreaBudgets(kpis.db, { tenantId, ...params }),
      kpis.quality(tenantId, 'social-area-budgets', { ...budgetPeriod(params), asOf: params.asOf }),
      kpis.basis(tenantId, params.asOf, { built: { 'chronicle-history': ['aid-types'] }, current: ['budgets'] }),
    ]);
    const { areas, office, chronicleObservedAt, from, to } = budgets;
    return { kpi: 'social-area-budgets', parameters: { ...params, from, to }, basis, rows: areas, office, chronicleObservedAt, dataQuality: quality };
  },
});
