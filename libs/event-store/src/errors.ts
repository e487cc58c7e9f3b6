export interface VersionConflict {
  readonly streamId: string;
  readonly expected: number | 'any';
  /** 0 when the stream does not exist. */
  readonly actual: number;
}

/** Another writer appended to a stream since the caller read it. Nothing of the batch was written. */
export class WrongExpectedVersionError extends Error {
  constructor(readonly conflicts: readonly VersionConflict[]) {
    const first = conflicts[0];
    super(`concurrency conflict on ${conflicts.length} stream(s)` + (first ? `, e.g. ${first.streamId}: expected version ${first.expected}, found ${first.actual}` : ''));
    this.name = 'WrongExpectedVersionError';
  }
}
