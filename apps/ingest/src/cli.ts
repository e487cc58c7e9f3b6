import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, type DatabaseHandle } from '@jugendamt/db';
import { numberSetting } from '@jugendamt/settings';
import { catchUpAll } from '@jugendamt/projections';
import { failureOf, UsageError, type CliFailure } from './console/cli-failure.js';
import { EXIT, EXIT_CODE_TABLE, exitCodeOf } from './console/exit-codes.js';
import { importProgress } from './console/import-progress.js';
import { reserveStdoutForJson } from './console/json-stdout.js';
import { printFileSummary, printTotals } from './console/print-summary.js';
import { yieldToReaders } from './process-priority.js';
import { type ImportSummary, collectExportFiles, importFiles, importSettings, openMigratedDatabase, readIngestSettings } from '@jugendamt/ingest-pipeline';

const usage = `usage: npm run ingest -- [--json] [--confirm-deletions] [--tenant ID] [--profile FILE] <files or folders>

Imports PROSOZ export files in observation order, one transaction per file.
  --json               print the per-file summaries (with every finding) as JSON, and nothing
                       else on stdout; on exit code 2 or 3: {"error": {...}, "imports": [...]}
  --confirm-deletions  apply snapshots held for deleting too many records
  --tenant ID          the office (default: TENANT_ID or "default")
  --profile FILE       mapping profile of the office's exports (default: EXPORT_PROFILE or the built-in one)
Environment: DATABASE_URL (unset: embedded PGlite under DATA_DIR), PSEUDONYM_KEY,
DELETION_THRESHOLD (0.1), QUARANTINE_THRESHOLD (0.05), FUTURE_OBSERVATION_TOLERANCE_MINUTES (60),
PROGRESS_INTERVAL_MS (10000), INGEST_NICENESS (10: the import yields the CPU to the API).
${EXIT_CODE_TABLE}`;

const json = process.argv.slice(2).includes('--json');
const writeJson = json ? reserveStdoutForJson() : undefined;
const imported: ImportSummary[] = [];
let database: DatabaseHandle | undefined;
try {
  process.exitCode = await main();
} catch (error) {
  fail(failureOf(error));
} finally {
  // A database gone away may not even close: its fault is reported already.
  await Promise.race([database?.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000).unref())]);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'confirm-deletions': { type: 'boolean', default: false },
      tenant: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.error(usage);
    return EXIT.done;
  }
  if (positionals.length === 0) {
    console.error(usage);
    throw new UsageError('no files or folders named: see the usage above');
  }
  let settings, ingest;
  try {
    ingest = readIngestSettings(process.env);
    settings = importSettings({ tenantId: values.tenant, confirmDeletions: values['confirm-deletions'], profilePath: values.profile }, ingest);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  yieldToReaders(ingest.niceness);
  // Every named path is checked before the database is touched: a typo imports nothing.
  const files = await collectExportFiles(positionals);
  database = await openMigratedDatabase(databaseConfigFromEnv(process.env));
  const progress = importProgress(process.stderr, numberSetting(process.env, 'PROGRESS_INTERVAL_MS', 10_000));
  const started = Date.now();
  try {
    await importFiles(database.db, settings, files, {
      onProgress: (p) => progress.update(p),
      onFileDone: (summary) => {
        imported.push(summary);
        progress.fileDone();
        if (!json) printFileSummary(summary);
      },
    });
  } finally {
    progress.stop();
  }
  // The KPIs answer from the projections: they follow every import.
  const applied = await catchUpAll(database.db, settings.tenantId);
  if (writeJson) writeJson(imported);
  else {
    printTotals(imported, Date.now() - started);
    console.log(`projections: ${applied} events applied`);
  }
  return exitCodeOf(imported);
}

/** One line on stderr, and in --json mode the document saying the same with what was imported before. */
function fail(failure: CliFailure): void {
  console.error(failure.message);
  writeJson?.({ error: { exitCode: failure.exitCode, message: failure.message }, imports: imported });
  process.exitCode = failure.exitCode;
}
