/** A share in percent with the decimals docs/kpis.md asks for; null when there is no base. */
export function percent(numerator: number, denominator: number, decimals = 1): number | null {
  return denominator === 0 ? null : round((numerator / denominator) * 100, decimals);
}

export function ratio(numerator: number, denominator: number, decimals = 2): number | null {
  return denominator === 0 ? null : round(numerator / denominator, decimals);
}

/** Half away from zero, on the decimal value (0.05 → 0.1), not on its binary approximation. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Number((Math.abs(value) * factor).toPrecision(15)))) / factor;
}
