/** A problem with one field of one row; the caller adds file and line. */
export interface RowIssue {
  readonly code: string;
  readonly field?: string;
  readonly column?: string;
  readonly message: string;
}

export interface RowValidation<R> {
  /** Null when the row must be quarantined. */
  readonly record: R | null;
  /** Reasons for quarantine. */
  readonly problems: readonly RowIssue[];
  /** Plausibility findings that do not stop the row (unknown code values, …). */
  readonly notes: readonly RowIssue[];
}
