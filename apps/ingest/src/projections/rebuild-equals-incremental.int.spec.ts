import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import type { ExportSource } from '@jugendamt/domain';
import { EventStore, type LoggedEvent, type Position } from '@jugendamt/event-store';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import {
  activateGeneration,
  activeGeneration,
  catalogueVersions,
  catchUpAll,
  catchUpGeneration,
  chronicleCountsFromFacts,
  chronicleCountsFromSums,
  costsFromFacts,
  costsFromSums,
  countsFromChanges,
  countsFromFacts,
  createGeneration,
  DEFAULT_CATALOGUES,
  PROJECTIONS,
  rebuildAll,
} from '@jugendamt/projections';
import { CASE_WORK_UPCASTERS, collectExportFiles, streamIdOf } from '@jugendamt/ingest-pipeline';
import { ingestTestKit, type IngestTestKit } from '@jugendamt/ingest-pipeline/testing';

const samples = fileURLToPath(new URL('../../../../samples/', import.meta.url));
const FACT_TABLES = [
  'aid_versions',
  'case_versions',
  'aid_area_versions',
  'staff_versions',
  'sub_process_versions',
  'chronicle_entry_versions',
  'sub_process_count_changes',
  'sub_process_work_changes',
  'chronicle_sum_changes',
  'chronicle_case_links',
  'case_cost_changes',
];

/** Every fact table's rows of an office's serving generations, without the generation number and the office. */
async function servedFacts(kit: IngestTestKit, tenantId = 'default'): Promise<Record<string, unknown[]>> {
  const generations = await kit.db.selectFrom('projection_generations').select('generation').where('status', '=', 'active').where('tenant_id', '=', tenantId).execute();
  const served = generations.map((g) => g.generation);
  const facts: Record<string, unknown[]> = {};
  for (const table of FACT_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT * FROM ${sql.table(table)} t WHERE tenant_id = ${tenantId} AND generation = ANY(${served}::int[])`.execute(kit.db);
    facts[table] = rows.map(({ generation: _, tenant_id: __, ...row }) => row).sort(byJson);
  }
  return facts;
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/**
 * The office's log written again into another office's, every record event with its state's
 * fields named (schema version 1), as events were stored before compact payloads: one
 * transaction per transaction of the original, the events in their order.
 */
async function copyWithNamedFields(kit: IngestTestKit, from: string, to: string): Promise<number> {
  await untilEventsReadable(kit.db);
  const store = new EventStore(kit.db, CASE_WORK_UPCASTERS);
  const events: LoggedEvent[] = [];
  for (let after: Position | undefined; ;) {
    const page = await store.readAll(from, { after, limit: 1_000 });
    if (page.events.length === 0) break;
    events.push(...page.events);
    after = page.next;
  }
  const transactions = new Map<string, LoggedEvent[]>();
  for (const event of events) {
    const written = transactions.get(event.position.transactionId) ?? [];
    transactions.set(event.position.transactionId, written);
    written.push(event);
  }
  for (const written of transactions.values()) {
    await kit.db.transaction().execute(async (trx) => {
      for (const event of written) {
        const named = {
          type: event.type,
          schemaVersion: 1,
          payload: event.payload,
          occurredOn: event.occurredOn,
          observedAt: event.observedAt,
          idempotencyKey: `${event.streamId}:${event.streamVersion}`,
        };
        await store.append(to, [{ streamId: event.streamId, expectedVersion: event.streamVersion - 1, events: [named] }], trx);
      }
    });
  }
  return events.length;
}

describe.each(TEST_BACKENDS)('projections over the bundled samples (%s)', (backend) => {
  let kit: IngestTestKit;
  const rebuiltFrom = new Map<string, number>();
  beforeAll(async () => {
    kit = await ingestTestKit(backend);
  });
  afterAll(async () => kit.close());

  it('rebuilds every projection into exactly the tables that catching up after each import gave', async () => {
    for (const file of await collectExportFiles([samples])) {
      await kit.importFiles([file]);
      await untilEventsReadable(kit.db);
      await catchUpAll(kit.db, 'default');
    }
    const incremental = await servedFacts(kit);
    expect(incremental['sub_process_versions']!.length).toBeGreaterThan(1_000);

    // All at once, as `npm run projections:rebuild` does.
    const rebuilt = await rebuildAll(kit.db, 'default', PROJECTIONS);
    expect(rebuilt.map((r) => r.projection)).toEqual(PROJECTIONS.map((p) => p.name));
    for (const r of rebuilt) rebuiltFrom.set(r.projection, r.eventsApplied);
    for (const projection of PROJECTIONS) expect((await activeGeneration(kit.db, 'default', projection.name))?.generation).toBe(2);
    expect(await servedFacts(kit)).toEqual(incremental);
  });

  it('rebuilds the same tables in small pages read ahead, and when two processes catch one generation up at once', async () => {
    const served = await servedFacts(kit);
    // 97 cuts every projection's history into many pages at uneven places.
    await rebuildAll(kit.db, 'default', PROJECTIONS, { pageSize: 97 });
    expect(await servedFacts(kit)).toEqual(served);

    // Each process reads its next page ahead; the other one may have applied that page meanwhile.
    for (const projection of PROJECTIONS) {
      const generation = await createGeneration(kit.db, 'default', projection.name, 'building', await catalogueVersions(kit.db, 'default', projection.catalogues));
      const applied = await Promise.all([1, 2].map(() => catchUpGeneration(kit.db, 'default', projection, generation, { pageSize: 97 })));
      expect(applied[0]! + applied[1]!).toBe(rebuiltFrom.get(projection.name));
      await kit.db.transaction().execute((trx) => activateGeneration(trx, 'default', projection.name, generation));
    }
    expect(await servedFacts(kit)).toEqual(served);
  });

  it('builds the same tables from compact payloads as from the same events with every field named (as stored before)', async () => {
    const { rows: stored } = await sql<{ all: number; compact: number; named: number }>`
      SELECT count(*)::int AS all, count(*) FILTER (WHERE schema_version = 2)::int AS compact, count(*) FILTER (WHERE payload ? 'state')::int AS named
      FROM events WHERE tenant_id = 'default'`.execute(kit.db);
    expect(stored[0]!.compact).toBeGreaterThan(1_000);
    expect(stored[0]!.named).toBe(0);
    // Read back, a record's last event holds the state the import kept of it by its own way (the record state of snapshots).
    const kept = await kit.db.selectFrom('ingest_record_state').select(['source', 'record_id', 'state']).where('tenant_id', '=', 'default').where('deleted', '=', false).execute();
    expect(kept.length).toBeGreaterThan(400);
    const streamOf = (row: (typeof kept)[number]) => streamIdOf(row.source as ExportSource, row.record_id);
    const last = await new EventStore(kit.db, CASE_WORK_UPCASTERS).readLastEvents('default', kept.map(streamOf));
    for (const row of kept) expect({ stream: streamOf(row), state: (last.get(streamOf(row))?.payload as { state: unknown }).state }).toEqual({ stream: streamOf(row), state: row.state });

    const copied = await copyWithNamedFields(kit, 'default', 'named-fields');
    expect(copied).toBe(stored[0]!.all);
    await untilEventsReadable(kit.db);
    await rebuildAll(kit.db, 'named-fields', PROJECTIONS);
    const fromNamed = await servedFacts(kit, 'named-fields');
    expect(fromNamed['chronicle_entry_versions']!.length).toBeGreaterThan(100);
    expect(fromNamed).toEqual(await servedFacts(kit));
  });

  it('counts sub-processes the same from the monthly count changes as from the facts, at every observation', async () => {
    const observations = await kit.db.selectFrom('imports').select('observed_at').where('status', '=', 'applied').distinct().execute();
    expect(observations.length).toBeGreaterThan(2);
    const { generation } = (await activeGeneration(kit.db, 'default', 'sub-process-history'))!;
    for (const asOf of [undefined, ...observations.map((o) => o.observed_at)]) {
      const query = { tenantId: 'default', asOf, from: '2024-01-01', to: '2025-12-31', by: ['team', 'subProcess'] as const, granularity: 'month' as const };
      const fromChanges = await countsFromChanges(kit.db, query, generation);
      if (!asOf) expect(fromChanges.length).toBeGreaterThan(10);
      expect(fromChanges).toEqual(await countsFromFacts(kit.db, query, generation));
    }
  });

  it('counts and sums 14plus entries the same from the monthly sums as from the entries, per team and social area too, at every observation', async () => {
    const observations = await kit.db.selectFrom('imports').select('observed_at').where('status', '=', 'applied').distinct().execute();
    const { generation } = (await activeGeneration(kit.db, 'default', 'chronicle-history'))!;
    for (const asOf of [undefined, ...observations.map((o) => o.observed_at)]) {
      const period = { tenantId: 'default', asOf, from: '2024-01-01', to: '2025-12-31' };
      const counted = { ...period, granularity: 'quarter' as const, countedTypes: DEFAULT_CATALOGUES['chronicle-types'].counted };
      const fromSums = await chronicleCountsFromSums(kit.db, counted, generation);
      if (!asOf) expect(fromSums.length).toBeGreaterThan(5);
      expect(fromSums).toEqual(await chronicleCountsFromFacts(kit.db, counted, generation));
      const byParagraph = { ...period, granularity: 'month' as const, by: ['paragraph', 'setting'] as const };
      expect(await costsFromSums(kit.db, byParagraph, generation)).toEqual(await costsFromFacts(kit.db, byParagraph, generation));
      const byTeam = { ...period, granularity: 'month' as const, by: ['team', 'aidType'] as const };
      const perTeam = await costsFromSums(kit.db, byTeam, generation);
      if (!asOf) expect(new Set(perTeam.map((row) => row.group.team)).size).toBeGreaterThan(2);
      expect(perTeam).toEqual(await costsFromFacts(kit.db, byTeam, generation));
      const byArea = { ...period, granularity: 'month' as const, by: ['socialArea', 'team'] as const };
      const perArea = await costsFromSums(kit.db, byArea, generation);
      if (!asOf) expect(new Set(perArea.map((row) => row.group.socialArea)).size).toBeGreaterThan(2);
      expect(perArea).toEqual(await costsFromFacts(kit.db, byArea, generation));
    }
  });
});
