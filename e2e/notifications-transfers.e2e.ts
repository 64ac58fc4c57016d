import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, expectNoSeriousAxeViolations, launchBrowser, newContext, signIn } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});

/** Each user in a browser context of their own: two people at two desks, at the same time. */
async function signedInPage(login: string, width = 1280): Promise<Page> {
  const context = await newContext(browser, { width });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, login);
  await page.getByTestId('app-nav').or(page.getByTestId('user-menu')).first().waitFor();
  return page;
}

const unreadOf = async (page: Page) =>
  Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

/** An open case of the signed-in coordinator's province that may be sent elsewhere now. */
async function transferableCase(page: Page): Promise<string> {
  const cases = await api(page, 'GET', '/api/v1/cases?limit=100');
  expect(cases.status).toBe(200);
  for (const kase of cases.body.items as { id: string }[]) {
    const transfers = await api(page, 'GET', `/api/v1/cases/${kase.id}/transfers`);
    if (transfers.status === 200 && transfers.body.permissions.request) return kase.id;
  }
  throw new Error('no Tanger-Assilah case can be transferred');
}

describe('notifications and transfers between provinces', () => {
  it("Tanger-Assilah asks Salé to take a case; Salé's coordinator sees the notice arrive live, accepts, and the case moves", async () => {
    const tanger = await signedInPage('coordinateur.tanger');
    const sale = await signedInPage('coordinateur.sale');
    const saleUnreadBefore = await unreadOf(sale);
    const caseId = await transferableCase(tanger);

    // Tanger's coordinator asks, from the case page, after reading what follows an acceptance.
    await tanger.goto(`/cases/${caseId}`);
    await tanger.getByTestId('case-page').waitFor();
    const childCode = ((await tanger.getByTestId('case-code').textContent()) ?? '').trim();
    expect(childCode).toMatch(/^[A-Z]{2,4}-\d{4}-\d{5}$/);
    await tanger.getByTestId('tab-circuit').click();
    await tanger.getByTestId('transfer-request-open').click();
    const warning = tanger.getByTestId('transfer-request-warning');
    await warning.waitFor();
    await tanger.getByTestId('transfer-destination').click();
    await tanger.getByRole('option', { name: 'عمالة سلا' }).click();
    // The warning names the destination and says the province loses access.
    await expect.poll(() => warning.textContent()).toContain('عمالة سلا');
    expect(await warning.textContent()).toContain('لن يبقى بإمكان');
    await tanger
      .getByTestId('transfer-reason-input')
      .fill('انتقلت الأسرة للاستقرار بمدينة سلا، ويتابع الطفل دراسته هناك ابتداءً من الشهر المقبل.');
    await tanger.getByTestId('transfer-request-submit').click();
    await tanger.getByTestId('case-transfer-open').waitFor();
    // Until Salé accepts, the case stays Tanger's.
    expect((await api(tanger, 'GET', `/api/v1/cases/${caseId}`)).status).toBe(200);

    // Salé's coordinator, signed in all along, sees the count rise without reloading.
    const saleUrl = sale.url();
    await expect.poll(() => unreadOf(sale), { timeout: 15_000 }).toBeGreaterThan(saleUnreadBefore);
    expect(sale.url()).toBe(saleUrl);
    const bell = sale.getByTestId('notification-bell');
    // Its accessible name says there are unread notices (in Arabic, one and two are said in words).
    expect(await bell.getAttribute('aria-label')).toMatch(/^الإشعارات: /);
    await bell.click();
    const notice = sale
      .getByTestId('notification-panel')
      .locator('[data-testid="notification-item"][data-kind="transfer_requested"]')
      .filter({ hasText: childCode })
      .first();
    await notice.waitFor();
    expect(await notice.getAttribute('data-read')).toBe('false');
    expect(await notice.textContent()).toContain('عمالة طنجة أصيلة');
    await notice.getByTestId('notification-link').click();

    // The transfers page: the pseudonymous profile and the reason, then acceptance after the warning.
    await sale.waitForURL(/\/transfers\?direction=incoming/);
    const card = sale.locator(`[data-testid="transfer-card"][data-child-code="${childCode}"]`);
    await card.waitFor();
    await card.getByTestId('transfer-profile').waitFor();
    expect(await card.getByTestId('transfer-reason').textContent()).toContain('سلا');
    const tangerUnreadBefore = await unreadOf(tanger);
    await card.getByTestId('transfer-accept').click();
    const acceptWarning = sale.getByTestId('transfer-step-warning');
    await acceptWarning.waitFor();
    expect(await acceptWarning.textContent()).toContain('عمالة طنجة أصيلة');
    await sale.getByTestId('transfer-step-submit').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('accepted');
    // Opening the notice marked it read.
    await expect
      .poll(async () => {
        const list = await api(sale, 'GET', '/api/v1/notifications?limit=50');
        return (
          list.body.items as { kind: string; data: { childCode?: string }; readAt: string | null }[]
        ).find((n) => n.kind === 'transfer_requested' && n.data.childCode === childCode)?.readAt;
      })
      .not.toBeNull();

    // The case now belongs to Salé: reachable there, no longer from Tanger-Assilah.
    await card.getByTestId('transfer-open-case').click();
    await sale.getByTestId('case-page').waitFor();
    expect(((await sale.getByTestId('case-code').textContent()) ?? '').trim()).toBe(childCode);
    expect((await api(tanger, 'GET', `/api/v1/cases/${caseId}`)).status).toBe(403);

    // Tanger's coordinator is told of the decision, live too.
    await expect.poll(() => unreadOf(tanger), { timeout: 15_000 }).toBeGreaterThan(tangerUnreadBefore);
    await tanger.goto('/transfers?direction=outgoing');
    const sent = tanger.locator(`[data-testid="transfer-card"][data-child-code="${childCode}"]`);
    await expect.poll(() => sent.getAttribute('data-status')).toBe('accepted');
    expect(await sent.getByTestId('transfer-open-case').count()).toBe(0);

    // The notification centre: the notice is there; marking all read empties the count.
    await tanger.goto('/notifications');
    await tanger
      .getByTestId('notifications-list')
      .locator('[data-kind="transfer_decided"]')
      .filter({ hasText: childCode })
      .first()
      .waitFor();
    await tanger.getByTestId('notifications-mark-all').click();
    await expect.poll(() => unreadOf(tanger)).toBe(0);

    // The national administrator sees, in demo mode, the e-mail that would have gone to Salé.
    const admin = await signedInPage('admin.national');
    await admin.goto('/outbox');
    await admin.getByTestId('outbox-mode').waitFor();
    const mail = admin
      .getByTestId('outbox-entry')
      .filter({ hasText: 'coordinateur.sale@demo.madar.ma' })
      .filter({ hasText: childCode })
      .first();
    await mail.waitFor();
    expect(await mail.getByTestId('outbox-status').getAttribute('data-status')).toBe('demo');
    await mail.getByTestId('outbox-toggle').click();
    await expect.poll(() => mail.getByTestId('outbox-body').isVisible()).toBe(true);

    for (const page of [tanger, sale, admin]) await page.context().close();
  });

  it("a request withdrawn by Tanger-Assilah shows as withdrawn on Salé's open transfers page, and Salé is told", async () => {
    const tanger = await signedInPage('coordinateur.tanger');
    const sale = await signedInPage('coordinateur.sale');
    await sale.goto('/transfers?direction=incoming');
    await sale.getByTestId('transfers-list').or(sale.getByTestId('transfers-empty')).first().waitFor();
    const saleUrl = sale.url();
    const caseId = await transferableCase(tanger);
    const asked = await api(tanger, 'POST', `/api/v1/cases/${caseId}/transfers`, {
      toTerritoryCode: 'sale',
      reason: 'انتقلت الأسرة إلى سلا، ثم عدلت عن ذلك.',
    });
    expect(asked.status).toBe(201);
    const { id, version, childCode } = asked.body as { id: string; version: number; childCode: string };
    // The request appears on Salé's page without reloading...
    const card = sale.locator(`[data-testid="transfer-card"][data-child-code="${childCode}"]`).first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000 }).toBe('requested');
    const unreadBefore = await unreadOf(sale);
    expect((await api(tanger, 'POST', `/api/v1/transfers/${id}/cancel`, { version })).status).toBe(200);
    // ...and shows as withdrawn when Tanger-Assilah withdraws it, still without reloading.
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000 }).toBe('cancelled');
    expect(await card.getByTestId('transfer-accept').count()).toBe(0);
    await expect.poll(() => unreadOf(sale), { timeout: 15_000 }).toBeGreaterThan(unreadBefore);
    expect(sale.url()).toBe(saleUrl);
    await sale.getByTestId('notification-bell').click();
    const notice = sale
      .getByTestId('notification-panel')
      .locator('[data-testid="notification-item"][data-kind="transfer_cancelled"]')
      .filter({ hasText: childCode })
      .first();
    await notice.waitFor();
    expect(await notice.textContent()).toContain('عمالة طنجة أصيلة');
    expect(await notice.getByTestId('notification-link').getAttribute('href')).toBe(
      '/transfers?direction=incoming',
    );
    for (const page of [tanger, sale]) await page.context().close();
  });

  it('the notification centre, the outbox and the transfers page pass axe at 1280 and 360 px', async () => {
    for (const width of [1280, 360]) {
      const coordinator = await signedInPage('coordinateur.tanger', width);
      for (const path of ['/notifications', '/transfers', '/transfers?direction=outgoing']) {
        await coordinator.goto(path);
        const prefix = path === '/notifications' ? 'notifications' : 'transfers';
        await coordinator
          .getByTestId(`${prefix}-list`)
          .or(coordinator.getByTestId(`${prefix}-empty`))
          .first()
          .waitFor();
        await expectNoSeriousAxeViolations(coordinator);
        // Nothing wider than the screen on a phone.
        const overflow = await coordinator.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
      }
      // The bell's panel, open.
      await coordinator.getByTestId('notification-bell').click();
      const panel = coordinator.getByTestId('notification-panel');
      await panel.waitFor();
      // Checked once its fade-in is over (half-transparent text would fail the contrast rule).
      await expect.poll(() => panel.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
      await expectNoSeriousAxeViolations(coordinator);
      await coordinator.context().close();

      const admin = await signedInPage('admin.tanger', width);
      await admin.goto('/outbox');
      await admin.getByTestId('outbox-mode').waitFor();
      await admin.getByTestId('outbox-list').or(admin.getByTestId('outbox-empty')).first().waitFor();
      await expectNoSeriousAxeViolations(admin);
      await admin.context().close();
    }
  });
});
