import { OFFICE_TOTAL } from '../office-total.js';
import type { Cell, ReportColumn, ReportTable } from '../report-table.js';

/**
 * What a count cell counts: a measure (`aids.running`) broken down by coordinates
 * (`{ team: 'ASD Team Nord', setting: 'ambulant' }`). Cells of the same measure whose
 * coordinates differ in one dimension add up to the cell without it, in whatever table it is
 * published (a team table's column adds up to the office table's row), and two cells with the
 * same meaning are one number. That is how the report's tables hang together, and so what an
 * attacker can combine.
 */
export interface CellMeaning {
  readonly measure: string;
  readonly at: Readonly<Record<string, string>>;
}

type Row = Readonly<Record<string, Cell>>;
type Meaning = (row: Row, column: ReportColumn) => CellMeaning | undefined;

const labelOf = (row: Row): string => String(row['row'] ?? row['team'] ?? '');

/** Rows along one dimension (the office's own row is the sum of the others); a measure per count column. */
const rowsAlong =
  (dimension: string, measures: Readonly<Record<string, string>>): Meaning =>
  (row, column) => {
    const measure = measures[column.key];
    if (!measure) return undefined;
    return { measure, at: row['row'] === OFFICE_TOTAL ? {} : { [dimension]: labelOf(row) } };
  };

/** A cross table: rows along one dimension, a count column per value of another, and the row's sum. */
const crossTable =
  (measure: string, rowDimensions: (row: Row) => Readonly<Record<string, string>>, columnDimension: string): Meaning =>
  (row, column) => {
    if (column.kind !== 'count') return undefined;
    const at = row['row'] === OFFICE_TOTAL ? {} : rowDimensions(row);
    return { measure, at: column.total ? at : { ...at, [columnDimension]: column.key } };
  };

const along = (dimension: string) => (row: Row) => ({ [dimension]: labelOf(row) });

/** `04.03 (04 Hilfe zur Erziehung)`, as the sub-process table labels its rows. */
function subProcessOf(row: Row): Record<string, string> {
  const match = /^(.*) \(([^()]*)\)$/.exec(labelOf(row));
  return match ? { subProcess: match[1]!, coreProcess: match[2]! } : { subProcessRow: labelOf(row) };
}

const AID_COUNTS = { stock: 'aids.stock', running: 'aids.running', begun: 'aids.begun', ended: 'aids.ended' };
const RETURNS = { denominator: 'returns.base', numerator: 'returns.home' };

/** The annual report's tables by id; a table not named here is linked only within itself. */
const MEANINGS: Readonly<Record<string, Meaning>> = {
  hilfen_leistungsform: rowsAlong('setting', AID_COUNTS),
  hilfen_paragraph: rowsAlong('paragraph', AID_COUNTS),
  hilfen_team: crossTable('aids.running', along('team'), 'setting'),
  hilfen_sozialraum: crossTable('aids.running', along('socialArea'), 'setting'),
  anteile_leistungsform: (_row, column) => ({ measure: `shares.${column.key}`, at: {} }),
  // Fallzahl counts the same aids as the aid tables; only its sum of the two is its own.
  fallzahl: rowsAlong('paragraph', { stock: 'aids.stock', ended: 'aids.ended', cases: 'cases.count' }),
  rueckfuehrung: rowsAlong('paragraph', RETURNS),
  rueckfuehrung_team: rowsAlong('team', RETURNS),
  aufenthalt: rowsAlong('residence', { count: 'returns.base' }),
  beendigungen: rowsAlong('paragraph', { ended: 'aids.ended', base: 'endings.base', planned: 'endings.planned', breakdown: 'endings.breakdown' }),
  teilprozesse_team: crossTable('subProcesses.done', along('team'), 'subProcess'),
  teilprozesse_quartal: crossTable('subProcesses.done', subProcessOf, 'quarter'),
  wjh_prozesse: crossTable('chronicle.entries', along('unitAndType'), 'quarter'),
  fluktuation: rowsAlong('team', { joiners: 'staff.joiners', leavers: 'staff.leavers', headcountAtEnd: 'staff.headcountAtEnd' }),
  fachkraft_fall_relation: rowsAlong('team', { aids: 'aids.stock' }),
  kosten_paragraph: rowsAlong('paragraph', { aids: 'aids.running' }),
  eckwerte_sozialraum: rowsAlong('socialArea', { cases: 'cases.count', stock: 'aids.stock' }),
  eckwerte_leistungsform: rowsAlong('setting', { cases: 'cases.count', stock: 'aids.stock' }),
  eckwerte_paragraph: rowsAlong('paragraph', { cases: 'cases.count', stock: 'aids.stock' }),
  fallzahl_sozialraum: crossTable('cases.count', along('socialArea'), 'setting'),
};

/** Where a table has no entry: its count columns add up to its total column, its rows to the office's row. */
function meaningWithin(table: ReportTable): Meaning {
  return table.columns.some((c) => c.total)
    ? crossTable(table.id, along('row'), `${table.id}.column`)
    : rowsAlong(`${table.id}.row`, Object.fromEntries(table.columns.map((c) => [c.key, `${table.id}.${c.key}`])));
}

/** Every count has a meaning: one the ledger does not name is a number of its own table, and still suppressed. */
export function meaningOf(table: ReportTable, row: Row, column: ReportColumn): CellMeaning | undefined {
  if (column.kind !== 'count') return undefined;
  return MEANINGS[table.id]?.(row, column) ?? meaningWithin(table)(row, column);
}

/**
 * Sums that tie measures of different definitions together, by docs/kpis.md: each is used only
 * where the report's own numbers bear it out (an office's catalogue may, say, give § 28 a
 * setting other than ambulant). Cells given the same meaning above are checked alike: one
 * whose number differs is treated as a number of its own.
 */
export const IDENTITIES: readonly { readonly parts: readonly CellMeaning[]; readonly total: CellMeaning }[] = [
  // The shares leave out § 28 (educational counselling), which is ambulant.
  {
    parts: [
      { measure: 'shares.ambulant', at: {} },
      { measure: 'aids.running', at: { paragraph: '§ 28' } },
    ],
    total: { measure: 'aids.running', at: { setting: 'ambulant' } },
  },
  { parts: [{ measure: 'shares.semi', at: {} }], total: { measure: 'aids.running', at: { setting: 'teilstationär' } } },
  { parts: [{ measure: 'shares.stationary', at: {} }], total: { measure: 'aids.running', at: { setting: 'stationär' } } },
  // The returns are the ended aids whose residence after the end is the parents' home.
  { parts: [{ measure: 'returns.home', at: {} }], total: { measure: 'returns.base', at: { residence: 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten' } } },
];

/** Cells of a measure at some coordinates; with `anyOf`, every value of one more dimension (all of a team's codes). */
export interface CountPattern extends CellMeaning {
  readonly anyOf?: string;
}

const withCounts = /(\d{2}\.\d{2}) \(\d+\)/g;

/**
 * Counts a published value is computed from beyond its own row's `basedOn`: published beside a
 * secret count, it would give the count back (aids = relation × FTE; a team's process minutes
 * are its counts per code times the catalogue's minutes, which are no secret).
 */
export const COMPUTED_FROM: Readonly<Record<string, Readonly<Record<string, (row: Row) => readonly CountPattern[]>>>> = {
  anteile_leistungsform: {
    shareStationary: () => ['ambulant', 'semi', 'stationary'].map((share) => ({ measure: `shares.${share}`, at: {} })),
    fosterShare: (): CountPattern[] => [
      { measure: 'shares.stationary', at: {} },
      { measure: 'aids.running', at: { paragraph: '§ 33' } },
    ],
  },
  fachkraft_fall_relation: { relation: (row) => [{ measure: 'aids.stock', at: { team: labelOf(row) } }] },
  personalbedarf: {
    ...Object.fromEntries(['processMinutes', 'requiredFte', 'coverage'].map((column) => [column, (row: Row) => [{ measure: 'subProcesses.done', at: { team: labelOf(row) }, anyOf: 'subProcess' }]])),
    withoutProcessTime: (row) => [...String(row['withoutProcessTime'] ?? '').matchAll(withCounts)].map(([, code]) => ({ measure: 'subProcesses.done', at: { team: labelOf(row), subProcess: code! } })),
  },
};
