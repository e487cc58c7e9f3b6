import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { ImportRunner } from '@jugendamt/ingest-pipeline';
import { checkpointName, eventsBehind, type Projection } from '@jugendamt/projections';
import type { LastRebuild, ProjectionAnswer } from './projection-answers.js';

type GenerationFacts = Pick<ProjectionAnswer, 'activatedAt' | 'readUpTo' | 'lastReadAt' | 'building'>;

/** What the administrator sees beside a projection's lag: since when its generation serves, how far it read, and a rebuild under way. */
export async function generationFacts(db: Kysely<Database>, tenantId: string, projection: Projection): Promise<GenerationFacts> {
  const rows = await db
    .selectFrom('projection_generations')
    .select(['generation', 'status', 'created_at', 'activated_at'])
    .where('tenant_id', '=', tenantId)
    .where('projection', '=', projection.name)
    .where('status', 'in', ['active', 'building'])
    .execute();
  const active = rows.find((row) => row.status === 'active');
  const building = rows.find((row) => row.status === 'building');
  const checkpoint =
    active &&
    (await db
      .selectFrom('projection_checkpoints')
      .select(['global_position', 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .where('projection', '=', checkpointName(projection.name, active.generation))
      .executeTakeFirst());
  return {
    activatedAt: active?.activated_at?.toISOString() ?? null,
    readUpTo: checkpoint ? String(checkpoint.global_position) : null,
    lastReadAt: checkpoint ? checkpoint.updated_at.toISOString() : null,
    building: building ? { generation: building.generation, startedAt: building.created_at.toISOString(), eventsToRead: await eventsBehind(db, tenantId, projection, building.generation) } : null,
  };
}

/** How far back the queue is searched for the last rebuild: its job list is kept in Redis or memory, not forever. */
const RECENT_JOBS = 200;

export async function lastRebuildOf(runner: ImportRunner): Promise<LastRebuild> {
  const view = (await runner.list(RECENT_JOBS)).find((job) => job.job.kind === 'rebuild');
  if (view?.job.kind !== 'rebuild') return null;
  return {
    jobId: view.id,
    projections: view.job.projections,
    state: view.state,
    enqueuedAt: view.enqueuedAt,
    finishedAt: view.finishedAt,
    lastError: view.lastError,
    rebuilt: view.result?.rebuilt ?? [],
  };
}
