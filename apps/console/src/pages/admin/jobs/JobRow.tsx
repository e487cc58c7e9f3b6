import { useEffect } from 'react';
import { Link } from 'react-router';
import { formatTimestamp } from '../../../format/german';
import { durationOf } from './duration';
import { isSettled, type JobView } from './job-types';
import { statusText } from '../../../format/import-status';
import { JOB_KIND, subjectOf } from './job-words';
import { JobProgressBar } from './JobProgressBar';
import { JobStateText } from './JobStateText';
import { useJobProgress, type JobProgressView } from './useJobProgress';

interface RowProps {
  readonly job: JobView;
  readonly retrying: boolean;
  readonly onRetry: (job: JobView) => void;
}

/** The kinds of job that read export files, and so have rows to count. */
const READS_FILES: ReadonlySet<JobView['job']['kind']> = new Set(['file', 'source', 'confirm']);

/** What came of it: the verdicts of its imports, or the fault that stopped it. */
function outcomeOf(job: JobView): string {
  if (job.lastError && (job.state === 'failed' || job.state === 'delayed')) return job.lastError;
  if (job.state !== 'completed') return '';
  // The job's own file is named in its row already; files it imported first are named here.
  const own = job.job.kind === 'file' ? job.job.file : undefined;
  const verdicts = job.result?.imports.map((i) => (i.file === own ? statusText(i.status) : `${i.file}: ${statusText(i.status)}`)) ?? [];
  return verdicts.join('; ') || (job.result?.rebuilt?.length ? 'neu aufgebaut' : 'nichts zu tun');
}

function Row({ job, retrying, onRetry, progress }: RowProps & { progress?: JobProgressView }) {
  const subject = subjectOf(job.job);
  return (
    <tr>
      <th scope="row">
        <span className="job-subject">{subject.importId ? <Link to={`/verwaltung/importe/${subject.importId}`}>{subject.text}</Link> : subject.text}</span>
        <span className="job-kind">{JOB_KIND[job.job.kind]}</span>
      </th>
      <td>
        <JobStateText job={job} />
        {progress && READS_FILES.has(job.job.kind) && <JobProgressBar view={progress} name={subject.text} />}
        {/* Beside the state that calls for it, so that the table stays narrow enough to read whole. */}
        {job.state === 'failed' && (
          <button type="button" className="secondary retry" disabled={retrying} onClick={() => onRetry(job)}>
            Erneut versuchen
          </button>
        )}
      </td>
      <td>{formatTimestamp(job.startedAt)}</td>
      <td>{formatTimestamp(job.finishedAt)}</td>
      <td className="number">{durationOf(job.startedAt, job.finishedAt)}</td>
      <td className="number">
        {job.attemptsMade} von {job.attempts}
      </td>
      <td className="job-outcome">{outcomeOf(job)}</td>
    </tr>
  );
}

/** A job still to run or running: watched live, and the list is asked again once it is done. */
function WatchedRow({ onSettled, ...props }: RowProps & { onSettled: () => void }) {
  const progress = useJobProgress(props.job.id, props.job);
  const job = progress.job ?? props.job;
  useEffect(() => {
    if (isSettled(job.state)) onSettled();
  }, [job.state]); // onSettled is new with every render of the list
  return <Row {...props} job={job} progress={progress} />;
}

export function JobRow(props: RowProps & { onSettled: () => void }) {
  return isSettled(props.job.state) ? <Row {...props} /> : <WatchedRow {...props} />;
}
