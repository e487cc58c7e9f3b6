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

export const findingsToFixFields = z.strictObject({
  from: month.optional().describe('First month whose live records are checked; without it, five months before `to`.'),
  to: month.optional().describe('Last month, inclusive; without it, the current month.'),
  team: teamParam,
  format: z.enum(['json', 'csv']).default('json').describe('csv: the list for the team, German headings.'),
});

/** As known now only: the line kept is the newest export's. */
export const findingsToFixParams = findingsToFixFields.transform((value, ctx) => {
  const months = inputQualityParams.safeParse({ from: value.from, to: value.to });
  if (!months.success) {
    for (const issue of months.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  }
  const [year, m] = months.data.to.split('-').map(Number) as [number, number];
  return { ...value, from: `${months.data.from}-01`, to: new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10) };
});

export type FindingsToFixParams = z.output<typeof findingsToFixParams>;
