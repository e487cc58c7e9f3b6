import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { isSettled, type JobView } from './job-types';

/** Often enough that a progress bar moves smoothly, rare enough that a dozen watching tabs cost nothing. */
const POLL_MS = 500;
/** A job waiting for its next attempt after a fault waits seconds at least: no need to ask as often. */
const DELAYED_POLL_MS = 2_000;

export interface JobProgressView {
  readonly job: JobView | undefined;
  /** Rows per second: while it runs, between the first and the latest look; once done, over its attempt. */
  readonly rowsPerSecond: number | undefined;
  readonly error: string | undefined;
}

interface Look {
  readonly file: string;
  readonly rowsRead: number;
  readonly at: number;
}

/** The rows of all files the finished job imported, over the time its last attempt ran. */
function averageRate(job: JobView): number | undefined {
  const rows = job.result?.imports.reduce((sum, i) => sum + i.rowsRead, 0) ?? 0;
  const seconds = job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : 0;
  return rows > 0 && seconds > 0 ? rows / seconds : undefined;
}

/**
 * Watches one job: asks for it about every 500 ms until it is completed or failed, and says
 * how fast it reads. `initial` is the job as another answer gave it (the upload's), shown at once.
 */
export function useJobProgress(jobId: string, initial?: JobView): JobProgressView {
  const [job, setJob] = useState<JobView | undefined>(initial);
  const [rowsPerSecond, setRowsPerSecond] = useState<number>();
  const [error, setError] = useState<string>();
  const firstLook = useRef<Look | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    firstLook.current = undefined;
    const look = async () => {
      let next = POLL_MS;
      try {
        const { data } = await api.GET('/api/v1/admin/jobs/{jobId}', { params: { path: { jobId } } });
        if (stopped || !data) return;
        setJob(data);
        setError(undefined);
        if (isSettled(data.state)) {
          setRowsPerSecond(averageRate(data));
          return;
        }
        const progress = data.progress;
        if (data.state === 'active' && progress) {
          const first = firstLook.current;
          // A job for one file may read older waiting files of its source first: each file counts anew.
          if (!first || first.file !== progress.file || progress.rowsRead < first.rowsRead) firstLook.current = { file: progress.file, rowsRead: progress.rowsRead, at: Date.now() };
          else if (Date.now() > first.at) setRowsPerSecond(((progress.rowsRead - first.rowsRead) * 1000) / (Date.now() - first.at));
        }
        if (data.state === 'delayed') next = DELAYED_POLL_MS;
      } catch (failure) {
        if (stopped) return;
        setError((failure as Error).message);
        next = DELAYED_POLL_MS;
      }
      timer = setTimeout(look, next);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  return { job, rowsPerSecond, error };
}
