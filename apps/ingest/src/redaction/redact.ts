import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { stateFieldPath } from '@jugendamt/ingest-pipeline';
import { countsOfField, eventCounts, stateCounts, valueAsJson, type RedactionCounts, type RedactionTarget } from './redaction-counts.js';
import { REDACTION_MARKER, sourceOfStream } from './redactable-fields.js';
import { mustBeRedactor, takeRedactorRole } from './redactor-role.js';

export interface RedactionRequest extends RedactionTarget {
  /** Who redacts, for the access log: a name given, or the operating-system user. */
  readonly by: string;
  /** Why, for the access log: a ticket or the data-protection officer's reference, never the value. */
  readonly note: string;
}

/** The access log's route of a redaction: not an HTTP route, the command that ran it. */
export const REDACTION_ROUTE = 'npm run redact';

/**
 * Replaces the value in every event and snapshot state of the office that holds it in one
 * of the fields, and in findings that quote it, with the marker, and writes the access-log entry: one
 * transaction, all or nothing, under the redaction role, the one role the events' trigger lets
 * change a payload (migration 0016). New events are held off meanwhile, so none can bring the
 * value in between the update and the commit.
 */
export async function redact(db: Kysely<Database>, request: RedactionRequest): Promise<RedactionCounts> {
  const started = Date.now();
  return db.transaction().execute(async (trx) => {
    await mustBeRedactor(trx);
    // Taken by the login (the role may only update payloads): imports wait, reads go on.
    await sql`LOCK TABLE events, ingest_record_state IN SHARE MODE`.execute(trx);
    await takeRedactorRole(trx);
    const matches = sql`${valueAsJson(request.value)}::jsonb`;
    const marker = sql`${valueAsJson(REDACTION_MARKER)}::jsonb`;
    const perField = [];
    for (const field of request.fields) {
      const path = stateFieldPath(field);
      const { rows: events } = await sql<{ source: string; events: string; records: string }>`
        WITH redacted AS (
          -- Id and key (stored before migration 0023) hash the state with the value: they would confirm a guess of it. Dedupe needs the id only unique.
          UPDATE events SET payload = jsonb_set(payload, ${path}, ${marker}),
            idempotency_key = NULL, event_id = gen_random_uuid()
          WHERE tenant_id = ${request.tenantId} AND payload #> ${path} = ${matches}
          RETURNING stream_id)
        SELECT ${sourceOfStream()} AS source, count(*) AS events, count(DISTINCT stream_id) AS records FROM redacted GROUP BY 1`.execute(trx);
      const { rows: states } = await sql<{ source: string; states: string }>`
        WITH redacted AS (
          -- The hash was of the state with the value: it would confirm a guess of it. Nothing reads it back.
          UPDATE ingest_record_state SET state = jsonb_set(state, ARRAY[${field}], ${marker}), content_hash = 'redacted'
          WHERE tenant_id = ${request.tenantId} AND state -> ${field} = ${matches}
          RETURNING source)
        SELECT source, count(*) AS states FROM redacted GROUP BY 1`.execute(trx);
      perField.push(countsOfField(field, eventCounts(events), stateCounts(states)));
    }
    const findings = await trx
      .updateTable('import_findings')
      .set({ message: sql<string>`replace(message, ${request.value}, ${REDACTION_MARKER})` })
      .where('tenant_id', '=', request.tenantId)
      .where(sql<boolean>`strpos(message, ${request.value}) > 0`)
      .executeTakeFirst();
    const counts: RedactionCounts = { bySourceAndField: perField.flat(), findings: Number(findings.numUpdatedRows) };
    const { rows } = await sql<{ login: string }>`SELECT session_user AS login`.execute(trx);
    await trx
      .insertInto('access_log')
      .values({
        tenant_id: request.tenantId,
        at: new Date(started),
        role: 'admin',
        subject: request.by,
        method: 'REDACT',
        route: REDACTION_ROUTE,
        parameters: JSON.stringify({
          fields: request.fields,
          note: request.note,
          changed: counts.bySourceAndField,
          findings: counts.findings,
          marker: REDACTION_MARKER,
          databaseLogin: rows[0]!.login,
        }),
        format: null,
        status: 200,
        outcome: 'answered',
        duration_ms: Date.now() - started,
      })
      .execute();
    return counts;
  });
}
