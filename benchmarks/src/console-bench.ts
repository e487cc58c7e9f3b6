/**
 * `npm run bench:console`: the web console in Debian's Chromium over a generated large-city set
 * on real PostgreSQL. Per page: the time from navigation until the page is usable (its figures
 * shown, nothing loading), next to the time the API answers the same page asks for take on
 * their own, fetched all at once from Node in the same run (the page's floor). Both are warm:
 * the answer cache has seen each question once, as it has after the first user of the morning.
 * Two visits each run: a first visit in a fresh browser context (scripts fetched and parsed
 * anew) and a returning one in an open tab of the console, its scripts cached. Also the
 * JavaScript a page loads, gzipped.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type Request, type Response } from 'playwright-core';
import { sql } from 'kysely';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { createTestDatabase } from '@jugendamt/db/testing';
import { collectExportFiles, importFiles, importSettings, readIngestSettings } from '@jugendamt/ingest-pipeline';
import { catchUpAll } from '@jugendamt/projections';
import { issueToken } from '@jugendamt/api';
import { startApiProcess } from './support/api-process.js';
import { generatedSet } from './ingest/generated-set.js';
import { median } from './support/measure.js';
import { markdownTable } from './support/table.js';

const SCALE = Number(process.env['BENCH_SCALE'] ?? 50);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Waits until the selector matches, checked at every frame: a locator's waitFor retries after
 * up to 500 ms, which would be measured as the page's time.
 */
async function appears(page: Page, selector: string): Promise<void> {
  // A function, not a string: the console's CSP forbids evaluating strings.
  const present = (wanted: string) => (globalThis as unknown as { document: { querySelector(query: string): unknown } }).document.querySelector(wanted) !== null;
  await page.waitForFunction(present, selector, { polling: 'raf', timeout: 30_000 });
}

interface ConsolePage {
  readonly label: string;
  readonly path: string;
  /** The page is usable: its figures are on screen and nothing is loading any more. */
  readonly usable: string;
  /** Its chart is drawn too (after the figures: the chart's code comes in a chunk of its own). */
  readonly drawn?: string;
}

const PAGES: readonly ConsolePage[] = [
  {
    label: 'Überblick (7 key figures, this year and the one before)',
    path: '/controlling',
    usable: 'table.key-figures tbody tr:nth-child(7)',
  },
  {
    label: 'Rückführungsquote by paragraph (chart, tables)',
    path: '/controlling/rueckfuehrungsquote?by=paragraph',
    usable: '.kpi-figures[aria-busy="false"] table tbody tr',
    drawn: '.kpi-figures[aria-busy="false"] [role="img"] svg',
  },
  {
    label: 'Hilfen nach Leistungsform by team (chart, tables)',
    path: '/controlling/hilfen?by=team,setting',
    usable: '.kpi-figures[aria-busy="false"] table tbody tr',
    drawn: '.kpi-figures[aria-busy="false"] [role="img"] svg',
  },
];

interface PageVisit {
  readonly ms: number;
  /** Until the chart is drawn, where the page has one. */
  readonly drawnMs: number | undefined;
  readonly apiPaths: readonly string[];
  readonly javascriptGzipBytes: number;
}

/** Opens the page in the browser tab and waits until it is usable. */
async function visit(page: Page, url: string, target: ConsolePage): Promise<PageVisit> {
  const apiPaths: string[] = [];
  const scripts: Promise<number>[] = [];
  const onRequest = (request: Request) => {
    const address = new URL(request.url());
    if (address.pathname.startsWith('/api/v1/') && !address.pathname.startsWith('/api/v1/session')) apiPaths.push(address.pathname + address.search);
  };
  const onResponse = (response: Response) => {
    if (response.url().endsWith('.js'))
      scripts.push(
        response.body().then(
          (body) => gzipSync(body).byteLength,
          () => 0,
        ),
      );
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  try {
    const started = performance.now();
    await page.goto(`${url}${target.path}`);
    const until = async (selector: string) => {
      await appears(page, selector).catch(async (failure: Error) => {
        const shot = join(tmpdir(), 'console-bench-failure.png');
        await page.screenshot({ path: shot, fullPage: true });
        throw new Error(`${target.path}: ${selector} did not appear (screenshot: ${shot}): ${failure.message}`);
      });
      return performance.now() - started;
    };
    const ms = await until(target.usable);
    const drawnMs = target.drawn ? await until(target.drawn) : undefined;
    const javascriptGzipBytes = (await Promise.all(scripts)).reduce((sum, bytes) => sum + bytes, 0);
    return { ms, drawnMs, apiPaths, javascriptGzipBytes };
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
}

/** A first visit: a browser context of its own, nothing of the console cached. */
async function firstVisit(browser: Browser, url: string, cookie: string, target: ConsolePage): Promise<PageVisit> {
  const context = await signedInContext(browser, url, cookie);
  try {
    return await visit(await context.newPage(), url, target);
  } finally {
    await context.close();
  }
}

/** A returning visit: the user's open tab, the console's scripts cached, coming from elsewhere. */
async function returningVisit(tab: Page, url: string, target: ConsolePage): Promise<PageVisit> {
  await tab.goto('about:blank');
  return visit(tab, url, target);
}

/** A signed-in browser context, as after the user's sign-in; nothing of the console cached yet. */
async function signedInContext(browser: Browser, url: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url }]);
  return context;
}

/** The page's API answers on their own: all asked at once, as fast as the API can give them. */
async function answersAlone(url: string, cookie: string, paths: readonly string[]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    paths.map(async (path) => {
      const response = await fetch(`${url}${path}`, { headers: { cookie, 'accept-encoding': 'gzip, deflate' } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    }),
  );
  return performance.now() - started;
}

async function main(): Promise<void> {
  const folder = process.env['BENCH_FOLDER'] ?? generatedSet(root, SCALE, SEED);
  const database = await createTestDatabase('postgres', { poolSize: 20 });
  let browser: Browser | undefined;
  try {
    console.error('importing the set and catching up the projections …');
    await importFiles(database.db, importSettings({}, readIngestSettings({ ...process.env, PSEUDONYM_KEY: 'ab'.repeat(32) })), await collectExportFiles([folder]));
    await catchUpAll(database.db, DEFAULT_TENANT_ID);
    await sql`ANALYZE`.execute(database.db);
    const { token } = await issueToken(database.db, DEFAULT_TENANT_ID, 'controlling', 'benchmark');
    if (!database.url) throw new Error('the benchmark needs PostgreSQL');
    const api = await startApiProcess(root, database.url, { PSEUDONYM_KEY: 'ab'.repeat(32), DATABASE_POOL_SIZE: '20' });
    const signIn = await fetch(`${api.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
    if (signIn.status !== 200 || !cookie) throw new Error(`signing in: ${signIn.status}`);
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    const rows: (string | number)[][] = [];
    // A returning user: the browser is open, a tab of the console too, its hashed scripts cached.
    const returning = await signedInContext(browser, api.url, cookie);
    const tab = await returning.newPage();
    for (const target of PAGES) {
      // The first visit warms the answer cache and tells which answers the page asks for.
      const first = await returningVisit(tab, api.url, target);
      const alone: number[] = [];
      const firstVisits: PageVisit[] = [];
      const returnVisits: PageVisit[] = [];
      for (let run = 0; run < RUNS; run++) {
        alone.push(await answersAlone(api.url, cookie, first.apiPaths));
        firstVisits.push(await firstVisit(browser, api.url, cookie, target));
        returnVisits.push(await returningVisit(tab, api.url, target));
      }
      const apiMs = median(alone);
      const aim = 1.5 * apiMs + 300;
      for (const [kind, visits] of [
        ['first visit', firstVisits],
        ['returning', returnVisits],
      ] as const) {
        const pageMs = median(visits.map((v) => v.ms));
        const drawn = target.drawn ? Math.round(median(visits.map((v) => v.drawnMs!))) : '–';
        rows.push([
          target.label,
          kind,
          first.apiPaths.length,
          Math.round(apiMs),
          Math.round(pageMs),
          drawn,
          Math.round(aim),
          pageMs <= aim ? 'yes' : 'no',
          Math.round(first.javascriptGzipBytes / 1024),
        ]);
        console.error(`${target.label}, ${kind}: page ${Math.round(pageMs)} ms, its ${first.apiPaths.length} answers alone ${Math.round(apiMs)} ms`);
      }
    }
    await returning.close();
    console.log(`\nWeb console in Chromium (${process.env['BENCH_FOLDER'] ?? `scale ${SCALE}`}), median of ${RUNS} runs, answer cache warm\n`);
    console.log(markdownTable(['page', 'visit', 'API answers', 'answers alone ms', 'page usable ms', 'chart drawn ms', 'aim ms (1.5x + 300)', 'within aim', 'JS kB gzipped'], rows));
    await api.stop();
  } finally {
    await browser?.close();
    await database.close().catch(() => undefined);
  }
}

await main();
