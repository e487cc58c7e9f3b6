import { sql } from 'kysely';
import type { ChronicleEntryVersionsTable, FactContent } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';
import { addChanges } from './knowledge-changes.js';

/** The facts as the chronicle projection writes them: amounts as numbers. */
export type ChronicleFact = Omit<FactContent<ChronicleEntryVersionsTable, 'entry_no'>, 'amount_cents'> & { amount_cents: number | null };

/** docs/kpis.md 7: what the costs are made of. */
export const COST_ENTRY_TYPES: readonly string[] = ['ZAHLUNG', 'KOSTENBEITRAG', 'ERSTATTUNG'];

/** docs/kpis.md 1 and 7: an entry counts unless it is cancelled or cancels another. */
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
  private readonly sums = new Map<string, { key: SumKey; month: string; at: string; entries: number; cents: number; abs_cents: number }>();

  add(key: SumKey, fact: ChronicleFact, at: Date, sign: number): void {
    const month = `${fact.entry_date.slice(0, 7)}-01`;
    // Joined, not JSON: a rebuild adds a few million times, and JSON keys showed in its profile.
    const id = `${Object.values(key).join('\u001f')}\u001f${month}\u001f${at.getTime()}`;
    let sum = this.sums.get(id);
    if (!sum) this.sums.set(id, (sum = { key, month, at: at.toISOString(), entries: 0, cents: 0, abs_cents: 0 }));
    sum.entries += sign;
    sum.cents += sign * (fact.amount_cents ?? 0);
    sum.abs_cents += sign * Math.abs(fact.amount_cents ?? 0);
  }

  /** Adds the sums to `table`, whose key is `keyColumns`, month and observation. */
  write(ctx: ProjectionContext, table: 'chronicle_sum_changes' | 'case_cost_changes', keyColumns: readonly string[]): Promise<void> {
    const changes = [...this.sums.values()].map(({ key, ...sum }) => ({ ...key, ...sum }));
    return addChanges(ctx, { table, keyColumns, amountColumns: { entries: 'integer', cents: 'bigint', abs_cents: 'bigint' } }, changes);
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
