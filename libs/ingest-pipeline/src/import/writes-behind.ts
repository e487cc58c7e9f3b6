/**
 * Statements an import sends without waiting for them (see notingLines). Should one fail, the
 * file's transaction is aborted, and whatever statement comes next fails for that reason alone
 * ("current transaction is aborted"): the import then reports the first failure, the cause.
 */
export class WritesBehind {
  private failure: { readonly error: unknown } | undefined;

  /** `write`, watched: its failure is kept, and comes to the caller too when it awaits it. */
  track(write: Promise<void>): Promise<void> {
    write.catch((error: unknown) => {
      this.failure ??= { error };
    });
    return write;
  }

  /** What to report for `error`: the failure of a write behind, if one failed. */
  causeOf(error: unknown): unknown {
    return this.failure ? this.failure.error : error;
  }
}
