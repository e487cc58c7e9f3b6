import type { BrowserContext, Page } from 'playwright-core';
import { until } from '@jugendamt/ingest-pipeline/testing';
import { signIn } from './support/browser.js';
import { root, type RunningProduct, type Role } from './support/product.js';
import { consoleInChromium, seriousViolations } from './support/console-in-chromium.js';

const YEAR = 2025; // the samples' last complete year, the overview's default in 2026

/** What each role's navigation lists: exactly its pages. */
const NAVIGATION: Readonly<Record<Role, string[]>> = {
  controlling: [
    'Überblick',
    'Teilprozesse',
    '14plus-Vorgänge',
    'Hilfen nach Leistungsform',
    'Hilfebestand am Stichtag',
    'Fallzahl',
    'Rückführungsquote',
    'Fluktuation',
    'Fachkraft-Fall-Relation',
    'Personalbedarf',
    'Kosten',
    'Dauer und Beendigungen',
    'Inanspruchnahme je Einwohner',
    'Sozialraumbudgets',
    'Gesamtbericht',
  ],
  planning: ['Gesamtbericht'],
  admin: ['Quellen', 'Importe', 'Exporte hochladen', 'Aufträge', 'Zeitpläne', 'Kataloge', 'Projektionen', 'Eingabequalität'],
};

/**
 * The web console in Debian's Chromium against the product as an office runs it, on the
 * sample office. Each page is also checked with axe-core (WCAG 2.1 AA rules) and
 * photographed for the README.
 */
describe('web console in Chromium (postgres)', () => {
  const chromium = consoleInChromium();
  let product: RunningProduct;
  let page: Page;
  let context: BrowserContext;
  beforeEach(() => ({ product, page, context } = chromium));

  async function expectAccessible(name: string): Promise<void> {
    await page.screenshot({ path: `${root}docs/screenshots/${name}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }

  it.each(Object.entries(NAVIGATION) as [Role, string[]][])('signs %s in and lists exactly its pages', async (role, titles) => {
    await signIn(page, product.url, product.tokens[role]);
    const links = await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').allTextContents();
    expect(links).toEqual(titles);
    // Another role's page is not there: the address leads back to the role's own first page.
    await page.goto(`${product.url}${role === 'admin' ? '/controlling' : '/verwaltung/quellen'}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(role === 'admin' ? /^Quellen/ : /^(Überblick|Gesamtbericht)/);
  });

  it('refuses an unknown token with a message in German and keeps no credential in the browser', async () => {
    await page.goto(product.url);
    await page.getByLabel('Zugangsschlüssel').fill('jat_unknown');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Zugangsschlüssel ist unbekannt/);
    await signIn(page, product.url, product.tokens.controlling);
    const cookies = await context.cookies();
    expect(cookies.map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite }))).toEqual([{ name: 'jc_session', httpOnly: true, sameSite: 'Strict' }]);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain('jat_');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByLabel('Zugangsschlüssel').waitFor();
    await page.reload();
    await page.getByLabel('Zugangsschlüssel').waitFor();
  });

  it('shows controlling the key figures the API answers, and others as known on an earlier day', async () => {
    await signIn(page, product.url, product.tokens.controlling);
    await page.getByRole('table', { name: `Kennzahlen ${YEAR} und Veränderung gegenüber ${YEAR - 1}` }).waitFor();
    const cases = async (asOf?: string) => {
      const answer = (await (await product.api(`/api/v1/kpis/cases-of-year?year=${YEAR}${asOf ? `&asOf=${asOf}` : ''}`, 'controlling')).json()) as { rows: { cases: number }[] };
      return answer.rows[0]!.cases.toLocaleString('de-DE');
    };
    const shownCases = () => page.locator('[data-figure="fallzahl"] td').first().textContent();
    await expect(shownCases()).resolves.toBe(await cases());
    // Caseload and staffing are per team: the overview names the most loaded and the least covered team's figure.
    const teamRows = async <R>(path: string) => ((await (await product.api(path, 'controlling')).json()) as { rows: R[] }).rows;
    const caseloads = (await teamRows<{ aidsPerFte: number | null }>(`/api/v1/kpis/caseload?on=${YEAR}-12-31`)).flatMap((row) => row.aidsPerFte ?? []);
    const coverages = (await teamRows<{ coverage: number | null }>(`/api/v1/kpis/staffing-requirement?period=${YEAR}`)).flatMap((row) => row.coverage ?? []);
    const german = (value: number) => value.toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    await expect(page.locator('[data-figure="fachkraft-fall-relation"] td').first().textContent()).resolves.toBe(`1:${german(Math.max(...caseloads))}`);
    await expect(page.locator('[data-figure="personalbedarf-deckung"] td').first().textContent()).resolves.toBe(`${german(Math.min(...coverages))} %`);
    // The basis in view: the day of each source's newest export the figures rest on.
    const { basis } = (await (await product.api(`/api/v1/kpis/cases-of-year?year=${YEAR}`, 'controlling')).json()) as { basis: { observedUntil: Record<string, string> } };
    const stand = await page.locator('.stand').first().textContent();
    for (const at of Object.values(basis.observedUntil))
      expect(stand).toContain(new Date(at).toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' }));
    await expectAccessible('controlling-ueberblick');

    // Stand: as known at the end of 2025-06-30, before the samples were observed: the API knows nothing yet.
    const earlier = await cases('2025-06-30');
    await page.getByLabel('Stand (bekannt am)').fill('2025-06-30');
    await until('the Fallzahl as known on 2025-06-30', shownCases, (shown) => shown === earlier, 20_000);
    expect(earlier).not.toBe(await cases());
  });

  it('gives planners the Gesamtbericht with every table and its downloads', async () => {
    await signIn(page, product.url, product.tokens.planning);
    await page.getByRole('heading', { name: `Gesamtbericht ${YEAR}` }).waitFor();
    const report = (await (await product.api(`/api/v1/reports/annual/${YEAR}?public=true`, 'planning')).json()) as { tables: { title: string }[] };
    await page.getByRole('heading', { level: 2, name: report.tables[0]!.title }).waitFor();
    const headings = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual(report.tables.map((table) => table.title));
    await expectAccessible('planung-gesamtbericht');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Excel herunterladen' }).click();
    const file = await (await download).path();
    const bytes = await import('node:fs').then((fs) => fs.readFileSync(file));
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip
  });

  it('shows the administrator every source with its state in words, not colour alone', async () => {
    await signIn(page, product.url, product.tokens.admin);
    const table = page.getByRole('table', { name: 'Die Exporte und ihr Zustand' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    // The five nightly exports and the population counts.
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row).toMatch(/aktuell|verspätet|letzter Import abgelehnt|Import angehalten/);
    await expectAccessible('verwaltung-quellen');
  });

  it('shows the administrator the input quality per team and month as the API answers it, and the list to correct', async () => {
    const asked = async (path: string) => (await fetch(`${product.url}${path}`, { headers: { authorization: `Bearer ${product.tokens.admin}` } })).json();
    const quality = (await asked('/api/v1/quality')) as { office: { share: number | null; checked: number }[]; teams: { team: string | null }[] };
    const toFix = (await asked('/api/v1/quality/to-fix?limit=10000')) as { total: number; findings: unknown[] };
    expect(toFix.findings).toHaveLength(toFix.total);
    await signIn(page, product.url, product.tokens.admin);
    await page.getByRole('link', { name: 'Eingabequalität' }).click();
    const table = page.getByRole('table', { name: 'Anteil betroffener Datensätze je Team und Monat' });
    await table.waitFor();
    const heads = await table.locator('tbody th').allTextContents();
    expect(heads).toEqual(['Jugendamt gesamt', ...quality.teams.map((t) => t.team ?? 'ohne Team (Zahlung ohne Fall)')]);
    // The office's last month, in German: share, then "affected von checked".
    const last = quality.office.at(-1)!;
    expect(last.checked).toBeGreaterThan(0);
    const officeCells = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(officeCells[quality.office.length - 1]).toMatch(new RegExp(`^${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(last.share!)} %`));
    // What each rule weakens, by the KPI pages' German titles.
    const weakened = await page
      .locator('table', { has: page.getByRole('columnheader', { name: 'Schwächt' }) })
      .locator('tbody td:nth-child(2)')
      .allTextContents();
    expect(weakened.join(' ')).toContain('Rückführungsquote');
    expect(weakened.join(' ')).not.toMatch(/return-rate|sub-process-counts|caseload/);
    const fixRows = page.getByRole('table', { name: 'Datensätze mit Befund, nach Team, Datei und Zeile' }).locator('tbody tr');
    // The page lists the first 50; the sample office has more, all in the CSV.
    expect(toFix.findings.length).toBeGreaterThan(50);
    await expect(fixRows.count()).resolves.toBe(50);
    const german = (n: number) => new Intl.NumberFormat('de-DE').format(n);
    await page.getByText(`… und ${german(toFix.findings.length - 50)} weitere von ${german(toFix.findings.length)}`).waitFor();
    await expectAccessible('verwaltung-eingabequalitaet');
  });
});
