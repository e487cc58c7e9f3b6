import { heldDeletionsOf } from './held-deletions.js';

describe('heldDeletionsOf', () => {
  it('reads the counts from the verdict on a held snapshot', () => {
    const verdict = 'held for confirmation: the snapshot would delete 126 of 210 records (60 %), more than the allowed 10 %; nothing applied';
    expect(heldDeletionsOf(verdict)).toEqual({ records: 126, liveBefore: 210 });
  });

  it('says nothing for other verdicts', () => {
    expect(heldDeletionsOf('still held: the same content waits for confirmation as webfm_faelle_20260105_0215.csv (import 1); nothing applied')).toBeUndefined();
    expect(heldDeletionsOf('applied: 12 events from 12 rows')).toBeUndefined();
    expect(heldDeletionsOf(null)).toBeUndefined();
  });
});
