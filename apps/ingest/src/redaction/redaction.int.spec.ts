import { sql, type Kysely } from 'kysely';
import { DEFAULT_TENANT_ID, openDatabase, REDACTOR_ROLE, type Database } from '@jugendamt/db';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import { aidCounts, catchUpAll, caseloadPerFte, PROJECTIONS, staffFluctuation, subProcessCounts } from '@jugendamt/projections';
import { defaultRows, writeExportFile, ingestTestKit, type IngestTestKit, everyStoredText } from '@jugendamt/ingest-pipeline/testing';
import { dryRun } from './dry-run.js';
import { rewriteTables, REDACTED_TABLES, RewriteNotAllowed, transactionHorizon, untilOldSnapshotsEnd } from './physical-removal.js';
import { redact, REDACTION_ROUTE } from './redact.js';
import { REDACTION_MARKER, type RedactableField } from './redactable-fields.js';
import { runRedaction } from './redaction-run.js';
import { RedactorRoleRefused } from './redactor-role.js';

/** A staff member's name, slipped by a malformed export into the Team column (a label like any team's) and into a code column. */
const NAME = 'Annegret Wolkenstein-Krüger';
const tenantId = DEFAULT_TENANT_ID;
const FIELDS: RedactableField[] = ['team', 'gender'];
const PROJECTION_TABLES = [...new Set(PROJECTIONS.flatMap((p) => p.tables))];

describe.each(TEST_BACKENDS)('redaction (%s)', (backend) => {
  let kit: IngestTestKit;
  beforeEach(async () => {
    kit = await ingestTestKit(backend);
    const cases = defaultRows('webfm_faelle', 12);
    cases[3] = { ...cases[3]!, Team: NAME };
    cases[4] = { ...cases[4]!, Geschlecht: NAME }; // an unknown code is kept, and its finding quotes it
    const aids = defaultRows('webfm_hilfen', 12);
    aids[3] = { ...aids[3]!, Team: NAME };
    aids[7] = { ...aids[7]!, Team: NAME };
    const staff = defaultRows('webfm_mitarbeiter', 4);
    staff[1] = { ...staff[1]!, Team: NAME };
    const subProcesses = defaultRows('webfm_teilprozesse', 6);
    subProcesses[2] = { ...subProcesses[2]!, Team: NAME };
    const summaries = await kit.importFiles([
      writeExportFile(kit.dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', cases),
      writeExportFile(kit.dir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', aids),
      writeExportFile(kit.dir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', staff),
      writeExportFile(kit.dir, 'webfm_teilprozesse_20240101_0215.csv', 'webfm_teilprozesse', subProcesses),
      // The next night corrects one aid's team: its stream keeps the name in its first event only.
      writeExportFile(
        kit.dir,
        'webfm_hilfen_20240102_0215.csv',
        'webfm_hilfen',
        aids.map((row, i) => (i === 7 ? { ...row, Team: 'ASD Team Süd', 'Geändert am': '01.01.2024 10:00' } : row)),
      ),
    ]);
    expect(summaries.map((s) => s.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    // Other tests' transactions in the cluster may hold the log's horizon back a moment.
    await untilEventsReadable(kit.db);
    await catchUpAll(kit.db, tenantId);
    expect(await tablesHolding(kit.db, NAME)).toEqual(
      expect.arrayContaining(['events', 'ingest_record_state', 'import_findings', 'aid_versions', 'case_versions', 'staff_versions', 'sub_process_versions']),
    );
  });
  afterEach(async () => kit.close());

  it('a dry run counts per source and field what would change, and changes nothing', async () => {
    const before = await everyStoredText(kit.db);
    const { counts, places } = await dryRun(kit.database, { tenantId, fields: FIELDS, value: NAME });
    expect(counts).toEqual({
      bySourceAndField: [
        { source: 'webfm_faelle', field: 'team', events: 1, records: 1, recordStates: 1 },
        { source: 'webfm_hilfen', field: 'team', events: 2, records: 2, recordStates: 1 },
        { source: 'webfm_mitarbeiter', field: 'team', events: 1, records: 1, recordStates: 1 },
        { source: 'webfm_teilprozesse', field: 'team', events: 1, records: 1, recordStates: 0 },
        { source: 'webfm_faelle', field: 'gender', events: 1, records: 1, recordStates: 1 },
      ],
      findings: 1,
    });
    expect(places.map((p) => p.table)).toEqual(await tablesHolding(kit.db, NAME));
    expect(await everyStoredText(kit.db)).toEqual(before);
  });

  it('erases the value from every table, projections included, keeps every count and logs who and why without the value', async () => {
    const answersBefore = await kpiAnswers(kit.db);
    expect(answersBefore.filter((answer) => answer.includes(NAME)).length).toBeGreaterThanOrEqual(3); // aids, sub-processes, staff
    const rowsBefore = await rowCounts(kit.db);

    const report = await runRedaction(kit.database, { tenantId, fields: FIELDS, value: NAME, by: 'Datenschutz, Frau Test', note: 'DSB-2026-14' });

    expect(report.remaining).toEqual([]);
    expect(report.heldBack).toEqual({ sessions: 0, pids: [], replicationSlots: 0 });
    expect(report.rebuilt.map((r) => r.projection).sort()).toEqual(PROJECTIONS.map((p) => p.name).sort());
    const stored = await everyStoredText(kit.db);
    const traces = [...stored].filter(([, text]) => text.includes(NAME) || text.includes('Wolkenstein')).map(([table]) => table);
    expect(traces).toEqual([]);
    expect(stored.get('events')).toContain(REDACTION_MARKER);
    expect(stored.get('aid_versions')).toContain(REDACTION_MARKER);

    // The same numbers, only the label is another.
    expect(await kpiAnswers(kit.db)).toEqual(answersBefore.map((answer) => answer.split(NAME).join(REDACTION_MARKER)).sort());
    expect(await rowCounts(kit.db)).toEqual(rowsBefore);

    const log = await kit.db.selectFrom('access_log').selectAll().where('method', '=', 'REDACT').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ tenant_id: tenantId, role: 'admin', subject: 'Datenschutz, Frau Test', route: REDACTION_ROUTE, status: 200, outcome: 'answered' });
    expect(log[0]!.parameters).toMatchObject({
      fields: FIELDS,
      note: 'DSB-2026-14',
      findings: 1,
      changed: expect.arrayContaining([{ source: 'webfm_hilfen', field: 'team', events: 2, records: 2, recordStates: 1 }]),
    });
    expect(JSON.stringify(log)).not.toContain('Wolkenstein');
  });

  (backend === 'postgres' ? it : it.skip)('takes no marker from an export: a label that holds one is refused, so a marker is never data', async () => {
    const aids = defaultRows('webfm_hilfen', 12).map((row, i) => (i === 5 ? { ...row, Team: REDACTION_MARKER, 'Geändert am': '02.01.2024 10:00' } : row));
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, 'webfm_hilfen_20240103_0215.csv', 'webfm_hilfen', aids)]);
    expect(summary!.findings).toContainEqual(expect.objectContaining({ code: 'merged-rows', field: 'team', line: 7 }));
    expect(await tablesHolding(kit.db, REDACTION_MARKER)).toEqual([]);
  });

  (backend === 'postgres' ? it : it.skip)('removes the old row versions from the tables’ files, which the update alone leaves', async () => {
    await redact(kit.db, { tenantId, fields: FIELDS, value: NAME, by: 'test', note: 'test' });
    expect(await filesHolding(kit.db, REDACTED_TABLES, NAME)).toEqual(['events', 'ingest_record_state', 'import_findings']);
    // As the redaction run does: a snapshot still able to read the old versions (an autovacuum's
    // ANALYZE under a busy suite) would have the rewrite copy them.
    expect(await untilOldSnapshotsEnd(kit.db, 'postgres', await transactionHorizon(kit.db), 60_000)).toEqual({ sessions: 0, pids: [], replicationSlots: 0 });
    await rewriteTables(kit.db, REDACTED_TABLES);
    expect(await filesHolding(kit.db, REDACTED_TABLES, NAME)).toEqual([]);
    expect(await filesHolding(kit.db, REDACTED_TABLES, REDACTION_MARKER)).toEqual(['events', 'ingest_record_state', 'import_findings']);
  });

  (backend === 'postgres' ? it : it.skip)('redacts only as a login that may take the role and acts for the tables’ owner, and refuses any other before changing anything', async () => {
    const login = `app_${Date.now().toString(36)}`;
    const { rows } = await sql<{ owner: string }>`SELECT current_user AS owner`.execute(kit.db);
    const owner = rows[0]!.owner;
    // An application's login that was even granted UPDATE on the events.
    await sql.raw(`CREATE ROLE ${login} LOGIN; GRANT USAGE ON SCHEMA public TO ${login}; GRANT SELECT, UPDATE ON events TO ${login}`).execute(kit.db);
    const url = new URL(kit.database.url!);
    url.username = login;
    const app = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    const request = { tenantId, fields: FIELDS, value: NAME, by: 'test', note: 'test' };
    try {
      const before = await everyStoredText(kit.db);
      // In its office: row-level security (migration 0017) shows a login without one no event to update.
      const inItsOffice = app.db.connection().execute(async (connection) => {
        await sql`SELECT set_config('jugendamt.tenant_id', ${tenantId}, false)`.execute(connection);
        return sql`UPDATE events SET payload = payload`.execute(connection);
      });
      await expect(inItsOffice).rejects.toThrow(/events are immutable: UPDATE/);
      await expect(redact(app.db, request)).rejects.toThrow(
        new RedactorRoleRefused(
          `the login ${login} may not take the role ${REDACTOR_ROLE}: a database administrator grants it for the redaction (GRANT ${REDACTOR_ROLE} TO ${login}) and revokes it after; nothing was changed`,
        ),
      );
      await sql.raw(`GRANT ${REDACTOR_ROLE} TO ${login}`).execute(kit.db);
      await expect(runRedaction(app, request)).rejects.toThrow(RewriteNotAllowed);
      await expect(dryRun(app, request)).rejects.toThrow(/does not act for the owner of aid_area_versions, aid_versions, .*events, .*nothing was changed/);
      expect(await everyStoredText(kit.db)).toEqual(before);

      // As docs/architecture.md sets it up: a member of the owner and of the redaction role.
      await sql.raw(`GRANT ${owner} TO ${login}`).execute(kit.db);
      const report = await runRedaction(app, request);
      expect(report.remaining).toEqual([]);
      expect(report.heldBack).toEqual({ sessions: 0, pids: [], replicationSlots: 0 });
      expect(await filesHolding(kit.db, [...REDACTED_TABLES, ...PROJECTION_TABLES], NAME)).toEqual([]);
      const entry = await kit.db.selectFrom('access_log').select('parameters').where('method', '=', 'REDACT').executeTakeFirstOrThrow();
      expect(entry.parameters).toMatchObject({ databaseLogin: login });
    } finally {
      await app.close();
      await sql.raw(`REVOKE ALL ON events FROM ${login}; REVOKE USAGE ON SCHEMA public FROM ${login}; DROP ROLE ${login}`).execute(kit.db);
    }
  });

  it('lets no role but the redaction role change an event, and that one only its payload and what is derived from it', async () => {
    const refusal = (statement: string, options: { asRedactor?: boolean; grant?: string } = {}) =>
      kit.db
        .transaction()
        .execute(async (trx) => {
          if (options.grant) await sql.raw(`GRANT ${options.grant} ON events TO ${REDACTOR_ROLE}`).execute(trx);
          if (options.asRedactor) await sql.raw(`SET LOCAL ROLE ${REDACTOR_ROLE}`).execute(trx);
          const result = await sql.raw(statement).execute(trx);
          throw new Rollback(`allowed (${Number(result.numAffectedRows ?? 0)} rows)`);
        })
        .catch((error: Error) => error.message);

    // The application's own connection (the tables' owner, here even a superuser).
    expect(await refusal(`UPDATE events SET payload = '{}'`)).toMatch(/events are immutable: UPDATE/);
    expect(await refusal(`DELETE FROM events`)).toMatch(/events are immutable: DELETE/);
    expect(await refusal(`TRUNCATE events`)).toMatch(/events are immutable: TRUNCATE/);
    // The redaction role: the payload and the key and id derived from it, nothing else.
    expect(await refusal(`UPDATE events SET payload = payload`, { asRedactor: true })).toMatch(/^allowed \(\d+ rows\)$/);
    expect(await refusal(`UPDATE events SET idempotency_key = 'x' || gen_random_uuid(), event_id = gen_random_uuid()`, { asRedactor: true })).toMatch(/^allowed \(\d+ rows\)$/);
    expect(await refusal(`UPDATE events SET event_type = 'AidEnded'`, { asRedactor: true })).toMatch(/permission denied/);
    expect(await refusal(`UPDATE events SET payload = '{}', occurred_on = NULL`, { asRedactor: true })).toMatch(/permission denied/);
    expect(await refusal(`SELECT idempotency_key FROM events`, { asRedactor: true })).toMatch(/permission denied/);
    expect(await refusal(`DELETE FROM events`, { asRedactor: true })).toMatch(/permission denied/);
    expect(await refusal(`TRUNCATE events`, { asRedactor: true })).toMatch(/permission denied/);
    // Granted more by mistake, the trigger still holds.
    expect(await refusal(`UPDATE events SET stream_version = stream_version + 100`, { asRedactor: true, grant: 'SELECT, UPDATE' })).toMatch(/no other column/);
    expect(await refusal(`UPDATE events SET payload = '{}', import_id = NULL`, { asRedactor: true, grant: 'SELECT, UPDATE' })).toMatch(/no other column/);
    expect(await refusal(`DELETE FROM events`, { asRedactor: true, grant: 'DELETE' })).toMatch(/events are immutable: DELETE/);
    expect(await refusal(`TRUNCATE events`, { asRedactor: true, grant: 'TRUNCATE' })).toMatch(/events are immutable: TRUNCATE/);
  });
});

class Rollback extends Error {}

async function tablesHolding(db: Kysely<Database>, value: string): Promise<string[]> {
  return [...(await everyStoredText(db))]
    .filter(([, text]) => text.includes(value))
    .map(([table]) => table)
    .sort();
}

/** Answers of KPIs that group by team, each row as JSON, in an order that does not depend on the label. */
async function kpiAnswers(db: Kysely<Database>): Promise<string[]> {
  const period = { tenantId, from: '2023-01-01', to: '2024-12-31' };
  const answers = [
    ...(await aidCounts(db, { ...period, by: ['team', 'setting'] })),
    ...(await subProcessCounts(db, { ...period, by: ['team'], granularity: 'month' })),
    ...(await staffFluctuation(db, period)),
    ...(await caseloadPerFte(db, { tenantId, on: '2024-06-30' })),
  ];
  return answers.map((row) => JSON.stringify(row)).sort();
}

/** Rows of the events, the record states and every projection table. */
async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['events', 'ingest_record_state', 'import_findings', ...PROJECTION_TABLES]) {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

/** The tables whose files on disk (main fork, TOAST included) hold the value's bytes, after a checkpoint wrote every page. */
async function filesHolding(db: Kysely<Database>, tables: readonly string[], value: string): Promise<string[]> {
  await sql`CHECKPOINT`.execute(db);
  const holding: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ found: boolean }>`
      SELECT bool_or(position(convert_to(${value}, 'UTF8') IN pg_read_binary_file(pg_relation_filepath(r.oid))) > 0) AS found
      FROM pg_class c JOIN pg_class r ON r.oid IN (c.oid, c.reltoastrelid)
      WHERE c.oid = ${table}::regclass`.execute(db);
    if (rows[0]!.found) holding.push(table);
  }
  return holding;
}
