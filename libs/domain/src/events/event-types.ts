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
