import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { until } from '@jugendamt/ingest-pipeline/testing';
import type { paths } from '../src/api/schema.js';
import { launchChromium, signIn } from './support/browser.js';
import { root, startProduct, type RunningProduct } from './support/product.js';

const YEAR = 2025; // the samples' last complete year

type Answer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer A } } } } } ? A : never;

/** The controlling pages, one per KPI route: address, navigation title, the module that reads its answer (its own chunk), and a period with data. */
const KPI_PAGES: readonly { slug: string; title: string; reading: string; when: string }[] = [
  { slug: 'teilprozesse', title: 'Teilprozesse', reading: 'sub-process-counts', when: `period=${YEAR}` },
  { slug: '14plus-vorgaenge', title: '14plus-Vorgänge', reading: 'chronicle-counts', when: `period=${YEAR}` },
  { slug: 'hilfen', title: 'Hilfen nach Leistungsform', reading: 'aids', when: `period=${YEAR}` },
  { slug: 'hilfebestand', title: 'Hilfebestand am Stichtag', reading: 'aid-stock', when: `on=${YEAR}-12-31` },
  { slug: 'fallzahl', title: 'Fallzahl', reading: 'cases-of-year', when: `year=${YEAR}` },
  { slug: 'rueckfuehrungsquote', title: 'Rückführungsquote', reading: 'return-rate', when: `period=${YEAR}` },
  { slug: 'fluktuation', title: 'Fluktuation', reading: 'staff-fluctuation', when: `period=${YEAR}` },
  { slug: 'fachkraft-fall-relation', title: 'Fachkraft-Fall-Relation', reading: 'caseload', when: `on=${YEAR}-12-31` },
  { slug: 'personalbedarf', title: 'Personalbedarf', reading: 'staffing-requirement', when: `period=${YEAR}` },
  { slug: 'kosten', title: 'Kosten', reading: 'costs', when: `period=${YEAR}` },
  { slug: 'beendigungen', title: 'Dauer und Beendigungen', reading: 'endings', when: `period=${YEAR}` },
  { slug: 'inanspruchnahme', title: 'Inanspruchnahme je Einwohner', reading: 'use-per-young-inhabitant', when: `year=${YEAR}` },
  { slug: 'sozialraumbudgets', title: 'Sozialraumbudgets', reading: 'social-area-budgets', when: `year=${YEAR}` },
];

/** A number as a German reader sees it, formatted here on the test's side from the API's raw value. */
const de = (value: number | null, digits = 0) => (value === null ? '–' : value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const euro = (cents: number) => `${de(cents / 100, 2)} €`;

/**
 * Pages whose table is checked cell by cell against the API's answer to the same question:
 * the page's address, the API request it stands for, the table's caption and the rows the
 * answer should give, in German.
 */
const COMPARED: readonly { name: string; page: string; api: string; caption: string; rows: (answer: never) => string[][] }[] = [
  {
    name: 'return rate by team',
    page: `rueckfuehrungsquote?period=${YEAR}&by=team`,
    api: `return-rate?period=${YEAR}&by=team`,
    caption: `Rückführungsquote ${YEAR}`,
    rows: (answer: Answer<'/api/v1/kpis/return-rate'>) => answer.rows.map((row) => [row.group['team']!, de(row.denominator), de(row.numerator), de(row.rate, 1)]),
  },
  {
    name: 'aids by setting',
    page: `hilfen?period=${YEAR}&by=setting`,
    api: `aids?period=${YEAR}&by=setting`,
    caption: `Hilfen zur Erziehung ${YEAR}`,
    rows: (answer: Answer<'/api/v1/kpis/aids'>) => answer.rows.map((row) => [row.group['setting']!, de(row.running), de(row.begun), de(row.ended)]),
  },
  {
    name: 'setting shares of each team (aids by setting and team)',
    page: `hilfen?period=${YEAR}&by=setting,team`,
    api: `aids?period=${YEAR}&by=setting,team`,
    caption: `Leistungsformen (laufende Hilfen) ${YEAR}`,
    rows: (answer: Answer<'/api/v1/kpis/aids'>) =>
      answer.sharesByGroup.map((row) => [
        row.group['team']!,
        de(row.ambulant),
        de(row['teilstationär']),
        de(row['stationär']),
        de(row.shareStationary, 1),
        de(row.ambulantPerStationary, 2),
        de(row.fosterShare, 1),
      ]),
  },
  {
    name: 'use per young inhabitant by social area (KPI 9)',
    page: `inanspruchnahme?year=${YEAR}&by=socialArea`,
    api: `use-per-young-inhabitant?year=${YEAR}&by=socialArea`,
    caption: `Inanspruchnahme je 10.000 unter 21 ${YEAR}`,
    rows: (answer: Answer<'/api/v1/kpis/use-per-young-inhabitant'>) =>
      answer.rows.map((row) => [
        row.group['socialArea'] ?? 'ohne Sozialraum',
        de(row.casesPer10000, 1),
        de(row.stockPer10000, 1),
        de(row.cases),
        de(row.stock),
        de(row.population.young),
        row.population.stichtage.map((day) => day.split('-').reverse().join('.')).join(', ') || '–',
        ({ 'no-population': 'keine Einwohnerzahl', zero: 'Einwohnerzahl 0', 'band-crosses-21': 'Altersgruppe über 21 hinaus', 'no-social-area': 'ohne Sozialraum' } as Record<string, string>)[
          row.population.gap ?? ''
        ] ?? '–',
        row.netPerYoungInhabitant === null ? '–' : `${de(row.netPerYoungInhabitant, 2)} €`,
      ]),
  },
  {
    name: 'costs by team',
    page: `kosten?period=${YEAR}&by=team`,
    api: `costs?period=${YEAR}&by=team`,
    caption: `Kosten ${YEAR}`,
    rows: (answer: Answer<'/api/v1/kpis/costs'>) => answer.rows.map((row) => [row.group['team'] ?? 'ohne Fallbezug', row.period, euro(row.grossCents), euro(row.incomeCents), euro(row.netCents)]),
  },
  {
    name: 'staff fluctuation',
    page: `fluktuation?period=${YEAR}`,
    api: `staff-fluctuation?period=${YEAR}`,
    caption: `Fluktuation ${YEAR}`,
    rows: (answer: Answer<'/api/v1/kpis/staff-fluctuation'>) =>
      answer.rows.map((row) => [
        row.team ?? 'Jugendamt gesamt',
        de(row.averageHeadcount, 2),
        de(row.averageFte, 3),
        de(row.joiners),
        de(row.leavers),
        de(row.leaversFte, 3),
        de(row.rate, 1),
        de(row.rateFte, 1),
        de(row.headcountAtEnd),
        de(row.fteAtEnd, 3),
      ]),
  },
  {
    name: 'caseload on 31.12.',
    page: `fachkraft-fall-relation?on=${YEAR}-12-31`,
    api: `caseload?on=${YEAR}-12-31`,
    caption: `Fachkraft-Fall-Relation Stichtag 31.12.${YEAR}`,
    rows: (answer: Answer<'/api/v1/kpis/caseload'>) => answer.rows.map((row) => [row.team, de(row.aids), de(row.caseWorkerFte, 3), de(row.aidsPerFte, 1), row.ratio ?? '–']),
  },
];

/**
 * The controlling department's KPI pages in Debian's Chromium against the product on the
 * sample office: every number shown is compared with the API's own answer to the same
 * question, never with numbers written into the test.
 */
describe('controlling KPI pages in Chromium (postgres)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchChromium()]);
    context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    await signIn(page, product.url, product.tokens.controlling);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  const apiAnswer = async <A>(path: string): Promise<A> => {
    const response = await product.api(`/api/v1/kpis/${path}`, 'controlling');
    expect(response.status).toBe(200);
    return (await response.json()) as A;
  };

  const open = async (path: string) => {
    await page.goto(`${product.url}/controlling/${path}`);
    await page.getByRole('main').getByRole('table').first().waitFor();
  };

  /** The body rows of the table with this caption, as the user reads them. */
  const shownRows = async (caption: string): Promise<string[][]> => {
    const table = page.getByRole('table', { name: caption, exact: true });
    await table.waitFor();
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim())));
  };

  /** Waits for the table to show `expected` (a page answers asynchronously), then compares, so a mismatch shows as a diff. */
  const expectRows = async (caption: string, expected: string[][]) => {
    const shown = await until(
      `the table "${caption}"`,
      () => shownRows(caption),
      (rows) => JSON.stringify(rows) === JSON.stringify(expected),
      20_000,
    ).catch(() => shownRows(caption));
    expect(shown).toEqual(expected);
  };

  it('lists one page per KPI under Controlling, for controlling only', async () => {
    const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' });
    const controlling = navigation.locator('div', { has: page.getByRole('heading', { name: 'Controlling' }) });
    await expect(controlling.getByRole('link').allTextContents()).resolves.toEqual(['Überblick', ...KPI_PAGES.map((kpi) => kpi.title)]);

    const planner = await browser.newContext({ locale: 'de-DE' });
    try {
      const plannerPage = await planner.newPage();
      await signIn(plannerPage, product.url, product.tokens.planning);
      const links = await plannerPage.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').allTextContents();
      expect(links.filter((title) => KPI_PAGES.some((kpi) => kpi.title === title))).toEqual([]);
      await plannerPage.goto(`${product.url}/controlling/kosten`);
      await expect(plannerPage.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Gesamtbericht/);
    } finally {
      await planner.close();
    }
  });

  it.each(COMPARED.map((kpi) => [kpi.name, kpi] as const))('shows the API’s numbers in the table: %s', async (_name, kpi) => {
    const expected = kpi.rows((await apiAnswer(kpi.api)) as never);
    expect(expected.length).toBeGreaterThan(0);
    await open(kpi.page);
    await expectRows(kpi.caption, expected);
  });

  it('changing Stand changes the numbers exactly as the API’s answer with that asOf', async () => {
    const rows = (answer: Answer<'/api/v1/kpis/return-rate'>) => answer.rows.map((row) => [row.group['paragraph']!, de(row.denominator), de(row.numerator), de(row.rate, 1)]);
    const now = rows(await apiAnswer(`return-rate?period=${YEAR}&by=paragraph`));
    const then = rows(await apiAnswer(`return-rate?period=${YEAR}&by=paragraph&asOf=${YEAR}-06-30`));
    expect(then).not.toEqual(now); // else the step below could not tell a page that ignores Stand
    await open(`rueckfuehrungsquote?period=${YEAR}&by=paragraph`);
    await expectRows(`Rückführungsquote ${YEAR}`, now);

    await page.getByLabel('Stand (bekannt am)').fill(`${YEAR}-06-30`);
    await expectRows(`Rückführungsquote ${YEAR}`, then);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(`${YEAR}-06-30`);
    await expect(page.getByText(/^Stand: wie bekannt am 30\.06\.2025/).count()).resolves.toBe(1);

    // A Stand within the samples' nights, where the numbers are there but differ: January 2026 as known on 02.01.
    const aids = (answer: Answer<'/api/v1/kpis/aids'>) => answer.rows.map((row) => [row.group['setting']!, de(row.running), de(row.begun), de(row.ended)]);
    const latest = aids(await apiAnswer('aids?period=2026-01&by=setting'));
    const known = aids(await apiAnswer('aids?period=2026-01&by=setting&asOf=2026-01-02'));
    expect(known).not.toEqual(latest);
    await open('hilfen?period=2026-01&by=setting');
    await expectRows('Hilfen zur Erziehung Januar 2026', latest);
    await page.getByLabel('Stand (bekannt am)').fill('2026-01-02');
    await expectRows('Hilfen zur Erziehung Januar 2026', known);
  });

  it('a click on a team’s bar drills down: team= is set and the table follows the API’s team answer', async () => {
    const team = 'ASD Team Nord';
    const expected = (await apiAnswer<Answer<'/api/v1/kpis/costs'>>(`costs?period=${YEAR}&by=team&team=${encodeURIComponent(team)}`)).rows.map((row) => [
      row.group['team']!,
      row.period,
      euro(row.grossCents),
      euro(row.incomeCents),
      euro(row.netCents),
    ]);
    await open(`kosten?period=${YEAR}&by=team`);
    await expect(shownRows(`Kosten ${YEAR}`)).resolves.not.toEqual(expected);

    // The bar on the team's row of the chart's category axis (the chart is SVG: its labels are text, its bars paths).
    const bar = await page.locator('.kpi-chart svg').evaluate((svg, name) => {
      const label = [...svg.querySelectorAll('text')].find((text) => text.textContent === name)!.getBoundingClientRect();
      const y = label.top + label.height / 2;
      const hit = [...svg.querySelectorAll('path')].map((path) => path.getBoundingClientRect()).find((box) => box.left >= label.right && box.width > 2 && box.top <= y && box.bottom >= y)!;
      return { x: hit.left + Math.min(hit.width / 2, 40), y };
    }, team);
    await page.mouse.click(bar.x, bar.y);

    await until(
      'team= in the address',
      async () => new URL(page.url()).searchParams.get('team'),
      (value) => value === team,
      10_000,
    );
    await expectRows(`Kosten ${YEAR}, ${team}`, expected);
    await expect(page.getByRole('combobox', { name: 'Team', exact: true }).inputValue()).resolves.toBe(team);

    // The address is the bookmark: opened afresh, it shows the same view.
    await page.reload();
    await expectRows(`Kosten ${YEAR}, ${team}`, expected);
    await page.getByRole('img').first().waitFor();
    await page.screenshot({ path: `${root}docs/screenshots/controlling-kosten-team.png`, fullPage: true });

    await page.goBack(); // the drill-down is a step of its own
    await until(
      'team= gone after Back',
      async () => new URL(page.url()).searchParams.get('team'),
      (value) => value === null,
      10_000,
    );
  });

  it('drills down by keyboard too: a team’s name in the table is a link, reached with Tab', async () => {
    await open(`rueckfuehrungsquote?period=${YEAR}&by=team`);
    const [firstTeam] = (await shownRows(`Rückführungsquote ${YEAR}`))[0]!;
    const link = page.getByRole('table', { name: `Rückführungsquote ${YEAR}`, exact: true }).getByRole('link', { name: firstTeam! });
    const focused = () => link.evaluate((element) => element.ownerDocument.activeElement === element);
    for (let presses = 0; presses < 80 && !(await focused()); presses++) await page.keyboard.press('Tab');
    expect(await focused()).toBe(true);
    await expect(link.evaluate((element) => element.matches(':focus-visible'))).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await until(
      'team= in the address',
      async () => new URL(page.url()).searchParams.get('team'),
      (value) => value === firstTeam,
      10_000,
    );
  });

  it('downloads exactly the rows shown as a German CSV', async () => {
    await open(`kosten?period=${YEAR}&by=paragraph`);
    const caption = `Kosten ${YEAR}`;
    const shown = await shownRows(caption);
    const headings = await page.getByRole('table', { name: caption, exact: true }).locator('thead th').allTextContents();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `${caption}: CSV herunterladen` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`kosten_${YEAR}.csv`);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    // The shown cells as plain German numbers: no thousands dots, no € sign (the heading has it), empty for "–".
    const plain = (cell: string) => (cell === '–' ? '' : /^-?[\d.]+(,\d+)?( €)?$/.test(cell) ? cell.replace(/\./g, '').replace(' €', '') : cell);
    expect(lines.map((line) => line.split(';'))).toEqual([headings.map((heading, index) => (index >= 2 ? `${heading} (€)` : heading)), ...shown.map((row) => row.map(plain))]);
  });

  it('downloads the same table as an Excel workbook, numbers as numbers', async () => {
    const answer = await apiAnswer<Answer<'/api/v1/kpis/costs'>>(`costs?period=${YEAR}&by=paragraph`);
    await open(`kosten?period=${YEAR}&by=paragraph`);
    const caption = `Kosten ${YEAR}`;
    const headings = await page.getByRole('table', { name: caption, exact: true }).locator('thead th').allTextContents();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `${caption}: Excel herunterladen` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`kosten_${YEAR}.xlsx`);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      headings.map((heading, index) => (index >= 2 ? `${heading} (€)` : heading)),
      ...answer.rows.map((row) => [row.group['paragraph'], row.period, row.grossCents / 100, row.incomeCents / 100, row.netCents / 100]),
    ]);
  });

  it('names the field the API refuses, in words', async () => {
    await page.goto(`${product.url}/controlling/kosten?period=${YEAR}&by=team&team=Team%20Atlantis`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Die Anfrage wurde abgelehnt: Team: unknown team Team Atlantis/);
  });

  it.each(KPI_PAGES.map((kpi) => [kpi.title, kpi] as const))('%s: no serious or critical WCAG 2.1 AA violation (axe)', async (_title, kpi) => {
    await open(`${kpi.slug}?${kpi.when}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(kpi.title);
    await page.getByRole('img').first().waitFor(); // the chart, with its aria label
    if (kpi.slug === 'rueckfuehrungsquote' || kpi.slug === 'hilfen') await page.screenshot({ path: `${root}docs/screenshots/controlling-${kpi.slug}.png`, fullPage: true });
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });

  it.each(KPI_PAGES.map((kpi) => [kpi.title, kpi] as const))('%s: its own chunk, and under 350 kB of gzipped JavaScript', async (_title, kpi) => {
    const scripts = new Map<string, number>();
    const collect = async (response: import('playwright-core').Response) => {
      if (response.url().endsWith('.js')) scripts.set(new URL(response.url()).pathname, gzipSync(await response.body()).length);
    };
    page.on('response', collect);
    try {
      await open(`${kpi.slug}?${kpi.when}`);
      await page.getByRole('img').first().waitFor();
    } finally {
      page.off('response', collect);
    }
    const names = [...scripts.keys()];
    const readings = KPI_PAGES.filter((other) => names.some((name) => new RegExp(`^/assets/${other.reading}-[\\w-]{8}\\.js$`).test(name)));
    expect(readings.map((other) => other.reading)).toEqual([kpi.reading]);
    expect(names.filter((name) => name.includes('xlsx'))).toEqual([]); // the Excel writer comes only with a click
    const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    expect(total).toBeLessThan(350 * 1024);
  });
});
