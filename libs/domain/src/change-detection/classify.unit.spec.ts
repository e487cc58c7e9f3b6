import type { ChronicleEntryRecord, StaffRecord, SubProcessRecord } from '../records/records.js';
import { classifyChronicleEntry, classifyPopulationChange, classifyStaffChange, classifySubProcessChange } from './classify.js';
import { dedupeOverlap } from './overlap-dedupe.js';

const step = (status: SubProcessRecord['status'], completedAt: string | null = null): SubProcessRecord => ({
  subProcessId: 'tp1',
  caseId: 'case1',
  coreProcess: '04 Hilfe zur Erziehung',
  subProcess: '04.03 Hilfeplangespräch',
  team: 'ASD Team Nord',
  caseWorkerId: null,
  startedAt: '2024-01-02T09:00:00',
  completedAt,
  status,
});

describe('sub-process delta', () => {
  it('skips a row repeated unchanged by the 14-day overlap', () => {
    const known = new Map([['tp1', step('offen')]]);
    expect(dedupeOverlap(known, new Map([['tp1', step('offen')]]), classifySubProcessChange)).toEqual([]);
  });

  it('follows offen → abgeschlossen → storniert → offen', () => {
    const completed = step('abgeschlossen', '2024-01-09T14:30:00');
    expect(classifySubProcessChange('tp1', undefined, step('offen'))).toMatchObject({ type: 'SubProcessOpened', occurredOn: '2024-01-02' });
    expect(classifySubProcessChange('tp1', step('offen'), completed)).toMatchObject({ type: 'SubProcessCompleted', occurredOn: '2024-01-09' });
    expect(classifySubProcessChange('tp1', completed, step('storniert', '2024-01-09T14:30:00'))).toMatchObject({ type: 'SubProcessCancelled' });
    expect(classifySubProcessChange('tp1', completed, step('offen'))).toMatchObject({ type: 'SubProcessReopened' });
  });

  it('records a row first seen already completed as SubProcessCompleted', () => {
    expect(classifySubProcessChange('tp1', undefined, step('abgeschlossen', '2024-01-03T08:00:00'))?.type).toBe('SubProcessCompleted');
  });
});

describe('staff snapshot', () => {
  const staff: StaffRecord = {
    staffId: 'ma1',
    team: 'ASD Team Nord',
    teamSince: '2020-01-01',
    role: 'Fachkraft',
    fte: 1,
    joined: '2020-01-01',
    left: null,
    changedAt: '2023-01-01T00:00:00',
  };

  it('dates a transfer by Team seit and a leaver by Austritt', () => {
    expect(classifyStaffChange('ma1', staff, { ...staff, team: 'ASD Team Süd', teamSince: '2024-07-01' })).toMatchObject({
      type: 'StaffTransferred',
      occurredOn: '2024-07-01',
    });
    expect(classifyStaffChange('ma1', staff, { ...staff, left: '2024-12-31' })).toMatchObject({ type: 'StaffLeft', occurredOn: '2024-12-31' });
  });
});

describe('chronicle journal', () => {
  const entry: ChronicleEntryRecord = {
    entryNo: 100055,
    fileReference: 'ref1',
    date: '2024-01-01',
    recordedAt: '2024-01-01T01:15:02',
    unit: 'WJH Hilfen',
    clerkId: 'ma6',
    entryType: 'ZAHLUNG',
    aidType: 'Vollzeitpflege § 33',
    amountCents: 139729,
    periodFrom: '2023-12-01',
    periodTo: '2023-12-31',
    cancelling: false,
    cancelledEntryNo: null,
  };

  it('records a new entry once, whatever the overlap repeats', () => {
    expect(classifyChronicleEntry('100055', undefined, entry)).toMatchObject({ type: 'ChronicleEntryRecorded', occurredOn: '2024-01-01' });
    expect(classifyChronicleEntry('100055', entry, entry)).toBeNull();
  });

  it('records a cancelling entry as ChronicleCancellationRecorded', () => {
    const cancel = { ...entry, entryNo: 100090, cancelling: true, cancelledEntryNo: 100055, amountCents: -139729 };
    expect(classifyChronicleEntry('100090', undefined, cancel)?.type).toBe('ChronicleCancellationRecorded');
  });
});

describe('population bands', () => {
  const band = { stichtag: '2025-12-31', socialArea: 'SR 01 Altstadt', ageFrom: 0, ageTo: 2, residents: 412 };

  it('counts a new band, counts a changed one anew, and ignores the same count again', () => {
    expect(classifyPopulationChange('b', undefined, band)).toMatchObject({ type: 'PopulationCounted', occurredOn: '2025-12-31' });
    expect(classifyPopulationChange('b', band, { ...band, residents: 409 })).toMatchObject({ type: 'PopulationRecounted', changed: ['residents'] });
    expect(classifyPopulationChange('b', band, { ...band })).toBeNull();
  });

  it('withdraws a band a later file of its Stichtag no longer holds, on the Stichtag', () => {
    expect(classifyPopulationChange('b', band, undefined)).toMatchObject({ type: 'PopulationWithdrawn', state: null, occurredOn: '2025-12-31' });
  });
});
