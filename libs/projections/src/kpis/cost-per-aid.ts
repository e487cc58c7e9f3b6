import { round } from '@jugendamt/domain';
import type { AidCountsRow } from './aid-counts.js';
import type { CostRow } from './chronicle-kpis.js';

export interface CostPerAid {
  readonly paragraph: string | null;
  /** Gross expenditure of the paragraph in the period, 0 without payments. */
  readonly grossCents: number;
  /** HzE aids of the paragraph running in the period, at least one. */
  readonly aids: number;
  /** Gross expenditure ÷ aids, in whole cents (half away from zero); 0 € per aid is a value. */
  readonly centsPerAid: number;
}

/**
 * docs/kpis.md 7: gross expenditure of a paragraph ÷ aids of that paragraph running in the period,
 * from the period's costs by paragraph and its HzE aid counts by paragraph. One row for every
 * HzE paragraph with aids running, payments or not; none for a paragraph without running aids,
 * nor for one outside HzE (the aid counts hold HzE only). In the order of the paragraphs.
 */
export function costPerAid(costsByParagraph: readonly CostRow[], aidsByParagraph: readonly AidCountsRow[]): CostPerAid[] {
  const gross = new Map<string | null, number>();
  for (const row of costsByParagraph) gross.set(row.group.paragraph ?? null, (gross.get(row.group.paragraph ?? null) ?? 0) + row.grossCents);
  return aidsByParagraph
    .filter((row) => row.running > 0)
    .map((row) => {
      const paragraph = row.group.paragraph ?? null;
      const grossCents = gross.get(paragraph) ?? 0;
      return { paragraph, grossCents, aids: row.running, centsPerAid: round(grossCents / row.running, 0) };
    })
    .sort((a, b) => (a.paragraph ?? '').localeCompare(b.paragraph ?? '', 'de', { numeric: true }));
}
