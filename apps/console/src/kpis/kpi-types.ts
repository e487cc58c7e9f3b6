import type { paths } from '../api/schema';
import type { TableCell, TableColumn } from '../components/ReportTableView';

/** The API's KPI routes, and the answer each gives: typed from the OpenAPI document, never by hand. */
export type KpiPath = Extract<keyof paths, `/api/v1/kpis/${string}`>;
export type AnswerOf<P extends KpiPath> = paths[P]['get']['responses'][200]['content']['application/json'];
/** What an answer rests on: as known when, the newest export per source, the catalogue versions. */
export type Basis = AnswerOf<KpiPath>['basis'];

export type Granularity = 'month' | 'quarter' | 'year' | 'total';

/** A dimension a route groups by (`by=`). */
export type Dimension = 'team' | 'coreProcess' | 'subProcess' | 'setting' | 'paragraph' | 'socialArea' | 'aidType';

/**
 * A KPI page's filters as the API takes them. Only what the KPI's route knows is set, so a
 * reading passes it on as it is.
 */
export interface KpiQuery {
  period?: string;
  from?: string;
  to?: string;
  /** Stichtag of a stock. */
  on?: string;
  /** Calendar year of the Fallzahl. */
  year?: number;
  granularity?: Granularity;
  by?: string;
  team?: string;
  asOf?: string;
}

/** The words that name what a page shows: the period (`im Jahr 2025`) and whose figures. */
export interface KpiScope {
  readonly query: KpiQuery;
  /** `2025`, `2. Quartal 2025`, `01.01.2025 bis 30.06.2025`, `Stichtag 31.12.2025`. */
  readonly when: string;
  /** The team drilled down to, or `Jugendamt gesamt`. */
  readonly who: string;
}

export type KpiColumn = TableColumn;

export type KpiRow = Readonly<Record<string, TableCell>>;

/** A table exactly as the page shows it and the CSV holds it; numbers stay numbers until shown. */
export interface KpiTable {
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly KpiColumn[];
  readonly rows: readonly KpiRow[];
}

/** What a page shows of one answer: the first table is the chart's, its `measures` the bars. */
export interface KpiView {
  readonly basis: Basis;
  readonly tables: readonly [KpiTable, ...KpiTable[]];
  readonly measures: readonly string[];
  readonly summary: string;
  /** How good the figures' base is (docs/data-quality.md), one German sentence per rule; absent where the KPI has none yet. */
  readonly qualityNotes?: readonly string[];
}

/** How one KPI asks its route and reads the answer into tables: one module per KPI, loaded with its page. */
export interface KpiReading {
  read(scope: KpiScope): Promise<KpiView>;
}
