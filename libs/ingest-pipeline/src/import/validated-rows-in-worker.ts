import { on } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExportSource } from '@jugendamt/domain';
import type { ReadingReport } from './file-report.js';
import type { ImportSettings } from './import-settings.js';
import { MORE, type ValidationJob, type WorkerMessage } from './validation-worker-protocol.js';
import { validatedRows, type ReadingSettings, type ValidatedRow } from './validated-rows.js';

const WORKER_FILE = fileURLToPath(new URL('./validation-worker.js', import.meta.url));

/** The reader's heap: a few batches of rows and the pseudonym cache, never the whole file. */
const WORKER_HEAP_MB = 128;
/**
 * Its young generation, where each batch's short-lived strings die. V8's default let the
 * thread hold about 85 MB more at scale 50 (peak RSS of the import 505 → 419 MB with 8 MB) at
 * no measurable cost in time: the reader waits for the writer most of the time anyway.
 */
const WORKER_YOUNG_MB = 8;

/**
 * The file's validated rows. A large file is read and checked in a worker thread while this
 * thread diffs and writes the rows before it: about half of the import's work moves to the
 * second core. The tests run the TypeScript sources, where no compiled worker exists: there,
 * and for small files, the same generator runs in this thread.
 */
export function readValidatedRows(
  path: string,
  bytes: number,
  settings: ReadingSettings & Pick<ImportSettings, 'readInWorkerFromBytes'>,
  source: ExportSource,
  observedAt: Date,
  report: ReadingReport,
  onProgress?: (rowsRead: number, bytesRead: number) => void,
): AsyncGenerator<ValidatedRow, void> {
  return bytes >= settings.readInWorkerFromBytes && existsSync(WORKER_FILE)
    ? validatedRowsInWorker(path, settings, source, observedAt, report, onProgress)
    : validatedRows(path, settings, source, observedAt, report, onProgress);
}

/** `validatedRows` in a worker thread: the report hears of bad rows and file problems in file order, as if read here. */
export const validatedRowsInWorker: typeof validatedRows = async function* (path, settings, source, observedAt, report, onProgress) {
  const job: ValidationJob = { path, source, observedAt, settings: { profile: settings.profile, pseudonymKey: settings.pseudonymKey } };
  const worker = new Worker(WORKER_FILE, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  try {
    for await (const [message] of on(worker, 'message') as AsyncIterable<[WorkerMessage]>) {
      if (message.type === 'failed') throw Object.assign(new Error(message.message), { stack: message.stack });
      if (message.type === 'entries') {
        worker.postMessage(MORE);
        for (const entry of message.entries) {
          if ('row' in entry) yield entry.row;
          else if ('quarantined' in entry) report.quarantine(entry.quarantined.recordId, entry.quarantined.findings);
          else if ('fileProblem' in entry) report.fileProblem(entry.fileProblem.reason, entry.fileProblem.line);
          else report.addFileFinding(entry.fileFinding);
        }
      }
      report.rowsRead = message.rowsRead;
      onProgress?.(message.rowsRead, message.bytesRead);
      if (message.type === 'done') return;
    }
  } finally {
    await worker.terminate();
  }
};
