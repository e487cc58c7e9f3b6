import { parseArgs } from 'node:util';
import { catchUpAll } from '@jugendamt/projections';
import { importProgress } from './console/import-progress.js';
import { printFileSummary, printTotals, summaryAsJson } from './console/print-summary.js';
import { collectExportFiles } from './import/collect-export-files.js';
import { importFiles, importSettings, openMigratedDatabase } from './import/import-session.js';

const usage = `usage: npm run ingest -- [--json] [--confirm-deletions] [--tenant ID] [--profile FILE] <files or folders>

Imports PROSOZ export files in observation order, one transaction per file.
  --json               print the per-file summaries (with every finding) as JSON
  --confirm-deletions  apply snapshots held for deleting too many records
  --tenant ID          the office (default: TENANT_ID or "default")
  --profile FILE       mapping profile of the office's exports (default: EXPORT_PROFILE or EXPORTS.md's)
Environment: DATABASE_URL (unset: embedded PGlite under DATA_DIR), PSEUDONYM_KEY,
DELETION_THRESHOLD (0.1), QUARANTINE_THRESHOLD (0.05), PROGRESS_INTERVAL_MS (10000).
Exits with 1 when a file was rejected or held, 2 on wrong usage.`;

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
if (values.help || positionals.length === 0) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

let settings;
try {
  settings = importSettings({ tenantId: values.tenant, confirmDeletions: values['confirm-deletions'], profilePath: values.profile });
} catch (error) {
  // A wrong setting is the operator's to fix: one line, no stack.
  console.error((error as Error).message);
  process.exit(2);
}
const files = await collectExportFiles(positionals);
const database = await openMigratedDatabase();
const progress = importProgress();
const started = Date.now();
try {
  const summaries = await importFiles(database.db, settings, files, {
    onProgress: (p) => progress.update(p),
    onFileDone: (summary) => {
      progress.fileDone();
      if (!values.json) printFileSummary(summary);
    },
  });
  // The KPIs answer from the projections: they follow every import.
  const applied = await catchUpAll(database.db, settings.tenantId);
  if (values.json) console.log(summaryAsJson(summaries));
  else {
    printTotals(summaries, Date.now() - started);
    console.log(`projections: ${applied} events applied`);
  }
  process.exitCode = summaries.some((s) => s.status === 'rejected' || s.status === 'held') ? 1 : 0;
} finally {
  progress.stop();
  await database.close();
}
