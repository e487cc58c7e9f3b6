/**
 * The machine is shared and noisy: a figure means something only next to a baseline
 * measured in the same run, and as the median of several runs.
 */
export interface Measurement {
  readonly label: string;
  /** Median wall time of one run, in milliseconds. */
  readonly medianMs: number;
  readonly runs: readonly number[];
}

export async function measure(label: string, runs: number, once: (run: number) => Promise<void>): Promise<Measurement> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    await once(run);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { label, medianMs: median(times), runs: times };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}
