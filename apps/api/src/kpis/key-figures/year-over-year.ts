import { percent, round } from '@jugendamt/domain';
import { OFFICE_KEY_FIGURES, type KeyFigureScope, type KeyFigureUnit } from './office-key-figures.js';

export interface YearOverYearRow {
  readonly id: string;
  readonly label: string;
  readonly unit: KeyFigureUnit;
  readonly digits: number;
  readonly value: number | null;
  readonly previous: number | null;
  /** value − previous, in the figure's unit (percentage points for a share); null where either is missing. */
  readonly change: number | null;
  /** The change in per cent of the year before, one decimal; null where that is missing or 0. */
  readonly changePercent: number | null;
  /** Whether a count behind the value or the year before's is 1 or 2: a published report hides the row's figures. */
  readonly smallCounts: boolean;
}

const small = (counts: readonly number[]) => counts.some((count) => count === 1 || count === 2);

/** Every office key figure of a year beside the same figure of the year before, as known at `asOf` (issue: multi-year view). */
export async function yearOverYear(scope: KeyFigureScope): Promise<YearOverYearRow[]> {
  // One scope object per year: figures resting on the same query share its answer.
  const yearBefore = { ...scope, year: scope.year - 1 };
  return Promise.all(
    OFFICE_KEY_FIGURES.map(async (figure) => {
      const [now, before] = await Promise.all([figure.read(scope), figure.read(yearBefore)]);
      const change = now.value === null || before.value === null ? null : round(now.value - before.value, figure.digits);
      const changePercent = change === null || !before.value ? null : percent(now.value! - before.value, Math.abs(before.value));
      return {
        id: figure.id,
        label: figure.label,
        unit: figure.unit,
        digits: figure.digits,
        value: now.value,
        previous: before.value,
        change,
        changePercent,
        smallCounts: small(now.counts) || small(before.counts),
      };
    }),
  );
}
