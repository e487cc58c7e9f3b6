import type { CaseWorkEventType } from '../events/event-types.js';

/** What the change detection found for one record: the event to write, in domain terms. */
export interface RecordChange<R> {
  readonly recordId: string;
  readonly type: CaseWorkEventType;
  /** Absent for a deletion. */
  readonly state: R | null;
  readonly changed: readonly string[];
  /** The business date the change is about, if the record names one. */
  readonly occurredOn: string | null;
}

export function changedFields<R extends object>(before: R | undefined, after: R): string[] {
  const keys = Object.keys(after) as (keyof R & string)[];
  if (!before) return keys;
  return keys.filter((key) => before[key] !== after[key]);
}

export function dateOf(timestamp: string | null): string | null {
  return timestamp ? timestamp.slice(0, 10) : null;
}
