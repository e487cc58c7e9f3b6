import { sql } from 'kysely';
import type { FactContent, SubProcessVersionsTable } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';
import { addChanges, type Change, type ChangeTable } from './knowledge-changes.js';
import { possiblyKnownIds, type FactChange } from './versioned-facts.js';

type SubProcessFact = FactContent<SubProcessVersionsTable, 'sub_process_id'>;

const COUNT_CHANGES: ChangeTable = { table: 'sub_process_count_changes', keyColumns: ['team', 'core_process', 'sub_process_code'], amountColumns: { delta: 'integer' } };
const WORK_CHANGES: ChangeTable = { table: 'sub_process_work_changes', keyColumns: ['team', 'until_month'], amountColumns: { delta: 'integer' } };

/** docs/kpis.md 1: a sub-process counts while its latest known status is `abgeschlossen`. */
function counts(fact: SubProcessFact | null | undefined): fact is SubProcessFact & { completed_on: string } {
  return !!fact && fact.status === 'abgeschlossen' && fact.completed_on !== null;
}

/** docs/data-quality.md: a sub-process is work from its begin to its completion, unless cancelled. */
function isWork(fact: SubProcessFact | null | undefined): fact is SubProcessFact {
  return !!fact && fact.status !== 'storniert';
}

/** Deltas summed per key (its values joined), month and observation. */
class Deltas {
  private readonly sums = new Map<string, Record<string, string | number> & { delta: number }>();

  add(key: Readonly<Record<string, string>>, month: string, at: Date, delta: number): void {
    const id = `${Object.values(key).join('\u001f')}\u001f${month}\u001f${at.getTime()}`;
    let sum = this.sums.get(id);
    if (!sum) this.sums.set(id, (sum = { ...key, month, at: at.toISOString(), delta: 0 }));
    sum.delta += delta;
  }

  get changes(): Change[] {
    return [...this.sums.values()];
  }
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Turns the page's fact changes into changes of two sums: −1 where a version stops being the
 * known one, +1 where a version becomes known. The counts (docs/kpis.md 1): completed
 * sub-processes per team, code and month of completion. The work (docs/data-quality.md): the
 * sub-processes not cancelled per team, month begun and month completed ('' while not).
 */
export async function writeSubProcessChanges(ctx: ProjectionContext, changes: readonly FactChange<SubProcessFact>[]): Promise<void> {
  if (changes.length === 0) return;
  const ids = possiblyKnownIds(changes);
  const { rows } = await sql<SubProcessFact & { sub_process_id: string }>`
    SELECT sub_process_id, team, core_process, sub_process_code, status, begun_on::text AS begun_on, completed_on::text AS completed_on FROM sub_process_versions
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND known_to IS NULL AND sub_process_id = ANY(${ids}::text[])`.execute(ctx.trx);
  const known = new Map<string, SubProcessFact | null>(rows.map(({ sub_process_id, ...fact }) => [sub_process_id, fact]));

  const completed = new Deltas();
  const work = new Deltas();
  const add = (fact: SubProcessFact | null | undefined, at: Date, delta: number) => {
    if (counts(fact)) completed.add({ team: fact.team, core_process: fact.core_process, sub_process_code: fact.sub_process_code }, monthOf(fact.completed_on), at, delta);
    if (isWork(fact)) work.add({ team: fact.team, until_month: fact.completed_on ? monthOf(fact.completed_on) : '' }, monthOf(fact.begun_on), at, delta);
  };
  for (const change of changes) {
    add(known.get(change.id), change.observedAt, -1);
    add(change.row, change.observedAt, +1);
    known.set(change.id, change.row);
  }
  await addChanges(ctx, COUNT_CHANGES, completed.changes);
  await addChanges(ctx, WORK_CHANGES, work.changes);
}
