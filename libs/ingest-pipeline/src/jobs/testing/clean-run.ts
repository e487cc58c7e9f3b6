import { join } from 'node:path';
import type { ExportSource } from '@jugendamt/domain';
import type { ExportRowValues } from '../../testing/export-files.js';
import { ingestTestKit, storedEvents, type StoredEventRow } from '../../testing/ingest-test-kit.js';
import { dropIntoInbox } from './drop-file.js';

export interface ExportFileSpec {
  readonly name: string;
  readonly source: ExportSource;
  readonly rows: readonly ExportRowValues[];
}

/** The events a clean, uninterrupted import of the same files gives. */
export async function cleanEventsOf(files: readonly ExportFileSpec[]): Promise<StoredEventRow[]> {
  const clean = await ingestTestKit('postgres');
  try {
    for (const f of files) await dropIntoInbox(clean.dir, f.name, f.source, f.rows);
    await clean.importFiles(files.map((f) => join(clean.dir, f.name)));
    return await storedEvents(clean.db);
  } finally {
    await clean.close();
  }
}
