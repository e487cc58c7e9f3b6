import type { ProjectionContext } from '../runtime/projection.js';
import { counts, currentEntryFacts, EntrySums, type ChronicleFact } from './entry-sums.js';
import { moveCaseCosts, type EntryTransition } from './case-cost-changes.js';
import { possiblyKnownIds, type FactChange } from './versioned-facts.js';

/**
 * Turns the page's entry changes into sum changes: an entry that starts to count adds itself
 * (one entry, its amount), one that stops (cancelled) takes itself away, from the observation
 * that showed it; per unit and type, and for costs per team. Must run before the facts are
 * written: it reads the versions they replace.
 */
export async function writeChronicleSums(ctx: ProjectionContext, changes: readonly FactChange<ChronicleFact>[]): Promise<void> {
  if (changes.length === 0) return;
  const known = new Map<string, ChronicleFact | null>(await currentEntryFacts(ctx, possiblyKnownIds(changes)));
  const transitions: EntryTransition[] = changes.map((change) => {
    const before = known.get(change.id) ?? null;
    known.set(change.id, change.row);
    return { before, after: change.row, at: change.observedAt };
  });

  const byUnit = new EntrySums();
  const keyOf = (fact: ChronicleFact) => ({ unit: fact.unit, entry_type: fact.entry_type, aid_type: fact.aid_type ?? '', paragraph: fact.paragraph ?? '', setting: fact.setting ?? '' });
  for (const { before, after, at } of transitions) {
    if (counts(before)) byUnit.add(keyOf(before), before, at, -1);
    if (counts(after)) byUnit.add(keyOf(after), after, at, +1);
  }
  await byUnit.write(ctx, 'chronicle_sum_changes', ['unit', 'entry_type', 'aid_type', 'paragraph', 'setting']);
  await moveCaseCosts(ctx, transitions);
}
