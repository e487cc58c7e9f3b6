import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, DEFAULT_TENANT_ID, migrateToLatest, openDatabase, REDACTOR_ROLE, type DatabaseHandle } from '@jugendamt/db';
import { failureOf, UsageError } from '../console/cli-failure.js';
import { EXIT } from '../console/exit-codes.js';
import { faultLine } from '@jugendamt/ingest-pipeline';
import { dryRun } from './dry-run.js';
import { isRedactableField, REDACTABLE_FIELDS, REDACTION_MARKER } from './redactable-fields.js';
import { readRedactedValue } from './redacted-value-input.js';
import { totalEvents, totalRecordStates, type RedactionCounts } from './redaction-counts.js';
import { runRedaction } from './redaction-run.js';
import { RedactorRoleRefused } from './redactor-role.js';
import { RewriteNotAllowed } from './physical-removal.js';

const usage = `usage: npm run redact -- --field NAME [--field NAME ...] [--dry-run] --note TEXT [--by NAME] [--tenant ID] < value.txt
       npm run redact -- --field NAME --value-file FILE --note TEXT ...

Erases a value that should never have been stored (Art. 17 GDPR) from every event and record
state of the office that holds it in one of the fields, and from findings that quote it: it is
replaced by "${REDACTION_MARKER}". The value is read from standard input (typed unseen at
a terminal) or a file, never from the command line, and never printed or logged.
  --field NAME       a field of the records, repeatable: ${REDACTABLE_FIELDS.join(', ')}
  --value-file FILE  read the value from this file instead of standard input
  --dry-run          count what would change, per source; change nothing
  --note TEXT        why, for the access log: a ticket or reference (required unless --dry-run)
  --by NAME          who, for the access log (default: the operating-system user)
  --tenant ID        the office (default: TENANT_ID or "default")
In one transaction under the database role ${REDACTOR_ROLE} (the login must be a member,
see docs/architecture.md): the values replaced and one access-log entry written. Then the old
row versions are removed (VACUUM FULL), every projection is rebuilt, and every table is
searched for the value. Stop the API first on the embedded database.
Environment: REDACTION_DATABASE_URL (the login that redacts; default DATABASE_URL),
DATABASE_URL (unset: embedded PGlite under DATA_DIR).
Exit codes:
  0  done (or counted, with --dry-run): the value is in no table any more
  1  redacted, but the value is still found somewhere or old row versions may remain: see the output
  2  usage error, or the login may not take the role or rewrite the tables: nothing was changed
  3  the database failed: nothing was changed if the redaction itself failed, else see the output`;

let value: string | undefined;
let database: DatabaseHandle | undefined;
/** Once the redaction committed, a fault after it leaves the clean-up to do, not the redaction. */
let committed = false;
try {
  process.exitCode = await main();
} catch (error) {
  const failure = error instanceof RedactorRoleRefused || error instanceof RewriteNotAllowed ? { exitCode: EXIT.inputError, message: error.message } : failureOf(error);
  const message =
    failure.exitCode === EXIT.inputError
      ? failure.message
      : committed
        ? `the value is redacted and the access log written, but the clean-up after failed: ${faultLine(error)}; run the same redaction again to finish it (it finds nothing more to change, then removes old row versions and rebuilds)`
        : `nothing was changed: ${faultLine(error)}`;
  // A database's message may quote what it was given: the value is not repeated.
  console.error(value ? message.split(value).join('…') : message);
  process.exitCode = failure.exitCode;
} finally {
  await database?.close().catch(() => undefined);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      field: { type: 'string', multiple: true },
      'value-file': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      note: { type: 'string' },
      by: { type: 'string' },
      tenant: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return EXIT.done;
  }
  // Not quoted back: an argument may be the value itself, typed where it does not belong.
  if (positionals.length > 0) throw new UsageError('the value is read from standard input or --value-file, never from the command line (shell history, process lists): see --help');
  const fields = [...new Set(values.field ?? [])];
  if (fields.length === 0 || !fields.every(isRedactableField)) throw new UsageError(`--field must name one of ${REDACTABLE_FIELDS.join(', ')}; see --help`);
  const note = values.note?.trim() ?? '';
  if (!values['dry-run'] && note === '') throw new UsageError('--note is required: why the value is erased (a ticket, the reference of the request)');
  const by = values.by?.trim() || `os:${userInfo().username}`;
  for (const [name, text] of [
    ['--note', note],
    ['--by', by],
  ] as const) {
    if (text.length > 200) throw new UsageError(`${name} is longer than 200 characters`);
  }
  value = await readRedactedValue(values['value-file']);
  for (const [name, text] of [
    ['--note', note],
    ['--by', by],
  ] as const) {
    if (text.toLowerCase().includes(value.toLowerCase())) throw new UsageError(`${name} contains the value to redact: the access log must not`);
  }
  const tenantId = values.tenant ?? process.env['TENANT_ID'] ?? DEFAULT_TENANT_ID;
  // A login of its own may run it, so that the application's login need not be able to redact.
  database = await openDatabase({ ...databaseConfigFromEnv(process.env), databaseUrl: process.env['REDACTION_DATABASE_URL'] || process.env['DATABASE_URL'] || undefined });
  await migrateToLatest(database.db);
  const target = { tenantId, fields, value };

  if (values['dry-run']) {
    const { counts, places } = await dryRun(database, target);
    printCounts(`dry run, ${fieldList(fields)} of office "${tenantId}": a redaction would change`, fields, counts);
    console.log(places.length ? `the value is found in: ${places.map((p) => `${p.table} (${p.rows} rows)`).join(', ')}` : 'the value is found in no table');
    console.log('nothing changed');
    return EXIT.done;
  }

  const report = await runRedaction(
    database,
    { ...target, by, note },
    {
      onStep: (step) => {
        committed = true;
        console.error(
          {
            redacted: 'redacted and logged; removing old row versions …',
            rewritten: 'old row versions removed; rebuilding the projections …',
            rebuilt: 'projections rebuilt; searching every table …',
          }[step],
        );
      },
    },
  );
  printCounts(`redacted ${fieldList(fields)} of office "${tenantId}" (access log: ${by}):`, fields, report.counts);
  for (const r of report.rebuilt) console.log(`  projection ${r.projection}: rebuilt from ${r.eventsApplied} events`);
  let exitCode: number = EXIT.done;
  if (report.heldBack.sessions > 0 || report.heldBack.replicationSlots > 0) {
    console.log(
      `warning: ${report.heldBack.sessions} older transaction(s)${report.heldBack.pids.length ? ` (server processes ${report.heldBack.pids.join(', ')} in pg_stat_activity)` : ''} and ${report.heldBack.replicationSlots} replication slot(s) still held old row versions: ` +
        'once they are gone, run VACUUM FULL on events, ingest_record_state, import_findings and the projection tables again',
    );
    exitCode = EXIT.notApplied;
  }
  if (report.remaining.length > 0) {
    console.log(`warning: the value is still found (in any office, in any field) in: ${report.remaining.map((p) => `${p.table} (${p.rows} rows)`).join(', ')}`);
    exitCode = EXIT.notApplied;
  } else {
    console.log('the value is found in no table any more; backups, WAL archives and replicas: see docs/architecture.md');
  }
  return exitCode;
}

function fieldList(fields: readonly string[]): string {
  return `field${fields.length > 1 ? 's' : ''} ${fields.map((f) => `"${f}"`).join(', ')}`;
}

function printCounts(title: string, fields: readonly string[], counts: RedactionCounts): void {
  console.log(title);
  for (const field of fields) {
    const lines = counts.bySourceAndField.filter((c) => c.field === field);
    if (lines.length === 0) console.log(`  ${'(no source)'.padEnd(20)} ${field.padEnd(16)} 0 events`);
    for (const c of lines) console.log(`  ${c.source.padEnd(20)} ${c.field.padEnd(16)} ${c.events} events of ${c.records} records, ${c.recordStates} record states`);
  }
  console.log(`  ${'import findings'.padEnd(37)} ${counts.findings} quoting it`);
  console.log(`  total ${totalEvents(counts)} events, ${totalRecordStates(counts)} record states, ${counts.findings} findings`);
}
