import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultAssessmentInstrument, referenceTaxonomies } from '@madar/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectNoSeriousAxeViolations, launchBrowser, newContext, signIn } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function page(width = 1280): Promise<Page> {
  return (await newContext(browser, { width })).newPage();
}

/**
 * The path of one child through the circuit, as a CAPE social worker lives it, in Arabic: a school
 * reports, the report is triaged into a new case, the child is assessed, given a plan, followed up,
 * evaluated, and the case is closed by the coordinator; the evaluation report is printed.
 */
describe("a child's path through the circuit", () => {
  it('report → triage → assessment → plan → follow-up → evaluation → closure, in Arabic; the PDF carries the code', async () => {
    const p = await page();
    await signIn(p, 'as.tanger');
    await p.getByTestId('app-nav').waitFor();

    // A school reports a child.
    await p.goto('/reports/new');
    await p.getByTestId('report-form').waitFor();
    await p
      .getByTestId('report-facts')
      .fill('لاحظت المعلمة آثار ضرب على ذراعي الطفل، ويقول إنه يخاف العودة إلى المنزل.');
    await p.getByTestId('report-child-first-name-0').fill('Yassine');
    await p.getByTestId('report-child-last-name-0').fill('Lahlou');
    // Chosen last: the form settles its defaults (territory, time) once the reference data is loaded.
    await choose(p, 'report-source', 'report_sources', 'school');
    await expect
      .poll(() => p.getByTestId('report-source').inputValue())
      .toBe(labelOf('report_sources', 'school'));
    await p.getByTestId('report-submit').click();
    await p.getByTestId('report-created-open').click();

    // Triage: a new child, registered (after the duplicate check) into a new case.
    const panel = p.getByTestId('triage-child-0');
    await panel.getByTestId('triage-new-child').click();
    await panel.getByTestId('identity-first-name-ar').fill('ياسين');
    await panel.getByTestId('identity-last-name-ar').fill('لحلو');
    await panel.getByTestId('identity-first-name-latin').fill('Yassine');
    await panel.getByTestId('identity-last-name-latin').fill('Lahlou');
    await panel.getByTestId('identity-birth-date').fill('2015-04-12');
    await panel.getByTestId('triage-register').click();
    const done = panel.getByTestId('triage-done-case-link');
    // When likely duplicates are shown, the same button registers a new child anyway.
    await Promise.race([done.waitFor(), panel.getByTestId('duplicates-panel').waitFor()]);
    if (!(await done.isVisible())) await panel.getByTestId('triage-register').click();
    await done.click();
    await p.getByTestId('case-page').waitFor();
    const code = ((await p.getByTestId('case-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^TNG-\d{4}-\d{5}$/);
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const caseId = new URL(p.url()).pathname.split('/').at(-1)!;

    // The identity, shown on request (a logged view), corrected: the father's name is added.
    await p.getByTestId('tab-identity').click();
    await p.getByTestId('show-identity').click();
    await p.getByTestId('identity-edit').click();
    const identityForm = p.getByTestId('identity-form');
    await expect
      .poll(() => identityForm.getByTestId('identity-first-name-latin').inputValue())
      .toBe('Yassine');
    await identityForm.getByTestId('identity-father-name').fill('عبد الله لحلو');
    await identityForm.getByTestId('identity-save').click();
    await identityForm.waitFor({ state: 'detached' });
    await p.getByTestId('identity-panel').getByText('عبد الله لحلو').waitFor();

    // Along the circuit: immediate assistance, then the initial diagnosis.
    await p.getByTestId('tab-circuit').click();
    for (const stage of ['immediate_assistance', 'initial_diagnosis']) {
      await p.getByTestId('stage-next').click();
      await p.getByTestId('transition-submit').click();
      await expect.poll(() => p.getByTestId('case-stage').getAttribute('data-stage')).toBe(stage);
    }

    // Two danger assessments (the evaluation compares the latest with the first).
    const items = defaultAssessmentInstrument().domains.flatMap((d) => d.items.map((i) => i.code));
    for (const value of [2, 1]) {
      await p.getByTestId('tab-assessment').click();
      await p.getByTestId('assessment-new').click();
      await p.getByTestId('assessment-form').waitFor();
      for (const item of items)
        await p.getByTestId(`assessment-item-${item}-${value}`).check({ force: true });
      await p.getByTestId('assessment-submit').click();
      await p.getByTestId('assessment-form').waitFor({ state: 'detached' });
    }

    // The plan: a service suggested by the protocol.
    await p.getByTestId('tab-plan').click();
    await p.getByTestId('plan-suggestions').waitFor();
    await p.locator('[data-testid^="plan-suggestion-add-"]').first().click();
    await p.locator('[data-testid^="plan-item-"][data-status]').first().waitFor();

    // A follow-up card, with what the child said.
    await p.getByTestId('tab-followups').click();
    await p.getByTestId('followup-observations').fill('زيارة منزلية: الأم حاضرة ومتعاونة.');
    await p.getByTestId('followup-child-views').fill('يقول الطفل إنه يشعر بتحسن ويريد العودة إلى المدرسة.');
    await p
      .getByTestId('followup-next-date')
      .fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await p.getByTestId('followup-submit').click();
    await p.getByTestId('followup-list').getByText('يريد العودة إلى المدرسة').waitFor();

    // The evaluation card.
    await p.getByTestId('tab-evaluations').click();
    await p.getByTestId('evaluation-new').click();
    await p.getByTestId('evaluation-effect').fill('تحسن ملحوظ بعد الفحص الطبي والدعم النفسي.');
    await p.getByTestId('evaluation-recommendation-close').click();
    await p.getByTestId('evaluation-submit').click();
    await p.getByTestId('evaluation-comparison').first().waitFor();
    await expectNoSeriousAxeViolations(p);
    await p.context().close();

    // The coordinator closes the case (services still open: confirmed explicitly).
    const c = await page();
    await signIn(c, 'coordinateur.tanger');
    await c.getByTestId('app-nav').waitFor();
    await c.goto(`/cases/${caseId}`);
    await c.getByTestId('tab-circuit').click();
    await c.getByTestId('stage-other').click();
    await choose(c, 'transition-to', 'circuit_stages', 'closed');
    await choose(c, 'closure-reason', 'closure_reasons', 'plan_goals_met');
    await c.getByTestId('closure-confirm-open-services').check();
    await c.getByTestId('transition-submit').click();
    await expect.poll(() => c.getByTestId('case-stage').getAttribute('data-stage')).toBe('closed');

    // The evaluation report, in Arabic, names the child by code.
    const pdf = await c.request.get(`/api/v1/cases/${caseId}/report.pdf?lang=ar`);
    expect(pdf.status()).toBe(200);
    const body = await pdf.body();
    expect(body.subarray(0, 4).toString()).toBe('%PDF');
    const dir = mkdtempSync(path.join(tmpdir(), 'madar-pdf-'));
    writeFileSync(path.join(dir, 'report.pdf'), body);
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('pdftotext', [path.join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(code);
    }
    await c.context().close();
  });
});

/** Picks a value in a native select, or in a Mantine select by its Arabic label. */
async function choose(p: Page, testId: string, list: Parameters<typeof labelOf>[0], code: string) {
  const field = p.getByTestId(testId);
  if ((await field.evaluate((el) => el.tagName)) === 'SELECT') {
    await field.selectOption(code);
    return;
  }
  await field.click();
  await p.getByRole('option', { name: labelOf(list, code) }).click();
}

describe('one child registered twice', () => {
  it('a social worker finds both records by name and merges them', async () => {
    const p = await page();
    await signIn(p, 'as.tanger');
    await p.getByTestId('app-nav').waitFor();
    // Two reports of the same child, triaged as two children (as happens before anyone notices).
    for (const latin of ['Anouar Mansouri', 'Anwar Mansouri']) {
      const [first, last] = latin.split(' ');
      const report = await api(p, 'POST', '/api/v1/reports', {
        territoryCode: 'tanger-assilah',
        sourceCode: 'school',
        receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
        communeId: null,
        address: null,
        urgency: 'normal',
        harmForms: ['neglect'],
        facts: "L'enfant vient à l'école sans avoir mangé depuis plusieurs jours.",
        reporter: null,
        children: [{ firstName: first, lastName: last, approximateAge: 10, sex: 'male', notes: null }],
      });
      expect(report.status).toBe(201);
      const identity = {
        firstNameAr: 'أنور',
        lastNameAr: 'المنصوري',
        firstNameLatin: first,
        lastNameLatin: last,
        birthDate: '2016-02-03',
        birthDateEstimated: false,
        fatherName: null,
        motherName: null,
        birthRecordNumber: null,
        nationalId: null,
        address: null,
        phones: [],
      };
      const triage = await api(p, 'POST', `/api/v1/reports/${report.body.id}/triage`, {
        action: 'new_child',
        position: 0,
        child: { sex: 'male', identity },
        situations: [],
        assignedWorkerId: null,
      });
      expect(triage.status).toBe(200);
    }
    await p.goto('/children/search');
    await p.getByTestId('child-search-input').fill('أنور المنصوري');
    await p.getByTestId('child-search-submit').click();
    const boxes = p.locator('[data-testid^="merge-select-"]');
    await expect.poll(() => boxes.count()).toBeGreaterThanOrEqual(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await p.getByTestId('merge-submit').click();
    await expect.poll(() => boxes.count()).toBe(1);
    await expectNoSeriousAxeViolations(p);
    await p.context().close();
  });
});

function labelOf(list: 'circuit_stages' | 'closure_reasons' | 'report_sources', code: string): string {
  return referenceTaxonomies[list].find((i) => i.code === code)!.ar;
}
