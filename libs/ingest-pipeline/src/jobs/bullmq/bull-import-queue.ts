import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RetentionSchedule } from '../../retention/retention-schedule.js';
import type { ImportSchedule } from '../../schedules/import-schedule.js';
import { describeJob, jobIdOf, jobsAsSubmitted, type ImportJob, type ImportJobResult, type JobArrival } from '../import-job.js';
import type { ImportJobView, ImportRunner, JobProgress, JobState, RetryPolicy } from '../import-runner.js';
import { IMPORT_QUEUE, queuePrefix } from './redis-connection.js';

const SCHEDULER_PREFIX = 'schedule-';
const RETENTION_SCHEDULER = 'retention-unlink';

/** Finished jobs stay listed for a month; failed ones until someone looks (or a quarter passes). */
function jobOptions(policy: RetryPolicy): JobsOptions {
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnComplete: { age: 30 * 86_400, count: 5_000 },
    removeOnFail: { age: 90 * 86_400 },
  };
}

/** The BullMQ side the admin API, the inbox watch and the schedules talk to. */
export class BullImportQueue implements ImportRunner {
  readonly kind = 'bullmq';
  readonly queue: Queue<ImportJob, ImportJobResult>;

  constructor(
    connection: Redis,
    tenantId: string,
    private readonly policy: RetryPolicy,
    private readonly arrival: JobArrival = jobsAsSubmitted,
  ) {
    this.queue = new Queue<ImportJob, ImportJobResult>(IMPORT_QUEUE, { connection, prefix: queuePrefix(tenantId), defaultJobOptions: jobOptions(policy) });
    // While Redis is away, calls fail (the API answers 503) or wait; the queue itself carries on.
    this.queue.on('error', () => undefined);
  }

  async submit(job: ImportJob): Promise<ImportJobView> {
    const ready = await this.arrival(job);
    // BullMQ returns the existing job when the id is taken: one arrival seen by several watchers is one job.
    const added = await this.queue.add('import', ready, { jobId: jobIdOf(ready) });
    return (await this.view(added.id!))!;
  }

  async list(limit: number): Promise<ImportJobView[]> {
    const jobs = await this.queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'failed', 'completed'], 0, limit * 2);
    const newest = (jobs as Job<ImportJob, ImportJobResult>[]).sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
    const views = await Promise.all(newest.map((j) => this.view(j.id!)));
    return views.filter((v): v is ImportJobView => v !== undefined);
  }

  get(id: string): Promise<ImportJobView | undefined> {
    return this.view(id, true);
  }

  async retry(id: string): Promise<ImportJobView | undefined> {
    const job = (await this.queue.getJob(id)) as Job<ImportJob, ImportJobResult> | undefined;
    if (!job || (await job.getState()) !== 'failed') return undefined;
    await job.log(`${new Date().toISOString()} re-run asked`);
    await job.retry('failed', { resetAttemptsMade: true });
    return this.get(id);
  }

  /** Called from one place (the admin API on a change, a worker at start under a lock), never from every replica at once. */
  async applySchedules(schedules: readonly ImportSchedule[], retention?: RetentionSchedule): Promise<void> {
    const active = schedules.filter((s) => !s.paused);
    for (const schedule of active) {
      await this.queue.upsertJobScheduler(
        `${SCHEDULER_PREFIX}${schedule.source}`,
        { pattern: schedule.cron, tz: schedule.timeZone },
        { name: 'import', data: { kind: 'source', source: schedule.source }, opts: jobOptions(this.policy) },
      );
    }
    const wanted = new Set(active.map((s) => `${SCHEDULER_PREFIX}${s.source}`));
    if (retention) {
      await this.queue.upsertJobScheduler(
        RETENTION_SCHEDULER,
        { pattern: retention.cron, tz: retention.timeZone },
        { name: 'import', data: { kind: 'unlink', dryRun: false }, opts: jobOptions(this.policy) },
      );
      wanted.add(RETENTION_SCHEDULER);
    }
    for (const scheduler of await this.queue.getJobSchedulers(0, -1)) {
      if (!wanted.has(scheduler.key)) await this.queue.removeJobScheduler(scheduler.key);
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  /**
   * The state is read before the data: a job seen finished or retrying then has its result or
   * error in the data (read the other way round, a job finishing in between looks finished
   * without either).
   */
  private async view(id: string, withLog = false): Promise<ImportJobView | undefined> {
    const state = await this.queue.getJobState(id);
    const job = (await this.queue.getJob(id)) as Job<ImportJob, ImportJobResult> | undefined;
    if (!job) return undefined;
    const log = withLog ? (await this.queue.getJobLogs(id)).logs : [];
    return {
      id: job.id!,
      job: job.data,
      description: describeJob(job.data),
      state: stateOf(state),
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? this.policy.attempts,
      lastError: job.failedReason || null,
      result: job.returnvalue ?? null,
      enqueuedAt: new Date(job.timestamp).toISOString(),
      startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      progress: isJobProgress(job.progress) ? job.progress : null,
      log,
    };
  }
}

/** What the worker reported with updateProgress; BullMQ stores any JSON there, 0 before the first report. */
function isJobProgress(progress: unknown): progress is JobProgress {
  return typeof progress === 'object' && progress !== null && typeof (progress as JobProgress).rowsRead === 'number' && typeof (progress as JobProgress).share === 'number';
}

function stateOf(state: string): JobState {
  if (state === 'prioritized' || state === 'waiting-children' || state === 'unknown') return 'waiting';
  return state as JobState;
}
