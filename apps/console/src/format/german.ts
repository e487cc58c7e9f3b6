/** Numbers and dates as German readers expect them: `1.234,5`, `04.01.2026`, `Stand: …`. */
const numberFormats = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

export function formatEuro(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${formatNumber(value, 2)} €`;
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '–' : `${formatNumber(value, digits)} %`;
}

/** `2026-01-04` or a timestamp → `04.01.2026`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** A timestamp → `04.01.2026, 02:15` in the office's time zone. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));
}

/** The change of a figure against the year before, signed: `+1,2` or `−0,5`. */
export function formatChange(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '–';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${formatNumber(Math.abs(value), digits)}`;
}

const plainFormats = new Map<number, Intl.NumberFormat>();

/** A number for a German spreadsheet: decimal comma, no thousands dots, so Excel reads it as a number (`1234,5`). */
export function formatPlainNumber(value: number, digits = 0): string {
  let format = plainFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    plainFormats.set(digits, format);
  }
  return format.format(value);
}
