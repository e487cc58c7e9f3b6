import type { AidRecord } from '../records/records.js';
import { isAidEvent, isCaseEvent, type CaseWorkEvent } from './event-types.js';

const aid: AidRecord = {
  aidId: 'a-1',
  caseId: 'c-1',
  aidType: 'Heimerziehung',
  paragraph: '§ 34 SGB VIII',
  begin: '2025-03-01',
  end: null,
  reasonOfEnding: null,
  residenceAfter: null,
  team: 'ASD Team Nord',
  caseWorkerId: null,
  changedAt: '2025-03-01T10:00:00',
};

describe('the case events as types', () => {
  it('narrows an event to its kind by its type: an aid event carries an aid', () => {
    const events: CaseWorkEvent[] = [
      { type: 'AidStarted', payload: { state: aid } },
      { type: 'CaseDeleted', payload: { id: 'c-1' } },
      { type: 'AidDeleted', payload: { id: 'a-2' } },
    ];
    const aids = events.filter(isAidEvent).map((event) => ('state' in event.payload ? event.payload.state.aidId : event.payload.id));
    expect(aids).toEqual(['a-1', 'a-2']);
    expect(events.filter(isCaseEvent).map((event) => event.type)).toEqual(['CaseDeleted']);
  });

  it('refuses a misspelt type and a payload the type does not carry when the code is compiled', () => {
    const wrong: CaseWorkEvent[] = [
      // @ts-expect-error: no such event type
      { type: 'AidStrated', payload: { state: aid } },
      // @ts-expect-error: a deletion names the record, it carries no state
      { type: 'AidDeleted', payload: { state: aid } },
      // @ts-expect-error: a case event carries a case, not an aid
      { type: 'CaseOpened', payload: { state: aid } },
    ];
    expect(wrong).toHaveLength(3);
  });
});
