/**
 * One run of the whole ingest pipeline in a process of its own, so that its peak memory is
 * the pipeline's alone: first the initial load, then the night after it, each timed. Prints
 * one JSON line for the benchmark to read.
 */
import { databaseConfigFromEnv } from '@jugendamt/db';
import { importFiles, importSettings, openMigratedDatabase, readIngestSettings } from '@jugendamt/ingest-pipeline';
import type { ImportSummary } from '@jugendamt/ingest-pipeline';
import { splitInitialLoadAndNight } from './night-files.js';

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: run-pipeline.js <files in observation order>');

const { initialLoad, night } = splitInitialLoadAndNight(files);
const database = await openMigratedDatabase(databaseConfigFromEnv(process.env));
try {
  const settings = importSettings({}, readIngestSettings(process.env));
  const load = await timedImport(initialLoad);
  const nextNight = await timedImport(night);
  // resourceUsage reports kilobytes on Linux.
  console.log(JSON.stringify({ initialLoad: load, night: nextNight, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

  async function timedImport(part: readonly string[]) {
    const started = process.hrtime.bigint();
    const summaries: ImportSummary[] = await importFiles(database.db, settings, part);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const notApplied = summaries.filter((s) => s.status !== 'applied');
    if (notApplied.length) throw new Error(`not applied: ${notApplied.map((s) => `${s.file} ${s.status}: ${s.message}`).join('; ')}`);
    return { ms, rows: summaries.reduce((n, s) => n + s.rowsRead, 0), events: summaries.reduce((n, s) => n + s.eventsAppended, 0) };
  }
} finally {
  await database.close();
}
