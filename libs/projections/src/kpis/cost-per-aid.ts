import type { AidCountsRow } from './aid-counts.js';
import type { CostRow } from './chronicle-kpis.js';

export interface CostPerAid {
  readonly paragraph: string | null;
  readonly grossCents: number;
  /** HzE aids of the paragraph running in the period. */
  readonly aids: number;
  /** Gross expenditure ÷ aids, in whole cents; null without aids. */
  readonly centsPerAid: number | null;
}

/**
 * KPIS.md 7: gross expenditure of a paragraph ÷ aids of that paragraph running in the period,
 * from the period's costs by paragraph and its aid counts by paragraph.
 */
export function costPerAid(costsByParagraph: readonly CostRow[], aidsByParagraph: readonly AidCountsRow[]): CostPerAid[] {
  const running = new Map(aidsByParagraph.map((row) => [row.group.paragraph ?? null, row.running]));
  return costsByParagraph.map((row) => {
    const paragraph = row.group.paragraph ?? null;
    const aids = running.get(paragraph) ?? 0;
    return { paragraph, grossCents: row.grossCents, aids, centsPerAid: aids === 0 ? null : Math.round(row.grossCents / aids) };
  });
}
