import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { ReportColumn } from '../report-table.js';

/** The year a report covers, as known at `asOf`. */
export interface ReportScope {
  readonly db: Kysely<Database>;
  readonly tenantId: string;
  readonly asOf: Date | undefined;
  readonly from: string;
  readonly to: string;
  /** For publication (`public=true`): a table built from KPIs rather than cells hides small counts itself. */
  readonly publication: boolean;
}

/** The year's period of the KPI queries. */
export function periodOf(scope: ReportScope): { tenantId: string; asOf: Date | undefined; from: string; to: string } {
  return { tenantId: scope.tenantId, asOf: scope.asOf, from: scope.from, to: scope.to };
}

export const NO_VALUE = 'ohne Angabe';

/** Rows of a pivot: one per `rowKey`, one count column per `columnKey`, and the row's sum. */
export function pivot<T>(
  items: readonly T[],
  rowKey: (item: T) => string,
  columnKey: (item: T) => string,
  count: (item: T) => number,
  rowHeading: string,
): { columns: ReportColumn[]; rows: Record<string, string | number>[] } {
  const columnKeys = [...new Set(items.map(columnKey))].sort((a, b) => a.localeCompare(b, 'de'));
  const byRow = new Map<string, Record<string, string | number>>();
  for (const item of items) {
    const key = rowKey(item);
    const row = byRow.get(key) ?? Object.fromEntries([['row', key], ...columnKeys.map((c) => [c, 0]), ['sum', 0]]);
    row[columnKey(item)] = (row[columnKey(item)] as number) + count(item);
    row['sum'] = (row['sum'] as number) + count(item);
    byRow.set(key, row);
  }
  return {
    columns: [
      { key: 'row', heading: rowHeading, kind: 'text' },
      ...columnKeys.map((c) => ({ key: c, heading: c, kind: 'count' as const })),
      { key: 'sum', heading: 'Summe', kind: 'count', total: true },
    ],
    rows: [...byRow.values()].sort((a, b) => String(a['row']).localeCompare(String(b['row']), 'de')),
  };
}
