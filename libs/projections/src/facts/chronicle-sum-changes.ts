import { sql } from 'kysely';
import type { ChronicleEntryVersionsTable, FactContent } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';
import type { FactChange } from './versioned-facts.js';

/** The facts as the chronicle projection writes them: amounts as numbers. */
export type ChronicleFact = Omit<FactContent<ChronicleEntryVersionsTable, 'entry_no'>, 'amount_cents'> & { amount_cents: number | null };

/** KPIS.md 1 and 7: an entry counts unless it is cancelled or cancels another. */
function counts(fact: ChronicleFact | null | undefined): fact is ChronicleFact {
  return !!fact && !fact.cancelled && !fact.cancelling;
}

interface SumChange {
  unit: string;
  entryType: string;
  aidType: string;
  paragraph: string;
  setting: string;
  month: string;
  at: string;
  entries: number;
  cents: number;
  absCents: number;
}

/**
 * Turns the page's entry changes into sum changes: an entry that starts to count adds itself
 * (one entry, its amount), one that stops (cancelled) takes itself away, from the observation
 * that showed it. Must run before the facts are written: it reads the versions they replace.
 */
export async function writeChronicleSums(ctx: ProjectionContext, changes: readonly FactChange<ChronicleFact>[]): Promise<void> {
  const ids = [...new Set(changes.map((c) => c.id))];
  if (ids.length === 0) return;
  const { rows } = await sql<ChronicleFact & { entry_no: string; amount_cents: string | null }>`
    SELECT entry_no, file_reference, entry_date, unit, entry_type, aid_type, paragraph, setting, amount_cents, cancelling, cancels_entry_no, cancelled
    FROM chronicle_entry_versions
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND known_to IS NULL AND entry_no = ANY(${ids}::text[])`.execute(ctx.trx);
  const known = new Map<string, ChronicleFact | null>(rows.map(({ entry_no, ...fact }) => [entry_no, { ...fact, amount_cents: fact.amount_cents === null ? null : Number(fact.amount_cents) }]));

  const sums = new Map<string, SumChange>();
  const add = (fact: ChronicleFact | null | undefined, at: Date, sign: number) => {
    if (!counts(fact)) return;
    const key = { unit: fact.unit, entryType: fact.entry_type, aidType: fact.aid_type ?? '', paragraph: fact.paragraph ?? '', setting: fact.setting ?? '', month: `${fact.entry_date.slice(0, 7)}-01`, at: at.toISOString() };
    const id = JSON.stringify(key);
    const sum = sums.get(id) ?? sums.set(id, { ...key, entries: 0, cents: 0, absCents: 0 }).get(id)!;
    sum.entries += sign;
    sum.cents += sign * (fact.amount_cents ?? 0);
    sum.absCents += sign * Math.abs(fact.amount_cents ?? 0);
  };
  for (const change of changes) {
    add(known.get(change.id), change.observedAt, -1);
    add(change.row, change.observedAt, +1);
    known.set(change.id, change.row);
  }
  const deltas = [...sums.values()].filter((d) => d.entries !== 0 || d.cents !== 0 || d.absCents !== 0);
  if (deltas.length === 0) return;
  await sql`
    INSERT INTO chronicle_sum_changes (tenant_id, generation, unit, entry_type, aid_type, paragraph, setting, month, known_from, entries, cents, abs_cents)
    SELECT ${ctx.tenantId}, ${ctx.generation}, d."unit", d."entryType", d."aidType", d."paragraph", d."setting", d."month", d."at", d."entries", d."cents", d."absCents"
    FROM json_to_recordset(${JSON.stringify(deltas)}::json)
      AS d("unit" text, "entryType" text, "aidType" text, "paragraph" text, "setting" text, "month" date, "at" timestamptz, "entries" integer, "cents" bigint, "absCents" bigint)
    ON CONFLICT (tenant_id, generation, month, unit, entry_type, aid_type, paragraph, setting, known_from)
    DO UPDATE SET entries = chronicle_sum_changes.entries + excluded.entries, cents = chronicle_sum_changes.cents + excluded.cents,
                  abs_cents = chronicle_sum_changes.abs_cents + excluded.abs_cents`.execute(ctx.trx);
  // Changes that cancelled out across pages leave nothing, as they would within one page.
  await sql`
    DELETE FROM chronicle_sum_changes
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND entries = 0 AND cents = 0 AND abs_cents = 0
      AND known_from = ANY(${[...new Set(deltas.map((d) => d.at))]}::timestamptz[])`.execute(ctx.trx);
}
