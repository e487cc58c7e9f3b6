import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { until } from '@jugendamt/ingest-pipeline/testing';
import type { paths } from '../src/api/schema.js';
import { root, type RunningProduct } from './support/product.js';
import { consoleInChromium, seriousViolations } from './support/console-in-chromium.js';

type ImportList = paths['/api/v1/admin/imports']['get']['responses'][200]['content']['application/json'];
type ImportRecord = ImportList['imports'][number];
type JobList = paths['/api/v1/admin/jobs']['get']['responses'][200]['content']['application/json'];
type Job = JobList['jobs'][number];

const VERDICT: Readonly<Record<ImportRecord['status'], string>> = {
  applied: 'eingelesen',
  rejected: 'abgelehnt',
  held: 'angehalten',
  duplicate: 'schon bekannt',
  stale: 'veraltet',
};
const german = (value: number) => value.toLocaleString('de-DE');

/** A sample export under a later night's name: new to the product, which imported the samples at start. */
function laterNight(sample: string, name: string) {
  return { name, mimeType: 'text/csv', buffer: readFileSync(`${root}samples/${sample}`) };
}

/**
 * Exporte hochladen and Aufträge in Chromium against the product on the sample office: files
 * go up through the page's file input, their jobs are followed to the verdicts the import
 * list gives, and a job that failed for real is run again from the job list.
 */
describe('administrator uploads exports and watches their jobs (postgres)', () => {
  const chromium = consoleInChromium({ signedInAs: 'admin' });
  let product: RunningProduct;
  let page: Page;
  beforeEach(() => ({ product, page } = chromium));

  const json = async <T>(path: string): Promise<T> => (await product.api(path, 'admin')).json() as Promise<T>;
  const importsOf = async (file: string) => (await json<ImportList>('/api/v1/admin/imports?limit=1000')).imports.filter((i) => i.file === file);
  const jobs = async (query = '') => (await json<JobList>(`/api/v1/admin/jobs?limit=100${query}`)).jobs;
  const send = (method: 'PUT' | 'POST', path: string, body?: Buffer) =>
    fetch(`${product.url}${path}`, { method, headers: { authorization: `Bearer ${product.tokens.admin}`, 'content-type': 'application/octet-stream' }, body });

  async function expectAccessible(name: string): Promise<void> {
    await page.screenshot({ path: `${root}docs/screenshots/${name}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }

  /** A chosen file's entry on the upload page, found by its heading. */
  const uploadOf = (name: string): Locator => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name }) });

  /** The value and maximum of a native progress bar. */
  const barOf = async (bar: Locator) => ({ value: Number(await bar.getAttribute('value')), max: Number(await bar.getAttribute('max')) });

  it('uploads two exports through the file input and follows each job to the verdict the import list gives', async () => {
    await page.goto(`${product.url}/verwaltung/hochladen`);
    const files = [laterNight('webfm_hilfen_20260104_0215.csv', 'webfm_hilfen_20260105_0215.csv'), laterNight('14plus_chronik_20260104_0230.csv', '14plus_chronik_20260105_0230.csv')];
    await page.getByLabel('Exportdateien auswählen').setInputFiles(files);

    for (const file of files) {
      const entry = uploadOf(file.name);
      const verdict = entry.getByRole('status');
      await verdict.filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });
      const [record, ...more] = await importsOf(file.name);
      expect(more).toEqual([]);
      expect(record!.status).toBe('applied');
      await expect(verdict.textContent()).resolves.toBe(
        `${file.name}: ${VERDICT[record!.status]} (${german(record!.rowsRead)} Zeilen gelesen, ${german(record!.eventsAppended)} Ereignisse übernommen, ${german(record!.rowsQuarantined)} Zeilen zurückgestellt).`,
      );
      await expect(entry.getByRole('link', { name: `Import ${file.name} ansehen` }).getAttribute('href')).resolves.toBe(`/verwaltung/importe/${record!.importId}`);

      // Both bars ran full: every byte went up, and the job read the whole file, as many rows as the import did.
      await expect(barOf(entry.getByRole('progressbar', { name: `Hochladen von ${file.name}` }))).resolves.toEqual({ value: file.buffer.length, max: file.buffer.length });
      await expect(barOf(entry.getByRole('progressbar', { name: `Einlesen von ${file.name}` }))).resolves.toEqual({ value: 1, max: 1 });
      await expect(entry.textContent()).resolves.toContain(`100 % · ${german(record!.rowsRead)} Zeilen gelesen`);
      const job = (await jobs()).find((j) => j.job.kind === 'file' && j.job.file === file.name);
      expect(job).toMatchObject({ state: 'completed', progress: { file: file.name, rowsRead: record!.rowsRead, share: 1 } });
      expect(record!.rowsRead).toBeGreaterThan(0);
    }
    await expectAccessible('admin-hochladen');
  });

  it('refuses files whose names cannot be exports with a German reason, and sends none of them', async () => {
    await page.goto(`${product.url}/verwaltung/hochladen`);
    const importsBefore = (await json<ImportList>('/api/v1/admin/imports?limit=1000')).imports.length;
    const jobsBefore = (await jobs()).length;
    const uploads: string[] = [];
    page.on('request', (request) => request.method() === 'PUT' && uploads.push(request.url()));
    const body = readFileSync(`${root}samples/webfm_faelle_20260104_0215.csv`);
    await page.getByLabel('Exportdateien auswählen').setInputFiles([
      { name: 'webfm_akten_20260105_0215.csv', mimeType: 'text/csv', buffer: body },
      { name: 'Fallliste Januar.csv', mimeType: 'text/csv', buffer: body },
      { name: 'webfm_faelle_20260231_0215.csv', mimeType: 'text/csv', buffer: body },
    ]);
    await expect(uploadOf('webfm_akten_20260105_0215.csv').getByRole('alert').textContent()).resolves.toMatch(/^Nicht hochgeladen: Der Name nennt keinen bekannten Export \(erlaubt: webfm_faelle, /);
    await expect(uploadOf('Fallliste Januar.csv').getByRole('alert').textContent()).resolves.toMatch(/^Nicht hochgeladen: Der Name folgt nicht dem Muster <Quelle>_JJJJMMTT_HHMM\.csv/);
    await expect(uploadOf('webfm_faelle_20260231_0215.csv').getByRole('alert').textContent()).resolves.toBe('Nicht hochgeladen: Der Name enthält kein gültiges Datum mit Uhrzeit.');
    await expect(uploadOf('webfm_faelle_20260231_0215.csv').getByRole('progressbar').count()).resolves.toBe(0);

    // Nothing went to the server, so nothing waits, ran or was imported.
    await page.waitForTimeout(1_000);
    expect(uploads).toEqual([]);
    await expect(json<{ files: unknown[] }>('/api/v1/admin/inbox').then((inbox) => inbox.files)).resolves.toEqual([]);
    await expect(jobs().then((all) => all.length)).resolves.toBe(jobsBefore);
    await expect(json<ImportList>('/api/v1/admin/imports?limit=1000').then((list) => list.imports.length)).resolves.toBe(importsBefore);

    // The server has the last word: a name the page lets through, observed years ahead, is rejected by the import.
    const future = 'webfm_teilprozesse_20991231_0215.csv';
    await page.getByLabel('Exportdateien auswählen').setInputFiles([laterNight('webfm_teilprozesse_20260104_0215.csv', future)]);
    await uploadOf(future).getByRole('status').filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });
    const [rejected] = await importsOf(future);
    expect(rejected).toMatchObject({ status: 'rejected', eventsAppended: 0 });
    await expect(uploadOf(future).getByRole('status').textContent()).resolves.toMatch(new RegExp(`^${future}: abgelehnt \\(0 Zeilen gelesen, 0 Ereignisse übernommen`));
  });

  it('lists the jobs the API lists, and runs a job that failed for real again from the page', async () => {
    // A snapshot that would delete half the cases is held for the administrator's decision.
    const held = 'webfm_faelle_20260106_0215.csv';
    const lines = readFileSync(`${root}samples/webfm_faelle_20260104_0215.csv`).toString('utf8').split('\r\n');
    const upload = await send('PUT', `/api/v1/admin/inbox/${held}`, Buffer.from(lines.slice(0, Math.ceil(lines.length / 2)).join('\r\n') + '\r\n', 'utf8'));
    expect(upload.status).toBe(202);
    // The job ends once the file is shelved in held/, after its import is recorded.
    const { job: heldJob } = (await upload.json()) as { job: Job };
    await until(
      'the held verdict',
      async () => (await jobs()).find((j) => j.id === heldJob.id),
      (j) => j?.state === 'completed',
      30_000,
    );
    const [record, ...more] = await importsOf(held);
    expect(more).toEqual([]);
    expect(record!.status).toBe('held');

    // The file leaves held/ before the confirmation (a clean-up, a restore gone wrong): the job cannot apply it and fails.
    const heldPath = join(product.inboxDir, 'held', held);
    // Outside the inbox: the product watches it and would import whatever lands there.
    const aside = join(mkdtempSync(join(tmpdir(), 'held-aside-')), held);
    copyFileSync(heldPath, aside);
    rmSync(heldPath);
    const confirm = await send('POST', `/api/v1/admin/imports/${record!.importId}/confirm`);
    expect(confirm.status).toBe(202);
    const { job: confirmation } = (await confirm.json()) as { job: Job };
    const failed = await until(
      'the failed confirmation',
      async () => (await jobs()).find((j) => j.id === confirmation.id),
      (j) => j?.state === 'failed',
      30_000,
    );
    expect(failed!.lastError).toMatch(/is no longer in .*held/);

    await page.goto(`${product.url}/verwaltung/auftraege`);
    const table = page.getByRole('table', { name: 'Alle Aufträge, neueste zuerst' });
    await table.waitFor();
    // Every job the API lists, in its order, its state in words.
    const listed = await jobs();
    const stateWords = { waiting: 'wartet', active: 'läuft', delayed: 'wartet auf einen neuen Versuch', completed: 'abgeschlossen', failed: 'fehlgeschlagen' };
    const shownRows = await table.locator('tbody tr').all();
    expect(shownRows).toHaveLength(listed.length);
    for (const [i, row] of shownRows.entries()) {
      const job = listed[i]!;
      const subject = job.job.kind === 'file' ? job.job.file : job.job.kind === 'confirm' ? `Import ${job.job.importId.slice(0, 8)}` : undefined;
      if (subject) await expect(row.getByRole('rowheader').textContent()).resolves.toMatch(new RegExp(`^${subject.replace(/\./g, '\\.')}`));
      await expect(row.locator('td').nth(0).textContent()).resolves.toContain(stateWords[job.state]);
      await expect(row.locator('td').nth(4).textContent()).resolves.toBe(`${job.attemptsMade} von ${job.attempts}`);
      const [only, ...others] = job.result?.imports ?? [];
      if (job.job.kind === 'file' && only && others.length === 0) await expect(row.locator('td').nth(5).textContent()).resolves.toBe(VERDICT[only.status]);
    }
    const failedRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `Import ${record!.importId.slice(0, 8)}` }) });
    await expect(failedRow.textContent()).resolves.toContain(failed!.lastError!);
    await expectAccessible('admin-auftraege');

    // The filter asks the API for failed jobs only.
    await page.getByLabel('Zustand').selectOption('failed');
    const failedTable = page.getByRole('table', { name: 'Aufträge im Zustand „fehlgeschlagen“, neueste zuerst' });
    await failedTable.waitFor();
    await expect(failedTable.locator('tbody tr').count()).resolves.toBe((await jobs('&state=failed')).length);
    await page.getByLabel('Zustand').selectOption('');
    await table.waitFor();

    // The file is back; the re-run from the page applies the confirmed snapshot, and the row follows it live.
    copyFileSync(aside, heldPath);
    await failedRow.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'erneut' }).textContent()).resolves.toMatch(/^Der Auftrag „Angehaltenen Import bestätigen: Import [0-9a-f]{8}“ wird erneut ausgeführt/);
    await failedRow.filter({ hasText: `${held}: eingelesen` }).waitFor({ timeout: 60_000 });
    await expect(failedRow.getByRole('button', { name: 'Erneut versuchen' }).count()).resolves.toBe(0);
    const rerun = (await jobs()).find((j) => j.id === confirmation.id);
    expect(rerun).toMatchObject({ state: 'completed', attemptsMade: 1, result: { imports: [{ file: held, status: 'applied' }] } });
    await expect(failedRow.locator('td').nth(0).textContent()).resolves.toContain('abgeschlossen');
    expect((await importsOf(held)).map((i) => i.status).sort()).toEqual(['applied', 'held']);
  });
});
