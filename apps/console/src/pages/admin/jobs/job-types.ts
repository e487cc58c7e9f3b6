import type { paths } from '../../../api/schema';

/** A job as the API answers it (`GET /api/v1/admin/jobs/{jobId}`), typed from its OpenAPI schema. */
export type JobView = paths['/api/v1/admin/jobs/{jobId}']['get']['responses'][200]['content']['application/json'];

export type JobState = JobView['state'];

export type JobImport = NonNullable<JobView['result']>['imports'][number];

/** The upload's answer: the file's name in the inbox and the job that imports it. */
export type UploadAnswer = paths['/api/v1/admin/inbox/{fileName}']['put']['responses'][202]['content']['application/json'];

/** States after which a job does nothing more by itself. */
export function isSettled(state: JobState): boolean {
  return state === 'completed' || state === 'failed';
}
