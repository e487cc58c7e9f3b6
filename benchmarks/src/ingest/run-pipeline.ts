/**
 * One run of the whole ingest pipeline over a folder, in a process of its own so that its
 * peak memory is the pipeline's alone. Prints one JSON line for the benchmark to read.
 */
import { collectExportFiles, importFiles, importSettings, openMigratedDatabase } from '@jugendamt/ingest';

const folder = process.argv[2];
if (!folder) throw new Error('usage: run-pipeline.js <folder>');

const files = await collectExportFiles([folder]);
const database = await openMigratedDatabase();
try {
  const started = process.hrtime.bigint();
  const summaries = await importFiles(database.db, importSettings({}), files);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const notApplied = summaries.filter((s) => s.status !== 'applied');
  if (notApplied.length) throw new Error(`not applied: ${notApplied.map((s) => `${s.file} ${s.status}: ${s.message}`).join('; ')}`);
  console.log(
    JSON.stringify({
      ms,
      rows: summaries.reduce((n, s) => n + s.rowsRead, 0),
      events: summaries.reduce((n, s) => n + s.eventsAppended, 0),
      // resourceUsage reports kilobytes on Linux.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await database.close();
}
