import { z } from 'zod';
import { berlinDayOf } from '@jugendamt/domain';
import { monthBefore, monthsFrom } from '@jugendamt/projections';
import { fieldErrors } from '../http/validated.js';
import { asOfParam, teamParam } from '../kpis/kpi-params.js';

/** At most three years of months in one answer: the monthly routine looks back a year. */
export const MAX_QUALITY_MONTHS = 36;
/** Without `from`: the half year up to `to`, enough for a trend. */
const DEFAULT_MONTHS = 6;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const toDescription = 'Last month, inclusive; without it, the month of the newest export known (at asOf), or the current month before any.';

export const inputQualityFields = z.strictObject({
  from: month.optional().describe('First month, inclusive; without it, five months before `to`.'),
  to: month.optional().describe(toDescription),
  asOf: asOfParam,
  team: teamParam,
  format: z.enum(['json', 'csv']).default('json').describe('csv: the sheet for one team leader (needs `team`), German headings.'),
});

export const inputQualityParams = inputQualityFields.superRefine((value, ctx) => {
  if (value.format === 'csv' && value.team === undefined) ctx.addIssue({ code: 'custom', path: ['team'], message: 'the sheet is per team: give team' });
});

export type InputQualityParams = z.output<typeof inputQualityParams>;

export const findingsToFixFields = z.strictObject({
  from: month.optional().describe('First month whose live records are checked; without it, five months before `to`.'),
  to: month.optional().describe(toDescription.replace(' (at asOf)', '')),
  team: teamParam,
  format: z.enum(['json', 'csv']).default('json').describe('csv: the whole list for the team, German headings (limit and offset do not apply).'),
  limit: z.coerce.number().int().min(1).max(10_000).default(500).describe("JSON: at most this many findings, in the list's order; `total` says how many there are."),
  offset: z.coerce.number().int().min(0).default(0).describe('JSON: the findings from this place of the list on.'),
});

/** As known now only: the line kept is the newest export's. */
export type FindingsToFixParams = z.output<typeof findingsToFixFields>;

/**
 * The months an answer covers. Without `to`, the month of the newest export: an office whose
 * exports stopped (or a demonstration on old samples) sees the months its data speak of, not
 * half a year of sub-processes that look overdue only because nothing was delivered since.
 */
export function monthsAsked(asked: { readonly from?: string | undefined; readonly to?: string | undefined }, newestExport: Date | null, now: Date = new Date()): { from: string; to: string } {
  const to = asked.to ?? berlinDayOf(newestExport ?? now).slice(0, 7);
  let from = asked.from;
  if (from === undefined) {
    from = to;
    for (let i = 1; i < DEFAULT_MONTHS; i++) from = monthBefore(from);
  }
  if (from > to) throw fieldErrors([{ field: 'from', message: `${from} lies after to (${to})` }]);
  if (monthsFrom(from, to).length > MAX_QUALITY_MONTHS) throw fieldErrors([{ field: 'from', message: `at most ${MAX_QUALITY_MONTHS} months at once` }]);
  return { from, to };
}

/** A month range as the days from its first to its last. */
export function daysOfMonths({ from, to }: { from: string; to: string }): { from: string; to: string } {
  const [year, m] = to.split('-').map(Number) as [number, number];
  return { from: `${from}-01`, to: new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10) };
}
