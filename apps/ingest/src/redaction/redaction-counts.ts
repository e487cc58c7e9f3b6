import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { stateFieldPath } from '@jugendamt/ingest-pipeline';
import { sourceOfStream, type RedactableField } from './redactable-fields.js';

/** One value, in one or more fields of an office's records: what a redaction erases. */
export interface RedactionTarget {
  readonly tenantId: string;
  readonly fields: readonly RedactableField[];
  readonly value: string;
}

/** Per export source and field: the events that hold the value, the records (streams) they belong to, the snapshot states. */
export interface SourceFieldCount {
  readonly source: string;
  readonly field: RedactableField;
  readonly events: number;
  readonly records: number;
  readonly recordStates: number;
}

export interface RedactionCounts {
  readonly bySourceAndField: readonly SourceFieldCount[];
  /** Data-quality findings whose message quotes the value (a code column's one flaw is quoted). */
  readonly findings: number;
}

export interface EventCount {
  readonly source: string;
  readonly events: number;
  readonly records: number;
}

export interface StateCount {
  readonly source: string;
  readonly recordStates: number;
}

/** The value as the JSON string a record's state holds: a number or a date is never matched by its text. */
export function valueAsJson(value: string): string {
  return JSON.stringify(value);
}

/** What a redaction of the target would change; reads only. */
export async function countRedaction(db: Kysely<Database>, target: RedactionTarget): Promise<RedactionCounts> {
  const perField = [];
  for (const field of target.fields) {
    const { rows: events } = await sql<{ source: string; events: string; records: string }>`
      SELECT ${sourceOfStream()} AS source, count(*) AS events, count(DISTINCT stream_id) AS records
      FROM events
      WHERE tenant_id = ${target.tenantId} AND payload #> ${stateFieldPath(field)} = ${valueAsJson(target.value)}::jsonb
      GROUP BY 1`.execute(db);
    const { rows: states } = await sql<{ source: string; states: string }>`
      SELECT source, count(*) AS states
      FROM ingest_record_state
      WHERE tenant_id = ${target.tenantId} AND state -> ${field} = ${valueAsJson(target.value)}::jsonb
      GROUP BY 1`.execute(db);
    perField.push(countsOfField(field, eventCounts(events), stateCounts(states)));
  }
  const { rows: findings } = await sql<{ findings: string }>`
    SELECT count(*) AS findings FROM import_findings WHERE tenant_id = ${target.tenantId} AND strpos(message, ${target.value}) > 0`.execute(db);
  return { bySourceAndField: perField.flat(), findings: Number(findings[0]!.findings) };
}

export function eventCounts(rows: readonly { source: string; events: string; records: string }[]): EventCount[] {
  return rows.map((r) => ({ source: r.source, events: Number(r.events), records: Number(r.records) }));
}

export function stateCounts(rows: readonly { source: string; states: string }[]): StateCount[] {
  return rows.map((r) => ({ source: r.source, recordStates: Number(r.states) }));
}

/** One line per source that holds the value in the field, in events or in states. */
export function countsOfField(field: RedactableField, events: readonly EventCount[], states: readonly StateCount[]): SourceFieldCount[] {
  const sources = [...new Set([...events.map((e) => e.source), ...states.map((s) => s.source)])].sort();
  return sources.map((source) => {
    const e = events.find((x) => x.source === source);
    return { source, field, events: e?.events ?? 0, records: e?.records ?? 0, recordStates: states.find((x) => x.source === source)?.recordStates ?? 0 };
  });
}

export function totalEvents(counts: RedactionCounts): number {
  return counts.bySourceAndField.reduce((sum, c) => sum + c.events, 0);
}

export function totalRecordStates(counts: RedactionCounts): number {
  return counts.bySourceAndField.reduce((sum, c) => sum + c.recordStates, 0);
}
