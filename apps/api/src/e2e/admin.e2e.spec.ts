import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sha256OfFile } from '@jugendamt/ingest-pipeline';
import { defaultRows, exportFileBytes, until } from '@jugendamt/ingest-pipeline/testing';
import { bodyOf, startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

/** A night's date in file-name form, `daysAgo` days before today (Berlin). */
function nightOf(daysAgo: number): string {
  const day = new Date(Date.now() - daysAgo * 86_400_000);
  return day.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }).replaceAll('-', '');
}

describe('the administrator API on the embedded runner and real PostgreSQL', () => {
  let api: ApiUnderTest;
  let admin: string;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
    admin = api.tokens.admin;
  });
  afterAll(() => api?.close());

  const upload = (name: string, body: Buffer) => fetch(`${api.url}/api/v1/admin/inbox/${name}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body });
  const importOf = async (file: string) => (await bodyOf(await api.get('/api/v1/admin/imports?limit=100', admin))).imports.find((i: { file: string }) => i.file === file);
  const untilImported = (file: string) =>
    until(
      `the import of ${file}`,
      () => importOf(file),
      (i) => i !== undefined,
      30_000,
    );

  it('imports an uploaded file and lists it with counts and duration; its job says what it did', async () => {
    const name = `webfm_faelle_${nightOf(4)}_0215.csv`;
    const response = await upload(name, exportFileBytes('webfm_faelle', defaultRows('webfm_faelle', 12)));
    expect(response.status).toBe(202);
    const { job } = await bodyOf(response);
    expect(job).toMatchObject({ id: expect.stringMatching(/^file-[0-9a-f]{64}$/), description: name });

    // The import is recorded before its file is shelved: the job's end is when both are done.
    const finished = await until(
      'the job',
      async () => bodyOf(await api.get(`/api/v1/admin/jobs/${job.id}`, admin)),
      (j) => j.state === 'completed',
      30_000,
    );
    const record = await importOf(name);
    expect(record).toMatchObject({ source: 'webfm_faelle', status: 'applied', rowsRead: 12, eventsAppended: 12, rowsQuarantined: 0, decision: null });
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(api.inboxDir, 'done', name))).toBe(true);
    expect(finished.result.imports).toEqual([expect.objectContaining({ importId: record.importId, status: 'applied', eventsAppended: 12 })]);
    expect((await api.send('POST', '/api/v1/admin/imports', admin, { file: name })).status).toBe(404);
  });

  it('says which source is late, by how many days', async () => {
    const { findings } = await bodyOf(await api.get('/api/v1/admin/sources', admin));
    expect(findings).toEqual(
      expect.arrayContaining([
        { severity: 'warning', code: 'export-late', message: expect.stringMatching(/^the webfm_faelle export is 3 days late: the newest applied one was observed on \d\d\.\d\d\.\d{4}$/) },
        { severity: 'warning', code: 'never-applied', message: 'no 14plus_chronik export has been applied yet' },
      ]),
    );
  });

  it('serves the data-quality report as JSON and as a CSV for the teams', async () => {
    const name = `webfm_hilfen_${nightOf(2)}_0215.csv`;
    const rows = defaultRows('webfm_hilfen', 40);
    rows[6] = { ...rows[6]!, Beginn: '31.02.2024' };
    await upload(name, exportFileBytes('webfm_hilfen', rows));
    const record = await untilImported(name);
    expect(record).toMatchObject({ status: 'applied', rowsQuarantined: 1 });

    const report = await bodyOf(await api.get(`/api/v1/admin/imports/${record.importId}/findings`, admin));
    const bad = report.findings.find((f: { severity: string }) => f.severity === 'error');
    expect(bad).toMatchObject({ line: 8, column: 'Beginn', field: expect.any(String), message: expect.stringContaining('31.02.2024') });

    const csv = await api.get(`/api/v1/admin/imports/${record.importId}/findings?format=csv`, admin);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Datei;Zeile;Spalte;Schwere;Prüfung;Meldung');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${name};8;Beginn;Fehler;`)));
  });

  it('holds a truncated snapshot until confirmed, and lets a held one be rejected', async () => {
    const full = `webfm_mitarbeiter_${nightOf(3)}_0215.csv`;
    await upload(full, exportFileBytes('webfm_mitarbeiter', defaultRows('webfm_mitarbeiter', 20)));
    expect((await untilImported(full)).status).toBe('applied');
    const truncated = `webfm_mitarbeiter_${nightOf(2)}_0215.csv`;
    await upload(truncated, exportFileBytes('webfm_mitarbeiter', defaultRows('webfm_mitarbeiter', 5)));
    const held = await untilImported(truncated);
    expect(held).toMatchObject({ status: 'held', eventsAppended: 0, deletionShare: 0.75 });
    const { findings } = await bodyOf(await api.get('/api/v1/admin/sources', admin));
    expect(findings).toContainEqual(expect.objectContaining({ code: 'held-for-confirmation', message: expect.stringContaining(truncated) }));

    const confirm = await api.send('POST', `/api/v1/admin/imports/${held.importId}/confirm`, admin);
    expect(confirm.status).toBe(202);
    const { job } = await bodyOf(confirm);
    const done = await until(
      'the confirmation',
      async () => bodyOf(await api.get(`/api/v1/admin/jobs/${job.id}`, admin)),
      (j) => j.state === 'completed',
      30_000,
    );
    expect(done.result.imports).toEqual([expect.objectContaining({ file: truncated, status: 'applied' })]);
    expect((await bodyOf(await api.get(`/api/v1/admin/imports/${held.importId}`, admin))).decision).toMatchObject({ decision: 'confirmed', decidedBy: expect.stringMatching(/^admin:/) });
    expect((await api.send('POST', `/api/v1/admin/imports/${held.importId}/confirm`, admin)).status).toBe(409);

    const again = `webfm_mitarbeiter_${nightOf(1)}_0215.csv`;
    await upload(again, exportFileBytes('webfm_mitarbeiter', defaultRows('webfm_mitarbeiter', 1)));
    const heldAgain = await untilImported(again);
    expect(heldAgain.status).toBe('held');
    const rejected = await bodyOf(await api.send('POST', `/api/v1/admin/imports/${heldAgain.importId}/reject`, admin));
    expect(rejected).toMatchObject({ decision: 'rejected', import: { status: 'held', decision: { decision: 'rejected' } } });
    await until(
      'the rejection',
      async () => bodyOf(await api.get(`/api/v1/admin/jobs/${rejected.job.id}`, admin)),
      (j) => j.state === 'completed',
      30_000,
    );
    expect(existsSync(join(api.inboxDir, 'rejected', again))).toBe(true);
  });

  it('imports an uploaded population file, named without time and without byte order mark, and lists its findings', async () => {
    const name = `einwohner_${nightOf(5)}.csv`;
    const rows = [...defaultRows('einwohner', 3), { ...defaultRows('einwohner', 1)[0]!, Sozialraum: 'SR 09 Hafen' }];
    const response = await upload(name, exportFileBytes('einwohner', rows, { bom: false }));
    expect(response.status).toBe(202);
    const record = await untilImported(name);
    expect(record).toMatchObject({ source: 'einwohner', status: 'applied', rowsRead: 4, eventsAppended: 4, rowsQuarantined: 0 });
    const { findings } = await bodyOf(await api.get(`/api/v1/admin/imports/${record.importId}/findings`, admin));
    expect(findings).toContainEqual(expect.objectContaining({ code: 'unknown-social-area', line: 5, message: expect.stringContaining('"SR 09 Hafen"') }));
  });

  it('refuses an upload whose name says neither source nor night', async () => {
    const bad = await upload('faelle.csv', Buffer.from('x'));
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).errors).toEqual([{ field: 'fileName', message: expect.stringContaining('faelle.csv') }]);
  });

  it.each([
    ['application/x-www-form-urlencoded', 30],
    ['text/plain', 31],
    ['application/octet-stream', 32],
  ])('receives an upload sent as %s byte for byte', async (contentType, daysAgo) => {
    const body = exportFileBytes('webfm_mitarbeiter', defaultRows('webfm_mitarbeiter', 5));
    const name = `webfm_mitarbeiter_${nightOf(daysAgo)}_0215.csv`;
    const response = await fetch(`${api.url}/api/v1/admin/inbox/${name}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': contentType }, body });
    expect(response.status).toBe(202);
    // Every upload is a job of its own, the same bytes too; the file it shelves is the body as sent.
    const { job } = await bodyOf(response);
    await until(
      'the job',
      async () => bodyOf(await api.get(`/api/v1/admin/jobs/${job.id}`, admin)),
      (j) => j.state === 'completed',
      30_000,
    );
    expect(await sha256OfFile(join(api.inboxDir, 'done', name))).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('keeps schedules: validates them, shows the next runs, pauses, resumes and deletes them', async () => {
    const badCron = await api.send('PUT', '/api/v1/admin/schedules/webfm_faelle', admin, { cron: '61 5 * * *' });
    expect(badCron.status).toBe(400);
    expect((await bodyOf(badCron)).errors[0].field).toBe('cron');
    expect((await api.send('PUT', '/api/v1/admin/schedules/nowhere', admin, { cron: '30 5 * * *' })).status).toBe(400);

    const saved = await bodyOf(await api.send('PUT', '/api/v1/admin/schedules/14plus_chronik', admin, { cron: '30 5 * * *' }));
    expect(saved).toMatchObject({ source: '14plus_chronik', cron: '30 5 * * *', timeZone: 'Europe/Berlin', paused: false });
    expect(saved.nextRuns).toHaveLength(3);
    for (const run of saved.nextRuns) expect(new Date(run).toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin' })).toBe('05:30:00');

    expect(await bodyOf(await api.send('POST', '/api/v1/admin/schedules/14plus_chronik/pause', admin))).toMatchObject({ paused: true, nextRuns: [] });
    expect((await bodyOf(await api.send('POST', '/api/v1/admin/schedules/14plus_chronik/resume', admin))).paused).toBe(false);
    expect((await bodyOf(await api.get('/api/v1/admin/schedules', admin))).schedules).toEqual([expect.objectContaining({ source: '14plus_chronik', paused: false })]);
    expect((await api.send('DELETE', '/api/v1/admin/schedules/14plus_chronik', admin)).status).toBe(204);
    expect((await api.send('DELETE', '/api/v1/admin/schedules/14plus_chronik', admin)).status).toBe(404);
  });
});
