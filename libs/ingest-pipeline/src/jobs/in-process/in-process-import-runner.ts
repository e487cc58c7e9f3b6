import type { RetentionSchedule } from '../../retention/retention-schedule.js';
import type { ImportSchedule } from '../../schedules/import-schedule.js';
import { nextRuns } from '../../schedules/import-schedule.js';
import { describeJob, jobIdOf, jobsAsSubmitted, type ImportJob, type ImportJobResult, type JobArrival } from '../import-job.js';
import { JobAttemptFailed, type ImportJobProcessor } from '../import-job-processor.js';
import { jobProgressOf, retryDelayMs, type ImportJobView, type ImportRunner, type JobProgress, type JobState, type RetryPolicy } from '../import-runner.js';

interface Entry {
  readonly id: string;
  readonly job: ImportJob;
  state: JobState;
  attemptsMade: number;
  lastError: string | null;
  result: ImportJobResult | null;
  readonly enqueuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  progress: JobProgress | null;
  readonly log: string[];
}

/** Jobs kept for the job list; older finished ones are forgotten, as BullMQ removes them. */
const KEPT_JOBS = 500;

/**
 * The embedded default's queue: the same processor and retry policy as BullMQ, one job at a
 * time, in this process, so `npm start` imports with nothing installed. It keeps its jobs in
 * memory: a restart forgets waiting jobs, and the inbox watch submits their files again.
 */
export class InProcessImportRunner implements ImportRunner {
  readonly kind = 'in-process';
  private readonly entries = new Map<string, Entry>();
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private scheduleTimers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly processor: ImportJobProcessor,
    private readonly policy: RetryPolicy,
    private readonly onDone: (view: ImportJobView) => void = () => undefined,
    private readonly arrival: JobArrival = jobsAsSubmitted,
  ) {}

  async submit(submitted: ImportJob): Promise<ImportJobView> {
    const job = await this.arrival(submitted);
    const id = jobIdOf(job);
    const known = this.entries.get(id);
    if (known) return viewOf(known, this.policy);
    const entry: Entry = { id, job, state: 'waiting', attemptsMade: 0, lastError: null, result: null, enqueuedAt: new Date(), startedAt: null, finishedAt: null, progress: null, log: [] };
    this.entries.set(id, entry);
    this.forgetOld();
    this.enqueue(entry);
    return viewOf(entry, this.policy);
  }

  async list(limit: number): Promise<ImportJobView[]> {
    return [...this.entries.values()]
      .reverse()
      .slice(0, limit)
      .map((e) => viewOf(e, this.policy));
  }

  async get(id: string): Promise<ImportJobView | undefined> {
    const entry = this.entries.get(id);
    return entry && viewOf(entry, this.policy);
  }

  async retry(id: string): Promise<ImportJobView | undefined> {
    const entry = this.entries.get(id);
    if (entry?.state !== 'failed') return undefined;
    Object.assign(entry, { state: 'waiting', attemptsMade: 0, finishedAt: null });
    entry.log.push(`${new Date().toISOString()} re-run asked`);
    this.enqueue(entry);
    return viewOf(entry, this.policy);
  }

  async applySchedules(schedules: readonly ImportSchedule[], retention?: RetentionSchedule): Promise<void> {
    for (const timer of this.scheduleTimers) clearTimeout(timer);
    this.scheduleTimers = [];
    for (const schedule of schedules.filter((s) => !s.paused)) this.arm(schedule, { kind: 'source', source: schedule.source });
    if (retention) this.arm(retention, { kind: 'unlink', dryRun: false });
  }

  /** Waits for the running job to finish; waiting jobs are dropped (their files stay in the inbox). */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of [...this.timers, ...this.scheduleTimers]) clearTimeout(timer);
    await this.queue;
  }

  /** One timer per schedule, set to its next run each time: the cron library handles summer time. */
  private arm(schedule: Pick<ImportSchedule, 'cron' | 'timeZone'>, job: ImportJob): void {
    if (this.closed) return;
    const [next] = nextRuns(schedule, new Date(), 1);
    // setTimeout holds at most ~24.8 days; a later run is re-armed on the way.
    const wait = Math.min(next!.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(
      () => {
        this.scheduleTimers = this.scheduleTimers.filter((t) => t !== timer);
        if (Date.now() >= next!.getTime()) void this.submit(job);
        this.arm(schedule, job);
      },
      Math.max(0, wait),
    );
    timer.unref();
    this.scheduleTimers.push(timer);
  }

  private enqueue(entry: Entry, delayMs = 0): void {
    if (delayMs === 0) this.queue = this.queue.then(() => this.attempt(entry));
    else this.enqueueAt(entry, Date.now() + delayMs);
  }

  /**
   * Timers count from the event loop's cached time, which may lag the clock, so one can fire a
   * few ms early: as for the schedules, an early timer is set again for what is left.
   */
  private enqueueAt(entry: Entry, due: number): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (Date.now() < due) this.enqueueAt(entry, due);
        else this.enqueue(entry);
      },
      Math.max(0, due - Date.now()),
    );
    this.timers.add(timer);
  }

  private async attempt(entry: Entry): Promise<void> {
    if (this.closed) return;
    Object.assign(entry, { state: 'active', startedAt: new Date(), progress: null });
    entry.attemptsMade++;
    try {
      // In memory, so every report is kept (BullMQ's worker thins them out: each is a Redis write).
      entry.result = await this.processor(entry.job, (progress) => (entry.progress = jobProgressOf(progress)));
      entry.state = 'completed';
      entry.finishedAt = new Date();
      this.onDone(viewOf(entry, this.policy));
    } catch (error) {
      const failed = error instanceof JobAttemptFailed ? error : new JobAttemptFailed(String(error), false);
      entry.lastError = failed.message;
      if (failed.retry && entry.attemptsMade < this.policy.attempts) {
        const delay = retryDelayMs(this.policy, entry.attemptsMade);
        entry.state = 'delayed';
        entry.log.push(`${new Date().toISOString()} attempt ${entry.attemptsMade} of ${this.policy.attempts} failed: ${failed.message}; next attempt in ${Math.round(delay / 1000)} s`);
        this.enqueue(entry, delay);
      } else {
        entry.state = 'failed';
        entry.finishedAt = new Date();
        entry.log.push(`${new Date().toISOString()} attempt ${entry.attemptsMade} failed${failed.retry ? ', no attempts left' : ' and will not be retried'}: ${failed.message}`);
        this.onDone(viewOf(entry, this.policy));
      }
    }
  }

  private forgetOld(): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= KEPT_JOBS) return;
      if (entry.state === 'completed' || entry.state === 'failed') this.entries.delete(id);
    }
  }
}

function viewOf(e: Entry, policy: RetryPolicy): ImportJobView {
  return {
    id: e.id,
    job: e.job,
    description: describeJob(e.job),
    state: e.state,
    attemptsMade: e.attemptsMade,
    attempts: policy.attempts,
    lastError: e.lastError,
    result: e.result,
    enqueuedAt: e.enqueuedAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    progress: e.progress,
    log: [...e.log],
  };
}
