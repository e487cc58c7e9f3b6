import type { ImportProgress } from '../import/import-settings.js';
import { faultLine, isTransientFault } from './job-fault.js';
import type { ImportJob, ImportJobResult } from './import-job.js';
import { HopelessJob, runImportJob, type ImportJobDeps } from './run-import-job.js';

/** How a job attempt ended when it did not succeed: whether another attempt may help. */
export class JobAttemptFailed extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type ImportJobProcessor = (job: ImportJob, onProgress?: (progress: ImportProgress) => void) => Promise<ImportJobResult>;

/** The one processor both runners call: it runs the job and sorts its faults into retry or not. */
export function importJobProcessor(deps: ImportJobDeps): ImportJobProcessor {
  return async (job, onProgress) => {
    try {
      return await runImportJob(deps, job, onProgress);
    } catch (error) {
      const retry = !(error instanceof HopelessJob) && isTransientFault(error);
      throw new JobAttemptFailed(faultLine(error), retry, { cause: error });
    }
  };
}
