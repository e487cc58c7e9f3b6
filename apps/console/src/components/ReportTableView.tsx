import { Link } from 'react-router';
import { cellText, type CellValue } from '../format/cells';

export interface TableColumn {
  readonly key: string;
  readonly heading: string;
  readonly kind: string;
  /** Decimals shown, where they differ from the kind's default. */
  readonly digits?: number;
}

export type TableCell = CellValue;

/** Where a cell leads, if anywhere: a team's name leads to that team's figures (drill-down by keyboard too). */
export type CellLink = (column: TableColumn, value: TableCell | undefined) => string | undefined;

/** A table as the report or the API gives it, with a caption that says what it is. */
export function ReportTableView({ caption, columns, rows, linkOf }: { caption: string; columns: readonly TableColumn[]; rows: readonly Readonly<Record<string, TableCell>>[]; linkOf?: CellLink }) {
  const content = (column: TableColumn, value: TableCell | undefined) => {
    const text = cellText(column, value);
    const to = linkOf?.(column, value);
    return to ? <Link to={to}>{text}</Link> : text;
  };
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
                    {content(column, row[column.key])}
                  </th>
                ) : (
                  <td key={column.key} className={column.kind === 'text' ? undefined : 'number'}>
                    {content(column, row[column.key])}
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
