/** What reading and comparing one file came to, before the verdict on it. */
export interface FileOutcome {
  readonly eventsAppended: number;
  /** Rows that changed nothing (unchanged snapshot records, repeated delta and journal rows). */
  readonly rowsUnchanged: number;
  /** Snapshots only: the deletions the file implies. */
  readonly deletions?: {
    readonly vanished: number;
    readonly liveBefore: number;
    readonly share: number;
    /** More than allowed and not confirmed: nothing was applied. */
    readonly held: boolean;
  };
  /** Population files only: every Stichtag of the file was stated by a newer file, so nothing was applied. Why. */
  readonly stale?: string;
}
