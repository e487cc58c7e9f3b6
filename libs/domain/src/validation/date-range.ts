import type { FieldSpec } from '../exports/profile.js';

export type DateRangeRule = 'implausible-date' | 'future-date';

/**
 * The export contract's plausibility of a date: none before the column's earliest day, and
 * none after the file's observation day where the column forbids it (only `Austritt` may lie
 * ahead). It holds for every date, a birth date included.
 */
export function dateOutOfRange(spec: FieldSpec, iso: string, observedOn: string): DateRangeRule | undefined {
  if (spec.notBefore && iso < spec.notBefore) return 'implausible-date';
  if (spec.notAfterObservation && iso > observedOn) return 'future-date';
  return undefined;
}

/** `2024-01-31` → `31.01.2024`, as the reports show dates. */
export function germanDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
