import type { ImportSummary } from '@jugendamt/ingest-pipeline';

/** What the CLI's exit code tells a scheduler or a script; the usage and the README show this table. */
export const EXIT = {
  /** Every file applied, or known already. */
  done: 0,
  /** A file was rejected, held or stale: the administrator has to look. */
  notApplied: 1,
  /** A wrong option or setting, or a named path that cannot be imported: nothing was imported. */
  inputError: 2,
  /** The database or the disk failed: what was imported before stays, the file in progress is rolled back. */
  infrastructure: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_TABLE = `Exit codes:
  0  every file applied, or skipped as a duplicate of one applied before
  1  a file was rejected, held for confirmation, or stale (not newer than what is applied)
  2  usage or input error: a wrong option or setting, a path that is missing, unreadable
     or not a regular file; nothing was imported
  3  infrastructure fault: the database or the disk failed; files imported before stay
     imported, the file in progress was rolled back`;

/** A stale file is no success either: the source may be frozen by a wrong observation time. */
export function exitCodeOf(summaries: readonly ImportSummary[]): ExitCode {
  return summaries.some((s) => s.status === 'rejected' || s.status === 'held' || s.status === 'stale') ? EXIT.notApplied : EXIT.done;
}
