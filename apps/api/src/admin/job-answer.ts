import { z } from 'zod';
import { EXPORT_SOURCES } from '@jugendamt/domain';
import { IMPORT_STATUSES } from './import-statuses.js';
import { unlinkCounts } from './retention-answers.js';

/** The work a job does, as it was submitted (see ImportJob). */
const importJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), file: z.string(), arrival: z.string().optional(), sha256: z.string().optional() }),
  z.object({ kind: z.literal('source'), source: z.enum(EXPORT_SOURCES) }),
  z.object({ kind: z.literal('confirm'), importId: z.string() }),
  z.object({ kind: z.literal('reject'), importId: z.string() }),
  z.object({ kind: z.literal('rebuild'), projections: z.array(z.string()).readonly() }),
  z.object({ kind: z.literal('unlink'), dryRun: z.boolean() }),
]);

const jobImport = z.object({
  importId: z.string(),
  file: z.string(),
  status: z.enum(IMPORT_STATUSES),
  rowsRead: z.number().int(),
  eventsAppended: z.number().int(),
  rowsQuarantined: z.number().int(),
  message: z.string(),
});

/** An import job as the administrator sees it: what it is, its state, what it imported or why it failed. */
export const importJobAnswer = z.object({
  id: z.string(),
  job: importJob,
  description: z.string(),
  state: z.enum(['waiting', 'active', 'delayed', 'completed', 'failed']).describe('delayed: waits for its next attempt after a transient fault'),
  attemptsMade: z.number().int(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  result: z
    .object({
      imports: z.array(jobImport).readonly(),
      rebuilt: z
        .array(z.object({ projection: z.string(), eventsApplied: z.number().int() }))
        .readonly()
        .optional(),
      unlinked: z
        .object({
          dryRun: z.boolean(),
          counts: unlinkCounts,
        })
        .optional()
        .describe('What an unlinking after retention unlinked'),
      note: z.string().optional().describe('Why the job imported nothing'),
    })
    .nullable(),
  enqueuedAt: z.string(),
  finishedAt: z.string().nullable(),
  log: z.array(z.string()).readonly().describe('One line per step or fault; no row content'),
});
