import type { Browser, Locator, Page } from 'playwright-core';
import { until } from '@jugendamt/ingest-pipeline/testing';
import { launchChromium } from './support/browser.js';
import { startProduct, type RunningProduct } from './support/product.js';

const YEAR = 2025;

/**
 * Controlling's whole flow without a mouse (BITV 2.0 / WCAG 2.1.1): sign in, reach a KPI page
 * from the navigation, change a filter, drill down to a team, download its table, sign out.
 * Every step is done with Tab, Space and Enter, and every focused control shows its focus.
 */
describe('controlling by keyboard alone in Chromium (postgres)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchChromium()]);
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** Presses Tab (or Shift+Tab) until the control has the focus; fails if it is never reached. */
  async function tabTo(control: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    await control.waitFor();
    const focused = () => control.evaluate((element) => element.ownerDocument.activeElement === element);
    for (let presses = 0; presses < 150 && !(await focused()); presses++) await page.keyboard.press(key);
    expect(await focused()).toBe(true);
    await expect(control.evaluate((element) => element.matches(':focus-visible'))).resolves.toBe(true);
  }

  it('signs in, opens a KPI, filters, drills down, downloads and signs out without a mouse', async () => {
    await page.goto(product.url);
    await tabTo(page.getByLabel('Zugangsschlüssel'));
    await page.keyboard.type(product.tokens.controlling);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();

    // The first Tab on a page reaches the skip link.
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').textContent()).resolves.toBe('Zum Inhalt springen');

    await tabTo(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Rückführungsquote' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Rückführungsquote', exact: true }).waitFor();
    await page.locator('.kpi-figures[aria-busy="false"]').waitFor();

    // A dimension by Space: the figures per team, as the API answers them.
    await tabTo(page.getByRole('checkbox', { name: 'Team' }));
    await page.keyboard.press('Space');
    await until(
      'by=team in the address',
      async () => new URL(page.url()).searchParams.get('by') ?? '',
      (by) => by.split(',').includes('team'),
      10_000,
    );
    const period = new URL(page.url()).searchParams.get('period');
    const answer = (await (await product.api(`/api/v1/kpis/return-rate?period=${period}&by=${new URL(page.url()).searchParams.get('by')}`, 'controlling')).json()) as {
      rows: { group: { team?: string } }[];
    };
    const team = answer.rows.find((row) => row.group.team)!.group.team!;

    // Drill down: the team's name in the table is a link.
    const table = page.getByRole('table', { name: new RegExp(`^Rückführungsquote ${period ?? YEAR}`) }).first();
    await tabTo(table.getByRole('link', { name: team }).first());
    await page.keyboard.press('Enter');
    await until(
      'team= in the address',
      async () => new URL(page.url()).searchParams.get('team'),
      (value) => value === team,
      10_000,
    );
    await page.locator('.kpi-figures[aria-busy="false"]').waitFor();

    // The team's table as CSV, with Enter on its button.
    const downloadButton = page.getByRole('button', { name: /: CSV herunterladen$/ }).first();
    await tabTo(downloadButton);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += chunk.toString();
    expect(csv).toContain(team);

    // Abmelden is in the header, before the page: back with Shift+Tab.
    await tabTo(page.getByRole('button', { name: 'Abmelden' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByLabel('Zugangsschlüssel').waitFor();
  });
});
