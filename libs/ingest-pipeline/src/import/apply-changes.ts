import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { storedPayload, type ExportSource, type RecordChange } from '@jugendamt/domain';
import { EventStore, type PreparedAppend, type StreamAppend } from '@jugendamt/event-store';
import type { KnownRecord } from './known-record.js';
import { streamIdOf } from './source-handlers.js';

/** Rows compared and appended at a time: large enough for set-wise SQL, small enough for flat memory. */
export const CHUNK_ROWS = 5_000;

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
 * known one. Returns the number of events appended.
 */
export async function applyChanges(ctx: ApplyContext, changes: readonly RecordChange<unknown>[], known: ReadonlyMap<string, KnownRecord<unknown>>): Promise<number> {
  return appendEvents(ctx, eventsOf(ctx, changes, known));
}

/** `onWriting`: see AppendOptions. */
export async function appendEvents(ctx: ApplyContext, appends: readonly StreamAppend[] | PreparedAppend, onWriting?: () => void): Promise<number> {
  const result = await new EventStore(ctx.trx).append(ctx.tenantId, appends, ctx.trx, { onWriting });
  return result.appended;
}

/** The changes as events, each at the version after its record's known one. */
export function eventsOf(ctx: ApplyContext, changes: readonly RecordChange<unknown>[], known: ReadonlyMap<string, KnownRecord<unknown>>): StreamAppend[] {
  return changes.map((change) => {
    const before = known.get(change.recordId);
    const version = nextVersion(before);
    return {
      streamId: streamIdOf(ctx.source, change.recordId),
      expectedVersion: version - 1,
      events: [
        {
          type: change.type,
          // A new record changed in every field: listing them all would only fatten the log.
          ...storedPayload(change.type, change.state === null ? { id: change.recordId } : before ? { state: change.state, changed: change.changed } : { state: change.state }),
          occurredOn: change.occurredOn,
          observedAt: ctx.observedAt,
          importId: ctx.importId,
          // Source, record, position in its stream and content: a re-run of the same change is a no-op.
          idempotencyKey: `${ctx.tenantId}:${ctx.source}:${change.recordId}:${version}:${stateHash(change.state)}`,
        },
      ],
    };
  });
}

export function nextVersion(before: KnownRecord<unknown> | undefined): number {
  return (before?.version ?? 0) + 1;
}

/** Equal records, equal hashes: records are built with a fixed key order. */
export function stateHash(state: unknown): string {
  return state === null ? 'deleted' : hash('sha256', JSON.stringify(state), 'base64url').slice(0, 22);
}
