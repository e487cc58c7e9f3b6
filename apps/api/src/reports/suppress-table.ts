import { isSmallCount, SECRET, suppressRow } from '@jugendamt/domain';
import type { Cell, ReportTable } from './report-table.js';

/**
 * KPIS.md small-number suppression over a table: the counts of each row together (so a
 * single secret count takes the next-smallest with it; totals stay), then every rate or mean
 * whose base counts are small or secret.
 */
export function suppressTable(table: ReportTable): ReportTable {
  const countKeys = table.columns.filter((c) => c.kind === 'count' && !c.total).map((c) => c.key);
  const derived = table.columns.filter((c) => c.basedOn?.length);
  const rows = table.rows.map((row) => {
    const published: Record<string, Cell> = { ...row };
    const counts = countKeys.map((key) => (typeof row[key] === 'number' ? (row[key] as number) : 0));
    suppressRow(counts).forEach((value, at) => {
      if (value === SECRET) published[countKeys[at]!] = SECRET;
    });
    for (const column of derived) {
      const bases = column.basedOn!.map((key) => row[key]);
      const small = bases.some((base, at) => published[column.basedOn![at]!] === SECRET || (typeof base === 'number' && isSmallCount(base)));
      if (small && row[column.key] !== null) published[column.key] = SECRET;
    }
    return published;
  });
  return { ...table, rows };
}
