import type { ImportProgress } from '../import/import-settings.js';
import type { RetentionSchedule } from '../retention/retention-schedule.js';
import type { ImportSchedule } from '../schedules/import-schedule.js';
import type { ImportJob, ImportJobResult } from './import-job.js';

export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

/** How far a job has read the file it imports, as its import last reported; kept when it ends. */
export interface JobProgress {
  readonly file: string;
  readonly rowsRead: number;
  /** The share of the file's bytes read, 0 to 1. */
  readonly share: number;
}

export function jobProgressOf(progress: ImportProgress): JobProgress {
  return { file: progress.file, rowsRead: progress.rowsRead, share: progress.bytesTotal ? progress.bytesRead / progress.bytesTotal : 0 };
}

/** A job as the administrator sees it: what it is, how far it got, what went wrong. */
export interface ImportJobView {
  readonly id: string;
  readonly job: ImportJob;
  readonly description: string;
  /** `delayed` after a transient fault: it waits for its next attempt. */
  readonly state: JobState;
  readonly attemptsMade: number;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly result: ImportJobResult | null;
  readonly enqueuedAt: string;
  /** When its latest attempt began; null while it waits for its first. */
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** For the administrator's progress bar: rows read so far, and rows per second from two looks. */
  readonly progress: JobProgress | null;
  /** What happened, one line per step or fault; no row content, no personal data. */
  readonly log: readonly string[];
}

/**
 * The import queue as the admin API, the inbox watch and the schedules use it. With Redis it
 * is BullMQ; without, the embedded runner. Both run `runImportJob` with the same retry policy.
 */
export interface ImportRunner {
  readonly kind: 'bullmq' | 'in-process';
  /** Adds a job unless one with its id is known: one arrival of a file makes one job (see jobIdOf). */
  submit(job: ImportJob): Promise<ImportJobView>;
  /** Newest first. */
  list(limit: number): Promise<ImportJobView[]>;
  get(id: string): Promise<ImportJobView | undefined>;
  /** Runs a failed job again; undefined when there is no such failed job. */
  retry(id: string): Promise<ImportJobView | undefined>;
  /** Makes the active, unpaused schedules (and the unlinking after retention, if given) the ones that fire; the rest stop. */
  applySchedules(schedules: readonly ImportSchedule[], retention?: RetentionSchedule): Promise<void>;
  close(): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Wait before the second attempt; it doubles with each further one. */
  readonly backoffMs: number;
}

/** About three hours of doubling waits: a database back within the night still gets the file in. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 12, backoffMs: 5_000 };

export function retryDelayMs(policy: RetryPolicy, attemptsMade: number): number {
  return policy.backoffMs * 2 ** Math.max(0, attemptsMade - 1);
}
