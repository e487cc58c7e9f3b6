import { DEFAULT_SCHEDULE_TIME_ZONE, nextRuns } from '../schedules/import-schedule.js';
import type { RetentionPeriods } from './retention-periods.js';

/** When the unlinking after retention runs: a cron expression read in a time zone. */
export interface RetentionSchedule {
  readonly cron: string;
  readonly timeZone: string;
}

/** After the night's exports (02:00–03:00) and before the morning's schedules and readers. */
const DEFAULT_CRON = '0 4 * * *';

/**
 * RETENTION_SCHEDULE (cron in Europe/Berlin, default 04:00 every night; `off` stops it). No
 * schedule while no retention period is set: there would be nothing to unlink.
 */
export function retentionSchedule(env: NodeJS.ProcessEnv, periods: RetentionPeriods): RetentionSchedule | undefined {
  const cron = env['RETENTION_SCHEDULE']?.trim() || DEFAULT_CRON;
  if (cron === 'off' || Object.keys(periods).length === 0) return undefined;
  const schedule = { cron, timeZone: DEFAULT_SCHEDULE_TIME_ZONE };
  try {
    nextRuns(schedule, new Date(), 1);
  } catch (error) {
    throw new Error(`RETENTION_SCHEDULE "${cron}" cannot be read: ${(error as Error).message}`, { cause: error });
  }
  return schedule;
}
