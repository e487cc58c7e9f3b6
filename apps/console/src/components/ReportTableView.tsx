import { formatNumber } from '../format/german';

export interface TableColumn {
  readonly key: string;
  readonly heading: string;
  readonly kind: string;
}

export type TableCell = string | number | null;

const DIGITS: Readonly<Record<string, number>> = { rate: 1, ratio: 2, euro: 2, fte: 1, days: 1, minutes: 0, count: 0 };

/** A cell as German readers expect it; text (and the statistical offices' "." of a secret value) stays as it is. */
function cellText(kind: string, value: TableCell | undefined): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  return kind === 'euro' ? `${formatNumber(value, 2)} €` : formatNumber(value, DIGITS[kind] ?? 0);
}

/** A table as the report or the API gives it, with a caption that says what it is. */
export function ReportTableView({ caption, columns, rows }: { caption: string; columns: readonly TableColumn[]; rows: readonly Readonly<Record<string, TableCell>>[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.kind === 'text' ? undefined : 'number'}>
                {column.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, at) => (
            <tr key={at}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row">
                    {cellText(column.kind, row[column.key])}
                  </th>
                ) : (
                  <td key={column.key} className={column.kind === 'text' ? undefined : 'number'}>
                    {cellText(column.kind, row[column.key])}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
