import { formatNumber } from '../../../format/german';
import type { JobView } from './job-types';
import type { JobProgressView } from './useJobProgress';

/** Rows read: while it runs, as the job last reported; once completed, what its imports read. */
function rowsReadOf(job: JobView): number | undefined {
  if (job.state === 'completed') return job.result?.imports.reduce((sum, i) => sum + i.rowsRead, 0);
  return job.progress?.rowsRead;
}

/**
 * How far a job has read: a native progress bar (named for screen readers by what it reads),
 * rows read and rows per second. A finished job's bar is full; a failed one shows where it stopped.
 */
export function JobProgressBar({ view, name }: { view: JobProgressView; name: string }) {
  const { job, rowsPerSecond } = view;
  if (!job) return null;
  const share = job.state === 'completed' ? 1 : (job.progress?.share ?? 0);
  const rows = rowsReadOf(job);
  const reading = job.state === 'active' && job.progress && job.progress.file !== name ? ` · liest ${job.progress.file}` : '';
  return (
    <div className="job-progress">
      <progress max={1} value={share} aria-label={`Einlesen von ${name}`} />
      <span className="job-progress-figures">
        {formatNumber(share * 100)} %{rows !== undefined && ` · ${formatNumber(rows)} Zeilen gelesen`}
        {rowsPerSecond !== undefined && ` · ${formatNumber(rowsPerSecond)} Zeilen/s`}
        {reading}
      </span>
    </div>
  );
}
