import { SERVICE_BASKET } from '@madar/domain';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, expectNoSeriousAxeViolations, signedInPages } from './support';

const signedIn = signedInPages();

/** A mark left in the page: still there at the end means the page was never reloaded. */
const markPage = (page: Page) =>
  page.evaluate(() => {
    (globalThis as unknown as { madarMark: string }).madarMark = 'no-reload';
  });
const markOf = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { madarMark?: string }).madarMark ?? null);

/** The smallest well-formed one-page PDF: the hospital's certificate. */
function certificatePdf(): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}

const serviceLabel = (code: string) => SERVICE_BASKET.find((s) => s.code === code)!.ar;

interface Setup {
  caseId: string;
  serviceCode: string;
  hospitalName: string;
}

/**
 * A Tanger case of the social worker, in care, and a service the Tanger hospital offers for which
 * the case has no open plan item (the demo's actor map and cases, read through the API).
 */
async function findCaseAndService(worker: Page): Promise<Setup> {
  const institutions = await api(
    worker,
    'GET',
    '/api/v1/institutions?territoryCode=tanger-assilah&sectorCode=health&active=true&limit=50',
  );
  expect(institutions.status).toBe(200);
  const hospital = (institutions.body.items as { type: string; nameAr: string; services: string[] }[]).find(
    (i) => i.type === 'hospital',
  );
  expect(hospital).toBeDefined();
  for (const stage of ['care', 'reintegration', 'follow_up', 'initial_diagnosis']) {
    const cases = await api(worker, 'GET', `/api/v1/cases?view=mine&stage=${stage}&limit=50`);
    expect(cases.status).toBe(200);
    for (const kase of cases.body.items as { id: string; closedAt: string | null }[]) {
      if (kase.closedAt) continue;
      const plan = await api(worker, 'GET', `/api/v1/cases/${kase.id}/plan`);
      const open = new Set(
        (plan.body.items as { serviceCode: string; status: string }[])
          .filter((i) => ['planned', 'requested', 'in_progress'].includes(i.status))
          .map((i) => i.serviceCode),
      );
      const serviceCode = hospital!.services.find((s) => !open.has(s));
      if (serviceCode) return { caseId: kase.id, serviceCode, hospitalName: hospital!.nameAr };
    }
  }
  throw new Error('no Tanger case fit for a referral to the hospital');
}

describe('a referral card between a CAPE and a hospital, live', () => {
  it('the social worker refers, the hospital sees it appear, acknowledges and completes with a certificate; the worker sees the answer — nobody reloads', async () => {
    // The hospital's focal point is signed in first, with the inbox open.
    const hospital = await signedIn('hopital.tanger');
    await hospital.goto('/referrals');
    await hospital.getByTestId('referrals-list').waitFor();
    await markPage(hospital);

    const worker = await signedIn('as.tanger');
    const { caseId, serviceCode, hospitalName } = await findCaseAndService(worker);
    await worker.goto(`/cases/${caseId}?section=plan`);
    await worker.getByTestId('case-referrals').waitFor();
    await markPage(worker);

    // The service goes into the plan from the basket, through the page.
    await worker.getByTestId('plan-add-open').click();
    const service = worker.getByTestId('plan-add-service');
    await service.click();
    await service.fill(serviceLabel(serviceCode));
    await worker.getByRole('option', { name: new RegExp(`^${serviceLabel(serviceCode)}`) }).click();
    await worker.getByTestId('plan-add-submit').click();
    await worker.getByTestId('plan-add-submit').waitFor({ state: 'hidden' });
    let itemId = '';
    await expect
      .poll(async () => {
        const plan = await api(worker, 'GET', `/api/v1/cases/${caseId}/plan`);
        itemId =
          (plan.body.items as { id: string; serviceCode: string; status: string }[]).find(
            (i) => i.serviceCode === serviceCode && i.status === 'planned',
          )?.id ?? '';
        return itemId;
      })
      .not.toBe('');

    // The referral card: the hospital chosen among the suggestions, the situation shared, no identity.
    await worker.getByTestId(`plan-item-refer-${itemId}`).click();
    await worker.getByTestId('referral-form').waitFor();
    await expect.poll(() => worker.getByTestId('referral-due').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expectNoSeriousAxeViolations(worker);
    await worker.getByTestId('referral-suggested').click();
    await worker.getByRole('option', { name: hospitalName, exact: true }).first().click();
    await worker.getByTestId('referral-section-situation').check();
    expect(await worker.getByTestId('referral-identity').isChecked()).toBe(false);
    await worker.getByTestId('referral-note').fill('الطفل مرفوق بالمساعدة الاجتماعية؛ المرجو تحديد موعد.');
    await worker.getByTestId('referral-send').click();
    await worker.getByTestId('referral-form').waitFor({ state: 'detached' });

    // The plan item links to its card; the case's list of cards shows it, sent.
    const itemLink = worker.getByTestId(`plan-item-referral-${itemId}`).getByRole('link');
    await itemLink.waitFor();
    const cardId = ((await itemLink.getAttribute('href')) ?? '').split('/').at(-1) ?? '';
    expect(cardId).toMatch(/^[0-9a-f-]{36}$/);
    const row = worker.getByTestId('case-referrals').getByTestId(`referral-row-${cardId}`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('sent');

    // The hospital's inbox shows the card without reloading.
    const inboxRow = hospital.getByTestId(`referral-row-${cardId}`);
    await inboxRow.waitFor({ timeout: 15_000 });
    expect(await inboxRow.getAttribute('data-status')).toBe('sent');
    await expectNoSeriousAxeViolations(hospital);
    await inboxRow.click();
    const card = hospital.getByTestId('referral-page');
    await card.waitFor();
    expect(await card.getAttribute('data-side')).toBe('receiver');
    // Only what was shared: the situation, no identity.
    await hospital.getByTestId('shared-situation').waitFor();
    expect(await hospital.getByTestId('shared-identity').count()).toBe(0);
    await hospital.getByTestId('shared-identity-none').waitFor();

    await hospital.getByTestId('referral-action-acknowledge').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('received');
    await hospital.getByTestId('referral-step-received').waitFor();
    // The worker's case page follows.
    await expect
      .poll(() => worker.getByTestId(`referral-row-${cardId}`).getAttribute('data-status'))
      .toBe('received');

    // Completed with a certificate: the document first, then the measures.
    await hospital.getByTestId('referral-action-complete').click();
    await hospital.getByTestId('complete-attachment-title').fill('شهادة طبية');
    await hospital.getByTestId('complete-attachment-file').setInputFiles({
      name: 'certificat.pdf',
      mimeType: 'application/pdf',
      buffer: certificatePdf(),
    });
    await hospital.getByTestId('complete-attachment-submit').click();
    await hospital
      .locator('[data-testid="referral-attachments"] [data-testid^="attachment-"]')
      .first()
      .waitFor();
    await hospital
      .getByTestId('referral-measures')
      .fill('أُجري الفحص الطبي في اليوم نفسه؛ الشهادة الطبية مرفقة. موعد المراقبة بعد شهر.');
    await hospital.getByTestId('referral-complete-submit').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('completed');
    await hospital.getByTestId('referral-step-completed').waitFor();
    await expectNoSeriousAxeViolations(hospital);

    // The answer reaches the case page: the card completed, the plan item delivered.
    await expect
      .poll(() => worker.getByTestId(`referral-row-${cardId}`).getAttribute('data-status'), {
        timeout: 15_000,
      })
      .toBe('completed');
    await expect
      .poll(() => worker.getByTestId(`plan-item-${itemId}`).getAttribute('data-status'))
      .toBe('delivered');

    expect(await markOf(hospital)).toBe('no-reload');
    expect(await markOf(worker)).toBe('no-reload');

    // The worker reads the answer and downloads the certificate from the card.
    await worker.getByTestId(`referral-row-${cardId}`).click();
    await worker.getByTestId('referral-measures-text').waitFor();
    const download = worker.locator('[data-testid^="attachment-download-"]').first();
    const href = await download.getAttribute('href');
    const pdf = await worker.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The hospital's focal point cannot open the case behind the card.
    await hospital.goto(`/cases/${caseId}`);
    await hospital.getByTestId('page-403').waitFor();
    expect((await api(hospital, 'GET', `/api/v1/cases/${caseId}`)).status).toBe(403);

    await worker.context().close();
    await hospital.context().close();
  });

  it('on a phone (360 px), the inbox and a card read without sideways scrolling and pass axe', async () => {
    const phone = await signedIn('hopital.tanger', 360);
    await phone.goto('/referrals');
    const first = phone.locator('[data-testid^="referral-row-"]').first();
    await first.waitFor();
    await expectNoSeriousAxeViolations(phone);
    const fits = () =>
      phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    expect(await fits()).toBe(true);
    await first.click();
    await phone.getByTestId('referral-page').waitFor();
    await expectNoSeriousAxeViolations(phone);
    expect(await fits()).toBe(true);
    await phone.context().close();
  });
});
