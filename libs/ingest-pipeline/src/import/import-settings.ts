import type { ExportProfile } from '@jugendamt/domain';
import type { RetentionPeriods } from '../retention/retention-periods.js';

export interface ImportSettings {
  readonly tenantId: string;
  readonly profile: ExportProfile;
  /** The key of the pseudonyms (HMAC); it comes from outside the database and never goes into it. */
  readonly pseudonymKey: Buffer;
  /** A snapshot deleting more than this share of live records is held (default 10 %). */
  readonly deletionThreshold: number;
  /** A file with more than this share of quarantined rows is rejected whole (default 5 %). */
  readonly quarantineThreshold: number;
  /** Files of this many bytes or more are read in a worker thread (see readValidatedRows). */
  readonly readInWorkerFromBytes: number;
  /** Applies a held snapshot anyway: the administrator confirmed the deletions. */
  readonly confirmDeletions?: boolean;
  /** Per source, how long records stay linked to their ids (none: for ever); see retention-periods. */
  readonly retention?: RetentionPeriods;
  /**
   * Stores records under their pseudonyms, as every import did before migration 0015. Only for
   * the test that migrates such a database; nothing else sets it.
   */
  readonly legacyKeying?: boolean;
  /** A file observed further ahead of this clock is refused (default DEFAULT_FUTURE_TOLERANCE_MS). */
  readonly futureToleranceMs?: number;
}

/** The exporting server's clock may run a little ahead of ours; a whole night ahead is a wrong name. */
export const DEFAULT_FUTURE_TOLERANCE_MS = 60 * 60_000;

export const DEFAULT_THRESHOLDS = { deletionThreshold: 0.1, quarantineThreshold: 0.05 } as const;

/**
 * Starting a worker costs about 0.1 s (it loads the reader's modules anew), what reading
 * 1–2 MB costs in the import's thread: the small files of a normal night are read there.
 */
export const DEFAULT_READ_IN_WORKER_FROM_BYTES = 8 * 1024 * 1024;

/** How far the reading of a file has come, for progress bars. */
export interface ImportProgress {
  readonly file: string;
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}
