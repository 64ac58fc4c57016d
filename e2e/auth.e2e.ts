import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectNoSeriousAxeViolations, launchBrowser, newContext, signIn } from './support';

// The demo accounts (apps/server/src/demo/accounts.ts) and the navigation each role must find.
const ACCOUNTS: { login: string; admin: boolean; audit: boolean }[] = [
  { login: 'admin.national', admin: true, audit: true },
  { login: 'analyste', admin: false, audit: false },
  { login: 'auditeur', admin: false, audit: true },
  { login: 'admin.tanger', admin: true, audit: false },
  { login: 'coordinateur.tanger', admin: false, audit: false },
  { login: 'as.tanger', admin: false, audit: false },
  { login: 'info.tanger', admin: false, audit: false },
  { login: 'appui.tanger', admin: false, audit: false },
  { login: 'secretariat.tanger', admin: false, audit: false },
  { login: 'cppe.tanger', admin: false, audit: false },
  { login: 'hopital.tanger', admin: false, audit: false },
  { login: 'upe.tanger', admin: false, audit: false },
  { login: 'as.rabat', admin: false, audit: false },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function freshPage(width = 1280): Promise<Page> {
  const context = await newContext(browser, { width });
  return context.newPage();
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect.poll(() => page.url()).toContain('/login');
}

/** Creates an account as the national administrator; returns its temporary password. */
async function createAccount(login: string): Promise<string> {
  const page = await freshPage();
  await signIn(page, 'admin.national');
  await page.getByTestId('app-nav').waitFor();
  const created = await api(page, 'POST', '/api/v1/users', {
    login,
    fullName: 'Compte de test',
    email: null,
    phone: null,
    institutionId: null,
    territoryCode: 'tanger-assilah',
    roles: ['information_officer'],
    preferredLanguage: 'ar',
  });
  expect(created.status).toBe(201);
  await page.context().close();
  return created.body.temporaryPassword as string;
}

describe('signing in', () => {
  it('the login page is in Arabic, right to left, and passes axe', async () => {
    const page = await freshPage();
    await page.goto('/login');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await page.getByTestId('login-input').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  for (const account of ACCOUNTS) {
    it(`${account.login} signs in in Arabic and finds the navigation of the role`, async () => {
      const page = await freshPage();
      await signIn(page, account.login);
      const nav = page.getByTestId('app-nav');
      await nav.waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
      expect(await nav.getByTestId('nav-home').isVisible()).toBe(true);
      expect(await nav.getByTestId('nav-institutions').isVisible()).toBe(true);
      expect(await nav.getByTestId('nav-users').count()).toBe(account.admin ? 1 : 0);
      expect(await nav.getByTestId('nav-audit').count()).toBe(account.audit ? 1 : 0);
      await signOut(page);
      const session = await api(page, 'GET', '/api/v1/auth/session');
      expect(session.status).toBe(401);
      await page.context().close();
    });
  }

  it('the shell passes axe, on a desktop and on a 360 px phone', async () => {
    for (const width of [1280, 360]) {
      const page = await freshPage(width);
      await signIn(page, 'admin.national');
      await page.getByTestId('user-menu').waitFor();
      await expectNoSeriousAxeViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it('switches to French, and remembers it for the user', async () => {
    const page = await freshPage();
    await signIn(page, 'coordinateur.tanger');
    await page.getByTestId('app-nav').waitFor();
    await page.getByTestId('language-switcher').getByText('Français').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await page.reload();
    await page.getByTestId('app-nav').waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    // Back to Arabic so the other tests find the demo account as they expect it.
    await page.getByTestId('language-switcher').getByText('عربي').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.context().close();
  });

  it('a wrong password shows a translated error', async () => {
    const page = await freshPage();
    await signIn(page, 'as.tanger', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('اسم المستخدم أو كلمة المرور غير صحيحة');
    await page.context().close();
  });

  it('locks the account after repeated failures', async () => {
    await createAccount('e2e.lockout');
    const page = await freshPage();
    for (let i = 0; i < 5; i++) {
      await signIn(page, 'e2e.lockout', `wrong-password-${i}`);
      await page.getByTestId('login-error').waitFor();
    }
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('قفل الحساب');
    await page.context().close();
  });

  it('a new account changes its password, enrols two-factor, then signs in with a code', async () => {
    const temporary = await createAccount('e2e.totp');
    const page = await freshPage();
    await signIn(page, 'e2e.totp', temporary);
    // First sign-in: the temporary password must be replaced.
    await expect.poll(() => page.url()).toContain('/password');
    const newPassword = 'une-phrase-de-passe-longue-2026';
    await page.getByTestId('current-password-input').fill(temporary);
    await page.getByTestId('new-password-input').fill(newPassword);
    await page.getByTestId('confirm-password-input').fill(newPassword);
    await page.getByTestId('password-change-submit').click();
    await page.getByTestId('app-nav').waitFor();

    await page.goto('/profile');
    await page.getByTestId('totp-enable').click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await page.getByTestId('totp-code-input').fill(generateSync({ secret }));
    await page.getByTestId('totp-confirm').click();
    // Enabled: the profile now offers to turn it off.
    await page.getByTestId('totp-disable').waitFor();
    await signOut(page);

    await signIn(page, 'e2e.totp', newPassword);
    await expect.poll(() => page.url()).toContain('/mfa');
    // The code of the next time step: the current one was used at enrolment and is not accepted twice.
    const next = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.getByTestId('totp-code-input').fill(next);
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('app-nav').waitFor();
    await signOut(page);
    await page.context().close();
  });
});
