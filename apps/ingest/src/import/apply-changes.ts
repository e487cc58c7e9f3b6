import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { ExportSource, RecordChange } from '@jugendamt/domain';
import { EventStore, type StreamAppend } from '@jugendamt/event-store';
import { contentHash, saveRecords, type KnownRecord, type RecordStateWrite } from './record-state-repository.js';
import { SOURCE_HANDLERS } from './source-handlers.js';

/** The file being applied, inside its transaction. */
export interface ApplyContext {
  readonly trx: Kysely<Database>;
  readonly tenantId: string;
  readonly source: ExportSource;
  readonly observedAt: Date;
  readonly importId: string;
}

/**
 * One event per changed record, appended to the record's stream at the version after the
 * known one, and the record's new state beside it. Returns the number of events appended.
 */
export async function applyChanges(ctx: ApplyContext, changes: readonly RecordChange<unknown>[], known: ReadonlyMap<string, KnownRecord<unknown>>): Promise<number> {
  if (changes.length === 0) return 0;
  const { streamPrefix, stateToKeep } = SOURCE_HANDLERS[ctx.source];
  const appends: StreamAppend[] = [];
  const writes: RecordStateWrite[] = [];
  for (const change of changes) {
    const before = known.get(change.recordId);
    const version = (before?.version ?? 0) + 1;
    const hash = change.state === null ? 'deleted' : contentHash(change.state);
    appends.push({
      streamId: `${streamPrefix}-${change.recordId}`,
      expectedVersion: version - 1,
      events: [
        {
          type: change.type,
          // A new record changed in every field: listing them all would only fatten the log.
          payload: change.state === null ? { id: change.recordId } : before ? { state: change.state, changed: change.changed } : { state: change.state },
          occurredOn: change.occurredOn,
          observedAt: ctx.observedAt,
          importId: ctx.importId,
          // Source, record, position in its stream and content: a re-run of the same change is a no-op.
          idempotencyKey: `${ctx.tenantId}:${ctx.source}:${change.recordId}:${version}:${hash}`,
        },
      ],
    });
    const kept = change.state === null ? (before?.state ?? null) : stateToKeep ? stateToKeep(change.state) : change.state;
    writes.push({ recordId: change.recordId, version, hash, state: kept, deleted: change.state === null });
  }
  const result = await new EventStore(ctx.trx).append(ctx.tenantId, appends, ctx.trx);
  await saveRecords(ctx.trx, ctx.tenantId, ctx.source, ctx.observedAt, writes);
  return result.appended;
}
