/**
 * One entry of an import's data-quality report. Messages name file, line, column and
 * reason, and never carry a personal value or a raw identifier: the report is stored
 * and handed to the teams.
 */
export interface Finding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly line?: number;
  readonly field?: string;
  readonly column?: string;
  readonly message: string;
}

export type ImportStatus = 'applied' | 'rejected' | 'held' | 'duplicate' | 'stale';

export interface ImportSummary {
  readonly importId: string;
  readonly file: string;
  readonly source: string | null;
  readonly observedAt: Date | null;
  readonly status: ImportStatus;
  readonly rowsRead: number;
  readonly eventsAppended: number;
  readonly rowsQuarantined: number;
  /** Rows that changed nothing (unchanged snapshot records, repeated delta and journal rows). */
  readonly rowsUnchanged: number;
  /** Share of live records a snapshot would delete. */
  readonly deletionShare: number | null;
  readonly message: string;
  readonly findings: readonly Finding[];
}
