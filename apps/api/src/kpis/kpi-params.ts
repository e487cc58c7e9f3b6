import { z } from 'zod';
import { granularityOf, type Granularity } from '@jugendamt/projections';

const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

/** `2024`, `2024-Q2` or `2024-03` as an inclusive date range. */
export function periodRange(period: string): { from: string; to: string } | undefined {
  const match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  const [firstMonth, months] = match[2] ? [(Number(match[2]) - 1) * 3, 3] : match[3] ? [Number(match[3]) - 1, 1] : [0, 12];
  const from = new Date(Date.UTC(year, firstMonth, 1));
  const to = new Date(Date.UTC(year, firstMonth + months, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** The offset of Europe/Berlin on a day, e.g. `+01:00`: the office's day ends at its own midnight. */
function berlinOffset(day: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${day}T12:00:00Z`))
    .find((part) => part.type === 'timeZoneName')!.value;
  return name.replace('GMT', '') || '+00:00';
}

/**
 * `asOf`: a timestamp with offset, or a day meaning "as known at the end of that day" in
 * the office's time zone, so the night's exports of that day count.
 */
export const asOfParam = z
  .union([z.iso.datetime({ offset: true }), isoDate], { error: 'must be a timestamp with offset (2025-01-31T08:00:00+01:00) or a date YYYY-MM-DD' })
  .optional()
  .transform((value) => (value === undefined ? undefined : value.length === 10 ? new Date(`${value}T23:59:59.999${berlinOffset(value)}`) : new Date(value)))
  .describe('Knowledge time: only what had been observed by then counts. A date means the end of that day (Europe/Berlin).');

/** A period given as `from`/`to` or as `period`; `from` must not lie after `to`. */
export const periodParams = {
  from: isoDate.optional().describe('First day of the period, inclusive (with `to`; or give `period`).'),
  to: isoDate.optional().describe('Last day of the period, inclusive.'),
  period: z.string().optional().describe('Shorthand for the period: `2024`, `2024-Q2` or `2024-03`.'),
};

type PeriodInput = { from?: string | undefined; to?: string | undefined; period?: string | undefined };

export function resolvePeriod<T extends PeriodInput>(value: T, ctx: z.RefinementCtx): (Omit<T, 'period'> & { from: string; to: string }) | typeof z.NEVER {
  const { period, ...rest } = value;
  if (period !== undefined) {
    if (value.from !== undefined || value.to !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'give either period or from/to, not both' });
      return z.NEVER;
    }
    const range = periodRange(period);
    if (!range) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: `must be YYYY, YYYY-Qn or YYYY-MM, not ${period}` });
      return z.NEVER;
    }
    return { ...rest, ...range };
  }
  if (value.from === undefined || value.to === undefined) {
    ctx.addIssue({ code: 'custom', path: [value.from === undefined ? 'from' : 'to'], message: 'required (or give period)' });
    return z.NEVER;
  }
  if (value.from > value.to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `${value.from} lies after to (${value.to})` });
    return z.NEVER;
  }
  return { ...rest, from: value.from, to: value.to };
}

/** `by=team,paragraph`: the dimensions to group by, each one of `allowed`. */
export function dimensionsParam<D extends string>(allowed: readonly D[]) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const asked = value
        ? value
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean)
        : [];
      const unknown = asked.filter((d) => !(allowed as readonly string[]).includes(d));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `unknown dimension ${unknown.join(', ')}; known: ${allowed.join(', ')}` });
        return z.NEVER;
      }
      return [...new Set(asked)] as D[];
    })
    .describe(`Comma-separated dimensions to group by: ${allowed.join(', ')}. None gives the office's total.`);
}

export const granularityParam = z
  .enum(['month', 'quarter', 'year', 'total'])
  .optional()
  .describe(
    'How the period is split: month (2024-03), quarter (2024-Q1), year (2024), or total. Without it, one row for the period asked: period=2024 gives 2024, period=2024-Q2 gives 2024-Q2, period=2024-03 gives 2024-03; from/to a year, quarter or month likewise, any other range total.',
  );

/** A period (as `resolvePeriod`) and its granularity: the one asked for, else the period's own. */
export function resolvePeriodAndGranularity<T extends PeriodInput & { granularity?: Granularity | undefined }>(
  value: T,
  ctx: z.RefinementCtx,
): (Omit<T, 'period'> & { from: string; to: string; granularity: Granularity }) | typeof z.NEVER {
  const resolved = resolvePeriod(value, ctx);
  if (resolved === z.NEVER) return z.NEVER;
  return { ...resolved, granularity: value.granularity ?? granularityOf(resolved) };
}

export const teamParam = z.string().min(1).optional().describe('Drill down to one team (its name as in the exports).');

export const referenceDateParam = isoDate.describe('Reference date (Stichtag), e.g. 2024-12-31.');

/** The last day of a period within a year, checked against the year by the query's params. */
export const periodEndParam = isoDate.optional().describe("The period's last day, inclusive, within the year; without it, 31.12.");

export const yearParam = z.coerce
  .number({ error: 'must be a year' })
  .int({ error: 'must be a year' })
  .min(1990, { error: 'must be a year from 1990 on' })
  .max(2100, { error: 'must be a year up to 2100' });

export const flagParam = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .default('false')
  .transform((value) => value === 'true');
