import { formatNumber } from '../../../format/german';

/** A job's run time as people say it: `0,4 s`, `12,3 s`, `3 min 12 s`, `2 h 5 min`. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${formatNumber(seconds, 1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.floor(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** From the latest attempt's start to its end; none while a job waits or runs. */
export function durationOf(startedAt: string | null, finishedAt: string | null): string {
  return startedAt && finishedAt ? formatDuration(Date.parse(finishedAt) - Date.parse(startedAt)) : '–';
}
