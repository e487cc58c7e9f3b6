import { sql } from 'kysely';
import type { ProjectionContext } from '../runtime/projection.js';

/**
 * A table of changes in knowledge: amounts that add up per key, month and observation
 * (`known_from`), so "as known at T" is the sum of the rows known by T.
 */
export interface ChangeTable {
  readonly table: 'sub_process_count_changes' | 'sub_process_work_changes' | 'chronicle_sum_changes' | 'case_cost_changes';
  /** The text columns of the key besides month and observation. */
  readonly keyColumns: readonly string[];
  readonly amountColumns: Readonly<Record<string, 'integer' | 'bigint'>>;
}

/** Key columns, `month` (its first day), `at` (the observation, ISO) and the amounts, by column name. */
export type Change = Readonly<Record<string, string | number>>;

/** Adds a page's netted changes to what the table holds; rows that come to nothing go. */
export async function addChanges(ctx: ProjectionContext, target: ChangeTable, changes: readonly Change[]): Promise<void> {
  const amounts = Object.keys(target.amountColumns);
  const rows = changes.filter((c) => amounts.some((a) => c[a] !== 0));
  if (rows.length === 0) return;
  const table = sql.table(target.table);
  const keys = sql.raw(target.keyColumns.join(', '));
  const keyDefinitions = target.keyColumns.map((c) => `${c} text`).join(', ');
  const amountList = sql.raw(amounts.join(', '));
  const added = sql.raw(amounts.map((a) => `${a} = ${target.table}.${a} + excluded.${a}`).join(', '));
  const zero = sql.raw(amounts.map((a) => `${a} = 0`).join(' AND '));
  const { rows: cancelledOut } = await sql<Record<string, string>>`
    WITH written AS (
      INSERT INTO ${table} (tenant_id, generation, ${keys}, month, known_from, ${amountList})
      SELECT ${ctx.tenantId}, ${ctx.generation}, ${keys}, d.month, d.at, ${amountList}
      FROM json_to_recordset(${JSON.stringify(rows)}::json)
        AS d(${sql.raw(keyDefinitions)}, month date, at timestamptz, ${sql.raw(amounts.map((a) => `${a} ${target.amountColumns[a]}`).join(', '))})
      ON CONFLICT (tenant_id, generation, month, ${keys}, known_from) DO UPDATE SET ${added}
      RETURNING ${keys}, month::text AS month, known_from::text AS at, ${amountList})
    SELECT ${keys}, month, at FROM written WHERE ${zero}`.execute(ctx.trx);
  if (cancelledOut.length === 0) return;
  // Changes that cancelled out across pages leave nothing, as they would within one page.
  const matching = sql.raw(target.keyColumns.map((c) => `t.${c} = z.${c}`).join(' AND '));
  await sql`
    DELETE FROM ${table} t USING json_to_recordset(${JSON.stringify(cancelledOut)}::json) AS z(${sql.raw(keyDefinitions)}, month date, at timestamptz)
    WHERE t.tenant_id = ${ctx.tenantId} AND t.generation = ${ctx.generation} AND ${matching} AND t.month = z.month AND t.known_from = z.at`.execute(ctx.trx);
}
