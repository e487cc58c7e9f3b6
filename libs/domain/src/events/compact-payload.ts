import type { AidRecord, CaseRecord, ChronicleEntryRecord, PopulationRecord, StaffRecord, SubProcessRecord } from '../records/records.js';
import { AID_EVENTS, CASE_EVENTS, CHRONICLE_EVENTS, POPULATION_EVENTS, STAFF_EVENTS, SUB_PROCESS_EVENTS, type CaseWorkEventType, type DeletionEventType, type RecordChanged } from './event-types.js';

/**
 * Schema version 2 of a record event's payload: the state as the list of its values in a fixed
 * order of fields, and the changed fields as their places in it, instead of an object that names
 * every field in every row. The names were nearly half of a payload, and a payload is most of an
 * event row (docs/architecture.md, "What an event costs"). Readers see version 1's shape: the
 * stored list is expanded on read (expandCompactPayload, registered as the step from version 2).
 *
 * The orders below are the format of every event stored as version 2: never change one. A
 * record that gains a field writes a version 3 with its own order (and a step from 2 to 3).
 */
export const COMPACT_PAYLOAD_VERSION = 2;

/** A record's fields in a fixed order, each once: a field left out fails to compile. */
function fieldOrder<R>() {
  return <const F extends readonly (keyof R & string)[]>(fields: F & ([Exclude<keyof R, F[number]>] extends [never] ? unknown : { missingFields: Exclude<keyof R, F[number]> })): readonly string[] =>
    fields;
}

const CASE_FIELDS = fieldOrder<CaseRecord>()(['caseId', 'fileReference', 'birthYear', 'gender', 'socialArea', 'team', 'caseWorkerId', 'caseBegin', 'caseEnd', 'changedAt']);
const AID_FIELDS = fieldOrder<AidRecord>()(['aidId', 'caseId', 'aidType', 'paragraph', 'begin', 'end', 'reasonOfEnding', 'residenceAfter', 'team', 'caseWorkerId', 'changedAt']);
const SUB_PROCESS_FIELDS = fieldOrder<SubProcessRecord>()(['subProcessId', 'caseId', 'coreProcess', 'subProcess', 'team', 'caseWorkerId', 'startedAt', 'completedAt', 'status']);
const STAFF_FIELDS = fieldOrder<StaffRecord>()(['staffId', 'team', 'teamSince', 'role', 'fte', 'joined', 'left', 'changedAt']);
const CHRONICLE_ENTRY_FIELDS = fieldOrder<ChronicleEntryRecord>()([
  'entryNo',
  'fileReference',
  'date',
  'recordedAt',
  'unit',
  'clerkId',
  'entryType',
  'aidType',
  'amountCents',
  'periodFrom',
  'periodTo',
  'cancelling',
  'cancelledEntryNo',
]);
const POPULATION_FIELDS = fieldOrder<PopulationRecord>()(['stichtag', 'socialArea', 'ageFrom', 'ageTo', 'residents']);

const FIELDS_OF_TYPES: readonly [readonly CaseWorkEventType[], readonly string[]][] = [
  [CASE_EVENTS, CASE_FIELDS],
  [AID_EVENTS, AID_FIELDS],
  [SUB_PROCESS_EVENTS, SUB_PROCESS_FIELDS],
  [STAFF_EVENTS, STAFF_FIELDS],
  [CHRONICLE_EVENTS, CHRONICLE_ENTRY_FIELDS],
  [POPULATION_EVENTS, POPULATION_FIELDS],
];

const DELETIONS: readonly DeletionEventType[] = ['CaseDeleted', 'AidDeleted', 'StaffDeleted', 'PopulationWithdrawn'];

/** The field order of each event type that carries a state (deletions carry an id and stay version 1). */
export const COMPACT_FIELDS: ReadonlyMap<CaseWorkEventType, readonly string[]> = new Map(
  FIELDS_OF_TYPES.flatMap(([types, fields]) => types.filter((type) => !(DELETIONS as readonly string[]).includes(type)).map((type) => [type, fields] as const)),
);

/** A version-2 payload as stored: `s` the state's values, `c` the places of the changed fields (absent for a new record). */
export interface CompactPayload {
  readonly s: readonly unknown[];
  readonly c?: readonly number[];
}

/**
 * The payload of an event as it is stored: a record's state in version 2, anything else (a
 * deletion's id) as it is, in version 1. Refuses a state whose fields are not exactly its
 * type's, so that no field is ever dropped on the way into the log.
 */
export function storedPayload(
  type: CaseWorkEventType,
  payload: { readonly state: unknown; readonly changed?: readonly string[] } | { readonly id: string },
): { readonly schemaVersion: number; readonly payload: unknown } {
  const fields = COMPACT_FIELDS.get(type);
  if (!fields || !('state' in payload)) return { schemaVersion: 1, payload };
  const state = payload.state as Record<string, unknown>;
  const names = typeof state === 'object' && state !== null ? Object.keys(state) : [];
  if (names.length !== fields.length || names.some((name) => !fields.includes(name))) {
    throw new Error(`a ${type} state must hold exactly the fields ${fields.join(', ')}; it holds ${names.join(', ')}`);
  }
  const s = fields.map((field) => state[field]);
  const compact: CompactPayload = payload.changed ? { s, c: payload.changed.map((field) => placeOf(type, fields, field)) } : { s };
  return { schemaVersion: COMPACT_PAYLOAD_VERSION, payload: compact };
}

/** The step from version 2: version 1's shape, `{ state, changed? }`, with every field named. */
export function expandCompactPayload(type: CaseWorkEventType): (payload: CompactPayload) => RecordChanged<Record<string, unknown>> {
  const fields = COMPACT_FIELDS.get(type)!;
  return ({ s, c }) => {
    const state: Record<string, unknown> = {};
    fields.forEach((field, at) => (state[field] = s[at]));
    return c ? { state, changed: c.map((at) => fields[at]!) } : { state };
  };
}

/** The upcasting steps every reader of case-work events registers. */
export const CASE_WORK_UPCASTS: readonly { readonly eventType: CaseWorkEventType; readonly fromVersion: number; readonly upcast: (payload: CompactPayload) => unknown }[] = [
  ...COMPACT_FIELDS.keys(),
].map((type) => ({
  eventType: type,
  fromVersion: COMPACT_PAYLOAD_VERSION,
  upcast: expandCompactPayload(type),
}));

function placeOf(type: string, fields: readonly string[], field: string): number {
  const at = fields.indexOf(field);
  if (at < 0) throw new Error(`${field} is no field of a ${type} state`);
  return at;
}
