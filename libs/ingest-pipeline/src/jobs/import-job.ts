import { createHash } from 'node:crypto';
import type { ExportSource } from '@jugendamt/domain';
import type { ImportStatus } from '../import/finding.js';
import type { Inbox } from '../inbox/inbox.js';
import type { UnlinkCounts } from '../retention/unlink-after-retention.js';

/**
 * The work of the import queue. A job names files by their name in the inbox, not by a
 * path: workers on several machines may mount the shared inbox in different places.
 */
export type ImportJob =
  /**
   * A file that arrived in the inbox (dropped, uploaded or named by the administrator). The
   * runner fills in `arrival` (see Inbox.arrivalOf) from the file as it waits in the inbox.
   */
  | {
      readonly kind: 'file';
      readonly file: string;
      readonly arrival?: string;
      /** Ignored: the content no longer names the job (the same bytes may arrive again). */
      readonly sha256?: string;
    }
  /** A schedule fired (or the administrator asked): import what waits for this source. */
  | { readonly kind: 'source'; readonly source: ExportSource }
  /** The administrator confirmed a held snapshot: apply it despite its deletions. */
  | { readonly kind: 'confirm'; readonly importId: string }
  /** The administrator rejected a held snapshot: move its file to `rejected/`. */
  | { readonly kind: 'reject'; readonly importId: string }
  /** A catalogue changed: rebuild these projections beside the serving ones, then switch. */
  | { readonly kind: 'rebuild'; readonly projections: readonly string[] }
  /** Unlink the records past their retention period (or, dry, count them): see unlinkAfterRetention. */
  | { readonly kind: 'unlink'; readonly dryRun: boolean };

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
  /** What an unlinking job unlinked (or, dry, would unlink), per id space. */
  readonly unlinked?: { readonly dryRun: boolean; readonly counts: UnlinkCounts };
  /** Why a job imported nothing (its file was imported by another job, nothing waited). */
  readonly note?: string;
}

/**
 * A file's job is known by its arrival: one file seen by two watching workers, or offered
 * twice, makes one job, while the same bytes delivered again (an unchanged snapshot, a night
 * delivered twice) are a new arrival with a job of their own, which imports and shelves them.
 * (The imports table stays the real guard against applying twice: a job id is forgotten once
 * the job is removed from the queue.)
 */
export function jobIdOf(job: ImportJob, now: Date = new Date()): string {
  switch (job.kind) {
    case 'file': {
      if (!job.arrival) throw new Error(`the job for ${job.file} has no arrival: submit it through a runner with the inbox`);
      // Hashed: a job id must not hold the colons or slashes a file name may.
      return `file-${createHash('sha256').update(`${job.file}\n${job.arrival}`).digest('hex')}`;
    }
    case 'confirm':
      return `confirm-${job.importId}`;
    case 'reject':
      return `reject-${job.importId}`;
    case 'source':
      return `source-${job.source}-${now.getTime()}`;
    case 'rebuild':
      return `rebuild-${now.getTime()}`;
    case 'unlink':
      return `unlink-${now.getTime()}`;
  }
}

/** A job's outcome in one log line. */
export function summaryOf(result: ImportJobResult): string {
  const parts = [
    ...result.imports.map((i) => `${i.status} ${i.file}`),
    ...(result.rebuilt ?? []).map((r) => `rebuilt ${r.projection} from ${r.eventsApplied} events`),
    ...(result.unlinked
      ? [
          `${result.unlinked.dryRun ? 'would unlink' : 'unlinked'} ${Object.entries(result.unlinked.counts)
            .map(([kind, n]) => `${n} ${kind}`)
            .join(', ')}`,
        ]
      : []),
  ];
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
    case 'unlink':
      return job.dryRun ? 'unlinking after retention (dry run)' : 'unlinking after retention';
  }
}

/** Makes a job ready to submit: a file's job gets the arrival of the file waiting in the inbox. */
export type JobArrival = (job: ImportJob) => Promise<ImportJob>;

export function arrivalOfJobs(inbox: Inbox): JobArrival {
  return async (job) => (job.kind === 'file' && !job.arrival ? { kind: 'file', file: job.file, arrival: await inbox.arrivalOf(job.file) } : job);
}

export const jobsAsSubmitted: JobArrival = async (job) => job;
