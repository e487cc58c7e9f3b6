import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { heldDeletionsOf } from './held-deletions.js';
import type { FindingRecord, ImportRecord } from './import-answers.js';

export type { FindingRecord, ImportRecord } from './import-answers.js';

export interface ImportFilter {
  readonly source?: string | undefined;
  readonly status?: string | undefined;
  readonly limit: number;
}

function importsQuery(db: Kysely<Database>, tenantId: string) {
  return db
    .selectFrom('imports as i')
    .leftJoin('import_decisions as d', (join) => join.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.import_id', '=', 'i.import_id'))
    .select([
      'i.import_id',
      'i.source',
      'i.file_name',
      'i.observed_at',
      'i.status',
      'i.rows_read',
      'i.events_appended',
      'i.rows_quarantined',
      'i.rows_skipped',
      'i.deletion_share',
      'i.message',
      'i.started_at',
      'i.finished_at',
      'd.decision',
      'd.decided_by',
      'd.decided_at',
    ])
    .where('i.tenant_id', '=', tenantId);
}

type ImportRow = Awaited<ReturnType<ReturnType<typeof importsQuery>['executeTakeFirstOrThrow']>>;

export async function listImports(db: Kysely<Database>, tenantId: string, filter: ImportFilter): Promise<ImportRecord[]> {
  let query = importsQuery(db, tenantId);
  if (filter.source) query = query.where('i.source', '=', filter.source);
  if (filter.status) query = query.where('i.status', '=', filter.status);
  const rows = await query.orderBy('i.started_at', 'desc').limit(filter.limit).execute();
  return rows.map(recordOf);
}

export async function findImportRecord(db: Kysely<Database>, tenantId: string, importId: string): Promise<ImportRecord | undefined> {
  const row = await importsQuery(db, tenantId).where('i.import_id', '=', importId).executeTakeFirst();
  return row && recordOf(row);
}

/**
 * The newest import of each source, and the applied one of the newest observation: what the
 * freshness check reads. Applied files of a source come in observation order, except population
 * files delivered late (an older year's counts applied after this year's), which must not make
 * the data look old.
 */
export async function latestImportsPerSource(db: Kysely<Database>, tenantId: string): Promise<{ latest: ImportRecord[]; latestApplied: ImportRecord[] }> {
  const newest = (applied: boolean) =>
    importsQuery(db, tenantId)
      .where(applied ? sql<boolean>`i.status = 'applied'` : sql<boolean>`true`)
      .distinctOn('i.source')
      .orderBy('i.source')
      .orderBy(applied ? 'i.observed_at' : 'i.started_at', 'desc')
      .orderBy('i.started_at', 'desc')
      .execute();
  const [latest, latestApplied] = await Promise.all([newest(false), newest(true)]);
  return { latest: latest.map(recordOf), latestApplied: latestApplied.map(recordOf) };
}

export async function findingsOf(db: Kysely<Database>, tenantId: string, importId: string): Promise<FindingRecord[]> {
  const rows = await db
    .selectFrom('import_findings')
    .select(['severity', 'code', 'line', 'column_name', 'field', 'message'])
    .where('tenant_id', '=', tenantId)
    .where('import_id', '=', importId)
    .orderBy('finding_no')
    .execute();
  return rows.map((r) => ({ severity: r.severity, code: r.code, line: r.line, column: r.column_name, field: r.field, message: r.message }));
}

export async function recordDecision(db: Kysely<Database>, tenantId: string, importId: string, decision: 'confirmed' | 'rejected', decidedBy: string): Promise<boolean> {
  const result = await db
    .insertInto('import_decisions')
    .values({ tenant_id: tenantId, import_id: importId, decision, decided_by: decidedBy })
    .onConflict((oc) => oc.columns(['tenant_id', 'import_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

function recordOf(r: ImportRow): ImportRecord {
  const started = new Date(r.started_at);
  const finished = r.finished_at ? new Date(r.finished_at) : null;
  return {
    importId: r.import_id,
    source: r.source,
    file: r.file_name,
    observedAt: r.source === 'unknown' ? null : new Date(r.observed_at).toISOString(),
    // A text column, written by the ingest from its ImportStatus only.
    status: r.status as ImportRecord['status'],
    rowsRead: r.rows_read,
    eventsAppended: r.events_appended,
    rowsQuarantined: r.rows_quarantined,
    rowsUnchanged: r.rows_skipped,
    deletionShare: r.deletion_share,
    deletions: heldDeletionsOf(r.message) ?? null,
    message: r.message,
    startedAt: started.toISOString(),
    finishedAt: finished?.toISOString() ?? null,
    durationMs: finished ? finished.getTime() - started.getTime() : null,
    decision: r.decision ? { decision: r.decision, decidedBy: r.decided_by!, decidedAt: new Date(r.decided_at!).toISOString() } : null,
  };
}
