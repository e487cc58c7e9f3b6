import type { AidRecord } from '../records/records.js';
import { classifyAidChange } from './classify.js';
import { deletionShare, diffSnapshot } from './snapshot-diff.js';

const aid = (id: string, overrides: Partial<AidRecord> = {}): AidRecord => ({
  aidId: id,
  caseId: `case-of-${id}`,
  aidType: 'Heimerziehung § 34',
  paragraph: '§ 34 SGB VIII',
  begin: '2023-02-01',
  end: null,
  reasonOfEnding: null,
  residenceAfter: null,
  team: 'ASD Team Nord',
  caseWorkerId: 'staff-1',
  changedAt: '2023-02-01T09:00:00',
  ...overrides,
});

const byId = (...aids: AidRecord[]) => new Map(aids.map((a) => [a.aidId, a]));

describe('diffSnapshot of aids', () => {
  it('turns a new record into AidStarted on its Beginn, and an unchanged one into nothing', () => {
    const diff = diffSnapshot(byId(aid('a')), byId(aid('a'), aid('b', { begin: '2024-01-03' })), new Set(), classifyAidChange);
    expect(diff.changes.map((c) => [c.recordId, c.type, c.occurredOn])).toEqual([['b', 'AidStarted', '2024-01-03']]);
  });

  it('names an ending with its reason AidEnded, dated by Ende, listing every changed field', () => {
    const ended = aid('a', { end: '2024-01-05', reasonOfEnding: 'Beendigung gemäß Hilfeplan', team: 'ASD Team Süd', changedAt: '2024-01-06T10:00:00' });
    const [change] = diffSnapshot(byId(aid('a')), byId(ended), new Set(), classifyAidChange).changes;
    expect(change).toEqual({
      recordId: 'a',
      type: 'AidEnded',
      state: ended,
      changed: ['end', 'reasonOfEnding', 'team', 'changedAt'],
      occurredOn: '2024-01-05',
    });
  });

  it('tells a reopened aid, a hand-over and a correction apart', () => {
    const previous = byId(aid('r', { end: '2023-12-01' }), aid('h'), aid('c'));
    const current = byId(aid('r'), aid('h', { team: 'ASD Team West' }), aid('c', { aidType: 'Heimerziehung § 34 (Wohngruppe)' }));
    const types = diffSnapshot(previous, current, new Set(), classifyAidChange).changes.map((c) => [c.recordId, c.type]);
    expect(types).toEqual([
      ['r', 'AidReopened'],
      ['h', 'AidHandedOver'],
      ['c', 'AidCorrected'],
    ]);
  });

  it('deletes a vanished record but leaves a record whose row was quarantined untouched', () => {
    const diff = diffSnapshot(byId(aid('gone'), aid('bad-row'), aid('kept')), byId(aid('kept')), new Set(['bad-row']), classifyAidChange);
    expect(diff.changes.map((c) => [c.recordId, c.type, c.state])).toEqual([['gone', 'AidDeleted', null]]);
    expect(diff.vanished).toBe(1);
    expect(deletionShare(diff)).toBeCloseTo(1 / 3);
  });

  it('counts no deletion share for the very first snapshot', () => {
    expect(deletionShare(diffSnapshot(new Map(), byId(aid('a')), new Set(), classifyAidChange))).toBe(0);
  });
});
