import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '@jugendamt/ingest-pipeline/testing';
import { startOpenIdProvider, type TestOpenIdProvider } from '@jugendamt/test-oidc';
import { launchChromium } from './support/browser.js';
import { root, startProduct, type RunningProduct } from './support/product.js';

const CLIENT_ID = 'jugendamt-console';
const CLIENT_SECRET = 'a-client-secret-of-the-test-office';

/**
 * Single sign-on in Debian's Chromium: the console's sign-in page offers it, the provider's own
 * login form (oidc-provider's development pages, on another site: localhost against the
 * console's 127.0.0.1) signs the user in, and the console opens with the role's navigation,
 * no token in the browser's reach.
 */
describe('single sign-on in Chromium (postgres)', () => {
  let provider: TestOpenIdProvider;
  let product: RunningProduct;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/api/v1/session/oidc/callback`;
    provider = await startOpenIdProvider({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri }, 'localhost');
    [product, browser] = await Promise.all([
      startProduct({ PORT: String(port), OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URI: redirectUri }),
      launchChromium(),
    ]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await provider?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
    // The provider's development pages load a web font from Google; the test machine is offline.
    await context.route('https://fonts.googleapis.com/**', (route) => route.abort());
    page = await context.newPage();
  });
  afterEach(async () => context?.close());

  const singleSignOnLink = () => page.getByRole('link', { name: 'Mit Single Sign-on anmelden' });

  /** From the console's sign-in page through the provider's login and consent forms. */
  async function signInAtProvider(login: string): Promise<void> {
    await page.goto(product.url);
    await singleSignOnLink().click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('beliebig');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${product.url}/**`);
  }

  /** The console's cookies, whatever their path (the provider's, on the same loopback host, are the provider's business). */
  const consoleCookies = async () => (await context.cookies()).filter(({ name }) => name.startsWith('jc_')).map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite }));

  const sessionAsTheConsoleSeesIt = () =>
    page.evaluate(async () => {
      const response = await fetch('/api/v1/session');
      return { status: response.status, role: response.ok ? ((await response.json()) as { role: string }).role : undefined };
    });

  it('offers single sign-on above the token form', async () => {
    await page.goto(product.url);
    await singleSignOnLink().waitFor();
    expect(await singleSignOnLink().getAttribute('href')).toBe('/api/v1/session/oidc');
    expect((await singleSignOnLink().boundingBox())!.y).toBeLessThan((await page.getByLabel('Zugangsschlüssel').boundingBox())!.y);
    await page.screenshot({ path: `${root}docs/screenshots/anmeldung-sso.png`, fullPage: true });
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it("signs in at the provider's login form and back in the console with the role's navigation, no token in the browser; signs out", async () => {
    await signInAtProvider('anna.controlling');
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    await expect(page.getByText('Angemeldet als Controlling').isVisible()).resolves.toBe(true);
    const links = await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['Überblick', 'Kosten', 'Gesamtbericht']));
    expect(links).not.toContain('Quellen');
    expect(await sessionAsTheConsoleSeesIt()).toEqual({ status: 200, role: 'controlling' });

    // Only the session cookie, out of the script's reach; the sign-in's state cookie is gone, no code in the address.
    expect(await consoleCookies()).toEqual([{ name: 'jc_session', httpOnly: true, sameSite: 'Strict' }]);
    expect(page.url()).not.toMatch(/[?&](code|state)=/);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).toBe('{}{}');
    expect(await page.evaluate('document.cookie')).toBe('');

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await singleSignOnLink().waitFor();
    expect(await sessionAsTheConsoleSeesIt()).toEqual({ status: 401, role: undefined });
    expect(await consoleCookies()).toEqual([]);
  });

  it('brings a user whose account has no role back to the sign-in page, saying so in German', async () => {
    await signInAtProvider('gast.praktikum');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Ihr Konto hat keine Rolle in Jugendamt Controlling/);
    // The reason is shown once: the address is the plain sign-in page again.
    await page.waitForURL((address) => address.search === '', { timeout: 5_000 });
    expect(await consoleCookies()).toEqual([]);
    expect(await sessionAsTheConsoleSeesIt()).toEqual({ status: 401, role: undefined });
  });
});
