import { fail, ok, type ParseResult } from './parse-result.js';

const DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const TIMESTAMP = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `21.11.2025` → `2025-11-21`. Business dates stay strings: they have no time zone. */
export function parseGermanDate(text: string): ParseResult<string> {
  const match = DATE.exec(text.trim());
  if (!match) return fail(`not a date (expected TT.MM.JJJJ)`, text);
  const [, d, m, y] = match;
  return isoDate(Number(y), Number(m), Number(d)) ?? fail(`no such day`, text);
}

/** `21.11.2025 14:03[:07]` → `2025-11-21T14:03:07`, office-local wall-clock time. */
export function parseGermanTimestamp(text: string): ParseResult<string> {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return fail(`not a timestamp (expected TT.MM.JJJJ HH:MM[:SS])`, text);
  const [, d, m, y, hh, mm, ss = '00'] = match;
  const date = isoDate(Number(y), Number(m), Number(d));
  if (!date?.ok) return fail(`no such day`, text);
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return fail(`no such time`, text);
  return ok(`${date.value}T${hh!.padStart(2, '0')}:${mm}:${ss}`);
}

function isoDate(year: number, month: number, day: number): ParseResult<string> | undefined {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return ok(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/**
 * The UTC instant of a wall-clock time in Europe/Berlin. In the hour skipped in spring the
 * clock is read as still on winter time; in the hour repeated in autumn, the first (summer
 * time) reading is taken. Exports run at night, so both cases are rare but do occur.
 */
export function berlinTimeToUtc(localIso: string): Date {
  const asUtc = Date.parse(`${localIso}Z`);
  const summer = asUtc - 2 * HOUR;
  if (berlinOffsetMs(summer) === 2 * HOUR) return new Date(summer);
  return new Date(asUtc - HOUR);
}

const HOUR = 3_600_000;

const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The office's calendar day of an instant, as `2026-01-05` (Berlin time, summer time included). */
export function berlinDayOf(instant: Date): string {
  return berlinDay.format(instant);
}

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function berlinOffsetMs(instant: number): number {
  const parts = Object.fromEntries(berlinParts.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wallClock = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return wallClock - Math.floor(instant / 1000) * 1000;
}
