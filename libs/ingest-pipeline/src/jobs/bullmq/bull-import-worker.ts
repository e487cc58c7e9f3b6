import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeJob, summaryOf, type ImportJob, type ImportJobResult } from '../import-job.js';
import { JobAttemptFailed, type ImportJobProcessor } from '../import-job-processor.js';
import { jobProgressOf } from '../import-runner.js';
import { IMPORT_QUEUE, queuePrefix } from './redis-connection.js';

export interface BullWorkerOptions {
  /**
   * How long a job stays a worker's without a sign of life. A killed worker's job goes back
   * to the queue after this, for another worker to finish (its half-applied file was rolled
   * back with its connection).
   */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * One job at a time per worker: an import is one long transaction, and the source lock
 * serialises a source anyway. More throughput comes from more workers (other sources).
 */
export function startBullImportWorker(connection: Redis, tenantId: string, processor: ImportJobProcessor, options: BullWorkerOptions = {}): Worker<ImportJob, ImportJobResult> {
  const log = options.log ?? (() => undefined);
  const worker = new Worker<ImportJob, ImportJobResult>(
    IMPORT_QUEUE,
    async (job: Job<ImportJob, ImportJobResult>) => {
      try {
        let lastShown = 0;
        return await processor(job.data, (progress) => {
          // Progress is for the job list; a write to Redis per row would slow the import. A
          // file's end always goes through, so a finished job does not show a half-read file.
          if (Date.now() - lastShown < 2_000 && progress.bytesRead < progress.bytesTotal) return;
          lastShown = Date.now();
          void job.updateProgress(jobProgressOf(progress)).catch(() => undefined);
        });
      } catch (error) {
        if (!(error instanceof JobAttemptFailed)) throw error;
        const attempt = job.attemptsMade + 1;
        const attempts = job.opts.attempts ?? 1;
        const next = error.retry && attempt < attempts ? 'will be retried' : error.retry ? 'no attempts left' : 'will not be retried';
        await job.log(`${new Date().toISOString()} attempt ${attempt} of ${attempts} failed, ${next}: ${error.message}`).catch(() => undefined);
        throw error.retry ? error : new UnrecoverableError(error.message);
      }
    },
    {
      connection,
      prefix: queuePrefix(tenantId),
      concurrency: 1,
      lockDuration: options.lockDurationMs ?? 60_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A job that killed its worker twice is suspect: it goes to the failed list.
      maxStalledCount: 2,
    },
  );
  worker.on('completed', (job) => log(`import job ${job.id} (${describeJob(job.data)}) done: ${summaryOf(job.returnvalue)}`));
  worker.on('failed', (job, error) => log(`import job ${job?.id} (${job && describeJob(job.data)}) failed: ${error.message}`));
  worker.on('error', (error) => log(`import worker: ${error.message}`));
  return worker;
}
