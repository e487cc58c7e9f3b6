import type { RecordChange } from './record-change.js';

export type ClassifyPresent<R> = (id: string, before: R | undefined, after: R) => RecordChange<R> | null;

/**
 * Deltas and journals overlap: the same unchanged row arrives night after night, and
 * absence means nothing. Only rows that are new or differ from the known state are changes.
 */
export function dedupeOverlap<R>(known: ReadonlyMap<string, R>, rows: ReadonlyMap<string, R>, classify: ClassifyPresent<R>): RecordChange<R>[] {
  const changes: RecordChange<R>[] = [];
  for (const [id, row] of rows) {
    const change = classify(id, known.get(id), row);
    if (change) changes.push(change);
  }
  return changes;
}
