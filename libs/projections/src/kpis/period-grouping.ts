import { sql, type RawBuilder } from 'kysely';

/** How a period is split in a table: by month (`2024-03`), quarter (`2024-Q1`), year (`2024`), or not at all. */
export type Granularity = 'month' | 'quarter' | 'year' | 'total';

export function periodLabel(dateColumn: RawBuilder<unknown>, granularity: Granularity): RawBuilder<string> {
  switch (granularity) {
    case 'month':
      return sql<string>`to_char(${dateColumn}, 'YYYY-MM')`;
    case 'quarter':
      return sql<string>`to_char(${dateColumn}, 'YYYY-"Q"Q')`;
    case 'year':
      return sql<string>`to_char(${dateColumn}, 'YYYY')`;
    case 'total':
      return sql<string>`'total'`;
  }
}

/** Month, quarter and year periods are whole months: tables kept per month answer them. */
export function wholeMonths({ from, to }: { readonly from: string; readonly to: string }): boolean {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  return from.endsWith('-01') && next.getUTCDate() === 1;
}

/**
 * The granularity a period has of itself: a calendar year, quarter or month gives its own row
 * (`2024`, `2024-Q2`, `2024-03`); any other range one total.
 */
export function granularityOf({ from, to }: { readonly from: string; readonly to: string }): Granularity {
  if (!wholeMonths({ from, to })) return 'total';
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  if (fromYear !== toYear) return 'total';
  if (fromMonth === toMonth) return 'month';
  if (fromMonth % 3 === 1 && toMonth === fromMonth + 2) return 'quarter';
  if (fromMonth === 1 && toMonth === 12) return 'year';
  return 'total';
}
