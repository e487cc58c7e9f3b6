import type { DatabaseHandle } from '@jugendamt/db';
import { PROJECTIONS, rebuildAll, type Rebuilt } from '@jugendamt/projections';
import { mustBeAllowedToRewrite, rewriteTables, REDACTED_TABLES, transactionHorizon, untilOldSnapshotsEnd, type OldSnapshots } from './physical-removal.js';
import { placesHolding, type PlaceHolding } from './places-holding.js';
import { redact, type RedactionRequest } from './redact.js';
import type { RedactionCounts } from './redaction-counts.js';

export interface RedactionReport {
  readonly counts: RedactionCounts;
  /** What still held old row versions when the tables were rewritten (0 and 0: nothing). */
  readonly heldBack: OldSnapshots;
  readonly rebuilt: readonly Rebuilt[];
  /** Tables whose rows still contain the value after all of it (should be none). */
  readonly remaining: readonly PlaceHolding[];
}

export interface RedactionRunOptions {
  /** How long to wait for transactions older than the redaction before rewriting anyway. */
  readonly waitForOldSnapshotsMs?: number;
  readonly onStep?: (step: 'redacted' | 'rewritten' | 'rebuilt') => void;
}

/**
 * The whole redaction: the values replaced and logged in one transaction; after its commit the
 * old row versions physically removed, every projection rebuilt from the redacted events (its
 * former generation deleted) and its tables rewritten as well; at last every table searched
 * for the value.
 */
export async function runRedaction(database: DatabaseHandle, request: RedactionRequest, options: RedactionRunOptions = {}): Promise<RedactionReport> {
  await mustBeAllowedToRewrite(database.db, rewrittenTables());
  const counts = await redact(database.db, request);
  options.onStep?.('redacted');
  const waitMs = options.waitForOldSnapshotsMs ?? 60_000;
  const heldBack = await untilOldSnapshotsEnd(database.db, database.backend, await transactionHorizon(database.db), waitMs);
  await rewriteTables(database.db, REDACTED_TABLES);
  options.onStep?.('rewritten');
  const rebuilt = await rebuildAll(database.db, request.tenantId, PROJECTIONS);
  // A KPI read begun before the former generation was deleted may still see its rows.
  const heldBackFromProjections = await untilOldSnapshotsEnd(database.db, database.backend, await transactionHorizon(database.db), waitMs);
  await rewriteTables(database.db, projectionTables());
  options.onStep?.('rebuilt');
  return {
    counts,
    heldBack: {
      sessions: Math.max(heldBack.sessions, heldBackFromProjections.sessions),
      pids: [...new Set([...heldBack.pids, ...heldBackFromProjections.pids])].sort((a, b) => a - b),
      replicationSlots: Math.max(heldBack.replicationSlots, heldBackFromProjections.replicationSlots),
    },
    rebuilt,
    remaining: await placesHolding(database.db, request.value),
  };
}

function projectionTables(): string[] {
  return [...new Set(PROJECTIONS.flatMap((p) => p.tables))];
}

/** Every table a redaction rewrites: the ones it changes, and those the projections are rebuilt into. */
export function rewrittenTables(): string[] {
  return [...REDACTED_TABLES, ...projectionTables()];
}
