import { z } from 'zod';

const building = z
  .object({
    generation: z.number().int(),
    startedAt: z.string(),
    eventsToRead: z.number().int().describe('Events of its types it has still to read, counted up to 100,000'),
  })
  .nullable()
  .describe('A generation being rebuilt beside the serving one; null when none is');

const projection = z.object({
  projection: z.string(),
  generation: z.number().int().nullable().describe('The generation serving reads; null: never built'),
  catalogueVersions: z.record(z.string(), z.number().int()).describe('The catalogue versions the serving generation was built with'),
  eventsBehind: z.number().int().describe('Committed events of its types the serving generation has not read yet, counted up to 100,000'),
  cataloguesChangedSince: z.array(z.string()).describe('Catalogues edited since it was built: a rebuild makes the KPIs follow them'),
  activatedAt: z.string().nullable().describe('When the serving generation took over'),
  readUpTo: z.string().nullable().describe('Global position of the last event the serving generation read'),
  lastReadAt: z.string().nullable().describe('When the serving generation last moved on in the log'),
  building,
});

const lastRebuild = z
  .object({
    jobId: z.string(),
    projections: z.array(z.string()).readonly(),
    state: z.enum(['waiting', 'active', 'delayed', 'completed', 'failed']),
    enqueuedAt: z.string(),
    finishedAt: z.string().nullable(),
    lastError: z.string().nullable(),
    rebuilt: z
      .array(z.object({ projection: z.string(), eventsApplied: z.number().int() }))
      .readonly()
      .describe('Events each rebuilt generation was built from'),
  })
  .nullable()
  .describe('The newest rebuild job the queue still knows');

export const projectionListAnswer = z.object({ projections: z.array(projection), lastRebuild });

export type ProjectionAnswer = z.output<typeof projection>;
export type LastRebuild = z.output<typeof lastRebuild>;
