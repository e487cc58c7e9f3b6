import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { until } from '@jugendamt/ingest-pipeline/testing';
import type { paths } from '../src/api/schema.js';
import { root, type RunningProduct } from './support/product.js';
import { consoleInChromium, seriousViolations } from './support/console-in-chromium.js';

type Answer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer A } } } } } ? A : never;
type ImportRecord = Answer<'/api/v1/admin/imports'>['imports'][number];
type ImportDetail = Answer<'/api/v1/admin/imports/{importId}'>;
type Findings = Answer<'/api/v1/admin/imports/{importId}/findings'>;
type Job = Answer<'/api/v1/admin/jobs/{jobId}'>;

/** The words and marks the page shows, written out here so that the test does not share the page's mapping. */
const SOURCE = {
  webfm_faelle: 'OPEN/WebFM Fälle',
  webfm_hilfen: 'OPEN/WebFM Hilfen',
  webfm_teilprozesse: 'OPEN/WebFM Teilprozesse',
  webfm_mitarbeiter: 'OPEN/WebFM Mitarbeitende',
  '14plus_chronik': '14plus Chronik',
  einwohner: 'Einwohner',
} as Record<string, string>;
const STATUS = { applied: '✓ eingelesen', rejected: '✕ abgelehnt', held: '‖ angehalten', duplicate: '= schon bekannt', stale: '! veraltet' } as Record<string, string>;
const SEVERITY = { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' } as Record<string, string>;

const de = (value: number, digits = 0) => value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso)) : '–');
const seconds = (ms: number | null) =>
  ms === null ? '–' : ms < 60_000 ? `${de(ms / 1000, 1)} s` : `${Math.floor(Math.round(ms / 1000) / 60)} min ${String(Math.round(ms / 1000) % 60).padStart(2, '0')} s`;

/** A row of the import list as the page should show the API's record. */
function listedRow(record: ImportRecord): string[] {
  const decision = record.decision ? `${record.decision.decision === 'confirmed' ? 'bestätigt' : 'abgelehnt'} von ${record.decision.decidedBy} am ${when(record.decision.decidedAt)}` : '–';
  return [
    record.file,
    SOURCE[record.source] ?? 'unbekannt',
    when(record.observedAt),
    STATUS[record.status]!,
    de(record.rowsRead),
    de(record.eventsAppended),
    de(record.rowsQuarantined),
    seconds(record.durationMs),
    decision,
  ];
}

/** A spreadsheet would run text beginning like a formula; the API's CSV writes it with a `'` before. */
const asSpreadsheetText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const isFocused = (element: Locator) => element.evaluate((node) => node === node.ownerDocument.activeElement);

async function rowsOf(table: Locator): Promise<string[][]> {
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

/**
 * The administrator's Importe page against the product on the sample office: the history as
 * the API lists it, one import's data-quality report and its CSV, and held snapshots put into
 * the product's inbox for real, decided on in the browser (confirmed by keyboard alone, and
 * rejected), with what the API and the inbox say afterwards.
 */
describe('the Importe page in Chromium (postgres)', () => {
  const chromium = consoleInChromium({ signedInAs: 'admin' });
  let product: RunningProduct;
  let page: Page;
  beforeEach(() => ({ product, page } = chromium));

  const answer = async <A>(path: string): Promise<A> => {
    const response = await product.api(path, 'admin');
    expect(response.status).toBe(200);
    return (await response.json()) as A;
  };
  const imports = async (query = '') => (await answer<{ imports: ImportRecord[] }>(`/api/v1/admin/imports?limit=200${query}`)).imports;
  const importsTable = () => page.getByRole('table', { name: /^Importe, neueste zuerst/ });

  /** Photographed whole, or as the screen shows it when a modal dialog covers the page. */
  async function expectAccessible(screenshot?: string, fullPage = true): Promise<void> {
    if (screenshot) await page.screenshot({ path: `${root}docs/screenshots/${screenshot}.png`, fullPage });
    expect(await seriousViolations(page)).toEqual([]);
  }

  /**
   * A snapshot that keeps only the first `kept` records of the newest sample, observed a night
   * later, put into the inbox whole (renamed in, as an export drop would) and its import started.
   */
  async function heldSnapshot(source: 'webfm_faelle' | 'webfm_hilfen', kept: number): Promise<{ file: string; held: ImportDetail }> {
    const lines = readFileSync(`${root}samples/${source}_20260104_0215.csv`, 'utf8').split('\r\n');
    const file = `${source}_20260105_0215.csv`;
    const written = join(tmpdir(), `${process.pid}-${file}`);
    writeFileSync(written, [...lines.slice(0, 1 + kept), ''].join('\r\n'));
    renameSync(written, join(product.inboxDir, file));
    const started = await fetch(`${product.url}/api/v1/admin/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${product.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ file }),
    });
    // The product watches its inbox too: should it have taken the file first, the import is its.
    expect([202, 404]).toContain(started.status);
    const record = await until(
      `the import of ${file}`,
      async () => (await imports()).find((i) => i.file === file),
      (i) => i !== undefined,
      60_000,
    );
    expect(record!.status).toBe('held');
    return { file, held: await answer<ImportDetail>(`/api/v1/admin/imports/${record!.importId}`) };
  }

  it('lists the imports exactly as the API lists them, filtered by source and status', async () => {
    await page.goto(`${product.url}/verwaltung/importe`);
    const all = await imports();
    expect(all.length).toBeGreaterThanOrEqual(20); // the samples: four nights of five sources, and the population
    await expect(rowsOf(importsTable())).resolves.toEqual(all.map(listedRow));
    await expect(importsTable().locator('caption').textContent()).resolves.toBe(`Importe, neueste zuerst (${all.length})`);

    await page.getByLabel('Quelle').selectOption({ label: 'OPEN/WebFM Mitarbeitende' });
    await page.getByLabel('Status').selectOption({ label: 'eingelesen' });
    const filtered = await imports('&source=webfm_mitarbeiter&status=applied');
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
    await until(
      'the filtered list',
      () => rowsOf(importsTable()),
      (rows) => rows.length === filtered.length,
    );
    await expect(rowsOf(importsTable())).resolves.toEqual(filtered.map(listedRow));
    expect(page.url()).toMatch(/[?&]source=webfm_mitarbeiter/);
  }, 120_000);

  it("shows an import's findings as the API has them, filters them, and downloads them as CSV", async () => {
    // The sample import with the most findings, chosen from the API's answers.
    const details = await Promise.all((await imports()).map((i) => answer<ImportDetail>(`/api/v1/admin/imports/${i.importId}`)));
    const total = (d: ImportDetail) => d.findingCounts.error + d.findingCounts.warning + d.findingCounts.info;
    const chosen = details.reduce((best, d) => (total(d) > total(best) ? d : best));
    const report = await answer<Findings>(`/api/v1/admin/imports/${chosen.importId}/findings`);
    expect(report.findings.length).toBeGreaterThan(1);

    await page.goto(`${product.url}/verwaltung/importe`);
    await importsTable().getByRole('link', { name: chosen.file, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Import ${chosen.file}` }).waitFor();
    const findingsTable = page.getByRole('table', { name: /^Befunde:/ });
    const shown = (f: Findings['findings'][number]) => [SEVERITY[f.severity]!, f.line === null ? 'ganze Datei' : de(f.line), f.column ?? '–', f.field ?? '–', f.message];
    const withoutCheckName = (row: string[]) => [...row.slice(0, 4), row[5]!];
    const rows = await rowsOf(findingsTable);
    expect(rows.map(withoutCheckName)).toEqual(report.findings.map(shown));
    expect(rows.map((row) => /\(([a-z-]+)\)$/.exec(row[4]!)?.[1])).toEqual(report.findings.map((f) => f.code));
    await expectAccessible('admin-import-befunde');

    const severity = report.findings[0]!.severity;
    await page.getByLabel('Schwere').selectOption({ label: SEVERITY[severity]! });
    const ofSeverity = report.findings.filter((f) => f.severity === severity);
    await until(
      `the findings of severity ${severity}`,
      () => rowsOf(findingsTable),
      (r) => r.length === ofSeverity.length,
    );
    expect((await rowsOf(findingsTable)).map(withoutCheckName)).toEqual(ofSeverity.map(shown));
    await page.getByLabel('Schwere').selectOption({ label: 'Alle' });
    const code = report.findings[report.findings.length - 1]!.code;
    await page.getByLabel('Prüfung oder Text enthält').fill(code);
    const ofCode = report.findings.filter((f) => [f.code, f.message, f.column ?? '', f.field ?? ''].some((part) => part.toLowerCase().includes(code)));
    await until(
      `the findings of ${code}`,
      () => rowsOf(findingsTable),
      (r) => r.length === ofCode.length,
    );
    await expect(findingsTable.locator('caption').textContent()).resolves.toBe(`Befunde: ${de(ofCode.length)} von ${de(report.findings.length)}`);

    // The CSV comes from the API, asked by the browser with its session cookie.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Alle Befunde als CSV herunterladen' }).click();
    const bytes = readFileSync((await (await download).path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parse(bytes, { bom: true, delimiter: ';', relax_column_count: false }) as string[][];
    expect(csv[0]).toEqual(['Datei', 'Zeile', 'Spalte', 'Schwere', 'Prüfung', 'Meldung']);
    expect(csv.slice(1)).toEqual(report.findings.map((f) => [chosen.file, f.line === null ? '' : String(f.line), f.column ?? '', SEVERITY[f.severity]!, f.code, asSpreadsheetText(f.message)]));
  }, 120_000);

  it('holds a snapshot that deletes most records; by keyboard alone the administrator reads the numbers, cancels, then confirms it', async () => {
    const { file, held } = await heldSnapshot('webfm_faelle', 5);
    // The numbers the API gives are the ingest's own: the records of the sample's cases but the five kept.
    const deletions = held.deletions!;
    expect(deletions).toEqual({ records: deletions.liveBefore - 5, liveBefore: expect.any(Number) });
    expect(deletions.liveBefore).toBe(165);
    expect(held.deletionShare).toBeCloseTo(deletions.records / deletions.liveBefore, 6);
    expect(held).toMatchObject({ rowsRead: 5, eventsAppended: 0, decision: null });

    await page.goto(`${product.url}/verwaltung/importe`);
    const heldTable = page.getByRole('table', { name: /^Angehaltene Importe/ });
    await expect(rowsOf(heldTable)).resolves.toEqual([
      [
        file,
        'OPEN/WebFM Fälle',
        when(held.observedAt),
        `${de(deletions.records)} von ${de(deletions.liveBefore)} Datensätzen (${de((deletions.records / deletions.liveBefore) * 100, 1)} %)`,
        when(held.startedAt),
        'Bestätigen Ablehnen',
      ],
    ]);
    await expectAccessible('admin-importe');

    // Tab from the top of the page to the button, as a keyboard user does.
    const confirmButton = page.getByRole('button', { name: `Bestätigen: ${file}` });
    for (let presses = 0; presses < 80 && !(await isFocused(confirmButton)); presses++) await page.keyboard.press('Tab');
    await expect(isFocused(confirmButton)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Import bestätigen?' });
    await dialog.waitFor();
    const stated = `${de(deletions.records)} von ${de(deletions.liveBefore)} Datensätzen (${de((deletions.records / deletions.liveBefore) * 100, 1)} %) der Quelle OPEN/WebFM Fälle werden gelöscht, weil sie in dieser Datei fehlen; die übrigen Änderungen aus ihren 5 Zeilen werden übernommen.`;
    await expect(dialog.locator('.consequence').textContent()).resolves.toBe(stated);
    // Focus moved into the dialog, onto Abbrechen: Enter alone would change nothing.
    await expect(page.locator(':focus').textContent()).resolves.toBe('Abbrechen');
    await expectAccessible('admin-import-haltung', false);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(isFocused(confirmButton)).resolves.toBe(true);
    expect(await answer<ImportDetail>(`/api/v1/admin/imports/${held.importId}`)).toMatchObject({ status: 'held', decision: null });

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').textContent()).resolves.toBe('Bestätigen und einlesen');
    await page.keyboard.press('Enter');

    const outcome = page.locator('.decision-outcome');
    await until(
      'the outcome of the confirmation',
      () => outcome.textContent(),
      (text) => /ist eingelesen/.test(text ?? ''),
      60_000,
    );
    const decided = await answer<ImportDetail>(`/api/v1/admin/imports/${held.importId}`);
    expect(decided.decision).toMatchObject({ decision: 'confirmed', decidedBy: expect.stringMatching(/^admin:/) });
    const applied = (await imports()).find((i) => i.file === file && i.status === 'applied')!;
    // Every deleted record is an event of its own; the kept five may have changed too.
    expect(applied.eventsAppended).toBeGreaterThanOrEqual(deletions.records);
    const job = await answer<Job>(`/api/v1/admin/jobs/confirm-${held.importId}`);
    expect(job).toMatchObject({ state: 'completed', result: { imports: [expect.objectContaining({ importId: applied.importId, status: 'applied', eventsAppended: applied.eventsAppended })] } });
    await expect(outcome.textContent()).resolves.toBe(`Bestätigt: ${file} ist eingelesen: ${de(applied.eventsAppended)} Ereignisse aus 5 Zeilen.`);

    // The lists were asked again: nothing waits for a decision, the history shows both imports.
    await heldTable.waitFor({ state: 'detached' });
    await until(
      'the list with the applied import',
      () => rowsOf(importsTable()),
      (rows) => rows.some((row) => row[0] === file && row[3] === STATUS['applied']),
    );
    await expect(rowsOf(importsTable())).resolves.toEqual((await imports()).map(listedRow));
  }, 180_000);

  it('rejects a held snapshot: nothing of it is applied, and its file is moved to rejected/', async () => {
    const { file, held } = await heldSnapshot('webfm_hilfen', 3);
    const deletions = held.deletions!;
    expect(deletions.records).toBe(deletions.liveBefore - 3);

    await page.goto(`${product.url}/verwaltung/importe`);
    await page.getByRole('button', { name: `Ablehnen: ${file}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Import ablehnen?' });
    await dialog.waitFor();
    await expect(dialog.locator('.consequence').textContent()).resolves.toBe(
      `Nichts aus dieser Datei wird übernommen; die Datei wird nach rejected/ verschoben. Die ${de(deletions.liveBefore)} Datensätze der Quelle OPEN/WebFM Hilfen bleiben, wie sie sind.`,
    );
    const before = await imports();
    await dialog.getByRole('button', { name: 'Ablehnen', exact: true }).click();

    const outcome = page.locator('.decision-outcome');
    await until(
      'the outcome of the rejection',
      () => outcome.textContent(),
      (text) => /liegt jetzt in rejected/.test(text ?? ''),
      60_000,
    );
    await expect(outcome.textContent()).resolves.toBe(`Abgelehnt: ${file}. Nichts daraus wurde übernommen; die Datei liegt jetzt in rejected/.`);
    expect(await answer<ImportDetail>(`/api/v1/admin/imports/${held.importId}`)).toMatchObject({ status: 'held', eventsAppended: 0, decision: { decision: 'rejected' } });
    const after = await imports();
    expect(after.filter((i) => i.file === file)).toHaveLength(1); // no import applied it
    expect(after.length).toBe(before.length);
    expect(existsSync(join(product.inboxDir, 'rejected', file))).toBe(true);
    expect(existsSync(join(product.inboxDir, 'held', file))).toBe(false);
    await until(
      'the list with the decision',
      () => rowsOf(importsTable()),
      (rows) => rows.find((row) => row[0] === file)?.[8]?.startsWith('abgelehnt von admin:') === true,
    );
  }, 180_000);
});
