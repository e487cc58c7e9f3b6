import { formatNumber } from './german';

const GERMAN_NUMBER = /^[-−]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/**
 * A number as a German user types it: `1.234,5`, `96000`, `0,25`; undefined for anything else.
 * A dot only groups thousands: `0.25` is no number here, rather than silently 25.
 */
export function parseGermanNumber(text: string): number | undefined {
  const typed = text.trim();
  if (!GERMAN_NUMBER.test(typed)) return undefined;
  return Number(typed.replaceAll('.', '').replace(',', '.').replace('−', '-'));
}

/** A number to edit in a form field, with all its decimals: `96.000`, `0,25`. */
export function formatNumberInput(value: number): string {
  const decimals = String(value).split('.')[1]?.length ?? 0;
  return formatNumber(value, Math.min(decimals, 10));
}
