import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { Finding, ImportSummary } from './finding.js';

export interface RecordedImport {
  readonly importId: string;
  readonly fileName: string;
  readonly status: string;
  readonly observedAt: Date;
  readonly source: string | null;
  readonly sha256: string;
}

/** An import that applied the same bytes before, or one holding them for confirmation. */
export async function findImportOfContent(db: Kysely<Database>, tenantId: string, sha256: string): Promise<RecordedImport | undefined> {
  const row = await selectRecordedImports(db, tenantId).where('content_sha256', '=', sha256).where('status', 'in', ['applied', 'held']).orderBy('started_at', 'desc').executeTakeFirst();
  return row && recordedImportOf(row);
}

/** The newest observation applied for a source: an older file of that source is stale. */
export async function latestAppliedObservation(db: Kysely<Database>, tenantId: string, source: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('imports')
    .select((eb) => eb.fn.max('observed_at').as('latest'))
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .where('status', '=', 'applied')
    .executeTakeFirst();
  return row?.latest ? new Date(row.latest as unknown as string) : undefined;
}

/** Whether a file of this source observed at exactly this moment was applied. */
export async function appliedAt(db: Kysely<Database>, tenantId: string, source: string, observedAt: Date): Promise<boolean> {
  const row = await db
    .selectFrom('imports')
    .select('import_id')
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .where('observed_at', '=', observedAt)
    .where('status', '=', 'applied')
    .executeTakeFirst();
  return row !== undefined;
}

/** Serialises imports of one source across processes and machines, until the transaction ends. */
export async function lockSource(trx: Kysely<Database>, tenantId: string, source: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`import:${tenantId}:${source}`}, 0))`.execute(trx);
}

export async function recordImport(db: Kysely<Database>, tenantId: string, summary: ImportSummary, sha256: string, startedAt: Date): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      tenant_id: tenantId,
      import_id: summary.importId,
      source: summary.source ?? 'unknown',
      file_name: summary.file,
      content_sha256: sha256,
      observed_at: summary.observedAt ?? new Date(0),
      status: summary.status,
      rows_read: summary.rowsRead,
      events_appended: summary.eventsAppended,
      rows_quarantined: summary.rowsQuarantined,
      rows_skipped: summary.rowsUnchanged,
      deletion_share: summary.deletionShare,
      message: summary.message,
      started_at: startedAt,
      finished_at: new Date(),
    })
    .execute();
  await insertFindings(db, tenantId, summary.importId, summary.findings);
}

async function insertFindings(db: Kysely<Database>, tenantId: string, importId: string, findings: readonly Finding[]): Promise<void> {
  if (findings.length === 0) return;
  const rows = findings.map((f, i) => ({ n: i + 1, s: f.severity, c: f.code, l: f.line ?? null, f: f.field ?? null, col: f.column ?? null, m: f.message }));
  await sql`
    INSERT INTO import_findings (tenant_id, import_id, finding_no, severity, code, line, field, column_name, message)
    SELECT ${tenantId}, ${importId}::uuid, x.n, x.s, x.c, x.l, x.f, x.col, x.m
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(n integer, s text, c text, l integer, f text, col text, m text)`.execute(db);
}

export async function findImport(db: Kysely<Database>, tenantId: string, importId: string): Promise<RecordedImport | undefined> {
  const row = await selectRecordedImports(db, tenantId).where('import_id', '=', importId).executeTakeFirst();
  return row && recordedImportOf(row);
}

function selectRecordedImports(db: Kysely<Database>, tenantId: string) {
  return db.selectFrom('imports').select(['import_id', 'file_name', 'status', 'observed_at', 'source', 'content_sha256']).where('tenant_id', '=', tenantId);
}

function recordedImportOf(row: { import_id: string; file_name: string; status: string; observed_at: Date; source: string; content_sha256: string }): RecordedImport {
  return {
    importId: row.import_id,
    fileName: row.file_name,
    status: row.status,
    observedAt: row.observed_at,
    source: row.source === 'unknown' ? null : row.source,
    sha256: row.content_sha256,
  };
}

/** What became of held content: applied since (confirmed, or the same bytes applied otherwise), rejected, or still waiting. */
export type HeldOutcome = 'applied' | 'rejected' | 'waiting';

/**
 * The fate of the held file with these bytes, and its source; undefined for bytes no import
 * knows. A confirmation that ended in another verdict (stale: a newer snapshot was applied
 * first) counts as applied: nothing of the file waits any more.
 */
export async function heldContentOutcome(db: Kysely<Database>, tenantId: string, sha256: string): Promise<{ source: string; outcome: HeldOutcome } | undefined> {
  const rows = await db
    .selectFrom('imports as i')
    .leftJoin('import_decisions as d', (join) => join.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.import_id', '=', 'i.import_id'))
    .select(['i.source', 'i.status', 'i.started_at', 'd.decision', 'd.decided_at'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.content_sha256', '=', sha256)
    .execute();
  if (rows.length === 0) return undefined;
  const source = rows[0]!.source;
  if (rows.some((r) => r.status === 'applied')) return { source, outcome: 'applied' };
  if (rows.some((r) => r.decision === 'rejected')) return { source, outcome: 'rejected' };
  const confirmedAt = rows.find((r) => r.decision === 'confirmed')?.decided_at;
  const importedSince = confirmedAt && rows.some((r) => r.status !== 'held' && new Date(r.started_at) > new Date(confirmedAt));
  return { source, outcome: importedSince ? 'applied' : 'waiting' };
}
