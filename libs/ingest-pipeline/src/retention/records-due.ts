import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { lastPayloadOfStream } from '@jugendamt/event-store';
import { stateFieldPath } from '../import/state-field-path.js';
import { retentionCutoff, type RetentionPeriods } from './retention-periods.js';

/** A record whose retention period has run out: its surrogate, and the day its period counts from. */
export interface DueRecord {
  readonly surrogate: string;
  readonly ended: string;
}

/** What an unlinking takes away, per id space (see record_links' kinds). */
export interface RecordsDue {
  readonly cases: readonly DueRecord[];
  /** The Aktenzeichen of those cases that no case staying linked carries. */
  readonly fileReferences: readonly string[];
  readonly aids: readonly DueRecord[];
  readonly subProcesses: readonly DueRecord[];
  readonly staff: readonly DueRecord[];
}

interface StateRow {
  readonly surrogate: string;
  readonly ended: string | null;
  readonly due: boolean;
  readonly case_id: string | null;
  readonly file_reference: string | null;
}

/**
 * The linked records whose period has run out on `today`. A record's period counts from its
 * end (Fallende, Hilfeende, Abschluss, Austritt), or from the export that no longer held it. A
 * case goes only together with all its aids and sub-processes: a Hilfe-ID still linked would
 * otherwise lead to the case's events, which carry the case's surrogate.
 */
export async function recordsDue(db: Kysely<Database>, tenantId: string, periods: RetentionPeriods, today: Date): Promise<RecordsDue> {
  const cutoff = (years: number | undefined) => (years === undefined ? null : retentionCutoff(years, today));
  const aids = await snapshotRecords(db, tenantId, 'webfm_hilfen', 'end', cutoff(periods.webfm_hilfen));
  const subProcesses = await subProcessRecords(db, tenantId, cutoff(periods.webfm_teilprozesse));
  const cases = await snapshotRecords(db, tenantId, 'webfm_faelle', 'caseEnd', cutoff(periods.webfm_faelle));
  const staff = await snapshotRecords(db, tenantId, 'webfm_mitarbeiter', 'left', cutoff(periods.webfm_mitarbeiter));

  const casesHeld = new Set([...aids, ...subProcesses].filter((r) => !r.due && r.case_id).map((r) => r.case_id!));
  const dueCases = cases.filter((c) => c.due && !casesHeld.has(c.surrogate));
  const dueCaseIds = new Set(dueCases.map((c) => c.surrogate));
  const referencesKept = new Set(cases.filter((c) => !dueCaseIds.has(c.surrogate) && c.file_reference).map((c) => c.file_reference!));
  const fileReferences = new Set(dueCases.map((c) => c.file_reference).filter((r): r is string => !!r && !referencesKept.has(r)));
  // An aid or sub-process of a case that goes goes with it; others go when their own period ends.
  const dueWithCases = (rows: readonly StateRow[]) => rows.filter((r) => r.due && (!r.case_id || !casesHeld.has(r.case_id) || dueCaseIds.has(r.case_id)));
  return {
    cases: dueRecords(dueCases),
    fileReferences: [...fileReferences],
    aids: dueRecords(dueWithCases(aids)),
    subProcesses: dueRecords(dueWithCases(subProcesses)),
    staff: dueRecords(staff.filter((r) => r.due)),
  };
}

/** Oldest first, as the administrator checks them. */
function dueRecords(rows: readonly StateRow[]): DueRecord[] {
  return rows.map((row) => ({ surrogate: row.surrogate, ended: row.ended ?? '' })).sort((a, b) => a.ended.localeCompare(b.ended));
}

/** Snapshot records keep their last state, deleted ones included (then their end is the export that lacked them). */
async function snapshotRecords(db: Kysely<Database>, tenantId: string, source: string, endField: string, cutoff: string | null): Promise<StateRow[]> {
  const { rows } = await sql<StateRow>`
    SELECT record_id AS surrogate, ended, ended IS NOT NULL AND ended < ${cutoff}::text AS due,
           state->>'caseId' AS case_id, state->>'fileReference' AS file_reference
    FROM (
      SELECT record_id, state,
             CASE WHEN deleted THEN least(left(state->>${endField}, 10), to_char(observed_at, 'YYYY-MM-DD')) ELSE left(state->>${endField}, 10) END AS ended
      FROM ingest_record_state WHERE tenant_id = ${tenantId} AND source = ${source}
    ) r`.execute(db);
  return rows.map((row) => ({ ...row, due: cutoff !== null && row.due }));
}

/** Sub-processes come as deltas and keep no record state: their last event is their state. */
async function subProcessRecords(db: Kysely<Database>, tenantId: string, cutoff: string | null): Promise<StateRow[]> {
  const completedAt = stateFieldPath('completedAt', 'last');
  const { rows } = await sql<StateRow>`
    SELECT l.surrogate, left(last.payload #>> ${completedAt}, 10) AS ended,
           left(last.payload #>> ${completedAt}, 10) < ${cutoff}::text AS due,
           last.payload #>> ${stateFieldPath('caseId', 'last')} AS case_id, NULL AS file_reference
    FROM record_links l
    CROSS JOIN LATERAL (${lastPayloadOfStream(sql<string>`l.tenant_id`, sql<string>`'subprocess-' || l.surrogate`)}) last
    WHERE l.tenant_id = ${tenantId} AND l.kind = 'sub-process'`.execute(db);
  return rows.map((row) => ({ ...row, due: cutoff !== null && row.due === true }));
}
