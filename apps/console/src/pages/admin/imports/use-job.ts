import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type JobView = paths['/api/v1/admin/jobs/{jobId}']['get']['responses'][200]['content']['application/json'];

const POLL_MS = 500;

export function isFinished(job: JobView): boolean {
  return job.state === 'completed' || job.state === 'failed';
}

/**
 * A job as it runs, asked for every half second until it is done or failed: a confirmed
 * import runs in the API's process and takes from a blink to minutes.
 */
export function useJob(jobId: string): { job?: JobView; error?: string } {
  const [polled, setPolled] = useState<{ job?: JobView; error?: string }>({});
  useEffect(() => {
    setPolled({});
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      api.GET('/api/v1/admin/jobs/{jobId}', { params: { path: { jobId } } }).then(
        ({ data }) => {
          if (!current) return;
          setPolled({ job: data! });
          if (!isFinished(data!)) timer = setTimeout(poll, POLL_MS);
        },
        (failure: Error) => current && setPolled((before) => ({ ...before, error: failure.message })),
      );
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [jobId]);
  return polled;
}
