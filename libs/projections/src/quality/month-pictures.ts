import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { PROJECTIONS } from '../registry.js';
import { eventsBehind } from '../runtime/projection-lag.js';
import { servingGeneration } from '../kpis/kpi-query.js';
import type { CheckWindow } from './check-windows.js';
import { countFindings, type FindingCounts } from './checked-records.js';
import { QUALITY_RECORD_KINDS } from './plausibility-catalogue.js';
import type { CheckInputs } from './rule-checks.js';

/** The projections whose versions the checks read. */
const CHECKED_PROJECTIONS = ['aid-history', 'sub-process-history', 'chronicle-history'] as const;

/** Pictures kept per database handle: a dozen offices' three years of months, at most a few MB (tens of kB a month at a large city). */
const KEPT = 500;

/**
 * The findings of complete months, kept per process (docs/data-quality.md). A month read as
 * known at a fixed time in the past (its end, or the first export) sees the records
 * observed by then; that picture changes only with what its key names: the projections'
 * generations (a rebuild, a redaction), the catalogues' versions, and the applied exports
 * observed by then (one delivered late, or held and released, adds one). Every later nightly
 * export leaves it as it is, so a month is checked once, not at each request.
 */
const keptBy = new WeakMap<Kysely<Database>, Map<string, readonly FindingCounts[]>>();

export interface MonthPicturesQuery {
  readonly tenantId: string;
  readonly windows: readonly CheckWindow[];
  readonly inputs: CheckInputs & { readonly rulesVersion: number; readonly aidTypesVersion: number };
}

/** countFindings of every kind over the windows, the complete months' from what is kept. */
export async function monthPictures(db: Kysely<Database>, query: MonthPicturesQuery): Promise<FindingCounts[]> {
  const { tenantId, inputs } = query;
  // Per database handle: tests open many databases in one process, each with the same offices.
  const kept = keptBy.get(db) ?? new Map<string, readonly FindingCounts[]>();
  keptBy.set(db, kept);
  const keys = await pictureKeys(db, query);
  const missing = query.windows.filter((w) => !kept.has(keys.get(w.key) ?? ''));
  // Only what the projections had fully applied is kept: a picture read while they catch up
  // would lack records. Asked after the exports were counted, so every export the key counts is in.
  const storable = missing.some((w) => keys.has(w.key)) && (await caughtUp(db, tenantId));
  const counted = (await Promise.all(QUALITY_RECORD_KINDS.map((kind) => countFindings(db, { tenantId, kind, windows: missing, inputs })))).flat();
  if (storable) {
    for (const w of missing) {
      const key = keys.get(w.key);
      if (key)
        keep(
          kept,
          key,
          counted.filter((c) => c.window === w.key),
        );
    }
  }
  const fromKept = query.windows.flatMap((w) => (missing.includes(w) ? [] : kept.get(keys.get(w.key)!)!));
  return [...fromKept, ...counted];
}

/** The key of each window read at a fixed time; a window as known now or at `asOf` has none. */
async function pictureKeys(db: Kysely<Database>, { tenantId, windows, inputs }: MonthPicturesQuery): Promise<Map<string, string>> {
  const fixed = windows.filter((w) => w.knownAt !== null && w.knownAt.getTime() < Date.now());
  if (fixed.length === 0) return new Map();
  const generations = await Promise.all(CHECKED_PROJECTIONS.map((name) => servingGeneration(db, tenantId, name)));
  // How many exports were known by then, and when the last of them was applied.
  const { rows } = await sql<{ cutoff: Date; imports: string }>`
    SELECT w.cutoff, (
      SELECT count(*) || '@' || coalesce(max(i.finished_at)::text, '') FROM imports i
      WHERE i.tenant_id = ${tenantId} AND i.status = 'applied' AND i.observed_at <= w.cutoff) AS imports
    FROM unnest(${[...new Set(fixed.map((w) => w.knownAt!.toISOString()))]}::timestamptz[]) AS w (cutoff)`.execute(db);
  const importsBy = new Map(rows.map((r) => [new Date(r.cutoff).getTime(), r.imports]));
  const shared = [tenantId, generations.join('.'), inputs.rulesVersion, inputs.aidTypesVersion].join('|');
  return new Map(fixed.map((w) => [w.key, [shared, w.key, w.from, w.to, w.checkDay, w.knownAt!.toISOString(), importsBy.get(w.knownAt!.getTime())].join('|')]));
}

async function caughtUp(db: Kysely<Database>, tenantId: string): Promise<boolean> {
  const checked = PROJECTIONS.filter((p) => (CHECKED_PROJECTIONS as readonly string[]).includes(p.name));
  const behind = await Promise.all(checked.map(async (p) => eventsBehind(db, tenantId, p, await servingGeneration(db, tenantId, p.name))));
  return behind.every((n) => n === 0);
}

function keep(kept: Map<string, readonly FindingCounts[]>, key: string, counts: readonly FindingCounts[]): void {
  kept.delete(key);
  kept.set(key, counts);
  // A Map iterates in insertion order: the first key is the one kept longest.
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
}
