import type { AidRecord, CaseRecord, ChronicleEntryRecord, PopulationRecord, StaffRecord, SubProcessRecord } from '../records/records.js';

/**
 * The case events, named in the domain's words. Every record event carries the record's
 * complete state after the change (`state`) and the fields that changed, so any projection
 * can be rebuilt from the latest event of a stream alone.
 */
export const CASE_EVENTS = ['CaseOpened', 'CaseClosed', 'CaseReopened', 'CaseHandedOver', 'CaseCorrected', 'CaseDeleted'] as const;
export const AID_EVENTS = ['AidStarted', 'AidEnded', 'AidReopened', 'AidHandedOver', 'AidCorrected', 'AidDeleted'] as const;
export const STAFF_EVENTS = ['StaffJoined', 'StaffLeft', 'StaffLeaveWithdrawn', 'StaffTransferred', 'StaffCorrected', 'StaffDeleted'] as const;
export const SUB_PROCESS_EVENTS = ['SubProcessOpened', 'SubProcessCompleted', 'SubProcessCancelled', 'SubProcessReopened', 'SubProcessCorrected'] as const;
export const CHRONICLE_EVENTS = ['ChronicleEntryRecorded', 'ChronicleCancellationRecorded'] as const;
/** The young population of a social area (einwohner files): counted, counted anew, or dropped by a later file of its Stichtag. */
export const POPULATION_EVENTS = ['PopulationCounted', 'PopulationRecounted', 'PopulationWithdrawn'] as const;

export type CaseEventType = (typeof CASE_EVENTS)[number];
export type AidEventType = (typeof AID_EVENTS)[number];
export type StaffEventType = (typeof STAFF_EVENTS)[number];
export type SubProcessEventType = (typeof SUB_PROCESS_EVENTS)[number];
export type ChronicleEventType = (typeof CHRONICLE_EVENTS)[number];
export type PopulationEventType = (typeof POPULATION_EVENTS)[number];
export type CaseWorkEventType = CaseEventType | AidEventType | StaffEventType | SubProcessEventType | ChronicleEventType | PopulationEventType;

/** Payload of every event but deletions. */
export interface RecordChanged<R> {
  readonly state: R;
  /** Fields that differ from the previous state; absent for a new record, which is new in all of them. */
  readonly changed?: readonly string[];
}

/** Payload of a deletion: the record vanished from a snapshot. Its last state stays in the stream. */
export interface RecordDeleted {
  readonly id: string;
}

/** The event types that end a record: their payload names it; its last state stays in the stream. */
export type DeletionEventType = 'CaseDeleted' | 'AidDeleted' | 'StaffDeleted' | 'PopulationWithdrawn';

/** The events of one kind of record, each type with its payload. */
type EventsOf<Types extends CaseWorkEventType, R> = {
  [T in Types]: { readonly type: T; readonly payload: T extends DeletionEventType ? RecordDeleted : RecordChanged<R> };
}[Types];

export type CaseEvent = EventsOf<CaseEventType, CaseRecord>;
export type AidEvent = EventsOf<AidEventType, AidRecord>;
export type StaffEvent = EventsOf<StaffEventType, StaffRecord>;
export type SubProcessEvent = EventsOf<SubProcessEventType, SubProcessRecord>;
export type ChronicleEvent = EventsOf<ChronicleEventType, ChronicleEntryRecord>;
export type PopulationEvent = EventsOf<PopulationEventType, PopulationRecord>;

/**
 * Every event the product writes, as a type and the payload it carries: narrowed by `type`, a
 * reader gets the record's shape; a misspelt type or another record's payload fails to compile.
 */
export type CaseWorkEvent = CaseEvent | AidEvent | StaffEvent | SubProcessEvent | ChronicleEvent | PopulationEvent;

/** A guard for the events of some types: `eventOf(AID_EVENTS)(event)` narrows an event to the aid events. */
export function eventOf<const Types extends readonly CaseWorkEventType[]>(types: Types) {
  const named: readonly string[] = types;
  return <E extends { readonly type: string }>(event: E): event is Extract<E, { readonly type: Types[number] }> => named.includes(event.type);
}

export const isCaseEvent = eventOf(CASE_EVENTS);
export const isAidEvent = eventOf(AID_EVENTS);
export const isChronicleEvent = eventOf(CHRONICLE_EVENTS);
