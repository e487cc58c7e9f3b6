import { inOffice, type DatabaseHandle } from '@jugendamt/db';
import type { IngestSettings } from '../config/ingest-settings.js';
import { importSettings } from '../import/import-session.js';
import { watchInbox, type InboxWatch } from '../inbox/inbox-watch.js';
import { Inbox } from '../inbox/inbox.js';
import type { RetentionPeriods } from '../retention/retention-periods.js';
import type { RetentionSchedule } from '../retention/retention-schedule.js';
import { listSchedules } from '../schedules/schedule-repository.js';
import { BullImportQueue } from './bullmq/bull-import-queue.js';
import { startBullImportWorker } from './bullmq/bull-import-worker.js';
import { redisConnection } from './bullmq/redis-connection.js';
import { exclusiveLock } from './exclusive-lock.js';
import { arrivalOfJobs, summaryOf } from './import-job.js';
import { importJobProcessor } from './import-job-processor.js';
import type { ImportRunner } from './import-runner.js';
import { InProcessImportRunner } from './in-process/in-process-import-runner.js';
import { tidyHeld } from './tidy-held.js';

export interface ImportRuntime {
  readonly runner: ImportRunner;
  readonly inbox: Inbox;
  readonly tenantId: string;
  /** The retention periods its unlinking jobs keep, and when they run (none: not scheduled). */
  readonly retention: { readonly periods: RetentionPeriods; readonly schedule: RetentionSchedule | undefined };
  /** Makes the stored schedules the ones that fire (after a change, and at start). */
  syncSchedules(): Promise<void>;
  /** Stops watching and taking jobs; waits for the running import at most `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

export interface ImportRuntimeOptions {
  /** Take jobs in this process. Always so on the embedded runner; with Redis, only in workers. */
  readonly work: boolean;
  /** Watch the inbox and submit what arrives (INBOX_WATCH=off turns it off). */
  readonly watch: boolean;
  readonly log?: (line: string) => void;
}

/**
 * The import machinery of one process: BullMQ when REDIS_URL is set, the embedded runner
 * otherwise, both running the same processor over the same inbox. The API starts it to
 * submit jobs (and, embedded, to run them); `npm run worker` starts it to run them.
 */
export async function startImportRuntime(database: DatabaseHandle, options: ImportRuntimeOptions, ingest: IngestSettings): Promise<ImportRuntime> {
  const log = options.log ?? ((line: string) => console.log(line));
  const settings = importSettings({}, ingest);
  const inbox = new Inbox(ingest.inbox.dir);
  await inbox.ensure();
  const exclusively = exclusiveLock(database);
  const deps = { database, settings, inbox, exclusively };
  const processor = importJobProcessor(deps);
  const arrival = arrivalOfJobs(inbox);
  const policy = ingest.jobs.retry;
  const redisUrl = ingest.jobs.redisUrl;

  let runner: ImportRunner;
  const closers: Array<(graceMs: number) => Promise<unknown>> = [];
  if (redisUrl) {
    const connection = redisConnection(redisUrl);
    const queue = new BullImportQueue(connection, settings.tenantId, policy, arrival);
    runner = queue;
    if (options.work) {
      const workerConnection = redisConnection(redisUrl);
      const worker = startBullImportWorker(workerConnection, settings.tenantId, processor, {
        lockDurationMs: ingest.jobs.lockDurationMs,
        stalledIntervalMs: ingest.jobs.stalledIntervalMs,
        log,
      });
      closers.push(async (graceMs) => {
        await untilOrAfter(worker.close(), graceMs);
        workerConnection.disconnect();
      });
    }
    closers.push(async () => {
      await queue.close();
      connection.disconnect();
    });
  } else {
    const inProcess = new InProcessImportRunner(
      processor,
      policy,
      (view) => log(`import job ${view.id} (${view.description}) ${view.state}: ${view.result ? summaryOf(view.result) : view.lastError}`),
      arrival,
    );
    runner = inProcess;
    closers.push((graceMs) => untilOrAfter(inProcess.close(), graceMs));
  }

  const retention = ingest.retentionSchedule;
  const syncSchedules = () =>
    exclusively(`import-schedules:${settings.tenantId}`, async () => runner.applySchedules(await inOffice(settings.tenantId, () => listSchedules(database.app, settings.tenantId)), retention));
  // A database not migrated yet (the API reports it on /health) has no schedules to apply.
  await syncSchedules().catch((error) => log(`schedules not applied: ${(error as Error).message}`));

  let watch: InboxWatch | undefined;
  if (options.watch && ingest.inbox.watch) {
    watch = await watchInbox(inbox, (job) => runner.submit(job), { polling: ingest.inbox.polling, pollMs: ingest.inbox.pollMs, settleMs: ingest.inbox.settleMs, log });
  }
  const keep = ingest.inbox.keepDays;
  // Every worker sharing the inbox does this; what one has done, the others find done.
  const housekeeping = async () => {
    await inbox.forgetShelved('done', keep.done).catch(() => 0);
    await inbox.forgetShelved('rejected', keep.rejected).catch(() => 0);
    // A database not migrated yet has no imports to tell what held files became.
    await tidyHeld(deps).catch((error) => log(`held files not tidied: ${(error as Error).message}`));
  };
  await housekeeping();
  const forgetter = setInterval(() => void housekeeping(), 86_400_000);
  forgetter.unref();

  return {
    runner,
    inbox,
    tenantId: settings.tenantId,
    retention: { periods: settings.retention ?? {}, schedule: retention },
    syncSchedules,
    async close(graceMs = 60_000) {
      clearInterval(forgetter);
      await watch?.close();
      for (const close of closers) await close(graceMs);
    },
  };
}

/** Resolves when the promise does or the grace time is over, whichever comes first. */
async function untilOrAfter(done: Promise<unknown>, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
  clearTimeout(timer);
}
