import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, expectNoHorizontalOverflow, expectNoSeriousAxeViolations, signedInPages } from './support';

// The access log (law 09-08), the danger-assessment instrument and the provincial protocol, as the
// demo accounts of apps/server/src/demo/accounts.ts see them.

// The tests read Arabic labels: each account is switched to Arabic whatever an earlier test chose.
const signedIn = signedInPages({ arabic: true });

describe('access log', () => {
  let childCode = '';

  it("records a social worker's view of a child's identity", async () => {
    const page = await signedIn('as.tanger');
    const cases = await api(page, 'GET', '/api/v1/cases?limit=5');
    expect(cases.status).toBe(200);
    const kase = (cases.body.items as { child: { id: string; code: string }; territoryCode: string }[]).find(
      (c) => c.territoryCode === 'tanger-assilah',
    );
    expect(kase).toBeDefined();
    childCode = kase!.child.code;
    const identity = await api(page, 'GET', `/api/v1/children/${kase!.child.id}/identity`);
    expect(identity.status).toBe(200);
    // The social worker has no access-log page.
    expect(await page.getByTestId('nav-accessLog').count()).toBe(0);
    await page.context().close();
  });

  it('the auditor finds the view, filtered by child code, on a desktop and on a phone', async () => {
    for (const width of [1280, 360]) {
      const page = await signedIn('auditeur', width);
      await page.goto('/access-log');
      await page.getByTestId('access-log-table').waitFor();
      await page.getByTestId('access-log-row').first().waitFor();
      await page.getByTestId('access-log-filter-child').fill(childCode);
      // The filtered list replaces the unfiltered one: wait until every row is of the child asked for.
      await expect
        .poll(async () => {
          const texts = await page.getByTestId('access-log-row').allTextContents();
          return texts.length > 0 && texts.every((text) => text.includes(childCode));
        })
        .toBe(true);
      const row = page.getByTestId('access-log-row').filter({ hasText: 'الاطلاع على هوية الطفل' });
      await row.first().waitFor();
      const text = (await row.first().textContent()) ?? '';
      expect(text).toContain('as.tanger');
      expect(text).toContain(childCode);
      // Every row is of the child asked for.
      for (const each of await page.getByTestId('access-log-row').all()) {
        expect(await each.textContent()).toContain(childCode);
      }
      await expectNoSeriousAxeViolations(page);
      await expectNoHorizontalOverflow(page);
      await page.context().close();
    }
  });

  it("the coordinator sees their own territory's log", async () => {
    const page = await signedIn('coordinateur.tanger');
    await page.getByTestId('nav-accessLog').click();
    await page.getByTestId('access-log-scope').waitFor();
    await page.getByTestId('access-log-row').first().waitFor();
    expect(await page.getByTestId('access-log-filter-territory').count()).toBe(0);
    await page.context().close();
  });
});

describe('danger-assessment instrument', () => {
  it('the national administrator sees the default banner, the versions and the upload form', async () => {
    const page = await signedIn('admin.national');
    await page.goto('/instruments');
    await page.getByTestId('instrument-default-banner').waitFor();
    expect(await page.getByTestId('instrument-default-banner').textContent()).toContain(
      'المرجع الوطني للتقييم المعياري لوضعيات الخطر',
    );
    await page.getByTestId('instruments-list').waitFor();
    expect(await page.getByTestId('instruments-list').textContent()).toContain('default-1');
    await page.getByTestId('instrument-active').waitFor();
    expect(await page.getByTestId('instrument-upload-submit').isDisabled()).toBe(true);

    // A file that is not JSON is refused in the browser, before anything is sent.
    await page.getByTestId('instrument-upload').setInputFiles({
      name: 'referentiel.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "version": '),
    });
    await page.getByTestId('instrument-upload-error').waitFor();
    // A JSON document that is not an instrument lists its problems.
    await page.getByTestId('instrument-upload').setInputFiles({
      name: 'referentiel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ version: 'v2', domains: [] })),
    });
    await page.getByTestId('instrument-upload-issues').waitFor();
    expect(await page.getByTestId('instrument-upload-submit').isDisabled()).toBe(true);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it('a social worker reads the instrument on a phone, without the upload form', async () => {
    const page = await signedIn('as.tanger', 360);
    await page.goto('/instruments');
    await page.getByTestId('instrument-active').waitFor();
    await page.getByTestId('instrument-default-banner').waitFor();
    expect(await page.getByTestId('instrument-upload').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await expectNoHorizontalOverflow(page);
    await page.context().close();
  });
});

describe('protocol', () => {
  it('the coordinator of Tanger opens the protocol, adopts it for the province and returns to the default', async () => {
    const page = await signedIn('coordinateur.tanger');
    await page.getByTestId('nav-protocol').click();
    await page.getByTestId('protocol-table').waitFor();
    expect(await page.getByTestId('protocol-row').count()).toBeGreaterThan(10);
    await expectNoSeriousAxeViolations(page);

    await page.getByTestId('protocol-edit').click();
    await page.getByTestId('protocol-save').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByTestId('protocol-save').click();
    await page.getByTestId('protocol-reset').waitFor();
    const own = await api(page, 'GET', '/api/v1/protocol-rules?territoryCode=tanger-assilah');
    expect(own.body.inherited).toBe(false);

    await page.getByTestId('protocol-reset').click();
    await page.getByTestId('protocol-reset-confirm').click();
    await page.getByTestId('protocol-edit').waitFor();
    await page.getByTestId('protocol-reset').waitFor({ state: 'detached' });
    const back = await api(page, 'GET', '/api/v1/protocol-rules?territoryCode=tanger-assilah');
    expect(back.body.inherited).toBe(true);
    await page.context().close();
  });

  it('two people edit the protocol of Tanger at once: the later save is refused and loads the first one', async () => {
    const page = await signedIn('coordinateur.tanger');
    await page.goto('/protocol');
    await page.getByTestId('protocol-edit').click();
    await page.getByTestId('protocol-save').waitFor();

    // Meanwhile the provincial administrator adopts a protocol for Tanger without its first rule.
    const admin = await signedIn('admin.tanger');
    const read = await api(admin, 'GET', '/api/v1/protocol-rules?territoryCode=tanger-assilah');
    type Rule = Record<string, unknown> & { id: string; territoryCode: string | null };
    const rules = (read.body.rules as Rule[]).slice(1).map(({ id: _id, territoryCode: _t, ...rule }) => rule);
    const saved = await api(admin, 'PUT', '/api/v1/protocol-rules', {
      territoryCode: 'tanger-assilah',
      rules,
      version: read.body.version,
    });
    expect(saved.status).toBe(200);
    await admin.context().close();

    await page.getByTestId('protocol-save').click();
    await page.getByTestId('version-conflict').waitFor();
    expect(await page.getByTestId('protocol-save-error').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    const unchanged = await api(page, 'GET', '/api/v1/protocol-rules?territoryCode=tanger-assilah');
    expect(unchanged.body.version).toBe(saved.body.version);
    expect(unchanged.body.rules).toHaveLength(rules.length);

    // "Load the latest version": the editor starts again from the administrator's rules.
    await page.getByTestId('conflict-reload').click();
    await page.getByTestId('version-conflict').waitFor({ state: 'detached' });
    await page.getByTestId('protocol-editing').waitFor();
    expect(await page.getByTestId('protocol-row').count()).toBe(rules.length);
    await page.getByTestId('protocol-save').click();
    await page.getByTestId('protocol-reset').waitFor();
    const after = await api(page, 'GET', '/api/v1/protocol-rules?territoryCode=tanger-assilah');
    expect(after.body.version).toBe(saved.body.version + 1);
    expect(after.body.rules).toHaveLength(rules.length);

    // Back to the national default for any test that follows.
    const back = await api(page, 'PUT', '/api/v1/protocol-rules', {
      territoryCode: 'tanger-assilah',
      rules: [],
      version: after.body.version,
    });
    expect(back.status).toBe(200);
    await page.context().close();
  });

  it('a social worker reads it on a phone, without edit controls', async () => {
    const page = await signedIn('as.tanger', 360);
    await page.goto('/protocol');
    await page.getByTestId('protocol-table').waitFor();
    expect(await page.getByTestId('protocol-edit').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await expectNoHorizontalOverflow(page);
    await page.context().close();
  });
});

describe('deactivating a worker who holds open cases', () => {
  // Marrakech: a pilot province no other browser test works in, so its coordinator's notices are ours.
  const MARRAKECH = 'marrakech';

  /** A case the coordinator opens from a report and gives to the worker. */
  async function openCaseFor(page: Page, workerId: string, first: string): Promise<string> {
    const report = await api(page, 'POST', '/api/v1/reports', {
      territoryCode: MARRAKECH,
      sourceCode: 'school',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      communeId: null,
      address: null,
      urgency: 'normal',
      harmForms: ['neglect'],
      facts: "L'enfant arrive à l'école sans avoir mangé.",
      reporter: null,
      children: [{ firstName: first, lastName: 'Tazi', approximateAge: 9, sex: 'female', notes: null }],
    });
    expect(report.status).toBe(201);
    const triage = await api(page, 'POST', `/api/v1/reports/${report.body.id}/triage`, {
      action: 'new_child',
      position: 0,
      child: {
        sex: 'female',
        identity: {
          firstNameAr: 'سلمى',
          lastNameAr: 'التازي',
          firstNameLatin: first,
          lastNameLatin: 'Tazi',
          birthDate: '2017-05-04',
          birthDateEstimated: false,
          fatherName: null,
          motherName: null,
          birthRecordNumber: null,
          nationalId: null,
          address: null,
          phones: [],
        },
      },
      situations: [],
      assignedWorkerId: workerId,
    });
    expect(triage.status).toBe(200);
    return triage.body.caseId as string;
  }

  it('the administrator is told the open cases return to the coordinator, who is notified once', async () => {
    const admin = await signedIn('admin.national', 360);
    const login = `as.depart.${Date.now().toString(36)}`;
    const created = await api(admin, 'POST', '/api/v1/users', {
      login,
      fullName: 'Hanane Tazi',
      email: null,
      phone: null,
      institutionId: null,
      territoryCode: MARRAKECH,
      roles: ['social_worker'],
      preferredLanguage: 'ar',
    });
    expect(created.status).toBe(201);
    const workerId = created.body.user.id as string;

    const coordinator = await signedIn('coordinateur.marrakech');
    const caseIds = [
      await openCaseFor(coordinator, workerId, 'Salma'),
      await openCaseFor(coordinator, workerId, 'Salima'),
    ];

    await admin.goto(`/users/${workerId}`);
    // Unticking "active" in the form says it before saving…
    const active = admin.getByRole('switch', { name: 'حساب نشط' });
    await active.uncheck();
    await admin.getByTestId('user-open-cases').waitFor();
    expect(await admin.getByTestId('user-open-cases').textContent()).toContain('ملفان مفتوحان');
    await active.check();
    await admin.getByTestId('user-open-cases').waitFor({ state: 'detached' });
    // …and so does the deactivation button, before the administrator confirms.
    await admin.getByTestId('user-deactivate').click();
    const notice = admin.getByRole('dialog').getByTestId('user-open-cases');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      'عند تعطيل هذا الحساب، يعود إلى منسق المركز ملفان مفتوحان مسندان إليه، ليسندهما إلى مساعد اجتماعي آخر.',
    );
    await expectNoSeriousAxeViolations(admin);
    await expectNoHorizontalOverflow(admin);
    await admin.getByTestId('confirm-action').click();
    await admin.getByTestId('user-reactivate').waitFor();
    await admin.context().close();

    // The coordinator's notice: a count, no child, leading to the cases without a worker.
    await coordinator.goto('/notifications');
    const item = coordinator
      .getByTestId('notification-item')
      .filter({ hasText: 'كان مكلفاً بتتبع ملفين مفتوحين' });
    await item.waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).not.toMatch(/Salma|Salima|سلمى|التازي/);
    await expectNoSeriousAxeViolations(coordinator);
    await item.getByTestId('notification-link').click();
    await coordinator.waitForURL(/\/cases\?workerId=unassigned/);
    const unassigned = await api(coordinator, 'GET', '/api/v1/cases?workerId=unassigned&limit=100');
    expect(unassigned.status).toBe(200);
    const ids = (unassigned.body.items as { id: string }[]).map((c) => c.id);
    for (const id of caseIds) expect(ids).toContain(id);
    await coordinator.context().close();
  });
});
