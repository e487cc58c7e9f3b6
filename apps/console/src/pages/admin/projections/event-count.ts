import { formatNumber } from '../../../format/german';

/** The API counts events up to this many (see LAG_COUNT_LIMIT): beyond, it says only "far behind". */
const COUNT_LIMIT = 100_000;

/** `1.234 Ereignisse`, `1 Ereignis`, or `mehr als 100.000 Ereignisse` where the API stopped counting. */
export function eventCount(count: number): string {
  if (count >= COUNT_LIMIT) return `mehr als ${formatNumber(COUNT_LIMIT)} Ereignisse`;
  return `${formatNumber(count)} ${count === 1 ? 'Ereignis' : 'Ereignisse'}`;
}
