import { z } from 'zod';
import { EXPORT_SOURCES } from '@jugendamt/domain';
import { nextRuns, type ImportRunner, type ImportSchedule } from '@jugendamt/ingest-pipeline';

/** A schedule with the times it fires next, computed here: only the API knows the schedule's time zone and the queue's cron library. */
export const scheduleAnswer = z.object({
  source: z.enum(EXPORT_SOURCES),
  cron: z.string().describe('Cron expression: five fields (minute hour day month weekday), or six with seconds first'),
  timeZone: z.string().describe('Time zone the expression is read in'),
  paused: z.boolean(),
  nextRuns: z.array(z.string()).describe('The next three runs (ISO timestamps); none while paused'),
});

const lastRun = z
  .object({
    jobId: z.string(),
    at: z.string().describe('When the import of the source was started (by its schedule or the administrator)'),
    state: z.enum(['waiting', 'active', 'delayed', 'completed', 'failed']),
    finishedAt: z.string().nullable(),
  })
  .nullable()
  .describe('The newest import job of the source the queue still knows; null when it knows none');

export const scheduleListAnswer = z.object({ schedules: z.array(scheduleAnswer.extend({ lastRun })) });

export function scheduleViewOf(schedule: ImportSchedule): z.output<typeof scheduleAnswer> {
  return { ...schedule, nextRuns: schedule.paused ? [] : nextRuns(schedule, new Date(), 3).map((d) => d.toISOString()) };
}

/** How far back the queue is searched for a source's last run: the job list is kept in Redis or memory, not forever. */
const RECENT_JOBS = 200;

/** The newest source job per source (a schedule firing, or the administrator asking), newest first in the queue's list. */
export async function lastRunsOf(runner: ImportRunner): Promise<Map<string, z.output<typeof lastRun>>> {
  const runs = new Map<string, z.output<typeof lastRun>>();
  for (const view of await runner.list(RECENT_JOBS)) {
    if (view.job.kind === 'source' && !runs.has(view.job.source)) runs.set(view.job.source, { jobId: view.id, at: view.enqueuedAt, state: view.state, finishedAt: view.finishedAt });
  }
  return runs;
}
