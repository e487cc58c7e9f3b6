import type { ExportSource } from '@jugendamt/domain';
import type { Finding } from './finding.js';
import type { ReadingSettings, ValidatedRow } from './validated-rows.js';

/** What the worker needs to read one file. */
export interface ValidationJob {
  readonly path: string;
  readonly source: ExportSource;
  readonly observedAt: Date;
  readonly settings: ReadingSettings;
}

/** One step of reading, in file order: a good row, or something the report must hear of. */
export type ReadingEntry =
  | { readonly row: ValidatedRow }
  | { readonly quarantined: { readonly recordId: string | undefined; readonly findings: readonly Finding[] } }
  | { readonly fileProblem: { readonly reason: string; readonly line?: number } }
  | { readonly fileFinding: Finding };

export type WorkerMessage =
  | { readonly type: 'entries'; readonly entries: readonly ReadingEntry[]; readonly rowsRead: number; readonly bytesRead: number }
  | { readonly type: 'done'; readonly rowsRead: number; readonly bytesRead: number }
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string };

/** The worker reads at most this many batches ahead of the import. */
export const BATCHES_AHEAD = 4;
/** Sent by the import for each batch it takes. */
export const MORE = 'more';
