import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { lockSource } from '../import/import-repository.js';
import { recordsDue, type RecordsDue } from './records-due.js';
import { RETAINED_SOURCES, RETENTION_SETTINGS, type RetentionPeriods } from './retention-periods.js';

export interface UnlinkRequest {
  readonly tenantId: string;
  readonly periods: RetentionPeriods;
  /** Lists what would be unlinked and changes nothing (the access log still records the look). */
  readonly dryRun: boolean;
  /** Who asked, for the access log: `schedule`, `cli:<user>`, an API caller. */
  readonly by: string;
  readonly today?: Date;
}

export interface UnlinkCounts {
  readonly cases: number;
  readonly fileReferences: number;
  readonly aids: number;
  readonly subProcesses: number;
  readonly staff: number;
}

export interface UnlinkOutcome {
  readonly dryRun: boolean;
  readonly periods: RetentionPeriods;
  readonly counts: UnlinkCounts;
  /** The records themselves, by surrogate (meaningless outside this database): only a dry run lists them. */
  readonly records?: RecordsDue;
  readonly note?: string;
}

/**
 * Unlinks the records whose retention period has run out (docs/data-protection.md): their
 * links from pseudonym to surrogate and their record state go, in one transaction; their events
 * stay, so every KPI of every period keeps its value. Runs under the sources' import locks, so
 * no import of theirs sees half of it. The access log records each run with its counts only.
 */
export async function unlinkAfterRetention(db: Kysely<Database>, request: UnlinkRequest): Promise<UnlinkOutcome> {
  const outcome = await unlinkInTransaction(db, request);
  // Deleted rows stay in the table's pages until they are rewritten: the pseudonyms must not.
  if (!outcome.dryRun && Object.values(outcome.counts).some((n) => n > 0)) await sql`VACUUM FULL record_links`.execute(db);
  return outcome;
}

async function unlinkInTransaction(db: Kysely<Database>, request: UnlinkRequest): Promise<UnlinkOutcome> {
  const started = Date.now();
  const { tenantId, periods, dryRun } = request;
  return db.transaction().execute(async (trx) => {
    if (Object.keys(periods).length === 0) {
      const note = `no retention period is set (${RETAINED_SOURCES.map((s) => RETENTION_SETTINGS[s]).join(', ')}): nothing is unlinked`;
      const outcome = { dryRun, periods, counts: { cases: 0, fileReferences: 0, aids: 0, subProcesses: 0, staff: 0 }, note };
      await logRun(trx, request, outcome, started);
      return outcome;
    }
    for (const source of RETAINED_SOURCES) await lockSource(trx, tenantId, source);
    const due = await recordsDue(trx, tenantId, periods, request.today ?? new Date());
    if (!dryRun) await unlink(trx, tenantId, due);
    const counts = {
      cases: due.cases.length,
      fileReferences: due.fileReferences.length,
      aids: due.aids.length,
      subProcesses: due.subProcesses.length,
      staff: due.staff.length,
    };
    const outcome: UnlinkOutcome = { dryRun, periods, counts, ...(dryRun ? { records: due } : {}) };
    await logRun(trx, request, outcome, started);
    return outcome;
  });
}

async function unlink(trx: Kysely<Database>, tenantId: string, due: RecordsDue): Promise<void> {
  const surrogates = (records: readonly { surrogate: string }[]) => records.map((r) => r.surrogate);
  const links: [string, readonly string[]][] = [
    ['case', surrogates(due.cases)],
    ['file-reference', due.fileReferences],
    ['aid', surrogates(due.aids)],
    ['sub-process', surrogates(due.subProcesses)],
    ['staff', surrogates(due.staff)],
  ];
  for (const [kind, ids] of links) {
    if (ids.length) await sql`DELETE FROM record_links WHERE tenant_id = ${tenantId} AND kind = ${kind} AND surrogate = ANY(${ids}::text[])`.execute(trx);
  }
  // Without its state a record no longer counts as live: the next snapshot that lacks it deletes nothing.
  const states: [string, readonly string[]][] = [
    ['webfm_faelle', surrogates(due.cases)],
    ['webfm_hilfen', surrogates(due.aids)],
    ['webfm_mitarbeiter', surrogates(due.staff)],
  ];
  for (const [source, ids] of states) {
    if (ids.length) await sql`DELETE FROM ingest_record_state WHERE tenant_id = ${tenantId} AND source = ${source} AND record_id = ANY(${ids}::text[])`.execute(trx);
  }
  // The file and line a record stood on (input quality's "what to fix") would link it to its
  // source id again for anyone holding the raw file: they go with the link.
  const lines: [string, readonly string[]][] = [
    ['webfm_hilfen', surrogates(due.aids)],
    ['webfm_teilprozesse', surrogates(due.subProcesses)],
  ];
  for (const [source, ids] of lines) {
    if (ids.length) await sql`DELETE FROM record_lines WHERE tenant_id = ${tenantId} AND source = ${source} AND record_id = ANY(${ids}::text[])`.execute(trx);
  }
}

async function logRun(trx: Kysely<Database>, request: UnlinkRequest, outcome: UnlinkOutcome, started: number): Promise<void> {
  await trx
    .insertInto('access_log')
    .values({
      tenant_id: request.tenantId,
      role: 'system',
      subject: request.by,
      method: 'JOB',
      route: 'retention/unlink',
      parameters: JSON.stringify({ dryRun: outcome.dryRun, periods: outcome.periods, counts: outcome.counts }),
      format: null,
      status: 200,
      outcome: 'answered',
      duration_ms: Date.now() - started,
    })
    .execute();
}
