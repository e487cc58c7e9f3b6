import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { ExportSource } from '@jugendamt/domain';
import type { ValidatedRow } from './validated-rows.js';

/** The sources whose records the plausibility rules check (docs/data-quality.md). */
const CHECKED_SOURCES: readonly ExportSource[] = ['webfm_hilfen', 'webfm_teilprozesse', '14plus_chronik'];
const BATCH_ROWS = 5_000;

export interface LineContext {
  readonly trx: Kysely<Database>;
  readonly tenantId: string;
  readonly source: ExportSource;
  readonly importId: string;
}

/**
 * The rows passed through, and the line each record stands on noted under its surrogate
 * (`record_lines`), in the import's transaction: the team is told where a finding's record is.
 * A record a file holds twice keeps the line of the row that is applied, the first.
 */
export async function* notingLines(ctx: LineContext, rows: AsyncIterable<ValidatedRow>): AsyncGenerator<ValidatedRow> {
  if (!CHECKED_SOURCES.includes(ctx.source)) return yield* rows;
  let batch = new Map<string, number>();
  for await (const row of rows) {
    if (!batch.has(row.id)) batch.set(row.id, row.line);
    yield row;
    if (batch.size >= BATCH_ROWS) {
      await noteLines(ctx, batch);
      batch = new Map();
    }
  }
  await noteLines(ctx, batch);
}

async function noteLines(ctx: LineContext, lines: ReadonlyMap<string, number>): Promise<void> {
  if (lines.size === 0) return;
  await sql`
    INSERT INTO record_lines (tenant_id, source, record_id, import_id, line)
    SELECT ${ctx.tenantId}, ${ctx.source}, id, ${ctx.importId}::uuid, line
    FROM unnest(${[...lines.keys()]}::text[], ${[...lines.values()]}::int[]) AS l (id, line)
    ON CONFLICT (tenant_id, source, record_id) DO UPDATE SET import_id = EXCLUDED.import_id, line = EXCLUDED.line`.execute(ctx.trx);
}
