import { sql } from 'kysely';
import type { ChronicleEntryVersionsTable, FactContent } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';

/** The facts as the chronicle projection writes them: amounts as numbers. */
export type ChronicleFact = Omit<FactContent<ChronicleEntryVersionsTable, 'entry_no'>, 'amount_cents'> & { amount_cents: number | null };

/** KPIS.md 7: what the costs are made of. */
export const COST_ENTRY_TYPES: readonly string[] = ['ZAHLUNG', 'KOSTENBEITRAG', 'ERSTATTUNG'];

/** KPIS.md 1 and 7: an entry counts unless it is cancelled or cancels another. */
export function counts(fact: ChronicleFact | null | undefined): fact is ChronicleFact {
  return !!fact && !fact.cancelled && !fact.cancelling;
}

export function isCost(fact: ChronicleFact | null | undefined): fact is ChronicleFact {
  return counts(fact) && COST_ENTRY_TYPES.includes(fact.entry_type);
}

/** The key of a sum row besides its month and observation: column → value ('' for none). */
export type SumKey = Readonly<Record<string, string>>;

/**
 * Changes in knowledge of monthly entry sums (entries, euros, absolute euros), netted per key
 * and observation before they are written: most of a page's changes cancel out or add up.
 */
export class EntrySums {
  private readonly sums = new Map<string, { key: SumKey; month: string; at: string; entries: number; cents: number; absCents: number }>();

  add(key: SumKey, fact: ChronicleFact, at: Date, sign: number): void {
    const month = `${fact.entry_date.slice(0, 7)}-01`;
    const iso = at.toISOString();
    const id = JSON.stringify([key, month, iso]);
    let sum = this.sums.get(id);
    if (!sum) this.sums.set(id, (sum = { key, month, at: iso, entries: 0, cents: 0, absCents: 0 }));
    sum.entries += sign;
    sum.cents += sign * (fact.amount_cents ?? 0);
    sum.absCents += sign * Math.abs(fact.amount_cents ?? 0);
  }

  /** Adds the sums to `table`, whose key is `keyColumns`, month and observation. */
  async write(ctx: ProjectionContext, table: 'chronicle_sum_changes' | 'team_cost_changes', keyColumns: readonly string[]): Promise<void> {
    const deltas = [...this.sums.values()]
      .filter((d) => d.entries !== 0 || d.cents !== 0 || d.absCents !== 0)
      .map(({ key, ...sum }) => ({ ...key, ...sum }));
    if (deltas.length === 0) return;
    const keys = sql.raw(keyColumns.join(', '));
    const definitions = sql.raw(keyColumns.map((c) => `${c} text`).join(', '));
    const target = sql.table(table);
    const { rows: cancelledOut } = await sql<Record<string, string>>`
      WITH written AS (
        INSERT INTO ${target} (tenant_id, generation, ${keys}, month, known_from, entries, cents, abs_cents)
        SELECT ${ctx.tenantId}, ${ctx.generation}, ${keys}, d.month, d.at, d.entries, d.cents, d."absCents"
        FROM json_to_recordset(${JSON.stringify(deltas)}::json)
          AS d(${definitions}, month date, at timestamptz, entries integer, cents bigint, "absCents" bigint)
        ON CONFLICT (tenant_id, generation, month, ${keys}, known_from)
        DO UPDATE SET entries = ${target}.entries + excluded.entries, cents = ${target}.cents + excluded.cents,
                      abs_cents = ${target}.abs_cents + excluded.abs_cents
        RETURNING ${keys}, month::text AS month, known_from::text AS at, entries, cents, abs_cents)
      SELECT ${keys}, month, at FROM written WHERE entries = 0 AND cents = 0 AND abs_cents = 0`.execute(ctx.trx);
    if (cancelledOut.length === 0) return;
    // Changes that cancelled out across pages leave nothing, as they would within one page.
    const matching = sql.raw(keyColumns.map((c) => `t.${c} = z.${c}`).join(' AND '));
    await sql`
      DELETE FROM ${target} t USING json_to_recordset(${JSON.stringify(cancelledOut)}::json) AS z(${definitions}, month date, at timestamptz)
      WHERE t.tenant_id = ${ctx.tenantId} AND t.generation = ${ctx.generation} AND ${matching} AND t.month = z.month AND t.known_from = z.at`.execute(ctx.trx);
  }
}

/** The current facts of entries. */
export async function currentEntryFacts(ctx: ProjectionContext, entryNos: readonly string[]): Promise<Map<string, ChronicleFact>> {
  if (entryNos.length === 0) return new Map();
  const { rows } = await sql<ChronicleFact & { entry_no: string; amount_cents: string | null }>`
    SELECT entry_no, file_reference, entry_date, unit, entry_type, aid_type, paragraph, setting, amount_cents, cancelling, cancels_entry_no, cancelled
    FROM chronicle_entry_versions
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND known_to IS NULL AND entry_no = ANY(${[...entryNos]}::text[])`.execute(ctx.trx);
  return new Map(rows.map(({ entry_no, ...fact }) => [entry_no, amountsAsNumbers(fact)]));
}

export function amountsAsNumbers<F extends { amount_cents: string | number | null }>(fact: F): F & { amount_cents: number | null } {
  return { ...fact, amount_cents: fact.amount_cents === null ? null : Number(fact.amount_cents) };
}
