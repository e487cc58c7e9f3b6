import type { Locator, Page } from 'playwright-core';
import { until } from '@jugendamt/ingest-pipeline/testing';
import type { paths } from '../src/api/schema.js';
import { signIn } from './support/browser.js';
import { root, type RunningProduct } from './support/product.js';
import { consoleInChromium, seriousViolations } from './support/console-in-chromium.js';

type Answer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer A } } } } } ? A : never;
type Schedules = Answer<'/api/v1/admin/schedules'>;
type Schedule = Schedules['schedules'][number];
type Projections = Answer<'/api/v1/admin/projections'>;

const SOURCES: Readonly<Record<string, string>> = {
  webfm_faelle: 'OPEN/WebFM Fälle',
  webfm_hilfen: 'OPEN/WebFM Hilfen',
  webfm_teilprozesse: 'OPEN/WebFM Teilprozesse',
  webfm_mitarbeiter: 'OPEN/WebFM Mitarbeitende',
  '14plus_chronik': '14plus Chronik',
  einwohner: 'Einwohner',
};

const JOB_STATES: Readonly<Record<string, string>> = { waiting: 'wartet', active: 'läuft', delayed: 'wartet auf einen neuen Versuch', completed: 'abgeschlossen', failed: 'fehlgeschlagen' };

/** A run as a German reader expects it, on the schedule's clock, formatted here from the API's raw value. */
const runText = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));

/**
 * The administrator's Zeitpläne and Projektionen pages against the product on the sample
 * office: what they show is what the API answers, and what they change, the API keeps.
 */
describe('Zeitpläne and Projektionen in Chromium (postgres)', () => {
  const chromium = consoleInChromium();
  let product: RunningProduct;
  let page: Page;
  beforeEach(() => ({ product, page } = chromium));

  /** A change through the API, as a script of the administrator would make it. */
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${product.tokens.admin}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${product.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
  const schedules = async () => ((await (await product.api('/api/v1/admin/schedules', 'admin')).json()) as Schedules).schedules;
  const scheduleOf = async (source: string) => (await schedules()).find((s) => s.source === source);
  const projections = async () => (await (await product.api('/api/v1/admin/projections', 'admin')).json()) as Projections;

  async function expectAccessible(name: string): Promise<void> {
    await page.screenshot({ path: `${root}docs/screenshots/${name}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }

  async function openSchedules(): Promise<Locator> {
    await signIn(page, `${product.url}/verwaltung/zeitplaene`, product.tokens.admin);
    const table = page.getByRole('table', { name: 'Zeitpläne der Exporte' });
    await table.waitFor();
    return table;
  }
  const rowOf = (source: string) => page.locator(`tr[data-source="${source}"]`);
  const cellsOf = (source: string) => rowOf(source).locator('td').allInnerTexts();

  /** A row as the page should show it, from the API's answer: state, schedule, zone, next runs, last run. */
  function expectedCells(schedule: Schedule | undefined): string[] {
    if (!schedule) return ['kein Zeitplan', 'Die Exporte werden nicht automatisch eingelesen.'];
    return [
      schedule.paused ? 'pausiert' : 'aktiv',
      schedule.cron,
      schedule.timeZone,
      schedule.nextRuns.length ? schedule.nextRuns.map((run) => runText(run, schedule.timeZone)).join('\n') : 'keine, solange pausiert',
      schedule.lastRun ? `${runText(schedule.lastRun.at, schedule.timeZone)}, ${JOB_STATES[schedule.lastRun.state]}` : 'nicht bekannt',
    ];
  }
  async function expectTableEqualsApi(): Promise<void> {
    const answer = await schedules();
    for (const source of Object.keys(SOURCES)) {
      const cells = (await cellsOf(source)).map((cell) => cell.replace(/^[✓‖–]\s*/, '').trim());
      const expected = expectedCells(answer.find((s) => s.source === source));
      // The schedule's cell holds its meaning in words above the expression.
      expect([cells[0], cells[1]?.split('\n').at(-1), ...cells.slice(2, expected.length)]).toEqual(expected);
    }
  }

  it('lists every source with the schedule the API keeps: its meaning in words, next runs and last run in German', async () => {
    expect((await send('PUT', '/api/v1/admin/schedules/webfm_faelle', { cron: '30 2 * * *' })).status).toBe(200);
    expect((await send('PUT', '/api/v1/admin/schedules/webfm_mitarbeiter', { cron: '0 5 * * 1-5' })).status).toBe(200);
    expect((await send('PUT', '/api/v1/admin/schedules/14plus_chronik', { cron: '15 3 1 * *', paused: true })).status).toBe(200);
    // A run of the source (here asked for by hand): the page names its time and outcome.
    const started = (await (await send('POST', '/api/v1/admin/imports', { source: 'webfm_faelle' })).json()) as { job: { id: string } };
    await until(
      'the source import',
      async () => (await scheduleOf('webfm_faelle'))?.lastRun,
      (run) => run?.jobId === started.job.id && run.state === 'completed',
      30_000,
    );

    await openSchedules();
    await expectTableEqualsApi();
    expect((await cellsOf('webfm_faelle'))[1]).toBe('täglich um 02:30\n30 2 * * *');
    expect((await cellsOf('webfm_mitarbeiter'))[1]).toBe('montags bis freitags um 05:00\n0 5 * * 1-5');
    expect((await cellsOf('14plus_chronik'))[1]).toBe('am 1. jedes Monats um 03:15\n15 3 1 * *');
    for (const run of (await scheduleOf('webfm_faelle'))!.nextRuns) expect(runText(run, 'Europe/Berlin')).toMatch(/^\p{L}{2}\., \d\d\.\d\d\.\d{4}, 02:30$/u);
    expect((await cellsOf('webfm_faelle'))[4]).toMatch(/, abgeschlossen$/);
    await expectAccessible('admin-zeitplaene');
  });

  it('refuses an invalid cron expression naming the field and keeps the schedule; a valid one is stored and its next runs follow', async () => {
    await send('PUT', '/api/v1/admin/schedules/webfm_faelle', { cron: '30 2 * * *' });
    const before = await scheduleOf('webfm_faelle');
    await openSchedules();
    await page.getByRole('button', { name: 'Bearbeiten: OPEN/WebFM Fälle' }).click();
    const cron = page.getByLabel('Cron-Ausdruck');
    await expect(cron.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(true);

    await cron.fill('61 5 * * *');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/^Der Zeitplan wurde nicht gespeichert\. Die Anfrage wurde abgelehnt: Cron-Ausdruck: kein gültiger Zeitplan\. Erwartet werden fünf Angaben/);
    await expect(cron.getAttribute('aria-invalid')).resolves.toBe('true');
    const kept = await scheduleOf('webfm_faelle');
    expect({ ...kept, nextRuns: undefined }).toEqual({ ...before, nextRuns: undefined });

    await cron.fill('15 4 * * *');
    await expect(page.locator('#zeitplan-cron-bedeutung').textContent()).resolves.toBe('Bedeutung: täglich um 04:15');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Der Zeitplan für OPEN/WebFM Fälle ist gespeichert.' }).waitFor();
    const saved = (await scheduleOf('webfm_faelle'))!;
    expect(saved).toMatchObject({ cron: '15 4 * * *', timeZone: 'Europe/Berlin', paused: false });
    for (const run of saved.nextRuns) expect(runText(run, saved.timeZone)).toMatch(/, 04:15$/);
    await expectTableEqualsApi();
    const editButton = page.getByRole('button', { name: 'Bearbeiten: OPEN/WebFM Fälle' });
    await until(
      'the focus back on the row',
      () => editButton.evaluate((element) => element === element.ownerDocument.activeElement),
      (back) => back,
      5_000,
    );
  });

  it('pauses and resumes a schedule: the API keeps each state, the page shows it', async () => {
    await send('PUT', '/api/v1/admin/schedules/webfm_hilfen', { cron: '0 3 * * *' });
    await openSchedules();
    await page.getByRole('button', { name: 'Pausieren: OPEN/WebFM Hilfen' }).click();
    await until(
      'paused in the API',
      async () => (await scheduleOf('webfm_hilfen'))?.paused,
      (paused) => paused === true,
      10_000,
    );
    await page.getByRole('button', { name: 'Fortsetzen: OPEN/WebFM Hilfen' }).waitFor();
    expect((await cellsOf('webfm_hilfen'))[0]).toMatch(/pausiert$/);
    await expectTableEqualsApi();

    await page.getByRole('button', { name: 'Fortsetzen: OPEN/WebFM Hilfen' }).click();
    await until(
      'resumed in the API',
      async () => (await scheduleOf('webfm_hilfen'))?.paused,
      (paused) => paused === false,
      10_000,
    );
    await page.getByRole('button', { name: 'Pausieren: OPEN/WebFM Hilfen' }).waitFor();
    expect((await scheduleOf('webfm_hilfen'))!.nextRuns).toHaveLength(3);
    await expectTableEqualsApi();
  });

  it('deletes a schedule only after the dialog is confirmed; cancelling changes nothing', async () => {
    await send('PUT', '/api/v1/admin/schedules/webfm_teilprozesse', { cron: '45 2 * * *' });
    await openSchedules();
    const dialog = page.getByRole('dialog', { name: 'Zeitplan löschen?' });

    await page.getByRole('button', { name: 'Löschen: OPEN/WebFM Teilprozesse' }).click();
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('Die Exporte von OPEN/WebFM Teilprozesse werden nicht mehr automatisch eingelesen.');
    await expect(dialog.getByRole('button', { name: 'Abbrechen' }).evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await scheduleOf('webfm_teilprozesse')).toMatchObject({ cron: '45 2 * * *' });

    // Escape cancels too.
    await page.getByRole('button', { name: 'Löschen: OPEN/WebFM Teilprozesse' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await scheduleOf('webfm_teilprozesse')).toMatchObject({ cron: '45 2 * * *' });

    await page.getByRole('button', { name: 'Löschen: OPEN/WebFM Teilprozesse' }).click();
    await dialog.getByRole('button', { name: 'Zeitplan löschen' }).click();
    await page.getByRole('button', { name: 'Zeitplan anlegen: OPEN/WebFM Teilprozesse' }).waitFor();
    expect(await scheduleOf('webfm_teilprozesse')).toBeUndefined();
    await expectTableEqualsApi();
  });

  it('creates a schedule with the keyboard alone', async () => {
    await send('DELETE', '/api/v1/admin/schedules/webfm_mitarbeiter');
    await openSchedules();
    const create = page.getByRole('button', { name: 'Zeitplan anlegen: OPEN/WebFM Mitarbeitende' });
    const focused = (control: Locator) => control.evaluate((element) => element === element.ownerDocument.activeElement && element.matches(':focus-visible'));
    for (let presses = 0; presses < 60 && !(await focused(create)); presses++) await page.keyboard.press('Tab');
    expect(await focused(create)).toBe(true);
    await page.keyboard.press('Enter');
    await expect(focused(page.getByLabel('Cron-Ausdruck'))).resolves.toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('45 1 * * 1,3,5');
    await page.keyboard.press('Tab'); // the time zone, Europe/Berlin already
    await page.keyboard.press('Tab');
    await expect(focused(page.getByRole('button', { name: 'Speichern' }))).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await until(
      'the new schedule in the API',
      () => scheduleOf('webfm_mitarbeiter'),
      (schedule) => schedule?.cron === '45 1 * * 1,3,5',
      10_000,
    );
    const edit = page.getByRole('button', { name: 'Bearbeiten: OPEN/WebFM Mitarbeitende' });
    await until(
      "the focus on the new schedule's row",
      () => edit.evaluate((element) => element === element.ownerDocument.activeElement),
      (back) => back,
      5_000,
    );
    expect((await cellsOf('webfm_mitarbeiter'))[1]).toBe('montags, mittwochs und freitags um 01:45\n45 1 * * 1,3,5');
  });

  async function openProjections(): Promise<Locator> {
    await signIn(page, `${product.url}/verwaltung/projektionen`, product.tokens.admin);
    const table = page.getByRole('table', { name: 'Projektionen und ihre aktuelle Generation' });
    await table.waitFor();
    return table;
  }
  const generationsShown = (table: Locator) =>
    table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-projection'), row.querySelector('td')?.firstChild?.textContent]));

  it('shows the generation each projection serves, as the API reports it', async () => {
    const table = await openProjections();
    const answer = await projections();
    expect(answer.projections.every((p) => p.generation !== null && p.eventsBehind === 0)).toBe(true);
    await expect(generationsShown(table)).resolves.toEqual(answer.projections.map((p) => [p.projection, `Generation ${p.generation}`]));
    for (const projection of answer.projections) {
      await expect(table.locator(`tr[data-projection="${projection.projection}"] td`).nth(1).innerText()).resolves.toMatch(/auf dem neuesten Stand$/);
    }
    await expectAccessible('admin-projektionen');
  });

  it('rebuilds through the dialog: new generations serve, and a KPI answers the same numbers', async () => {
    const kpi = async () => ((await (await product.api('/api/v1/kpis/cases-of-year?year=2025', 'controlling')).json()) as { rows: unknown[] }).rows;
    const kpiBefore = await kpi();
    expect(kpiBefore.length).toBeGreaterThan(0);
    const before = await projections();
    const table = await openProjections();

    const dialog = page.getByRole('dialog', { name: 'Alle Projektionen neu aufbauen?' });
    await page.getByRole('button', { name: 'Neu aufbauen' }).click();
    await expect(dialog.textContent()).resolves.toContain('Bis sie vollständig ist, beantwortet die aktuelle Generation weiter alle Anfragen');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await projections()).lastRebuild).toEqual(before.lastRebuild);

    await page.getByRole('button', { name: 'Neu aufbauen' }).click();
    await dialog.getByRole('button', { name: 'Neu aufbauen' }).click();
    await page.getByRole('status').filter({ hasText: 'Neuaufbau abgeschlossen.' }).waitFor({ timeout: 60_000 });

    const after = await projections();
    expect(after.lastRebuild).toMatchObject({ state: 'completed' });
    for (const projection of after.projections) {
      const earlier = before.projections.find((p) => p.projection === projection.projection)!;
      expect(projection.generation).toBeGreaterThan(earlier.generation!);
      expect(projection.building).toBeNull();
    }
    // The table follows its next refresh, which may come a moment after the message.
    const expected = after.projections.map((p) => [p.projection, `Generation ${p.generation}`]);
    const shown = await until(
      'the new generations in the table',
      () => generationsShown(table),
      (rows) => JSON.stringify(rows) === JSON.stringify(expected),
      20_000,
    ).catch(() => generationsShown(table));
    expect(shown).toEqual(expected);
    await expect(page.getByRole('region', { name: 'Letzter Neuaufbau' }).textContent()).resolves.toContain('Zustand: abgeschlossen');
    expect(await kpi()).toEqual(kpiBefore);
  });
});
