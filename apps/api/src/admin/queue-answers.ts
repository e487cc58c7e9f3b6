import { z } from 'zod';
import { importJobAnswer } from './job-answer.js';

const jobProgress = z
  .object({
    file: z.string().describe('The file being read (a job for one file first imports older waiting files of its source)'),
    rowsRead: z.number().int(),
    share: z.number().min(0).max(1).describe('Share of the file read, by bytes'),
  })
  .nullable()
  .describe('How far the job has read, as its import last reported (kept when it ends); null before the first report');

/** A job as the queue's routes answer it: what it is and did, and how far it has got. */
export const jobAnswer = importJobAnswer.extend({
  startedAt: z.string().nullable().describe('When its latest attempt began; null while it waits for its first'),
  progress: jobProgress,
});

export const jobListAnswer = z.object({
  runner: z.enum(['bullmq', 'in-process']).describe('Who runs the jobs: BullMQ workers, or this process'),
  jobs: z.array(jobAnswer),
});

export const uploadAnswer = z.object({
  file: z.string().describe('The name the file waits under in the inbox'),
  job: jobAnswer.describe('The job importing it: the upload starts it, no second request is needed'),
});

export const startAnswer = z.object({ job: jobAnswer });
