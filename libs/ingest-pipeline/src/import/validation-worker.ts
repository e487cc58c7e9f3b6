/**
 * Worker thread: reads, decodes, validates and pseudonymises one export file and posts the
 * outcome in batches, so that the import's thread spends its time on diffing and writing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Finding } from './finding.js';
import type { ReadingReport } from './file-report.js';
import { BATCHES_AHEAD, type ReadingEntry, type ValidationJob, type WorkerMessage } from './validation-worker-protocol.js';
import { validatedRows } from './validated-rows.js';

const BATCH_ENTRIES = 1_000;

const port = parentPort!;
const job = workerData as ValidationJob;

let credit = BATCHES_AHEAD;
let wakeUp: (() => void) | undefined;
port.on('message', () => {
  credit++;
  wakeUp?.();
});

let batch: ReadingEntry[] = [];
let bytesRead = 0;

/** Writes down in order what the reader tells the report; the import's thread replays it. */
const recorder: ReadingReport = {
  rowsRead: 0,
  quarantine: (recordId, findings) => add({ quarantined: { recordId, findings } }),
  fileProblem: (reason, line) => add({ fileProblem: { reason, line } }),
  addFileFinding: (finding: Finding) => add({ fileFinding: finding }),
};

function add(entry: ReadingEntry): void {
  batch.push(entry);
  if (batch.length >= BATCH_ENTRIES) flush();
}

function flush(): void {
  credit--;
  post({ type: 'entries', entries: batch, rowsRead: recorder.rowsRead, bytesRead });
  batch = [];
}

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

try {
  // The key arrives as a plain Uint8Array: structured cloning keeps the bytes, not the Buffer.
  const settings = { ...job.settings, pseudonymKey: Buffer.from(job.settings.pseudonymKey) };
  const rows = validatedRows(job.path, settings, job.source, job.observedAt, recorder, (_rows, bytes) => (bytesRead = bytes));
  for await (const row of rows) {
    add({ row });
    // Good rows wait for the import to catch up, so memory stays flat; bad rows cost it nothing.
    while (credit <= 0) await new Promise<void>((resolve) => (wakeUp = resolve));
  }
  if (batch.length) flush();
  post({ type: 'done', rowsRead: recorder.rowsRead, bytesRead });
} catch (error) {
  const { message, stack } = error instanceof Error ? error : new Error(String(error));
  post({ type: 'failed', message, stack });
}
