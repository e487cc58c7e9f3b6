import { formatDate } from '../format/german';
import { monthName } from '../format/periods';
import type { KpiEntry } from './catalogue';
import type { Dimension, Granularity, KpiQuery } from './kpi-types';

/**
 * A KPI page's filters live in the address (search params), so a bookmark or a link
 * reproduces the view. Missing ones take defaults that are then written into the address too:
 * "last year" today is a different year next year, and the bookmark should not move with it.
 */
export type PeriodKind = 'year' | 'quarter' | 'month' | 'range';

export interface PeriodChoice {
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1–4 */
  readonly quarter: number;
  /** 1–12 */
  readonly month: number;
  readonly from: string;
  readonly to: string;
}

export interface KpiFilters {
  readonly period: PeriodChoice;
  /** Stichtag, for a stock. */
  readonly on: string;
  /** Calendar year, for the Fallzahl. */
  readonly year: number;
  /** Unset: the API's default, one row for the period asked. */
  readonly granularity: Granularity | undefined;
  readonly by: readonly Dimension[];
  readonly team: string | undefined;
  /** Stand: as known at the end of this day; unset: everything imported. */
  readonly asOf: string | undefined;
}

/** The last complete calendar year: what controlling looks at by default. */
export function lastYear(today = new Date()): number {
  return today.getFullYear() - 1;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'year', 'total'];
const pad = (value: number) => String(value).padStart(2, '0');

function periodOf(params: URLSearchParams, fallbackYear: number): PeriodChoice {
  const base = { kind: 'year' as PeriodKind, year: fallbackYear, quarter: 1, month: 1, from: `${fallbackYear}-01-01`, to: `${fallbackYear}-12-31` };
  const period = params.get('period') ?? '';
  const match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(period);
  if (match) {
    const year = Number(match[1]);
    const range = { from: `${year}-01-01`, to: `${year}-12-31` };
    if (match[2]) return { ...base, ...range, kind: 'quarter', year, quarter: Number(match[2]) };
    if (match[3]) return { ...base, ...range, kind: 'month', year, month: Number(match[3]) };
    return { ...base, ...range, year };
  }
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (ISO_DATE.test(from) && ISO_DATE.test(to)) return { ...base, kind: 'range', year: Number(from.slice(0, 4)), from, to };
  return base;
}

export function filtersOf(entry: KpiEntry, params: URLSearchParams, today = new Date()): KpiFilters {
  const fallbackYear = lastYear(today);
  const year = Number(params.get('year'));
  const on = params.get('on') ?? '';
  const asOf = params.get('asOf') ?? '';
  const granularity = params.get('granularity') as Granularity | null;
  const by = params.get('by');
  const team = params.get('team');
  return {
    period: periodOf(params, fallbackYear),
    on: ISO_DATE.test(on) ? on : `${fallbackYear}-12-31`,
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : fallbackYear,
    granularity: entry.granularity && granularity && GRANULARITIES.includes(granularity) ? granularity : undefined,
    by: by === null ? entry.defaultBy : by.split(',').filter((d): d is Dimension => (entry.dimensions as readonly string[]).includes(d)),
    team: entry.team && team ? team : undefined,
    asOf: ISO_DATE.test(asOf) ? asOf : undefined,
  };
}

/** The period as the API's `period`, or `from`/`to` for a range of days. */
function periodParams(period: PeriodChoice): Record<string, string> {
  switch (period.kind) {
    case 'year':
      return { period: String(period.year) };
    case 'quarter':
      return { period: `${period.year}-Q${period.quarter}` };
    case 'month':
      return { period: `${period.year}-${pad(period.month)}` };
    case 'range':
      return { from: period.from, to: period.to };
  }
}

/** The filters as the page's address holds them: only what the KPI's route takes, in a fixed order. */
export function searchOf(entry: KpiEntry, filters: KpiFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (entry.when === 'period') for (const [key, value] of Object.entries(periodParams(filters.period))) params.set(key, value);
  if (entry.when === 'day') params.set('on', filters.on);
  if (entry.when === 'year') params.set('year', String(filters.year));
  if (filters.granularity) params.set('granularity', filters.granularity);
  if (entry.dimensions.length > 0) params.set('by', filters.by.join(','));
  if (filters.team) params.set('team', filters.team);
  if (filters.asOf) params.set('asOf', filters.asOf);
  return params;
}

/** The filters as the API's query: the same names, so the address and the API request read alike. */
export function queryOf(entry: KpiEntry, filters: KpiFilters): KpiQuery {
  const query: KpiQuery = {};
  for (const [key, value] of searchOf(entry, filters)) {
    if (key === 'year') query.year = Number(value);
    else if (key === 'granularity') query.granularity = value as Granularity;
    else if (key !== 'by' || value !== '') (query as Record<string, string>)[key] = value;
  }
  return query;
}

/** The period in words: `2025`, `2. Quartal 2025`, `März 2025`, `01.01.2025 bis 30.06.2025`, `Stichtag 31.12.2025`. */
export function whenText(entry: KpiEntry, filters: KpiFilters): string {
  if (entry.when === 'day') return `Stichtag ${formatDate(filters.on)}`;
  if (entry.when === 'year') return String(filters.year);
  const period = filters.period;
  switch (period.kind) {
    case 'year':
      return String(period.year);
    case 'quarter':
      return `${period.quarter}. Quartal ${period.year}`;
    case 'month':
      return `${monthName(period.month)} ${period.year}`;
    case 'range':
      return `${formatDate(period.from)} bis ${formatDate(period.to)}`;
  }
}
