import { sql, type RawBuilder } from 'kysely';
import type { ExportSource } from '@jugendamt/domain';
import { SOURCE_HANDLERS } from '@jugendamt/ingest-pipeline';

/**
 * The fields of a record's state that may be redacted: the labels an export writes as it likes
 * (team, social area, role, codes). Pseudonyms never hold a value in clear, dates and numbers
 * are refused by their shape before they are stored, and a marker in them would break the
 * projections that join or count by them.
 */
export const REDACTABLE_FIELDS = ['team', 'socialArea', 'unit', 'role', 'gender', 'aidType', 'reasonOfEnding', 'residenceAfter', 'coreProcess', 'subProcess', 'entryType'] as const;

export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

export function isRedactableField(name: string): name is RedactableField {
  return (REDACTABLE_FIELDS as readonly string[]).includes(name);
}

/**
 * What stands where a value was erased. It holds a `;`, the PROSOZ exports' delimiter, which the
 * reader refuses inside a label column of theirs: no such export can bring this text, so it is
 * not taken for data. It keeps every event and record, so every count stays what it was; only
 * the label changes.
 */
export const REDACTION_MARKER = '[geschwärzt; Art. 17 DSGVO]';

/** The export source of an event's stream, from the stream's prefix (`aid-…` → `webfm_hilfen`). */
export function sourceOfStream(streamId: RawBuilder<string> = sql.ref('stream_id') as RawBuilder<string>): RawBuilder<string> {
  const sources = Object.entries(SOURCE_HANDLERS) as [ExportSource, { streamPrefix: string }][];
  // Longest prefix first: `chronicle-entry-` before any shorter one it might start with.
  const cases = sources
    .sort(([, a], [, b]) => b.streamPrefix.length - a.streamPrefix.length)
    .map(([source, { streamPrefix }]) => sql`WHEN starts_with(${streamId}, ${streamPrefix + '-'}) THEN ${source}`);
  return sql<string>`CASE ${sql.join(cases, sql` `)} ELSE 'other' END`;
}
