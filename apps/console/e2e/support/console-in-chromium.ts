import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn } from './browser.js';
import { startProduct, type Role, type RunningProduct } from './product.js';

export interface ConsoleInChromium {
  readonly product: RunningProduct;
  readonly browser: Browser;
  /** This test's own browser context (cookies, downloads), closed after it. */
  readonly context: BrowserContext;
  readonly page: Page;
}

/** The viewport of an office's screen, the German locale and Berlin's clock. */
export const OFFICE_BROWSER = { locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } } as const;

/**
 * A spec's setting: the product and Chromium once per file, a fresh browser context per test,
 * signed in as the role if one is given. Read its fields inside tests and hooks.
 */
export function consoleInChromium(options: { signedInAs?: Role; product?: () => Promise<RunningProduct> } = {}): ConsoleInChromium {
  const state: { -readonly [K in keyof ConsoleInChromium]?: ConsoleInChromium[K] } = {};
  beforeAll(async () => {
    [state.product, state.browser] = await Promise.all([(options.product ?? startProduct)(), launchChromium()]);
  }, 300_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.product?.stop();
  });
  beforeEach(async () => {
    state.context = await state.browser!.newContext(OFFICE_BROWSER);
    state.page = await state.context.newPage();
    if (options.signedInAs) await signIn(state.page, state.product!.url, state.product!.tokens[options.signedInAs]);
  });
  afterEach(async () => state.context?.close());
  return {
    get product() {
      return state.product!;
    },
    get browser() {
      return state.browser!;
    },
    get context() {
      return state.context!;
    },
    get page() {
      return state.page!;
    },
  };
}

/** The WCAG 2.1 AA violations axe-core rates serious or critical on the page, with where they are. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
