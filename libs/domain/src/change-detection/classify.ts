import type { AidRecord, CaseRecord, ChronicleEntryRecord, PopulationRecord, StaffRecord, SubProcessRecord } from '../records/records.js';
import { changedFields, dateOf, type RecordChange } from './record-change.js';

/**
 * One event per changed record. When several things change at once (an aid ends and is
 * handed over), the type names the most telling change and `changed` lists all of them.
 */
export function classifyCaseChange(id: string, before: CaseRecord | undefined, after: CaseRecord | undefined): RecordChange<CaseRecord> | null {
  if (!after) return { recordId: id, type: 'CaseDeleted', state: null, changed: [], occurredOn: null };
  const changed = changedFields(before, after);
  if (!before) return { recordId: id, type: 'CaseOpened', state: after, changed, occurredOn: after.caseBegin };
  if (changed.length === 0) return null;
  if (!before.caseEnd && after.caseEnd) return { recordId: id, type: 'CaseClosed', state: after, changed, occurredOn: after.caseEnd };
  if (before.caseEnd && !after.caseEnd) return { recordId: id, type: 'CaseReopened', state: after, changed, occurredOn: dateOf(after.changedAt) };
  if (before.team !== after.team) return { recordId: id, type: 'CaseHandedOver', state: after, changed, occurredOn: dateOf(after.changedAt) };
  return { recordId: id, type: 'CaseCorrected', state: after, changed, occurredOn: dateOf(after.changedAt) };
}

export function classifyAidChange(id: string, before: AidRecord | undefined, after: AidRecord | undefined): RecordChange<AidRecord> | null {
  if (!after) return { recordId: id, type: 'AidDeleted', state: null, changed: [], occurredOn: null };
  const changed = changedFields(before, after);
  if (!before) return { recordId: id, type: 'AidStarted', state: after, changed, occurredOn: after.begin };
  if (changed.length === 0) return null;
  if (!before.end && after.end) return { recordId: id, type: 'AidEnded', state: after, changed, occurredOn: after.end };
  if (before.end && !after.end) return { recordId: id, type: 'AidReopened', state: after, changed, occurredOn: dateOf(after.changedAt) };
  if (before.team !== after.team) return { recordId: id, type: 'AidHandedOver', state: after, changed, occurredOn: dateOf(after.changedAt) };
  return { recordId: id, type: 'AidCorrected', state: after, changed, occurredOn: dateOf(after.changedAt) };
}

export function classifyStaffChange(id: string, before: StaffRecord | undefined, after: StaffRecord | undefined): RecordChange<StaffRecord> | null {
  if (!after) return { recordId: id, type: 'StaffDeleted', state: null, changed: [], occurredOn: null };
  const changed = changedFields(before, after);
  if (!before) return { recordId: id, type: 'StaffJoined', state: after, changed, occurredOn: after.joined };
  if (changed.length === 0) return null;
  if (!before.left && after.left) return { recordId: id, type: 'StaffLeft', state: after, changed, occurredOn: after.left };
  if (before.left && !after.left) return { recordId: id, type: 'StaffLeaveWithdrawn', state: after, changed, occurredOn: dateOf(after.changedAt) };
  if (before.team !== after.team || before.teamSince !== after.teamSince) {
    return { recordId: id, type: 'StaffTransferred', state: after, changed, occurredOn: after.teamSince };
  }
  return { recordId: id, type: 'StaffCorrected', state: after, changed, occurredOn: dateOf(after.changedAt) };
}

/** Sub-processes come as a delta: absence means nothing, so there is no deletion. */
export function classifySubProcessChange(id: string, before: SubProcessRecord | undefined, after: SubProcessRecord): RecordChange<SubProcessRecord> | null {
  const changed = changedFields(before, after);
  if (before && changed.length === 0) return null;
  const statusChanged = !before || before.status !== after.status;
  if (statusChanged && after.status === 'abgeschlossen') {
    return { recordId: id, type: 'SubProcessCompleted', state: after, changed, occurredOn: dateOf(after.completedAt) };
  }
  if (statusChanged && after.status === 'storniert') return { recordId: id, type: 'SubProcessCancelled', state: after, changed, occurredOn: null };
  if (!before) return { recordId: id, type: 'SubProcessOpened', state: after, changed, occurredOn: dateOf(after.startedAt) };
  if (statusChanged) return { recordId: id, type: 'SubProcessReopened', state: after, changed, occurredOn: null };
  return { recordId: id, type: 'SubProcessCorrected', state: after, changed, occurredOn: dateOf(after.completedAt ?? after.startedAt) };
}

/** Chronicle entries are never edited: only a new entry is an event. */
export function classifyChronicleEntry(id: string, before: ChronicleEntryRecord | undefined, after: ChronicleEntryRecord): RecordChange<ChronicleEntryRecord> | null {
  if (before) return null;
  const type = after.cancelling ? 'ChronicleCancellationRecorded' : 'ChronicleEntryRecorded';
  return { recordId: id, type, state: after, changed: changedFields(undefined, after), occurredOn: after.date };
}

/**
 * A population band of a Stichtag: a file holding the Stichtag states it whole, so a band it
 * no longer holds is withdrawn. The business date is the Stichtag.
 */
export function classifyPopulationChange(id: string, before: PopulationRecord | undefined, after: PopulationRecord | undefined): RecordChange<PopulationRecord> | null {
  if (!after) return { recordId: id, type: 'PopulationWithdrawn', state: null, changed: [], occurredOn: before?.stichtag ?? null };
  const changed = changedFields(before, after);
  if (!before) return { recordId: id, type: 'PopulationCounted', state: after, changed, occurredOn: after.stichtag };
  if (changed.length === 0) return null;
  return { recordId: id, type: 'PopulationRecounted', state: after, changed, occurredOn: after.stichtag };
}
