import { z } from 'zod';

/** What an unlinking takes away, per id space. */
export const unlinkCounts = z.object({
  cases: z.number().int(),
  fileReferences: z.number().int().describe('Aktenzeichen unlinked with their cases'),
  aids: z.number().int(),
  subProcesses: z.number().int(),
  staff: z.number().int(),
});

const dueRecord = z.object({ surrogate: z.string().describe('The record as this database knows it; no source id'), ended: z.string().describe('The day its period counts from') });

/** What the unlinking after retention would do now: the periods, the schedule and the records due. */
export const retentionAnswer = z.object({
  periods: z.record(z.string(), z.number().int()).describe('Years after its end that a record stays linked, per source; a source left out is never unlinked'),
  schedule: z.object({ cron: z.string(), timeZone: z.string() }).nullable().describe('When the worker unlinks; null without periods or with RETENTION_SCHEDULE=off'),
  counts: unlinkCounts,
  records: z.object({ cases: z.array(dueRecord), aids: z.array(dueRecord), subProcesses: z.array(dueRecord), staff: z.array(dueRecord) }).nullable(),
  note: z.string().optional(),
});
