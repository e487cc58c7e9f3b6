/** Days as integers (days since 1970-01-01, UTC): business dates have no time zone. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): Day {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export function isoOf(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Formatted days, kept: millions of rows share a few thousand dates. */
const germanDates = new Map<Day, string>();

/** `TT.MM.JJJJ`, as the exports write dates. */
export function germanDate(day: Day): string {
  let text = germanDates.get(day);
  if (text === undefined) {
    const [y, m, d] = isoOf(day).split('-');
    text = `${d}.${m}.${y}`;
    germanDates.set(day, text);
  }
  return text;
}

/** `TT.MM.JJJJ HH:MM`; `minuteOfDay` places the change within office hours. */
export function germanTimestamp(day: Day, minuteOfDay: number): string {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${germanDate(day)} ${hh}:${mm}`;
}

export function yearOf(day: Day): number {
  return Number(isoOf(day).slice(0, 4));
}

/** The first day of the month `months` after the month of `day`. */
export function monthStart(day: Day, months = 0): Day {
  const date = new Date(day * MS_PER_DAY);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / MS_PER_DAY);
}

/** `20240101`, as file names write the observation date. */
export function compactDate(day: Day): string {
  return isoOf(day).replaceAll('-', '');
}
