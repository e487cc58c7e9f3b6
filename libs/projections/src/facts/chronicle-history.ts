import { sql } from 'kysely';
import {
  CASE_EVENTS,
  CHRONICLE_EVENTS,
  isCaseEvent,
  isChronicleEvent,
  legalBasisOfEntry,
  settingOf,
  type AidTypeCatalogue,
  type CaseEvent,
  type CaseRecord,
  type ChronicleEntryRecord,
  type ChronicleEvent,
} from '@jugendamt/domain';
import { catalogueAt } from '../catalogues/catalogue-store.js';
import type { Projection, ProjectionContext } from '../runtime/projection.js';
import { writeChronicleSums } from './chronicle-sum-changes.js';
import { currentEntryFacts, type ChronicleFact } from './entry-sums.js';
import { linkCases, type CaseLinkFact } from './case-cost-changes.js';
import { factChange, isFirstOfRecord, writeFactChanges, type FactChange, type VersionedTable } from './versioned-facts.js';

const ENTRIES: VersionedTable<ChronicleFact> = {
  table: 'chronicle_entry_versions',
  idColumn: 'entry_no',
  columns: {
    file_reference: 'text',
    entry_date: 'date',
    unit: 'text',
    entry_type: 'text',
    aid_type: 'text',
    paragraph: 'text',
    setting: 'text',
    amount_cents: 'bigint',
    cancelling: 'boolean',
    cancels_entry_no: 'text',
    cancelled: 'boolean',
  },
};

function factOf(entry: ChronicleEntryRecord, catalogue: AidTypeCatalogue, cancelled: boolean): ChronicleFact {
  const basis = legalBasisOfEntry(entry.aidType, catalogue);
  return {
    file_reference: entry.fileReference,
    entry_date: entry.date,
    unit: entry.unit,
    entry_type: entry.entryType,
    aid_type: entry.aidType,
    paragraph: basis.paragraph,
    setting: settingOf(entry.aidType ?? '', basis, catalogue),
    amount_cents: entry.amountCents,
    cancelling: entry.cancelling,
    cancels_entry_no: entry.cancelledEntryNo === null ? null : String(entry.cancelledEntryNo),
    cancelled,
  };
}

/** Entry numbers among `entryNos` that a known cancelling entry names. */
async function cancelledAlready(ctx: ProjectionContext, entryNos: readonly string[]): Promise<Set<string>> {
  if (entryNos.length === 0) return new Set();
  const { rows } = await sql<{ cancels_entry_no: string }>`
    SELECT cancels_entry_no FROM chronicle_entry_versions
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND known_to IS NULL
      AND cancelling AND cancels_entry_no = ANY(${[...entryNos]}::text[])`.execute(ctx.trx);
  return new Set(rows.map((r) => r.cancels_entry_no));
}

/**
 * 14plus chronicle entries as known over time. A cancellation is an entry of its own and
 * makes the entry it names cancelled from its observation on; a cancellation seen before
 * the entry it names (files of one night arrive in any order) cancels it on arrival.
 * Cases are read for their Aktenzeichen, team and social area only: costs by team and by social
 * area follow them.
 */
export const chronicleHistory: Projection<ChronicleEvent | CaseEvent> = {
  name: 'chronicle-history',
  eventTypes: [...CHRONICLE_EVENTS, ...CASE_EVENTS],
  catalogues: ['aid-types'],
  tables: ['chronicle_entry_versions', 'chronicle_case_links', 'chronicle_sum_changes', 'case_cost_changes'],
  async apply(ctx, events) {
    const catalogue = await catalogueAt(ctx.trx, ctx.tenantId, 'aid-types', ctx.catalogueVersions['aid-types'] ?? 0);
    await linkCases(
      ctx,
      events.filter(isCaseEvent).map((event) =>
        factChange<CaseRecord, CaseLinkFact>(
          event,
          (c) => c.caseId,
          (c) => ({ file_reference: c.fileReference, team: c.team, social_area: c.socialArea }),
        ),
      ),
    );
    const entries = events.filter(isChronicleEvent).map((event) => ({ event, entry: event.payload.state }));
    // Cancelled on arrival: by a cancellation already known, or by one earlier in this page.
    const cancelled = await cancelledAlready(
      ctx,
      entries.map(({ entry }) => String(entry.entryNo)),
    );
    const recorded: FactChange<ChronicleFact>[] = entries.map(({ event, entry }) => {
      if (entry.cancelling && entry.cancelledEntryNo !== null) cancelled.add(String(entry.cancelledEntryNo));
      return { id: String(entry.entryNo), observedAt: event.observedAt, row: factOf(entry, catalogue, cancelled.has(String(entry.entryNo))), first: isFirstOfRecord(event) };
    });
    await writeChronicleSums(ctx, recorded);
    await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, ENTRIES, recorded);

    const cancellations = entries.filter(({ entry }) => entry.cancelling && entry.cancelledEntryNo !== null);
    const targets = await currentEntryFacts(
      ctx,
      cancellations.map(({ entry }) => String(entry.cancelledEntryNo)),
    );
    const marked: FactChange<ChronicleFact>[] = [];
    for (const { event, entry } of cancellations) {
      const id = String(entry.cancelledEntryNo);
      const target = targets.get(id);
      if (target && !target.cancelled) marked.push({ id, observedAt: event.observedAt, row: { ...target, cancelled: true }, first: false });
    }
    await writeChronicleSums(ctx, marked);
    await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, ENTRIES, marked);
  },
};
