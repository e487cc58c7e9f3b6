import type { AidRecord, ChronicleEntryRecord, SubProcessRecord } from '../records/records.js';
import { CASE_WORK_UPCASTS, COMPACT_FIELDS, COMPACT_PAYLOAD_VERSION, expandCompactPayload, storedPayload, type CompactPayload } from './compact-payload.js';
import { AID_EVENTS, CASE_EVENTS, CHRONICLE_EVENTS, POPULATION_EVENTS, STAFF_EVENTS, SUB_PROCESS_EVENTS } from './event-types.js';

const aid: AidRecord = {
  aidId: 'a-1',
  caseId: 'c-1',
  aidType: 'Heimerziehung',
  paragraph: '34',
  begin: '2025-03-01',
  end: null,
  reasonOfEnding: null,
  residenceAfter: null,
  team: 'ASD Team Nord',
  caseWorkerId: 's-7',
  changedAt: '2025-03-01T10:00:00',
};

const entry: ChronicleEntryRecord = {
  entryNo: 1599821,
  fileReference: 'f-1',
  date: '2024-11-19',
  recordedAt: '2024-11-19T12:26:00',
  unit: 'WJH Hilfen',
  clerkId: 'k-1',
  entryType: 'ZAHLUNG',
  aidType: 'SPFH',
  amountCents: 135221,
  periodFrom: '2024-11-01',
  periodTo: '2024-11-19',
  cancelling: false,
  cancelledEntryNo: null,
};

const subProcess: SubProcessRecord = {
  subProcessId: 'sp-1',
  caseId: 'c-1',
  coreProcess: 'Hilfeplanung',
  subProcess: 'Fortschreibung',
  team: 'ASD Team Süd',
  caseWorkerId: null,
  startedAt: '2025-01-02',
  completedAt: null,
  status: 'offen',
};

/** What a reader gets: the stored payload through the step registered for its version. */
function read(type: Parameters<typeof storedPayload>[0], stored: ReturnType<typeof storedPayload>): unknown {
  const step = CASE_WORK_UPCASTS.find((s) => s.eventType === type && s.fromVersion === stored.schemaVersion);
  return step ? step.upcast(stored.payload as CompactPayload) : stored.payload;
}

describe('compact payloads (schema version 2)', () => {
  it('stores a state as its values in the field order, without a name, and reads it back whole', () => {
    const stored = storedPayload('ChronicleEntryRecorded', { state: entry });
    expect(stored).toEqual({
      schemaVersion: COMPACT_PAYLOAD_VERSION,
      payload: { s: [1599821, 'f-1', '2024-11-19', '2024-11-19T12:26:00', 'WJH Hilfen', 'k-1', 'ZAHLUNG', 'SPFH', 135221, '2024-11-01', '2024-11-19', false, null] },
    });
    expect(JSON.stringify(stored.payload)).not.toContain('fileReference');
    expect(read('ChronicleEntryRecorded', stored)).toEqual({ state: entry });
  });

  it('stores the changed fields by their places and names them again on read', () => {
    const ended = { ...aid, end: '2025-06-30', reasonOfEnding: 'planmäßig' };
    const stored = storedPayload('AidEnded', { state: ended, changed: ['end', 'reasonOfEnding'] });
    expect(stored.payload).toEqual({ s: expect.any(Array), c: [5, 6] });
    expect(read('AidEnded', stored)).toEqual({ state: ended, changed: ['end', 'reasonOfEnding'] });
  });

  it('keeps null, false and zero as values, each in its place', () => {
    const cancelled = { ...subProcess, status: 'storniert' as const, caseWorkerId: null };
    expect(read('SubProcessCancelled', storedPayload('SubProcessCancelled', { state: cancelled }))).toEqual({ state: cancelled });
    const none = { ...entry, amountCents: 0, cancelling: true, cancelledEntryNo: 7 };
    expect(read('ChronicleCancellationRecorded', storedPayload('ChronicleCancellationRecorded', { state: none }))).toEqual({ state: none });
  });

  it('leaves a deletion as it is, in version 1: it names the record and carries no state', () => {
    expect(storedPayload('AidDeleted', { id: 'a-1' })).toEqual({ schemaVersion: 1, payload: { id: 'a-1' } });
    expect(CASE_WORK_UPCASTS.some((step) => step.eventType === 'AidDeleted')).toBe(false);
  });

  it('refuses a state with a field its type has no place for, or without one it has: no field is dropped or made up', () => {
    expect(() => storedPayload('AidStarted', { state: { ...aid, note: 'x' } })).toThrow(/must hold exactly the fields aidId, caseId/);
    const { team: _, ...withoutTeam } = aid;
    expect(() => storedPayload('AidStarted', { state: withoutTeam })).toThrow(/must hold exactly the fields/);
    expect(() => storedPayload('AidCorrected', { state: aid, changed: ['colour'] })).toThrow('colour is no field of a AidCorrected state');
  });

  it('has a field order for every event type that carries a state, and none for a deletion', () => {
    const all = [...CASE_EVENTS, ...AID_EVENTS, ...SUB_PROCESS_EVENTS, ...STAFF_EVENTS, ...CHRONICLE_EVENTS, ...POPULATION_EVENTS];
    const deletions = ['CaseDeleted', 'AidDeleted', 'StaffDeleted', 'PopulationWithdrawn'];
    expect([...COMPACT_FIELDS.keys()].sort()).toEqual(all.filter((type) => !deletions.includes(type)).sort());
    expect(expandCompactPayload('StaffJoined')({ s: ['s-1', 'T', '2024-01-01', 'Fachkraft', 1, '2024-01-01', null, '2024-01-01T08:00:00'] })).toEqual({
      state: { staffId: 's-1', team: 'T', teamSince: '2024-01-01', role: 'Fachkraft', fte: 1, joined: '2024-01-01', left: null, changedAt: '2024-01-01T08:00:00' },
    });
  });
});
