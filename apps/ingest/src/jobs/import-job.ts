import type { ExportSource } from '@jugendamt/domain';
import type { ImportStatus } from '../import/finding.js';

/**
 * The work of the import queue. A job names files by their name in the inbox, not by a
 * path: workers on several machines may mount the shared inbox in different places.
 */
export type ImportJob =
  /** A file that arrived in the inbox (dropped, uploaded or named by the administrator). */
  | { readonly kind: 'file'; readonly file: string; readonly sha256: string }
  /** A schedule fired (or the administrator asked): import what waits for this source. */
  | { readonly kind: 'source'; readonly source: ExportSource }
  /** The administrator confirmed a held snapshot: apply it despite its deletions. */
  | { readonly kind: 'confirm'; readonly importId: string };

/** One import a job made, as the job list shows it; the findings stay in the database. */
export interface JobImport {
  readonly importId: string;
  readonly file: string;
  readonly status: ImportStatus;
  readonly rowsRead: number;
  readonly eventsAppended: number;
  readonly rowsQuarantined: number;
  readonly message: string;
}

export interface ImportJobResult {
  readonly imports: readonly JobImport[];
  /** Why a job imported nothing (its file was imported by another job, nothing waited). */
  readonly note?: string;
}

/**
 * A file's job is known by its content: the same bytes dropped twice, or seen by two
 * watching workers, make one job. (The imports table stays the real guard against applying
 * twice: a job id is forgotten once the job is removed from the queue.)
 */
export function jobIdOf(job: ImportJob, now: Date = new Date()): string {
  switch (job.kind) {
    case 'file':
      return `file-${job.sha256}`;
    case 'confirm':
      return `confirm-${job.importId}`;
    case 'source':
      return `source-${job.source}-${now.getTime()}`;
  }
}

export function describeJob(job: ImportJob): string {
  switch (job.kind) {
    case 'file':
      return job.file;
    case 'confirm':
      return `confirmation of import ${job.importId}`;
    case 'source':
      return `waiting ${job.source} files`;
  }
}
