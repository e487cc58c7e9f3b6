import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv } from '@jugendamt/db';
import { openMigratedDatabase, readIngestSettings, RETENTION_SETTINGS, RETAINED_SOURCES, unlinkAfterRetention, type IngestSettings, type UnlinkOutcome } from '@jugendamt/ingest-pipeline';

const usage = `usage: npm run unlink -- [--dry-run] [--json] [--tenant ID]

Unlinks the records whose retention period has run out: afterwards nothing links their events
to their Fall-ID, Aktenzeichen, Hilfe-ID or Mitarbeiter-ID; the events and every KPI stay.
The worker does this every night (RETENTION_SCHEDULE); this command runs it now.
  --dry-run  list what would be unlinked, change nothing
  --json     print the outcome as JSON
Periods, in years after a record's end (unset: the source is never unlinked):
${RETAINED_SOURCES.map((source) => `  ${RETENTION_SETTINGS[source]}`).join('\n')}
See docs/data-protection.md.`;

const { values } = parseArgs({
  options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, tenant: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
let settings: IngestSettings;
try {
  settings = readIngestSettings(process.env);
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}

const database = await openMigratedDatabase(databaseConfigFromEnv(process.env));
try {
  const outcome = await unlinkAfterRetention(database.db, {
    tenantId: values.tenant ?? settings.tenantId,
    periods: settings.retention,
    dryRun: values['dry-run'],
    by: `cli:${userInfo().username}`,
  });
  console.log(values.json ? JSON.stringify(outcome, null, 2) : describe(outcome));
} finally {
  await database.close();
}

function describe(outcome: UnlinkOutcome): string {
  if (outcome.note) return outcome.note;
  const { counts } = outcome;
  const lines = [
    `${outcome.dryRun ? 'would unlink' : 'unlinked'}: ${counts.cases} cases (with ${counts.fileReferences} Aktenzeichen), ${counts.aids} aids, ${counts.subProcesses} sub-processes, ${counts.staff} staff members`,
  ];
  const listed = outcome.records;
  if (listed) {
    const groups = { cases: listed.cases, aids: listed.aids, 'sub-processes': listed.subProcesses, staff: listed.staff };
    for (const [name, records] of Object.entries(groups)) {
      for (const record of records) lines.push(`  ${name.padEnd(13)} ${record.surrogate}  ended ${record.ended}`);
    }
  }
  return lines.join('\n');
}
