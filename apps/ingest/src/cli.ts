import { parseArgs } from 'node:util';
import { collectExportFiles } from './import/collect-export-files.js';
import type { ImportSummary } from './import/finding.js';
import { importFiles, importSettings, openMigratedDatabase } from './import/import-session.js';

const usage = `usage: npm run ingest -- [--json] [--confirm-deletions] [--tenant ID] <files or folders>

Imports PROSOZ export files in observation order, one transaction per file.
Exits with 1 when a file was rejected or held, 2 on wrong usage.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    'confirm-deletions': { type: 'boolean', default: false },
    tenant: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || positionals.length === 0) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const files = await collectExportFiles(positionals);
const settings = importSettings({ tenantId: values.tenant, confirmDeletions: values['confirm-deletions'] });
const database = await openMigratedDatabase();
const started = Date.now();
try {
  const summaries = await importFiles(database.db, settings, files, values.json ? undefined : printLine);
  if (values.json) console.log(JSON.stringify(summaries.map(withoutFindingsDetail), null, 2));
  else printTotals(summaries, Date.now() - started);
  process.exitCode = summaries.some((s) => s.status === 'rejected' || s.status === 'held') ? 1 : 0;
} finally {
  await database.close();
}

function printLine(s: ImportSummary): void {
  const counts = `${s.rowsRead} rows, ${s.eventsAppended} events, ${s.rowsQuarantined} quarantined, ${s.rowsUnchanged} unchanged`;
  console.log(`${s.status.padEnd(9)} ${s.file}: ${counts}${s.status === 'applied' ? '' : ` — ${s.message}`}`);
  for (const f of s.findings.filter((f) => f.severity === 'error').slice(0, 5)) {
    console.log(`          line ${f.line ?? '-'}${f.column ? `, ${f.column}` : ''}: ${f.message}`);
  }
}

function printTotals(summaries: readonly ImportSummary[], ms: number): void {
  const rows = summaries.reduce((n, s) => n + s.rowsRead, 0);
  const events = summaries.reduce((n, s) => n + s.eventsAppended, 0);
  const by = (status: string) => summaries.filter((s) => s.status === status).length;
  console.log(
    `${summaries.length} files: ${by('applied')} applied, ${by('rejected')} rejected, ${by('held')} held, ` +
      `${by('duplicate')} duplicate, ${by('stale')} stale; ${rows} rows, ${events} events in ${(ms / 1000).toFixed(1)} s ` +
      `(${Math.round(rows / Math.max(ms / 1000, 0.001))} rows/s)`,
  );
}

function withoutFindingsDetail(s: ImportSummary) {
  const { findings, ...rest } = s;
  return { ...rest, findings: findings.length, errors: findings.filter((f) => f.severity === 'error') };
}
