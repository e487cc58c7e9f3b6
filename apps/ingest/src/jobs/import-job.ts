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
  | { readonly kind: 'confirm'; readonly importId: string }
  /** The administrator rejected a held snapshot: move its file to `rejected/`. */
  | { readonly kind: 'reject'; readonly importId: string }
  /** A catalogue changed: rebuild these projections beside the serving ones, then switch. */
  | { readonly kind: 'rebuild'; readonly projections: readonly string[] };

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
  /** What a rebuild job built. */
  readonly rebuilt?: readonly { readonly projection: string; readonly eventsApplied: number }[];
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
    case 'reject':
      return `reject-${job.importId}`;
    case 'source':
      return `source-${job.source}-${now.getTime()}`;
    case 'rebuild':
      return `rebuild-${now.getTime()}`;
  }
}

/** A job's outcome in one log line. */
export function summaryOf(result: ImportJobResult): string {
  const parts = [...result.imports.map((i) => `${i.status} ${i.file}`), ...(result.rebuilt ?? []).map((r) => `rebuilt ${r.projection} from ${r.eventsApplied} events`)];
  return parts.join(', ') || result.note || 'nothing to do';
}

export function describeJob(job: ImportJob): string {
  switch (job.kind) {
    case 'file':
      return job.file;
    case 'confirm':
      return `confirmation of import ${job.importId}`;
    case 'reject':
      return `rejection of import ${job.importId}`;
    case 'source':
      return `waiting ${job.source} files`;
    case 'rebuild':
      return `rebuild of ${job.projections.join(', ')}`;
  }
}
