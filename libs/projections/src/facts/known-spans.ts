/** A stretch of knowledge time in ms, half-open; `to` is Infinity while it lasts. */
export interface KnownStretch {
  readonly from: number;
  readonly to: number;
}

export interface KnownSpan<V> extends KnownStretch {
  readonly value: V;
}

export const msOf = (at: Date | null): number => (at === null ? Infinity : new Date(at).getTime());

/**
 * What was known over knowledge time, from versions each held over its stretch: cut wherever
 * a version begins or ends within `within`, each piece taking the value `valueOf` gives the
 * versions that cover it (none where nothing was known), neighbours of equal value merged.
 * The pieces depend on the versions alone, not on the order they were learnt in.
 */
export function knownSpans<T extends KnownStretch, V>(versions: readonly T[], valueOf: (covering: T[]) => V, within: KnownStretch = { from: -Infinity, to: Infinity }): KnownSpan<V>[] {
  const inside = versions.flatMap((v) => [v.from, v.to]).filter((t) => t > within.from && t < within.to);
  const cuts = [...new Set([within.from, ...inside, within.to])].sort((a, b) => a - b);
  const spans: KnownSpan<V>[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const value = valueOf(versions.filter((v) => v.from <= from && from < v.to));
    const last = spans.at(-1);
    if (last && last.value === value) spans[spans.length - 1] = { ...last, to };
    else spans.push({ from, to, value });
  }
  return spans;
}
