import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { berlinDayOf, percent, round } from '@jugendamt/domain';
import { loadCatalogue } from '../catalogues/catalogue-store.js';
import { costs, type CostRow } from './chronicle-kpis.js';
import { netBySocialAreaOfDays } from './costs-of-days.js';
import type { KpiScope } from './kpi-query.js';
import { newestObservation } from './knowledge-time.js';

export interface SocialAreaBudgetsQuery extends KpiScope {
  readonly year: number;
  /** The period's last day, within the year (ISO date); without it, 31.12. */
  readonly to?: string | undefined;
}

/** One social area's budget against its spending, or the office's (docs/kpis.md 10); amounts in cents. */
export interface BudgetFigures {
  /** The year's budget from the catalogue's current version; null where it names none. */
  readonly budgetCents: number | null;
  /** Net expenditure from 01.01. to the period's end, as known at `asOf`. */
  readonly spentCents: number;
  /** spent ÷ budget × 100, one decimal; null without a budget (or a budget of 0). */
  readonly utilisation: number | null;
  /** The complete calendar months the forecast rests on (the same for every area). */
  readonly completeMonths: number;
  /** Net expenditure of the complete months ÷ their number × 12, whole cents; null before the first complete month. */
  readonly forecastCents: number | null;
  /** forecast − budget; null without a forecast or without a budget. */
  readonly forecastDeviationCents: number | null;
}

export interface SocialAreaBudgetRow extends BudgetFigures {
  /** As the exports write it; null: `ohne Sozialraum`, entries linked to no case. */
  readonly socialArea: string | null;
}

export interface SocialAreaBudgets {
  /** The period: 01.01. of the year to its end. */
  readonly from: string;
  readonly to: string;
  /** The newest applied 14plus export as of `asOf` (ISO timestamp), which decides the complete months; null: none yet. */
  readonly chronicleObservedAt: string | null;
  /** Every social area with a budget for the year or with spending in the period, then `ohne Sozialraum`. */
  readonly areas: readonly SocialAreaBudgetRow[];
  /** The office: the areas' budgets summed, all spending, `ohne Sozialraum` included. */
  readonly office: BudgetFigures;
}

const CHRONICLE_SOURCE = '14plus_chronik';

/** The last day of a month (1–12) of a year, as an ISO date. */
function lastDayOf(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * Months of `year` that are complete: a 14plus export observed on a day (Europe/Berlin) after
 * the month's last day has been applied. Only months the period covers in full count: a
 * forecast as of the end of June rests on January to June at most.
 */
export function completeMonthsOf(year: number, to: string, chronicleObservedAt: Date | null): number {
  if (!chronicleObservedAt) return 0;
  const observedOn = berlinDayOf(chronicleObservedAt);
  let complete = 0;
  for (let month = 1; month <= 12; month++) {
    const last = lastDayOf(year, month);
    if (last < observedOn && last <= to) complete = month;
  }
  return complete;
}

/** Net cents per social area (null for none), from cost rows and further sums. */
function netByArea(rows: readonly CostRow[], keep: (row: CostRow) => boolean = () => true, ...more: Map<string | null, number>[]): Map<string | null, number> {
  const net = new Map<string | null, number>();
  const add = (area: string | null, cents: number) => net.set(area, (net.get(area) ?? 0) + cents);
  for (const row of rows.filter(keep)) add(row.group.socialArea ?? null, row.netCents);
  for (const sums of more) for (const [area, cents] of sums) add(area, cents);
  return net;
}

function figures(budgetCents: number | null, spentCents: number, completeMonths: number, completeNetCents: number): BudgetFigures {
  const forecastCents = completeMonths === 0 ? null : round((completeNetCents * 12) / completeMonths, 0);
  return {
    budgetCents,
    spentCents,
    utilisation: budgetCents === null ? null : percent(spentCents, budgetCents, 1),
    completeMonths,
    forecastCents,
    forecastDeviationCents: forecastCents === null || budgetCents === null ? null : forecastCents - budgetCents,
  };
}

/** The period a budget is spent in: 01.01. of the year to `to`, else to 31.12. */
export function budgetPeriod(query: Pick<SocialAreaBudgetsQuery, 'year' | 'to'>): { from: string; to: string } {
  const to = query.to ?? `${query.year}-12-31`;
  if (!to.startsWith(`${query.year}-`)) throw new RangeError(`the period's end ${to} lies outside ${query.year}`);
  return { from: `${query.year}-01-01`, to };
}

/**
 * docs/kpis.md 10, Sozialraumbudget: each social area's budget for a year against its net
 * expenditure (KPI 7, the social area of the linked case as known at `asOf`) and the linear
 * forecast from the complete months.
 *
 * Entries known at `asOf` carry no `Datum` after the day of the newest 14plus export by then (a
 * later one is quarantined), so "to `asOf`" is the knowledge cut itself, and the monthly sums
 * answer a period that ends within a month on or after that day: the month holds nothing later.
 * Only a period that ends within a month before it (the end of June asked in July) reads that
 * month's days from the entries.
 */
export async function socialAreaBudgets(db: Kysely<Database>, query: SocialAreaBudgetsQuery): Promise<SocialAreaBudgets> {
  const { from, to } = budgetPeriod(query);
  const toMonth = Number(to.slice(5, 7));
  const [observedAt, { content: budgets }] = await Promise.all([newestObservation(db, query.tenantId, { source: CHRONICLE_SOURCE, asOf: query.asOf }), loadCatalogue(db, query.tenantId, 'budgets')]);
  const monthHoldsMore = to !== lastDayOf(query.year, toMonth) && observedAt !== null && to < berlinDayOf(observedAt);
  const wholeMonthsTo = !monthHoldsMore ? lastDayOf(query.year, toMonth) : toMonth > 1 ? lastDayOf(query.year, toMonth - 1) : null;

  const scope = { tenantId: query.tenantId, asOf: query.asOf };
  const [byMonth, partOfMonth] = await Promise.all([
    wholeMonthsTo ? costs(db, { ...scope, from, to: wholeMonthsTo, by: ['socialArea'], granularity: 'month' }) : Promise.resolve([]),
    monthHoldsMore ? netBySocialAreaOfDays(db, { ...scope, from: `${to.slice(0, 7)}-01`, to }) : Promise.resolve(new Map<string | null, number>()),
  ]);
  const completeMonths = completeMonthsOf(query.year, to, observedAt);
  const completeUntil = completeMonths ? `${query.year}-${String(completeMonths).padStart(2, '0')}` : '';

  const spent = netByArea(byMonth, () => true, partOfMonth);
  const ofCompleteMonths = netByArea(byMonth, (row) => row.period <= completeUntil);
  const budgetOf = new Map(Object.entries(budgets.years[String(query.year)] ?? {}).map(([area, euros]) => [area, Math.round(euros * 100)]));

  const named = [...new Set([...budgetOf.keys(), ...[...spent.keys()].filter((area): area is string => area !== null)])].sort((a, b) => a.localeCompare(b, 'de', { numeric: true }));
  const areas = [...named, null].map((socialArea) => ({
    socialArea,
    ...figures(socialArea === null ? null : (budgetOf.get(socialArea) ?? null), spent.get(socialArea) ?? 0, completeMonths, ofCompleteMonths.get(socialArea) ?? 0),
  }));
  const total = (net: Map<string | null, number>) => [...net.values()].reduce((sum, cents) => sum + cents, 0);
  const officeBudget = budgetOf.size ? [...budgetOf.values()].reduce((sum, cents) => sum + cents, 0) : null;
  return {
    from,
    to,
    chronicleObservedAt: observedAt?.toISOString() ?? null,
    areas,
    office: figures(officeBudget, total(spent), completeMonths, total(ofCompleteMonths)),
  };
}
