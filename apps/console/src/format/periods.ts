/** Periods in words, as German readers name them: `März 2025`, `2. Quartal 2025`. */
const MONTHS = Array.from({ length: 12 }, (_, index) => new Intl.DateTimeFormat('de-DE', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, index, 1))));

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** The API's period of a row (`2025`, `2025-Q2`, `2025-03`, `total`) in words. */
export function formatPeriodKey(key: string): string {
  const match = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/.exec(key);
  if (!match) return key === 'total' ? 'gesamt' : key;
  if (match[2]) return `${match[2]}. Quartal ${match[1]}`;
  if (match[3]) return `${monthName(Number(match[3]))} ${match[1]}`;
  return match[1]!;
}
