import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

const require = createRequire(import.meta.url);
export const DEMO_PASSWORD = 'madar-demo-2026';

function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error("Chromium not found: install Debian's chromium package or set CHROMIUM_PATH");
  return found;
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // The machine's network is closed: background services of Chromium must not try to call out.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newContext(
  browser: Browser,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'ar-MA',
    timezoneId: 'Africa/Casablanca',
    // Lets the tests inject axe into pages served with Madar's strict Content-Security-Policy.
    bypassCSP: true,
  });
}

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-input').fill(login);
  await page.getByTestId('password-input').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * One Chromium for the test file that calls this (at its top level), launched before its tests and
 * closed after them. Returns the function that opens a page in a context of its own, signed in as a
 * demo account, once the app's navigation is there. `arabic`: each account is switched to Arabic
 * first, for tests that read Arabic labels whatever an earlier test chose.
 */
export function signedInPages(options: { arabic?: boolean } = {}) {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async (login: string, width = 1280): Promise<Page> => {
    if (!browser) throw new Error('The browser is launched before the tests: sign in from a test.');
    const page = await (await newContext(browser, { width })).newPage();
    await signIn(page, login);
    await page.getByTestId('app-nav').waitFor();
    if (options.arabic) {
      await page.getByTestId('language-ar').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    }
    return page;
  };
}

/** No horizontal scrolling on the page itself (tables scroll inside their own box). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page and fails on any serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // A modal or panel still fading in has its text at part opacity: axe would measure the contrast
  // of a frame, not of the page. Checked once every transition and animation has finished.
  // (Endless ones, such as a loader's spin, are not waited for.)
  await page.waitForFunction(() => {
    type Running = { playState: string; effect: { getTiming(): { iterations?: number } } | null };
    const doc = (globalThis as unknown as { document: { getAnimations(): Running[] } }).document;
    return doc
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
      );
  });
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // Runs in the page, where axe was just injected; the server-side typings know no DOM.
    const page = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return (
      result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

/** Calls the API with the page's session cookie (for set-up steps a user would do elsewhere). */
export async function api(page: Page, method: string, url: string, body?: unknown) {
  const response = await page.request.fetch(url, {
    method,
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
  });
  return { status: response.status(), body: await response.json().catch(() => null) };
}
