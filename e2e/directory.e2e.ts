import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, newContext } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function freshPage(width: number): Promise<Page> {
  const context = await newContext(browser, { width });
  return context.newPage();
}

describe('the public directory of services', () => {
  it('is open without signing in, on a phone, in Arabic then French, and passes axe', async () => {
    const page = await freshPage(360);
    await page.goto('/directory');
    await page.getByTestId('directory-page').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    // Choose Tanger-Assilah: the pilot province has an actor map.
    const territory = page.getByTestId('directory-filter-territory');
    await expect.poll(() => territory.locator('option[value="tanger-assilah"]').count()).toBe(1);
    await territory.selectOption('tanger-assilah');
    const cards = page.getByTestId('directory-results').getByTestId('directory-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/directory');
    await expectNoSeriousAxeViolations(page);

    // French: the page follows, left to right, and stays public.
    await page.getByTestId('language-fr').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Annuaire des services publics');
    await cards.first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/directory');
    await expectNoSeriousAxeViolations(page);

    await page.setViewportSize({ width: 1280, height: 800 });
    await cards.first().waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it('its API answers without a session and lists no contact point', async () => {
    const page = await freshPage(1280);
    const response = await page.request.get('/api/public/directory?territoryCode=tanger-assilah&limit=5');
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { items: Record<string, unknown>[] };
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item).not.toHaveProperty('contactPoints');
    await page.context().close();
  });
});
