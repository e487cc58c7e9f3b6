import { CronExpressionParser } from 'cron-parser';
import { EXPORT_SOURCES, type ExportSource } from '@jugendamt/domain';

/** When a source's exports are imported: a cron expression read in a time zone. */
export interface ImportSchedule {
  readonly source: ExportSource;
  readonly cron: string;
  readonly timeZone: string;
  readonly paused: boolean;
}

/** The exports arrive in German local time, and so do the administrator's schedules. */
export const DEFAULT_SCHEDULE_TIME_ZONE = 'Europe/Berlin';

/**
 * The next times a schedule fires, computed by cron-parser, the library BullMQ's own job
 * schedulers use, so the admin API shows what the queue will do. Times are wall-clock times
 * in the zone: `30 5 * * *` fires at 05:30 in winter and summer alike. A time inside the hour
 * skipped in spring (02:00-03:00 in Berlin) fires once at the shifted time; the hour repeated
 * in autumn does not fire twice.
 */
export function nextRuns(schedule: Pick<ImportSchedule, 'cron' | 'timeZone'>, from: Date, count: number): Date[] {
  const interval = CronExpressionParser.parse(schedule.cron, { currentDate: from, tz: schedule.timeZone });
  return Array.from({ length: count }, () => interval.next().toDate());
}

/** Why a schedule cannot be kept, or undefined when it can. */
export function scheduleProblem(schedule: Pick<ImportSchedule, 'source' | 'cron' | 'timeZone'>): string | undefined {
  if (!(EXPORT_SOURCES as readonly string[]).includes(schedule.source)) return `unknown source "${schedule.source}" (known: ${EXPORT_SOURCES.join(', ')})`;
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: schedule.timeZone });
  } catch {
    return `unknown time zone "${schedule.timeZone}"`;
  }
  try {
    nextRuns(schedule, new Date(), 1);
  } catch (error) {
    return `cron expression "${schedule.cron}" cannot be read: ${(error as Error).message}`;
  }
  return undefined;
}
