import { sql } from 'kysely';
import type { FactContent, SubProcessVersionsTable } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';
import type { FactChange } from './versioned-facts.js';

type SubProcessFact = FactContent<SubProcessVersionsTable, 'sub_process_id'>;

/** KPIS.md 1: a sub-process counts while its latest known status is `abgeschlossen`. */
function counts(fact: SubProcessFact | null | undefined): fact is SubProcessFact & { completed_on: string } {
  return !!fact && fact.status === 'abgeschlossen' && fact.completed_on !== null;
}

/**
 * Turns the page's fact changes into count changes: −1 where a counting version stops being
 * the known one, +1 where a counting version becomes known, summed per team, code, month of
 * completion and observation time.
 */
export async function writeCountChanges(ctx: ProjectionContext, changes: readonly FactChange<SubProcessFact>[]): Promise<void> {
  const ids = [...new Set(changes.map((c) => c.id))];
  if (ids.length === 0) return;
  const { rows } = await sql<SubProcessFact & { sub_process_id: string }>`
    SELECT sub_process_id, team, core_process, sub_process_code, status, completed_on FROM sub_process_versions
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND known_to IS NULL AND sub_process_id = ANY(${ids}::text[])`.execute(ctx.trx);
  const known = new Map<string, SubProcessFact | null>(rows.map(({ sub_process_id, ...fact }) => [sub_process_id, fact]));

  const sums = new Map<string, { team: string; core: string; code: string; month: string; at: string; delta: number }>();
  const add = (fact: SubProcessFact | null | undefined, at: Date, delta: number) => {
    if (!counts(fact)) return;
    const row = { team: fact.team, core: fact.core_process, code: fact.sub_process_code, month: `${fact.completed_on.slice(0, 7)}-01`, at: at.toISOString(), delta: 0 };
    const key = JSON.stringify([row.team, row.core, row.code, row.month, row.at]);
    (sums.get(key) ?? sums.set(key, row).get(key)!).delta += delta;
  };
  for (const change of changes) {
    add(known.get(change.id), change.observedAt, -1);
    add(change.row, change.observedAt, +1);
    known.set(change.id, change.row);
  }
  const deltas = [...sums.values()].filter((d) => d.delta !== 0);
  if (deltas.length === 0) return;
  const { rows: cancelledOut } = await sql<{ team: string; core: string; code: string; month: string; at: string }>`
    WITH written AS (
      INSERT INTO sub_process_count_changes (tenant_id, generation, team, core_process, sub_process_code, month, known_from, delta)
      SELECT ${ctx.tenantId}, ${ctx.generation}, d.team, d.core, d.code, d.month, d.at, d.delta
      FROM json_to_recordset(${JSON.stringify(deltas)}::json) AS d(team text, core text, code text, month date, at timestamptz, delta integer)
      ON CONFLICT (tenant_id, generation, month, team, core_process, sub_process_code, known_from)
      DO UPDATE SET delta = sub_process_count_changes.delta + excluded.delta
      RETURNING team, core_process AS core, sub_process_code AS code, month::text AS month, known_from::text AS at, delta)
    SELECT team, core, code, month, at FROM written WHERE delta = 0`.execute(ctx.trx);
  if (cancelledOut.length === 0) return;
  // Changes that cancelled out across pages leave nothing, as they would within one page.
  await sql`
    DELETE FROM sub_process_count_changes t USING json_to_recordset(${JSON.stringify(cancelledOut)}::json) AS z(team text, core text, code text, month date, at timestamptz)
    WHERE t.tenant_id = ${ctx.tenantId} AND t.generation = ${ctx.generation}
      AND t.team = z.team AND t.core_process = z.core AND t.sub_process_code = z.code AND t.month = z.month AND t.known_from = z.at`.execute(ctx.trx);
}
