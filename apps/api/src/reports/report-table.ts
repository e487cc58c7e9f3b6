/**
 * How a cell is read and formatted; counts and rates are what small-number suppression protects.
 * `residents` are the statistics office's published population, no case count; a `figure` is
 * a number of whatever unit its row names (the comparison with the year before).
 */
export type CellKind = 'text' | 'count' | 'rate' | 'ratio' | 'euro' | 'fte' | 'days' | 'minutes' | 'residents' | 'figure';

export interface ReportColumn {
  readonly key: string;
  /** German, as the report prints it. */
  readonly heading: string;
  readonly kind: CellKind;
  /** For a rate or a mean: the count columns it was computed from; small ones hide it too. */
  readonly basedOn?: readonly string[];
  /** A row's total: docs/kpis.md keeps totals in published tables. */
  readonly total?: boolean;
}

export type Cell = string | number | null;

export interface ReportTable {
  readonly id: string;
  /** German title, the sheet's name in Excel (up to 31 characters). */
  readonly title: string;
  /** Team tables go to planners only with small numbers suppressed. */
  readonly level: 'office' | 'team';
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
}

export interface AnnualReport {
  readonly year: number;
  readonly office: string;
  readonly asOf: string | null;
  readonly observedUntil: Readonly<Record<string, string>>;
  readonly catalogues: readonly { readonly name: string; readonly version: number }[];
  /** Whether small numbers were suppressed, and in which tables. */
  readonly suppression: 'none' | 'all' | 'team-tables';
  /** The population Stichtage the rates per young inhabitant used, with the social areas of each (docs/kpis.md 9). */
  readonly populationStichtage: readonly { readonly stichtag: string; readonly socialAreas: readonly string[] }[];
  readonly tables: readonly ReportTable[];
}
