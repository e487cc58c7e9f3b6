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
  for (let run = 0; run < runs; run++) times.push(await timed(once, run));
  return { label, medianMs: median(times), runs: times };
}

export interface Contender {
  readonly label: string;
  readonly once: (run: number) => Promise<void>;
}

/**
 * Two contenders on the same work, taking turns run by run (the first goes first in even runs,
 * the second in odd ones): the machine's noise and the server's state fall on both alike.
 */
export async function measureInTurns(runs: number, first: Contender, second: Contender): Promise<[Measurement, Measurement]> {
  const times: [number[], number[]] = [[], []];
  const contenders = [first, second] as const;
  for (let run = 0; run < runs; run++) {
    for (const which of run % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) times[which].push(await timed(contenders[which].once, run));
  }
  return [
    { label: first.label, medianMs: median(times[0]), runs: times[0] },
    { label: second.label, medianMs: median(times[1]), runs: times[1] },
  ];
}

async function timed(once: (run: number) => Promise<void>, run: number): Promise<number> {
  const started = process.hrtime.bigint();
  await once(run);
  return Number(process.hrtime.bigint() - started) / 1e6;
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
