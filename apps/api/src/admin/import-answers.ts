import { z } from 'zod';
import { IMPORT_STATUSES } from './import-statuses.js';
import { jobAnswer } from './queue-answers.js';

/** An import as the administrator's list shows it: verdict, counts, duration, decision. */
export const importRecordAnswer = z.object({
  importId: z.string(),
  source: z.string().describe('The export source, or `unknown` for a file whose name says none'),
  file: z.string(),
  observedAt: z.string().nullable().describe('The observation time its file name gives'),
  status: z.enum(IMPORT_STATUSES),
  rowsRead: z.number().int(),
  eventsAppended: z.number().int(),
  rowsQuarantined: z.number().int(),
  rowsUnchanged: z.number().int(),
  deletionShare: z.number().nullable().describe('Snapshots: the share of live records the file deletes (or would, when held)'),
  deletions: z
    .object({
      records: z.number().int().describe('Records the held snapshot would delete'),
      liveBefore: z.number().int().describe('Live records of its source when it was held'),
    })
    .nullable()
    .describe('A held snapshot: what confirming it deletes; null otherwise'),
  message: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  decision: z.object({ decision: z.enum(['confirmed', 'rejected']), decidedBy: z.string(), decidedAt: z.string() }).nullable(),
});

export type ImportRecord = z.output<typeof importRecordAnswer>;

export const importListAnswer = z.object({ imports: z.array(importRecordAnswer) });

export const importAnswer = importRecordAnswer.extend({
  findingCounts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }).describe('Findings per severity'),
});

export const findingAnswer = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  line: z.number().int().nullable().describe('Line of the file (the header is line 1); null for a finding about the whole file'),
  column: z.string().nullable().describe('The column as the file names it'),
  field: z.string().nullable(),
  message: z.string(),
});

export type FindingRecord = z.output<typeof findingAnswer>;

export const findingsAnswer = z.object({ importId: z.string(), file: z.string(), status: z.enum(IMPORT_STATUSES), findings: z.array(findingAnswer) });

export const confirmAnswer = z.object({ decision: z.literal('confirmed'), job: jobAnswer.describe('The job that applies the snapshot') });

export const rejectAnswer = z.object({
  decision: z.literal('rejected'),
  import: importRecordAnswer,
  job: jobAnswer.describe('The job that moves the file to rejected/'),
});
