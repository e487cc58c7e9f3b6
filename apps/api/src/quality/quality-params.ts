import { z } from 'zod';
import { berlinDayOf } from '@jugendamt/domain';
import { monthBefore, monthsFrom } from '@jugendamt/projections';
import { asOfParam, teamParam } from '../kpis/kpi-params.js';

/** At most three years of months in one answer: the monthly routine looks back a year. */
export const MAX_QUALITY_MONTHS = 36;
/** Without `from`: the half year up to `to`, enough for a trend. */
const DEFAULT_MONTHS = 6;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const inputQualityFields = z.strictObject({
  from: month.optional().describe('First month, inclusive; without it, five months before `to`.'),
  to: month.optional().describe('Last month, inclusive; without it, the month of asOf (or the current month).'),
  asOf: asOfParam,
  team: teamParam,
  format: z.enum(['json', 'csv']).default('json').describe('csv: the sheet for one team leader (needs `team`), German headings.'),
});

export const inputQualityParams = inputQualityFields.transform((value, ctx) => {
  const to = value.to ?? berlinDayOf(value.asOf ?? new Date()).slice(0, 7);
  let from = value.from;
  if (from === undefined) {
    from = to;
    for (let i = 1; i < DEFAULT_MONTHS; i++) from = monthBefore(from);
  }
  if (from > to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `${from} lies after to (${to})` });
    return z.NEVER;
  }
  if (monthsFrom(from, to).length > MAX_QUALITY_MONTHS) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `at most ${MAX_QUALITY_MONTHS} months at once` });
    return z.NEVER;
  }
  if (value.format === 'csv' && value.team === undefined) {
    ctx.addIssue({ code: 'custom', path: ['team'], message: 'the sheet is per team: give team' });
    return z.NEVER;
  }
  return { ...value, from, to };
});

export type InputQualityParams = z.output<typeof inputQualityParams>;
