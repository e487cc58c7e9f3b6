import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { untilEventsReadable, withEventsTable } from '@jugendamt/event-store/testing';
import { normalizeAktenzeichen, Pseudonymizer } from '@jugendamt/domain';
import { collectExportFiles, importFile } from '@jugendamt/ingest-pipeline';
import { rowsInOrder, storedFindings, testImportSettings, TEST_PSEUDONYM_KEY, until } from '@jugendamt/ingest-pipeline/testing';
import { catchUpAll } from '@jugendamt/projections';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';

const samples = fileURLToPath(new URL('../../../../samples/', import.meta.url));
/** One year: on the test's day, every record of the samples that ended before this day a year ago is due. */
const RETENTION = { RETENTION_CASES_YEARS: '1', RETENTION_AIDS_YEARS: '1', RETENTION_SUB_PROCESSES_YEARS: '1', RETENTION_STAFF_YEARS: '1' };
const PERIODS = { webfm_faelle: 1, webfm_hilfen: 1, webfm_teilprozesse: 1, webfm_mitarbeiter: 1 };
const YEARS = [2022, 2023, 2024, 2025];

/** Every KPI route and the annual report, for every year of the samples. */
const KPI_READS = YEARS.flatMap((year) => [
  `/api/v1/kpis/sub-process-counts?period=${year}&by=team`,
  `/api/v1/kpis/chronicle-counts?period=${year}`,
  `/api/v1/kpis/aids?period=${year}&by=setting`,
  `/api/v1/kpis/aids/stock?on=${year}-12-31&by=team`,
  `/api/v1/kpis/cases-of-year?year=${year}`,
  `/api/v1/kpis/return-rate?period=${year}&by=team`,
  `/api/v1/kpis/staff-fluctuation?period=${year}`,
  `/api/v1/kpis/caseload?on=${year}-12-31`,
  `/api/v1/kpis/staffing-requirement?period=${year}`,
  `/api/v1/kpis/costs?period=${year}&by=team`,
  `/api/v1/kpis/endings?period=${year}`,
  `/api/v1/reports/annual/${year}?format=json`,
]);

/** The source ids in the samples, by the id space their pseudonyms live in. */
function sourceIds(): Map<string, { kind: string; id: string }> {
  const pseudonymizer = new Pseudonymizer(TEST_PSEUDONYM_KEY);
  const ids = new Map<string, { kind: string; id: string }>();
  const add = (kind: string, id: string) => ids.set(pseudonymizer.pseudonym(kind, kind === 'file-reference' ? normalizeAktenzeichen(id) : id), { kind, id });
  // Sub-processes come as deltas: each night's file holds only some of them.
  for (const file of readdirSync(samples).filter((name) => name.startsWith('webfm_'))) {
    const text = readFileSync(join(samples, file), 'utf8');
    for (const [id] of text.matchAll(/\bF\d{7}\b/g)) add('case', id);
    for (const [id] of text.matchAll(/\bH\d{7}\b/g)) add('aid', id);
    for (const [id] of text.matchAll(/\bTP\d{8}\b/g)) add('sub-process', id);
    for (const [id] of text.matchAll(/\bMA\d{4}\b/g)) add('staff', id);
    if (file.startsWith('webfm_faelle')) for (const line of text.split('\n').slice(1).filter(Boolean)) add('file-reference', line.split(';')[1]!);
  }
  return ids;
}

describe('unlinking after retention on real PostgreSQL', () => {
  let api: ApiUnderTest;
  let admin: string;
  const reads = async () => Promise.all(KPI_READS.map(async (path) => [path, rowsInOrder(await bodyOf(await api.get(path, api.tokens.controlling)))] as const));
  const tableNames = async () =>
    (await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(api.database.db)).rows.map(
      (r) => r.table_name,
    );
  /** Every row of every table, as text, by table. */
  const tables = async () => {
    const texts: Record<string, string> = {};
    for (const table of await tableNames()) {
      const { rows } = await sql<{ text: string | null }>`SELECT string_agg(t::text, E'\n' ORDER BY t::text) AS text FROM ${sql.table(table)} t`.execute(api.database.db);
      texts[table] = rows[0]!.text ?? '';
    }
    return texts;
  };
  const everything = async () => Object.values(await tables()).join('\n');
  const links = async () => new Map((await api.database.db.selectFrom('record_links').select(['surrogate', 'pseudonym']).execute()).map((l) => [l.surrogate, l.pseudonym]));
  const untilJobDone = async (id: string) =>
    until(
      'the job',
      async () => bodyOf(await api.get(`/api/v1/admin/jobs/${id}`, admin)),
      (job) => job.state === 'completed' || job.state === 'failed',
      60_000,
    );

  beforeAll(async () => {
    api = await startApiOn([await collectExportFiles([samples])], RETENTION);
    admin = api.tokens.admin;
  });
  afterAll(() => api?.close());

  it('lists in a dry run what would be unlinked, and changes nothing', async () => {
    const { access_log: logBefore, ...before } = await tables();
    const response = await api.get('/api/v1/admin/retention', admin);
    expect(response.status).toBe(200);
    const dry = await bodyOf(response);
    expect(dry.periods).toEqual(PERIODS);
    expect(dry.schedule).toEqual({ cron: '0 4 * * *', timeZone: 'Europe/Berlin' });
    expect(dry.counts.cases).toBeGreaterThan(0);
    expect(dry.counts.aids).toBeGreaterThan(0);
    expect(dry.counts.subProcesses).toBeGreaterThan(0);
    expect(dry.records.cases).toHaveLength(dry.counts.cases);
    const cutoff = new Date(Date.UTC(new Date().getUTCFullYear() - 1, new Date().getUTCMonth(), new Date().getUTCDate())).toISOString().slice(0, 10);
    for (const record of [...dry.records.cases, ...dry.records.aids, ...dry.records.subProcesses, ...dry.records.staff]) expect(record.ended < cutoff).toBe(true);
    // Nothing changed but the access log, which now holds the look.
    const { access_log: logAfter, ...after } = await tables();
    expect(after).toEqual(before);
    expect(logAfter!.length).toBeGreaterThan(logBefore!.length);
  });

  it('leaves nothing that links the unlinked records to their ids, even with the key in hand, and every KPI as it was', async () => {
    const kpisBefore = await reads();
    const dry = await bodyOf(await api.get('/api/v1/admin/retention', admin));
    const due = new Set<string>([...dry.records.cases, ...dry.records.aids, ...dry.records.subProcesses, ...dry.records.staff].map((r: { surrogate: string }) => r.surrogate));
    const ids = sourceIds();
    const linkedBefore = await links();
    const unlinkedIds = [...linkedBefore].filter(([surrogate]) => due.has(surrogate)).map(([, pseudonym]) => ({ pseudonym, ...ids.get(pseudonym)! }));
    expect(unlinkedIds.map((u) => u.kind).sort()).toEqual(expect.arrayContaining(['aid', 'case', 'sub-process']));
    expect(unlinkedIds.every((u) => u.id)).toBe(true);
    // The Aktenzeichen of the unlinked cases go with them.
    const caseRows = readFileSync(join(samples, 'webfm_faelle_20260104_0215.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    const unlinkedCases = new Set(unlinkedIds.filter((u) => u.kind === 'case').map((u) => u.id));
    const references = caseRows
      .map((line) => line.split(';'))
      .filter(([caseId]) => unlinkedCases.has(caseId!))
      .map(([, reference]) => reference!);
    const pseudonymizer = new Pseudonymizer(TEST_PSEUDONYM_KEY);
    const referencePseudonyms = references.map((reference) => pseudonymizer.pseudonym('file-reference', normalizeAktenzeichen(reference)));

    // The line a record stands on in its file would link it again for anyone holding the file.
    const lined = async () => new Set((await api.database.db.selectFrom('record_lines').select('record_id').execute()).map((r) => r.record_id));
    expect([...(await lined())].some((surrogate) => due.has(surrogate))).toBe(true);

    const job = await bodyOf(await api.send('POST', '/api/v1/admin/retention/unlink', admin));
    const done = await untilJobDone(job.id);
    expect([...(await lined())].filter((surrogate) => due.has(surrogate))).toEqual([]);
    expect(done).toMatchObject({ state: 'completed', result: { unlinked: { dryRun: false, counts: dry.counts } } });

    const stored = await everything();
    // The scan can find what is there: a record still linked shows its pseudonym.
    const stillLinked = [...(await links()).values()].find((pseudonym) => ids.has(pseudonym));
    expect(stillLinked && stored.includes(stillLinked)).toBe(true);
    for (const { pseudonym, id } of unlinkedIds) {
      expect([id, stored.includes(pseudonym)]).toEqual([id, false]);
      expect([id, stored.includes(id)]).toEqual([id, false]);
    }
    for (const pseudonym of referencePseudonyms) expect(stored.includes(pseudonym)).toBe(false);
    const surrogatesLeft = await links();
    for (const surrogate of due) expect(surrogatesLeft.has(surrogate)).toBe(false);

    // The events stay: every answer is the same, and so after a rebuild from them.
    expect(await reads()).toEqual(kpisBefore);
    const rebuild = await bodyOf(await api.send('POST', '/api/v1/admin/projections/rebuild', admin, {}));
    expect((await untilJobDone(rebuild.id)).state).toBe('completed');
    expect(await reads()).toEqual(kpisBefore);

    // Each run is in the access log, with counts only.
    const logged = await api.database.db.selectFrom('access_log').select(['subject', 'parameters']).where('route', '=', 'retention/unlink').orderBy('entry_id').execute();
    expect(logged.at(-1)).toEqual({ subject: 'job', parameters: { dryRun: false, periods: PERIODS, counts: dry.counts } });
    expect(logged.filter((entry) => (entry.parameters as { dryRun: boolean }).dryRun).length).toBeGreaterThanOrEqual(2);
  });

  it('does not take in again a record past its retention, and starts a reopened one anew', async () => {
    const file = join(api.inboxDir, 'webfm_faelle_20260105_0215.csv');
    const text = readFileSync(join(samples, 'webfm_faelle_20260104_0215.csv'), 'utf8');
    const header = text.split('\n')[0]!;
    const rows = text.split('\n').slice(1).filter(Boolean);
    // F0000001 (ended 2022) is unlinked by now; in this export WebFM reopened it.
    const reopened = rows.map((line) => (line.startsWith('F0000001;') ? line.replace(/;27\.11\.2022;27\.11\.2022 16:39/, ';;05.01.2026 08:00') : line));
    expect(reopened).not.toEqual(rows);
    writeFileSync(file, [header, ...reopened, ''].join('\n'));
    const casesBefore = await withEventsTable(api.database.db)
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('stream_id', 'like', 'case-%')
      .executeTakeFirstOrThrow();

    const summary = await importFile(api.database.db, testImportSettings({ retention: PERIODS }), file);
    expect(summary.status).toBe('applied');
    const findings = await storedFindings(api.database.db, summary.importId);
    const pastRetention = findings.filter((f) => f.code === 'past-retention');
    const anew = findings.filter((f) => f.code === 'new-after-retention');
    expect(pastRetention.length).toBeGreaterThan(0);
    expect(anew).toEqual([expect.objectContaining({ line: rows.findIndex((l) => l.startsWith('F0000001;')) + 2, severity: 'info' })]);
    // Only the reopened case is new: nothing of the unlinked ones is deleted or taken in again.
    expect(summary.eventsAppended).toBe(1);
    const casesAfter = await withEventsTable(api.database.db)
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('stream_id', 'like', 'case-%')
      .executeTakeFirstOrThrow();
    expect(Number(casesAfter.n)).toBe(Number(casesBefore.n) + 1);
    await untilEventsReadable(api.database.db);
    await catchUpAll(api.database.db, DEFAULT_TENANT_ID);
  });
});
