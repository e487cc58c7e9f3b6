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
