const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A run as the schedule's own clock shows it, weekday first: `Fr., 09.01.2026, 02:30`. The
 * schedule's time zone, not the browser's: `30 2 * * *` in Berlin is 02:30 there, wherever
 * the administrator sits.
 */
export function formatRunTime(iso: string, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
    formats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
