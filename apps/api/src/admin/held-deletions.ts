/** The ingest's verdict on a held snapshot (libs/ingest-pipeline/src/import/import-file.ts), which alone keeps its counts. */
const HELD_VERDICT = /^held for confirmation: the snapshot would delete (\d+) of (\d+) records /;

/**
 * What confirming a held snapshot deletes, read back from the verdict recorded with it: the
 * imports table keeps only the share, and the administrator decides on the numbers.
 * Undefined for any other verdict, a copy of held content among them ("still held: …").
 */
export function heldDeletionsOf(message: string | null): { records: number; liveBefore: number } | undefined {
  const counts = message && HELD_VERDICT.exec(message);
  return counts ? { records: Number(counts[1]), liveBefore: Number(counts[2]) } : undefined;
}
