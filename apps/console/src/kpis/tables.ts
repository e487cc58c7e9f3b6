import { valueText, type CellValue } from '../format/cells';
import { formatPeriodKey } from '../format/periods';
import type { Dimension, KpiColumn, KpiRow, KpiScope, KpiTable } from './kpi-types';

/** The dimensions in German, as table headings and filter labels. */
export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  team: 'Team',
  coreProcess: 'Kernprozess',
  subProcess: 'Teilprozess',
  setting: 'Leistungsform',
  paragraph: 'Paragraf',
  socialArea: 'Sozialraum',
  aidType: 'Hilfeart',
};

type Group = Readonly<Record<string, string | null>>;

/** The column of a row's whole scope, where no dimension was asked: the office, or the team drilled down to. */
const SCOPE_COLUMN: KpiColumn = { key: 'scope', heading: 'Bereich', kind: 'text' };

/**
 * The text columns that name a row's group: the dimensions asked, in the order asked (also when
 * no row came), then any the API added (a team drilled down to is a group of its own);
 * `Bereich` where there are none.
 */
export function groupColumns(groups: readonly Group[], scope: KpiScope): KpiColumn[] {
  const asked = (scope.query.by ?? '').split(',').filter(Boolean);
  const found = new Set(groups.flatMap((group) => Object.keys(group)));
  const keys = [...asked, ...[...found].filter((key) => !asked.includes(key))];
  if (keys.length === 0) return [SCOPE_COLUMN];
  return keys.map((key) => ({ key, heading: DIMENSION_LABELS[key as Dimension] ?? key, kind: 'text' }));
}

/** A group's cells for those columns; `none` names a missing value (e.g. costs linked to no case). */
export function groupCells(group: Group, columns: readonly KpiColumn[], scope: KpiScope, none = 'ohne Angabe'): KpiRow {
  const cells: Record<string, string> = {};
  for (const column of columns) cells[column.key] = column === SCOPE_COLUMN ? scope.who : (group[column.key] ?? none);
  return cells;
}

export const PERIOD_COLUMN: KpiColumn = { key: 'period', heading: 'Zeitraum', kind: 'text' };

export function periodCell(period: string): KpiRow {
  return { period: formatPeriodKey(period) };
}

/** A table's caption: what, when, and for which team if drilled down. */
export function captionOf(subject: string, scope: KpiScope): string {
  return `${subject} ${scope.when}${scope.query.team ? `, ${scope.query.team}` : ''}`;
}

/** A column of figures and how a row of the answer gives its value. */
export interface Measure<R> extends KpiColumn {
  value(row: R): CellValue;
}

/**
 * The usual table of an answer: the group's columns (and the period, where the route splits
 * by one), then the measures. `none` names a group value the API leaves empty.
 */
export function groupedTable<R extends { readonly group: Group; readonly period?: string }>(
  id: string,
  caption: string,
  rows: readonly R[],
  scope: KpiScope,
  measures: readonly Measure<R>[],
  none?: string,
): KpiTable {
  const groups = groupColumns(
    rows.map((row) => row.group),
    scope,
  );
  const periods = rows.some((row) => row.period !== undefined) ? [PERIOD_COLUMN] : [];
  return {
    id,
    caption,
    columns: [...groups, ...periods, ...measures.map(({ key, heading, kind, digits }) => ({ key, heading, kind, ...(digits === undefined ? {} : { digits }) }))],
    rows: rows.map((row) => ({
      ...groupCells(row.group, groups, scope, none),
      ...(row.period === undefined ? {} : periodCell(row.period)),
      ...Object.fromEntries(measures.map((measure) => [measure.key, measure.value(row)])),
    })),
  };
}

/** A row's group in words, as a column heading of a distribution: `§ 34, ASD Team Nord`. */
export function groupName(table: KpiTable, row: KpiRow): string {
  return rowLabel(table, row);
}

/**
 * A distribution per group (residences after the aid, reasons of ending) as one table: a row
 * per value, a column per group, so that each group's column adds up to its total.
 */
export function distributionTable(id: string, caption: string, valueHeading: string, groups: readonly { label: string; counts: Readonly<Record<string, number>> }[]): KpiTable {
  const values = [...new Set(groups.flatMap((group) => Object.keys(group.counts)))].sort((a, b) => a.localeCompare(b, 'de'));
  const columns: KpiColumn[] = [{ key: 'value', heading: valueHeading, kind: 'text' }, ...groups.map((group, index) => ({ key: `g${index}`, heading: group.label, kind: 'count' }))];
  const rows = values.map((value) => Object.fromEntries([['value', value], ...groups.map((group, index) => [`g${index}`, group.counts[value] ?? 0])]) as KpiRow);
  return { id, caption, columns, rows };
}

/**
 * The columns that name a row: the text columns a table starts with (its group, then its
 * period), not a text measure after them such as the caseload's `1:17,1`.
 */
export function labelColumns(table: KpiTable): KpiColumn[] {
  const firstFigure = table.columns.findIndex((column) => column.kind !== 'text');
  return table.columns.slice(0, firstFigure < 0 ? table.columns.length : firstFigure);
}

/** A row's name in a sentence: its group; the period only where the rows differ in it. */
function rowLabel(table: KpiTable, row: KpiRow): string {
  const onePeriod = new Set(table.rows.map((other) => other['period'])).size <= 1;
  return labelColumns(table)
    .filter((column) => !(onePeriod && column.key === 'period'))
    .map((column) => row[column.key])
    .filter((cell) => cell !== null && cell !== undefined)
    .join(', ');
}

/** Kinds of value that add up: a total of them means something; a total of rates does not. */
const ADDITIVE = new Set(['count', 'euro', 'minutes']);

/** The whole office, where a row or a page is not one team's. */
export const OFFICE = 'Jugendamt gesamt';

/**
 * The page's figures in one sentence, for those who do not read the chart (and as its aria
 * label): the one value; else the office's value or the total, then the highest and lowest group.
 */
export function summarize(table: KpiTable, measure: string, subject: string, scope: KpiScope): string {
  const column = table.columns.find((candidate) => candidate.key === measure)!;
  const value = (row: KpiRow) => row[measure] as number;
  const rows = table.rows.filter((row) => typeof row[measure] === 'number');
  const head = `${subject} ${scope.when}${scope.query.team ? ` (${scope.query.team})` : ''}`;
  if (rows.length === 0) return `${head}: Bis zu diesem Stand liegen keine Werte vor.`;
  if (rows.length === 1) {
    const label = rowLabel(table, rows[0]!);
    // The one row of a team drilled down to, or of the office, is named by the head already.
    return `${head}${label === scope.who ? '' : `, ${label}`}: ${valueText(column, value(rows[0]!))}.`;
  }

  const office = rows.find((row) => labelColumns(table).some((label) => row[label.key] === OFFICE));
  const groups = rows.filter((row) => row !== office);
  const parts: string[] = [];
  if (office) parts.push(`${OFFICE} ${valueText(column, value(office))}`);
  else if (ADDITIVE.has(column.kind))
    parts.push(
      `insgesamt ${valueText(
        column,
        groups.reduce((sum, row) => sum + value(row), 0),
      )}`,
    );
  const sorted = [...groups].sort((a, b) => value(b) - value(a));
  const [highest, lowest] = [sorted[0]!, sorted[sorted.length - 1]!];
  if (groups.length === 1) parts.push(`${rowLabel(table, highest)} ${valueText(column, value(highest))}`);
  else if (value(highest) === value(lowest)) parts.push(`in allen ${groups.length} Gruppen ${valueText(column, value(highest))}`);
  else parts.push(`am höchsten ${rowLabel(table, highest)} mit ${valueText(column, value(highest))}, am niedrigsten ${rowLabel(table, lowest)} mit ${valueText(column, value(lowest))}`);
  return `${head}: ${parts.join('; ')}.`;
}
