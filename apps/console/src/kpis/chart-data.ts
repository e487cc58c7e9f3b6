import type { KpiColumn, KpiRow, KpiTable } from './kpi-types';
import { labelColumns } from './tables';

/** A series of bars: a measure, or (over periods) a group. */
export interface ChartSeries {
  readonly name: string;
  readonly column: KpiColumn;
  readonly values: readonly (number | null)[];
  /** The team each bar stands for, where it stands for one: a click drills down to it. */
  readonly teams: readonly (string | undefined)[];
}

export interface ChartData {
  /** Rows: one bar group per table row, read across; periods: one per period, read along time. */
  readonly layout: 'rows' | 'periods';
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
}

const number = (cell: KpiRow[string] | undefined) => (typeof cell === 'number' ? cell : null);
const team = (row: KpiRow) => (typeof row['team'] === 'string' ? row['team'] : undefined);

/**
 * The chart of a table draws the table's own numbers, never others: each row a group of bars
 * (one per measure); split by period, the first measure along the periods with a line of bars
 * per group.
 */
export function chartDataOf(table: KpiTable, measures: readonly string[]): ChartData {
  const labels = labelColumns(table).filter((column) => column.key !== 'period');
  const labelOf = (row: KpiRow) => labels.map((column) => row[column.key] ?? '–').join(' · ');
  const periods = [...new Set(table.rows.map((row) => row['period']).filter((period): period is string => typeof period === 'string'))];
  const columns = measures.map((key) => table.columns.find((column) => column.key === key)!);

  if (periods.length > 1) {
    const first = columns[0]!;
    const groups = [...new Set(table.rows.map(labelOf))];
    return {
      layout: 'periods',
      categories: periods,
      series: groups.map((group) => {
        const rows = table.rows.filter((row) => labelOf(row) === group);
        return {
          name: group,
          column: first,
          values: periods.map((period) => number(rows.find((row) => row['period'] === period)?.[first.key])),
          teams: periods.map(() => team(rows[0]!)),
        };
      }),
    };
  }
  return {
    layout: 'rows',
    categories: table.rows.map(labelOf),
    series: columns.map((column) => ({
      name: column.heading,
      column,
      values: table.rows.map((row) => number(row[column.key])),
      teams: table.rows.map(team),
    })),
  };
}
