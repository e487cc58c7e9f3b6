import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

/** Files of a source refused as stale since its newest applied import: a frozen source shows nothing else. */
export interface StaleSinceApplied {
  readonly tenantId: string;
  readonly source: string;
  readonly count: number;
  readonly lastFile: string;
}

/** A held file nobody has decided on, and that was not applied otherwise since. */
export interface UndecidedHeld {
  readonly tenantId: string;
  readonly source: string;
  readonly importId: string;
  readonly file: string;
  readonly message: string;
  readonly heldSince: Date;
}

/** Per source with any: stale verdicts after the newest applied import (all of them if none was applied). Every office without `tenantId`. */
export async function staleSinceApplied(db: Kysely<Database>, tenantId?: string): Promise<StaleSinceApplied[]> {
  const { rows } = await sql<{ tenant_id: string; source: string; count: number; last_file: string }>`
    WITH applied AS (
      SELECT tenant_id, source, max(started_at) AS last_applied FROM imports WHERE status = 'applied' GROUP BY tenant_id, source
    )
    SELECT i.tenant_id, i.source, count(*)::int AS count, (array_agg(i.file_name ORDER BY i.started_at DESC))[1] AS last_file
    FROM imports i LEFT JOIN applied a ON a.tenant_id = i.tenant_id AND a.source = i.source
    WHERE i.status = 'stale' AND i.started_at > coalesce(a.last_applied, '-infinity')
      AND (${tenantId ?? null}::text IS NULL OR i.tenant_id = ${tenantId ?? null})
    GROUP BY i.tenant_id, i.source`.execute(db);
  return rows.map((r) => ({ tenantId: r.tenant_id, source: r.source, count: r.count, lastFile: r.last_file }));
}

/**
 * Held content without a decision, oldest first. The same held file delivered again is held
 * again under a new import: one entry per content, waiting since the first, named by it.
 */
export async function undecidedHeld(db: Kysely<Database>, tenantId?: string): Promise<UndecidedHeld[]> {
  const { rows } = await sql<{ tenant_id: string; source: string; import_id: string; file_name: string; message: string; held_since: Date }>`
    WITH held AS (
      SELECT tenant_id, source, content_sha256,
             (array_agg(import_id ORDER BY started_at))[1] AS import_id,
             (array_agg(file_name ORDER BY started_at))[1] AS file_name,
             (array_agg(message ORDER BY started_at))[1] AS message,
             min(started_at) AS held_since
      FROM imports
      WHERE status = 'held' AND (${tenantId ?? null}::text IS NULL OR tenant_id = ${tenantId ?? null})
      GROUP BY tenant_id, source, content_sha256
    )
    SELECT h.tenant_id, h.source, h.import_id, h.file_name, h.message, h.held_since
    FROM held h
    WHERE NOT EXISTS (
            SELECT 1 FROM imports i JOIN import_decisions d ON d.tenant_id = i.tenant_id AND d.import_id = i.import_id
            WHERE i.tenant_id = h.tenant_id AND i.content_sha256 = h.content_sha256)
      AND NOT EXISTS (SELECT 1 FROM imports a WHERE a.tenant_id = h.tenant_id AND a.content_sha256 = h.content_sha256 AND a.status = 'applied')
    ORDER BY h.held_since`.execute(db);
  return rows.map((r) => ({ tenantId: r.tenant_id, source: r.source, importId: r.import_id, file: r.file_name, message: r.message ?? '', heldSince: new Date(r.held_since) }));
}
