import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportSource } from '@jugendamt/domain';
import { writeExportFile, type ExportRowValues } from '../../testing/export-files.js';
import { Inbox } from '../../inbox/inbox.js';
import type { ImportJob } from '../import-job.js';

/** Puts an export into the inbox as a careful export job does: written aside, then renamed. */
export async function dropIntoInbox(inboxDir: string, name: string, source: ExportSource, rows: readonly ExportRowValues[]): Promise<ImportJob & { kind: 'file' }> {
  const aside = writeExportFile(inboxDir, `.${name}.part`, source, rows);
  renameSync(aside, join(inboxDir, name));
  return { kind: 'file', file: name, arrival: await new Inbox(inboxDir).arrivalOf(name) };
}
