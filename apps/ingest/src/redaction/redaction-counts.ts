import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { sourceOfStream, type RedactableField } from './redactable-fields.js';

/** One value of one field of an office's records: what a redaction erases. */
export interface RedactionTarget {
  readonly tenantId: string;
  readonly field: RedactableField;
  readonly value: string;
}

/** Per export source: the events that hold the value, the records (streams) they belong to, the snapshot states. */
export interface SourceCount {
  readonly source: string;
  readonly events: number;
  readonly records: number;
  readonly recordStates: number;
}

export interface RedactionCounts {
  readonly bySource: readonly SourceCount[];
  readonly events: number;
  readonly recordStates: number;
  /** Data-quality findings whose message quotes the value (a code column's one flaw is quoted). */
  readonly findings: number;
}

/** The value as the JSON string a record's state holds: a number or a date is never matched by its text. */
export function valueAsJson(value: string): string {
  return JSON.stringify(value);
}

/** What a redaction of the target would change; reads only. */
export async function countRedaction(db: Kysely<Database>, target: RedactionTarget): Promise<RedactionCounts> {
  const { rows: events } = await sql<{ source: string; events: string; records: string }>`
    SELECT ${sourceOfStream()} AS source, count(*) AS events, count(DISTINCT stream_id) AS records
    FROM events
    WHERE tenant_id = ${target.tenantId} AND payload -> 'state' -> ${target.field} = ${valueAsJson(target.value)}::jsonb
    GROUP BY 1`.execute(db);
  const { rows: states } = await sql<{ source: string; states: string }>`
    SELECT source, count(*) AS states
    FROM ingest_record_state
    WHERE tenant_id = ${target.tenantId} AND state -> ${target.field} = ${valueAsJson(target.value)}::jsonb
    GROUP BY 1`.execute(db);
  const { rows: findings } = await sql<{ findings: string }>`
    SELECT count(*) AS findings FROM import_findings WHERE tenant_id = ${target.tenantId} AND strpos(message, ${target.value}) > 0`.execute(db);
  return countsOf(
    events.map((r) => ({ source: r.source, events: Number(r.events), records: Number(r.records) })),
    states.map((r) => ({ source: r.source, recordStates: Number(r.states) })),
    Number(findings[0]!.findings),
  );
}

export function countsOf(
  events: readonly { source: string; events: number; records: number }[],
  states: readonly { source: string; recordStates: number }[],
  findings: number,
): RedactionCounts {
  const sources = [...new Set([...events.map((e) => e.source), ...states.map((s) => s.source)])].sort();
  const bySource = sources.map((source) => {
    const e = events.find((x) => x.source === source);
    return { source, events: e?.events ?? 0, records: e?.records ?? 0, recordStates: states.find((x) => x.source === source)?.recordStates ?? 0 };
  });
  return {
    bySource,
    events: bySource.reduce((sum, s) => sum + s.events, 0),
    recordStates: bySource.reduce((sum, s) => sum + s.recordStates, 0),
    findings,
  };
}
