import type { JobView } from './job-types';
import { JOB_STATE } from '../../../format/job-states';

/** A job's state: a symbol on its colour, and always the word. */
export function JobStateText({ job }: { job: JobView }) {
  const state = JOB_STATE[job.state];
  const attempt = job.state === 'delayed' ? ` (Versuch ${job.attemptsMade + 1} von ${job.attempts})` : '';
  return (
    <span className="job-state">
      <span className={`light ${state.tone}`} aria-hidden="true">
        {state.symbol}
      </span>{' '}
      {state.label}
      {attempt}
    </span>
  );
}
