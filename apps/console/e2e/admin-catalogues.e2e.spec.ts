import type { Locator, Page } from 'playwright-core';
import { until } from '@jugendamt/ingest-pipeline/testing';
import { catalogueLabel, catalogueVersion } from '../src/format/catalogues.js';
import { root, type RunningProduct, type Role } from './support/product.js';
import { consoleInChromium, seriousViolations } from './support/console-in-chromium.js';

/** The cells of a table's body rows, once it shows one: evaluateAll alone takes the page as it is at that instant. */
async function cellsOf(table: Locator): Promise<(string | null)[][]> {
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent)));
}

interface Stamp {
  version: number;
  createdAt: string | null;
  createdBy: string | null;
  createdByLabel: string | null;
}
interface Catalogue extends Stamp {
  name: string;
  content: Record<string, unknown>;
  takesEffect: string;
  versions: Stamp[];
}

/**
 * The administrator's Kataloge page in Chromium against the product on the sample office:
 * the list as the API has it, edits the API refuses shown at their field, edits it stores
 * becoming versions the history explains and the KPIs name, and all of it by keyboard too.
 */
describe('Kataloge in Chromium (postgres)', () => {
  const chromium = consoleInChromium({ signedInAs: 'admin' });
  let product: RunningProduct;
  let page: Page;
  beforeEach(() => ({ product, page } = chromium));

  const answer = async <T>(path: string, role: Role = 'admin'): Promise<T> => {
    const response = await product.api(path, role);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const catalogue = (name: string) => answer<Catalogue>(`/api/v1/admin/catalogues/${name}`);

  async function expectAccessible(screenshot?: string): Promise<void> {
    if (screenshot) await page.screenshot({ path: `${root}docs/screenshots/${screenshot}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }

  /** What a field's error says: the error text the input is described by (beside its hint, if it has one). */
  async function errorAt(label: string): Promise<{ invalid: string | null; text: string }> {
    const input = page.getByLabel(label, { exact: true });
    const ids = (await input.getAttribute('aria-describedby')) ?? '';
    const texts = await Promise.all(
      ids
        .split(' ')
        .filter((id) => id.endsWith('--fehler'))
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    return { invalid: await input.getAttribute('aria-invalid'), text: texts.join(' ') };
  }

  /** The row of the aid-types form that holds a Hilfeart (the form shows them sorted). */
  const aidTypeRow = (aidType: string) =>
    page.locator('input[id^="entries--"][id$="--aidType"]').evaluateAll((inputs, wanted) => inputs.findIndex((input) => (input as unknown as { value: string }).value === wanted) + 1, aidType);

  const focusedId = async () => (await page.locator(':focus').getAttribute('id')) ?? '';

  /** Presses Tab until the focused element has the accessible name, as a keyboard user moves through the page. */
  async function tabTo(name: RegExp): Promise<void> {
    for (let presses = 0; presses < 80; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.locator(':focus').evaluate((element) => {
        const label = element.id ? element.ownerDocument.querySelector(`label[for="${element.id}"]`)?.textContent : undefined;
        return element.getAttribute('aria-label') ?? label ?? element.textContent ?? '';
      });
      if (name.test(focused)) return;
    }
    throw new Error(`no element named ${name} within 80 presses of Tab`);
  }

  it('lists every catalogue as the API has it: title, version, since when, by whom', async () => {
    const { catalogues } = await answer<{ catalogues: Catalogue[] }>('/api/v1/admin/catalogues');
    await page.goto(`${product.url}/verwaltung/kataloge`);
    const table = page.getByRole('table', { name: 'Die Kataloge und ihre gültige Version' });
    await table.waitFor();
    const rows = await cellsOf(table);
    expect(rows.map((row) => row.slice(0, 4))).toEqual(catalogues.map((c) => [catalogueLabel(c.name), catalogueVersion(c.version), 'von Beginn an', 'ausgeliefert mit dem Produkt']));
    expect(rows.map((row) => row[4])).toEqual(catalogues.map((c) => (c.takesEffect === 'at once' ? expect.stringMatching(/^sofort wirksam/) : expect.stringMatching(/^wirksam: die Projektionen/))));
    expect(catalogues.map((c) => c.name)).toEqual(['aid-types', 'chronicle-types', 'staffing', 'process-times', 'budgets', 'plausibility-rules']);
    await expectAccessible();

    await page.getByRole('link', { name: 'Prozesszeiten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Katalog Prozesszeiten' }).waitFor();
    const minutes = (await catalogue('process-times')).content['minutes'] as Record<string, number>;
    const shown = await cellsOf(page.getByRole('table', { name: /^Minuten je Teilprozess/ }));
    expect(shown).toEqual(Object.entries(minutes).map(([code, value]) => [code, value.toLocaleString('de-DE')]));
  });

  it('shows a refused value at its field, in German, and the API keeps the version it had', async () => {
    const puts: string[] = [];
    page.on('request', (request) => request.method() === 'PUT' && puts.push(request.url()));
    await page.goto(`${product.url}/verwaltung/kataloge/staffing`);
    await page.getByRole('button', { name: 'Bearbeiten' }).click();

    // The browser's own check: no number, no request.
    await page.getByLabel('Netto-Jahresarbeitszeit einer Vollzeitstelle (Minuten)', { exact: true }).fill('96 000 Min.');
    await page.getByRole('button', { name: 'Als Version 1 speichern' }).click();
    await expect(errorAt('Netto-Jahresarbeitszeit einer Vollzeitstelle (Minuten)')).resolves.toEqual({ invalid: 'true', text: expect.stringContaining('Bitte eine Zahl eingeben') });
    expect(puts).toEqual([]);
    await expect(focusedId()).resolves.toBe('feld--netAnnualWorkingMinutes');

    // The API's check: a share of 1,5 is refused, and said at the share's field in the form's words.
    await page.getByLabel('Netto-Jahresarbeitszeit einer Vollzeitstelle (Minuten)', { exact: true }).fill('96.000');
    await page.getByLabel('Zuschlag für Systemzeit (Anteil)', { exact: true }).fill('1,5');
    await page.getByRole('button', { name: 'Als Version 1 speichern' }).click();
    await until(
      'the refusal at its field',
      () => errorAt('Zuschlag für Systemzeit (Anteil)'),
      (error) => error.invalid === 'true',
      10_000,
    );
    await expect(errorAt('Zuschlag für Systemzeit (Anteil)')).resolves.toEqual({ invalid: 'true', text: expect.stringContaining('kleiner als 1') });
    await expect(errorAt('Netto-Jahresarbeitszeit einer Vollzeitstelle (Minuten)')).resolves.toEqual({ invalid: null, text: '' });
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Nicht gespeichert\. .*Zuschlag für Systemzeit \(Anteil\): Der Anteil muss mindestens 0 und kleiner als 1 sein/);
    await expect(focusedId()).resolves.toBe('feld--systemTimeShare');
    expect(puts).toHaveLength(1);
    const staffing = await catalogue('staffing');
    expect(staffing).toMatchObject({ version: 0, content: { systemTimeShare: 0.25, netAnnualWorkingMinutes: 96_000 } });
    expect(staffing.versions.map((v) => v.version)).toEqual([0]);

    // In a table: the API names the entry by its key; the error stands in that entry's row.
    await page.goto(`${product.url}/verwaltung/kataloge/aid-types`);
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    const spfh = `Hilfearten, Zeile ${await aidTypeRow('SPFH')}, Paragraf`;
    await page.getByLabel(spfh, { exact: true }).fill('§31');
    await page.getByRole('button', { name: 'Als Version 1 speichern' }).click();
    await until(
      'the refusal in its row',
      () => errorAt(spfh),
      (error) => error.invalid === 'true',
      10_000,
    );
    await expect(errorAt(spfh)).resolves.toEqual({ invalid: 'true', text: expect.stringContaining('Paragraf wie „§ 34“ oder „§ 35a“') });
    await expect(page.getByRole('alert').textContent()).resolves.toContain(`${spfh}:`);
    await expectAccessible('admin-katalog-fehler');
    expect((await catalogue('aid-types')).version).toBe(0);
  });

  it('stores a valid edit as a new version, which the history explains and the aids KPI names', async () => {
    await page.goto(`${product.url}/verwaltung/kataloge/aid-types`);
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    // This office counts its Erziehungsbeistand, run in a day group, as teilstationär; it drops Erziehungsberatung and adds a Hilfeart of its own.
    await page.getByLabel(`Hilfearten, Zeile ${await aidTypeRow('Erziehungsbeistand')}, Leistungsform`, { exact: true }).selectOption('teilstationär');
    await page.getByRole('button', { name: `Hilfearten, Zeile ${await aidTypeRow('Erziehungsberatung')} entfernen (Erziehungsberatung)` }).click();
    await page.getByRole('button', { name: 'Hilfeart hinzufügen' }).click();
    // One row removed, one added: the new row has the number the last one had before.
    const newRow = Object.keys((await catalogue('aid-types')).content['entries'] as object).length;
    await expect(focusedId()).resolves.toMatch(/^entries--zeile-\d+--aidType$/);
    await page.keyboard.type('Tagesgruppe Nord');
    await page.getByLabel(`Hilfearten, Zeile ${newRow}, Paragraf`, { exact: true }).fill('§ 32');
    await page.getByRole('button', { name: 'Als Version 1 speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gespeichert als Version 1.' }).waitFor();

    const stored = await catalogue('aid-types');
    expect(stored).toMatchObject({ version: 1, createdByLabel: 'first login', createdBy: expect.stringMatching(/^admin:token:/) });
    expect(stored.content['entries']).toMatchObject({ Erziehungsbeistand: { paragraph: '§ 30', setting: 'teilstationär' }, 'Tagesgruppe Nord': { paragraph: '§ 32' } });
    expect(stored.content['entries']).not.toHaveProperty('Erziehungsberatung');
    expect(stored.versions.map((v) => v.version)).toEqual([1, 0]);

    const history = page.getByRole('table', { name: 'Alle Versionen, die neueste zuerst' });
    await history.getByRole('row', { name: /Version 1/ }).waitFor();
    const historyRows = await cellsOf(history);
    expect(historyRows).toEqual([
      [
        'Version 1',
        new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(stored.createdAt!)),
        'gilt heute',
        'Zugang „first login“',
        expect.stringMatching(/^1 hinzugefügt, 1 geändert, 1 entfernt/),
      ],
      ['Version 0 (ausgeliefert)', 'von Beginn an', expect.any(String), 'ausgeliefert mit dem Produkt', 'Ausgangsstand'],
    ]);
    const changes = await cellsOf(page.getByRole('table', { name: /^1 hinzugefügt, 1 geändert, 1 entfernt, gespeichert/ }));
    expect(changes).toEqual([
      ['~ geändert', 'Hilfearten', 'Erziehungsbeistand', 'Leistungsform: –', 'Leistungsform: teilstationär'],
      ['+ hinzugefügt', 'Hilfearten', 'Tagesgruppe Nord', '–', 'Paragraf: § 32 · Leistungsform: –'],
      ['− entfernt', 'Hilfearten', 'Erziehungsberatung', 'Paragraf: § 28 · Leistungsform: –', '–'],
    ]);
    await expectAccessible('admin-kataloge');

    // The aid types shape the projections: once rebuilt, the aids KPI is computed with version 1 and says so.
    const basis = () => answer<{ basis: { catalogues: { name: string; version: number }[] } }>('/api/v1/kpis/aids?period=2025&by=setting', 'controlling');
    const rebuilt = await until('the aids KPI on version 1', basis, (kpi) => kpi.basis.catalogues.some((c) => c.name === 'aid-types' && c.version === 1), 60_000);
    expect(rebuilt.basis.catalogues).toEqual([expect.objectContaining({ name: 'aid-types', version: 1 })]);

    await page.getByRole('link', { name: '← Alle Kataloge' }).click();
    await expect(
      page
        .getByRole('row', { name: /^Hilfearten/ })
        .locator('td')
        .first()
        .textContent(),
    ).resolves.toBe('Version 1');
  });

  it('edits by keyboard alone: a German number is stored as a number, and the KPI names the new version at once', async () => {
    await page.goto(`${product.url}/verwaltung/kataloge/staffing`);
    await page.getByRole('heading', { level: 1, name: 'Katalog Personal und Arbeitszeit' }).waitFor();
    await tabTo(/^Bearbeiten$/);
    await page.keyboard.press('Enter');
    await tabTo(/^Netto-Jahresarbeitszeit/);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('93.600');
    await tabTo(/^Als Version 1 speichern$/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert als Version 1.' }).waitFor();
    // Focus returns to the catalogue's title once the new version is shown, so the keyboard user is not left on a vanished form.
    await until('focus on the title', focusedId, (id) => id === 'katalog-titel', 10_000);

    const stored = await catalogue('staffing');
    expect(stored).toMatchObject({ version: 1, content: { netAnnualWorkingMinutes: 93_600, systemTimeShare: 0.25 } });
    const requirement = await answer<{ basis: { catalogues: { name: string; version: number }[] } }>('/api/v1/kpis/staffing-requirement?period=2025', 'controlling');
    expect(requirement.basis.catalogues).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'staffing', version: 1 })]));
    await expect(
      page
        .getByRole('table', { name: 'Fallführung und Arbeitszeit' })
        .getByRole('row', { name: /^Netto-Jahresarbeitszeit/ })
        .locator('td')
        .textContent(),
    ).resolves.toBe('93.600');
  });

  it('keeps budgets per year and social area in one table: a bad year refused in its row, euros and cents stored, the KPI reading them at once', async () => {
    await page.goto(`${product.url}/verwaltung/kataloge/budgets`);
    await page.getByRole('heading', { level: 1, name: 'Katalog Sozialraumbudgets' }).waitFor();
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    const cell = (row: number, label: string) => page.getByLabel(`Budgets je Sozialraum, Zeile ${row}, ${label}`, { exact: true });
    await page.getByRole('button', { name: 'Budget hinzufügen' }).click();
    await cell(1, 'Jahr').fill('25');
    await cell(1, 'Sozialraum').fill('SR 01 Altstadt');
    await cell(1, 'Budget (€)').fill('1.250.000,50');
    await page.getByRole('button', { name: 'Als Version 1 speichern' }).click();
    // The API names the year by its key (`years.25`): the error stands at the row's Jahr.
    await until(
      'the refusal in its row',
      () => errorAt('Budgets je Sozialraum, Zeile 1, Jahr'),
      (error) => error.invalid === 'true',
      10_000,
    );
    await expect(errorAt('Budgets je Sozialraum, Zeile 1, Jahr')).resolves.toEqual({ invalid: 'true', text: expect.stringContaining('vier Ziffern') });
    expect((await catalogue('budgets')).version).toBe(0);

    await cell(1, 'Jahr').fill('2025');
    await page.getByRole('button', { name: 'Budget hinzufügen' }).click();
    await cell(2, 'Jahr').fill('2025');
    await cell(2, 'Sozialraum').fill('SR 02 Neustadt');
    await cell(2, 'Budget (€)').fill('980.000');
    await page.getByRole('button', { name: 'Als Version 1 speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gespeichert als Version 1.' }).waitFor();
    expect((await catalogue('budgets')).content).toEqual({ years: { '2025': { 'SR 01 Altstadt': 1_250_000.5, 'SR 02 Neustadt': 980_000 } } });
    const changes = await cellsOf(page.getByRole('table', { name: /^2 hinzugefügt, gespeichert/ }));
    expect(changes).toEqual([
      ['+ hinzugefügt', 'Budgets je Sozialraum', '2025 · SR 01 Altstadt', '–', 'Budget (€): 1.250.000,5'],
      ['+ hinzugefügt', 'Budgets je Sozialraum', '2025 · SR 02 Neustadt', '–', 'Budget (€): 980.000'],
    ]);
    await expectAccessible();

    const kpi = await answer<{ rows: { socialArea: string | null; budgetCents: number | null }[]; basis: { catalogues: { name: string; version: number }[] } }>(
      '/api/v1/kpis/social-area-budgets?year=2025',
      'controlling',
    );
    expect(kpi.basis.catalogues).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'budgets', version: 1 })]));
    expect(kpi.rows.filter((r) => r.budgetCents !== null).map((r) => [r.socialArea, r.budgetCents])).toEqual([
      ['SR 01 Altstadt', 125_000_050],
      ['SR 02 Neustadt', 98_000_000],
    ]);
  });
});
