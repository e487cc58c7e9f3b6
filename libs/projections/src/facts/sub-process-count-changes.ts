import { sql } from 'kysely';
import type { FactContent, SubProcessVersionsTable } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';
import { addChanges, type ChangeTable } from './knowledge-changes.js';
import { possiblyKnownIds, type FactChange } from './versioned-facts.js';

type SubProcessFact = FactContent<SubProcessVersionsTable, 'sub_process_id'>;

const COUNT_CHANGES: ChangeTable = { table: 'sub_process_count_changes', keyColumns: ['team', 'core_process', 'sub_process_code'], amountColumns: { delta: 'integer' } };

/** docs/kpis.md 1: a sub-process counts while its latest known status is `abgeschlossen`. */
function counts(fact: SubProcessFact | null | undefined): fact is SubProcessFact & { completed_on: string } {
  return !!fact && fact.status === 'abgeschlossen' && fact.completed_on !== null;
}

/**
 * Turns the page's fact changes into count changes: −1 where a counting version stops being
 * the known one, +1 where a counting version becomes known, summed per team, code, month of
 * completion and observation time.
 */
export async function writeCountChanges(ctx: ProjectionContext, changes: readonly FactChange<SubProcessFact>[]): Promise<void> {
  if (changes.length === 0) return;
  const ids = possiblyKnownIds(changes);
  const { rows } = await sql<SubProcessFact & { sub_process_id: string }>`
    SELECT sub_process_id, team, core_process, sub_process_code, status, completed_on FROM sub_process_versions
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND known_to IS NULL AND sub_process_id = ANY(${ids}::text[])`.execute(ctx.trx);
  const known = new Map<string, SubProcessFact | null>(rows.map(({ sub_process_id, ...fact }) => [sub_process_id, fact]));

  const sums = new Map<string, { team: string; core_process: string; sub_process_code: string; month: string; at: string; delta: number }>();
  const add = (fact: SubProcessFact | null | undefined, at: Date, delta: number) => {
    if (!counts(fact)) return;
    const month = `${fact.completed_on.slice(0, 7)}-01`;
    const key = `${fact.team}\u001f${fact.core_process}\u001f${fact.sub_process_code}\u001f${month}\u001f${at.getTime()}`;
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = { team: fact.team, core_process: fact.core_process, sub_process_code: fact.sub_process_code, month, at: at.toISOString(), delta: 0 }));
    sum.delta += delta;
  };
  for (const change of changes) {
    add(known.get(change.id), change.observedAt, -1);
    add(change.row, change.observedAt, +1);
    known.set(change.id, change.row);
  }
  await addChanges(ctx, COUNT_CHANGES, [...sums.values()]);
}
