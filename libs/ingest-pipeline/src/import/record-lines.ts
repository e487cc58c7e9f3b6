import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { ExportSource } from '@jugendamt/domain';
import type { ValidatedRow } from './validated-rows.js';
import type { WritesBehind } from './writes-behind.js';

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
 *
 * Nothing downstream waits for a batch's lines: the statement goes out on the file's connection
 * and the rows go on, so this thread compares and builds events while the database writes the
 * lines (at scale 50, 1.8 million of them). One batch is in flight at a time, so memory stays
 * flat; the last is awaited before the file counts as read. A failed write is reported as the
 * cause of what fails after it (`behind`).
 */
export async function* notingLines(ctx: LineContext, rows: AsyncIterable<ValidatedRow>, behind: WritesBehind): AsyncGenerator<ValidatedRow> {
  if (!CHECKED_SOURCES.includes(ctx.source)) return yield* rows;
  let batch = new Map<string, number>();
  let noting: Promise<void> = Promise.resolve();
  const send = async (lines: ReadonlyMap<string, number>) => {
    await noting;
    noting = behind.track(noteLines(ctx, lines));
  };
  for await (const row of rows) {
    if (!batch.has(row.id)) batch.set(row.id, row.line);
    yield row;
    if (batch.size >= BATCH_ROWS) {
      await send(batch);
      batch = new Map();
    }
  }
  await send(batch);
  await noting;
}

async function noteLines(ctx: LineContext, lines: ReadonlyMap<string, number>): Promise<void> {
  if (lines.size === 0) return;
  await sql`
    INSERT INTO record_lines (tenant_id, source, record_id, import_id, line)
    SELECT ${ctx.tenantId}, ${ctx.source}, id, ${ctx.importId}::uuid, line
    FROM unnest(${[...lines.keys()]}::text[], ${[...lines.values()]}::int[]) AS l (id, line)
    ON CONFLICT (tenant_id, source, record_id) DO UPDATE SET import_id = EXCLUDED.import_id, line = EXCLUDED.line`.execute(ctx.trx);
}
