import { sql, type RawBuilder } from 'kysely';

/**
 * A stretch of days whose records are checked as known at one time: a month as known at its
 * end, or a KPI's period as known at `asOf` (docs/data-quality.md).
 */
export interface CheckWindow {
  /** What the answer calls it, e.g. `2025-03`. */
  readonly key: string;
  /** ISO dates, both inclusive. */
  readonly from: string;
  readonly to: string;
  /** The knowledge time; null: everything observed. */
  readonly knownAt: Date | null;
  /** The day a rule on ages (days open) is checked on: `to`, or the day of `knownAt` if earlier. */
  readonly checkDay: string;
}

/**
 * The windows as a table `w (key, from_on, to_on, cutoff, check_day)`, one round trip for all.
 * One window is a row of constants, which the planner folds into the query: it then sees the
 * dates and the cutoff, estimates the rows they select and hash-joins the cases, where it
 * would look them up one by one behind a table function it cannot see into.
 */
export function windowsTable(windows: readonly CheckWindow[]): RawBuilder<unknown> {
  const cutoff = (w: CheckWindow) => w.knownAt?.toISOString() ?? 'infinity';
  if (windows.length === 1) {
    const [w] = windows as [CheckWindow];
    return sql`(SELECT ${w.key}::text AS key, ${w.from}::date AS from_on, ${w.to}::date AS to_on, ${cutoff(w)}::timestamptz AS cutoff, ${w.checkDay}::date AS check_day) AS w`;
  }
  return sql`unnest(
    ${windows.map((w) => w.key)}::text[],
    ${windows.map((w) => w.from)}::date[],
    ${windows.map((w) => w.to)}::date[],
    ${windows.map(cutoff)}::timestamptz[],
    ${windows.map((w) => w.checkDay)}::date[]
  ) AS w (key, from_on, to_on, cutoff, check_day)`;
}

/** The version of `alias` valid at the window's cutoff (`infinity`: the current one). */
export function knownAtCutoff(alias: string): RawBuilder<unknown> {
  const t = sql.ref(alias);
  return sql`${t}.known_from <= w.cutoff AND (${t}.known_to IS NULL OR ${t}.known_to > w.cutoff)`;
}
