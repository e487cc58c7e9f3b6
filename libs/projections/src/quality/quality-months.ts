import { berlinDayOf, berlinTimeToUtc } from '@jugendamt/domain';
import type { CheckWindow } from './check-windows.js';

/** `2025-03` → the month after, `2025-04`. */
export function monthAfter(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export function monthBefore(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The months from `from` to `to`, both `YYYY-MM` and inclusive. */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = monthAfter(month)) months.push(month);
  return months;
}

/**
 * A month's picture: its live records as known when it ended (midnight at the start of the next
 * month, Europe/Berlin), or at `asOf` if that is earlier. Without `asOf`, as known now. A month
 * that ended before the office's first export (`firstKnown`) is read as that export knew it:
 * the initial load is the first the product knows of the past, and it is not left blank.
 */
export function monthWindow(month: string, asOf: Date | undefined, firstKnown: Date | null = null, now: Date = new Date()): CheckWindow {
  const monthEnd = berlinTimeToUtc(`${monthAfter(month)}-01T00:00:00`);
  const end = firstKnown && firstKnown.getTime() > monthEnd.getTime() ? firstKnown : monthEnd;
  const upTo = asOf ?? now;
  const knownAt = end.getTime() < upTo.getTime() ? end : (asOf ?? null);
  const [year, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  const dayKnown = berlinDayOf(knownAt ?? now);
  return { key: month, from: `${month}-01`, to: lastDay, knownAt, checkDay: dayKnown < lastDay ? dayKnown : lastDay };
}
