import { EventStore } from '@jugendamt/event-store';
import { CASE_WORK_UPCASTERS } from './case-work-upcasters.js';
import type { ApplyContext } from './apply-changes.js';
import type { KnownRecord } from './known-record.js';
import { streamIdOf } from './source-handlers.js';

/**
 * Deltas and journals keep no record state of their own: every event of theirs carries the
 * record's whole state, so a record's last event is all the next file is compared with. The
 * file's transaction sees its own appends, so an id met twice in one file is known the second time.
 */
export async function knownFromLog(ctx: ApplyContext, recordIds: readonly string[]): Promise<Map<string, KnownRecord<unknown>>> {
  const streamIds = recordIds.map((id) => streamIdOf(ctx.source, id));
  const last = await new EventStore(ctx.trx, CASE_WORK_UPCASTERS).readLastEvents(ctx.tenantId, streamIds, ctx.trx);
  const known = new Map<string, KnownRecord<unknown>>();
  for (const [at, id] of recordIds.entries()) {
    const event = last.get(streamIds[at]!);
    if (!event) continue;
    const { state } = event.payload as { state: unknown };
    known.set(id, { version: event.streamVersion, state, deleted: false, observedAt: event.observedAt });
  }
  return known;
}
