import { formatNumber } from './german';

/** A table column's kind of value (as the API's report tables name them) and, where it differs from the kind's, its decimals. */
export interface CellColumn {
  readonly kind: string;
  readonly digits?: number;
}

export type CellValue = string | number | null;

const DIGITS: Readonly<Record<string, number>> = { rate: 1, ratio: 2, euro: 2, fte: 1, days: 1, minutes: 0, count: 0, residents: 0, figure: 2 };

export function digitsOf(column: CellColumn): number {
  return column.digits ?? DIGITS[column.kind] ?? 0;
}

/** A cell as German readers expect it; text (and the statistical offices' "." of a secret value) stays as it is. */
export function cellText(column: CellColumn, value: CellValue | undefined): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  const text = formatNumber(value, digitsOf(column));
  return column.kind === 'euro' ? `${text} €` : text;
}

/** A value in a sentence, with its unit: a rate reads `53,8 %` there, where the table's heading says "(%)". */
export function valueText(column: CellColumn, value: CellValue | undefined): string {
  // A no-break space keeps a unit on the line of its number.
  const text = cellText(column, value).replace(' €', '\u00a0€');
  return column.kind === 'rate' && typeof value === 'number' ? `${text}\u00a0%` : text;
}
