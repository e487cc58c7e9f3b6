import type { RecordChange } from './record-change.js';

export type Classify<R> = (id: string, before: R | undefined, after: R | undefined) => RecordChange<R> | null;

export interface SnapshotDiff<R> {
  readonly changes: RecordChange<R>[];
  /** Records live before that this snapshot would delete. */
  readonly vanished: number;
  /** Records live before this snapshot. */
  readonly liveBefore: number;
}

/**
 * A snapshot holds the complete state: a record missing from it was deleted in the source
 * system — unless its row was quarantined, in which case the record stays as it was.
 */
export function diffSnapshot<R>(previous: ReadonlyMap<string, R>, current: ReadonlyMap<string, R>, quarantined: ReadonlySet<string>, classify: Classify<R>): SnapshotDiff<R> {
  const changes: RecordChange<R>[] = [];
  for (const [id, after] of current) {
    const change = classify(id, previous.get(id), after);
    if (change) changes.push(change);
  }
  let vanished = 0;
  for (const [id, before] of previous) {
    if (current.has(id) || quarantined.has(id)) continue;
    vanished++;
    const change = classify(id, before, undefined);
    if (change) changes.push(change);
  }
  return { changes, vanished, liveBefore: previous.size };
}

/** Share of live records a snapshot would delete; 0 for a first snapshot. */
export function deletionShare(diff: SnapshotDiff<unknown>): number {
  return diff.liveBefore === 0 ? 0 : diff.vanished / diff.liveBefore;
}
