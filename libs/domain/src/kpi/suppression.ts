/** The statistical offices' sign for a value kept secret. */
export const SECRET = '.';
export type PublishedValue = number | null | typeof SECRET;

/** 1 or 2: a count that could point at a person. */
export const isSmallCount = (count: number) => count >= 1 && count <= 2;

/**
 * Small-number suppression of one table row for publication (docs/kpis.md): counts of 1 or 2
 * become `.`. The row's total stays, so a single secret cell could be recomputed from it:
 * then the next-smallest cell that still says something (a count above 0) is hidden too.
 * This protects a row on its own only: its columns, its total (if 1 or 2) and other tables
 * of the same counts can still give a cell back, so the annual report protects each secret
 * cell against every sum the whole report publishes instead.
 */
export function suppressRow(counts: readonly number[]): PublishedValue[] {
  const published: PublishedValue[] = counts.map((count) => (isSmallCount(count) ? SECRET : count));
  const secrets = published.filter((value) => value === SECRET).length;
  if (secrets === 1) {
    let next = -1;
    counts.forEach((count, at) => {
      if (published[at] !== SECRET && count > 0 && (next === -1 || count < counts[next]!)) next = at;
    });
    if (next !== -1) published[next] = SECRET;
  }
  return published;
}

/** A rate whose numerator or denominator is 1 or 2 would reveal them: it is kept secret too. */
export function suppressRate(rate: number | null, numerator: number, denominator: number): PublishedValue {
  return isSmallCount(numerator) || isSmallCount(denominator) ? SECRET : rate;
}
