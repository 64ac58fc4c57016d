import { SERVICE_BASKET } from '@madar/domain';
import { describe, expect, it } from 'vitest';
import { api, expectNoHorizontalOverflow, expectNoSeriousAxeViolations, signedInPages } from './support';

const TANGER = 'tanger-assilah';
/** A service of the basket no institution of Tanger-Assilah offers in the demo: a gap of its coverage. */
const GAP_SERVICE = 'vocational_training';

const signedIn = signedInPages();

const arabicLabel = (code: string) => SERVICE_BASKET.find((s) => s.code === code)?.ar ?? code;

interface InstitutionBody {
  id: string;
  version: number;
  services: string[];
  contacts: { name: string; title: string | null; phone: string | null }[];
}

describe('the actor map', () => {
  it('an administrator adds a service and a contact point to an institution, after a conflicting edit', async () => {
    const page = await signedIn('admin.tanger');
    // Set-up: a youth centre of Tanger-Assilah with one service (the test's own institution).
    const created = await api(page, 'POST', '/api/v1/institutions', {
      nameAr: 'دار الشباب بني مكادة',
      nameFr: 'Maison des jeunes Béni Makada',
      sectorCode: 'youth_sports',
      type: 'youth_centre',
      territoryCode: TANGER,
      services: ['youth_activities'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = (created.body as InstitutionBody).id;

    // The actor map of the administrator's territory, searched by name.
    await page.goto('/institutions');
    await page.getByTestId('institutions-table').waitFor();
    await page.getByTestId('institutions-search').fill('Béni Makada');
    await page.getByTestId(`institution-open-${id}`).click();
    await page.getByTestId('institution-services-list').waitFor();
    await expectNoSeriousAxeViolations(page);

    // Someone else saves the institution while the form is open: the save is refused (409).
    await page.getByTestId('institution-edit').click();
    await page.getByTestId('institution-form').waitFor();
    await expectNoSeriousAxeViolations(page);
    const other = await api(page, 'PUT', `/api/v1/institutions/${id}`, {
      nameAr: 'دار الشباب بني مكادة',
      nameFr: 'Maison des jeunes Béni Makada',
      sectorCode: 'youth_sports',
      type: 'youth_centre',
      territoryCode: TANGER,
      active: true,
      phone: '0539330011',
      version: 0,
    });
    expect(other.status).toBe(200);
    await page.getByTestId('institution-save').click();
    await page.getByTestId('version-conflict').waitFor();
    await page.getByTestId('conflict-reload').click();
    await expect.poll(() => page.getByTestId('institution-phone').inputValue()).toBe('0539330011');

    // Adds a service of the basket nobody in the territory offered.
    const services = page.getByTestId('institution-services');
    await services.click();
    await services.fill(arabicLabel(GAP_SERVICE));
    await page.getByRole('option', { name: arabicLabel(GAP_SERVICE) }).click();
    await page.getByTestId('institution-save').click();
    await page.getByTestId('institution-form').waitFor({ state: 'detached' });
    await page.locator(`[data-service="${GAP_SERVICE}"]`).waitFor();

    // Adds a contact point.
    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-name').fill('نادية العلمي');
    await page.getByTestId('contact-title').fill('مديرة دار الشباب');
    await page.getByTestId('contact-phone').fill('0661223344');
    await page.getByTestId('contact-email').fill('nadia.alami@example.ma');
    await expectNoSeriousAxeViolations(page);
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contact-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('contact-point').count()).toBe(1);
    expect(await page.getByTestId('contact-point').textContent()).toContain('نادية العلمي');

    const saved = await api(page, 'GET', `/api/v1/institutions/${id}`);
    const body = saved.body as InstitutionBody;
    expect(body.services).toEqual([GAP_SERVICE, 'youth_activities']);
    expect(body.version).toBe(2);
    expect(body.contacts).toEqual([
      expect.objectContaining({ name: 'نادية العلمي', title: 'مديرة دار الشباب', phone: '0661223344' }),
    ]);

    // The territory's coverage follows: the service is no longer a gap, one institution offers it.
    await page.goto(`/territories/${TANGER}/coverage`);
    await page.getByTestId('coverage-single').waitFor();
    expect(await page.locator(`[data-testid="coverage-gap"][data-service="${GAP_SERVICE}"]`).count()).toBe(0);
    expect(
      await page.locator(`[data-testid="coverage-single-service"][data-service="${GAP_SERVICE}"]`).count(),
    ).toBe(1);
    await page.context().close();
  });

  it('an import with one bad row shows the row-by-row report and changes nothing', async () => {
    const page = await signedIn('admin.tanger');
    await page.goto(`/institutions?territory=${TANGER}`);
    await page.getByTestId('institutions-table').waitFor();
    const before = await api(page, 'GET', `/api/v1/institutions?territoryCode=${TANGER}&active=true&limit=1`);

    await page.getByTestId('institutions-import').click();
    const csv = [
      'name_ar,name_fr,sector,type,territory,services',
      `جمعية الأمل للطفولة,Association Al Amal pour l'enfance,civil_society,association,${TANGER},legal_aid|family_mediation`,
      `مركز غير معروف,Centre inconnu,civil_society,spaceport,${TANGER},legal_aid`,
    ].join('\n');
    await page.getByTestId('import-file').setInputFiles({
      name: 'acteurs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-report').waitFor();
    const errors = page.getByTestId('import-error');
    expect(await errors.count()).toBe(1);
    const row = await errors.first().locator('td').allTextContents();
    expect(row[0]).toBe('3');
    expect(row[1]).toBe('type');
    expect(row[2]?.length).toBeGreaterThan(3);
    expect(await page.getByTestId('import-applied').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);

    // Nothing was written: not even the good row.
    const found = await api(page, 'GET', `/api/v1/institutions?q=${encodeURIComponent('Al Amal pour')}`);
    expect(found.body.total).toBe(0);
    const after = await api(page, 'GET', `/api/v1/institutions?territoryCode=${TANGER}&active=true&limit=1`);
    expect(after.body.total).toBe(before.body.total);

    // The file corrected (the bad row dropped): it is applied, and the page says how many rows.
    await page.getByTestId('import-file').setInputFiles({
      name: 'acteurs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.split('\n').slice(0, 2).join('\n'), 'utf8'),
    });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-applied').waitFor();
    expect(await page.getByTestId('import-report').count()).toBe(0);
    const applied = await api(page, 'GET', `/api/v1/institutions?q=${encodeURIComponent('Al Amal pour')}`);
    expect(applied.body.total).toBe(1);
    expect(applied.body.items[0].services).toEqual(['family_mediation', 'legal_aid']);
    await page.context().close();
  });

  it('the export of the territory is a CSV spreadsheet of its institutions', async () => {
    const page = await signedIn('admin.tanger');
    await page.goto(`/institutions?territory=${TANGER}`);
    const href = await page.getByTestId('institutions-export-csv').getAttribute('href');
    expect(href).toBe(`/api/v1/institutions/export?format=csv&territoryCode=${TANGER}`);
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const text = await response.text();
    expect(text.split('\n')[0]).toContain('name_ar');
    expect(text).toContain('Tanger-Assilah');
    await page.context().close();
  });

  for (const width of [1280, 360]) {
    it(`the actor map, directory, coverage and circuit pages render the demo data and pass axe at ${width} px`, async () => {
      const page = await signedIn('admin.tanger', width);

      await page.goto('/institutions');
      await page.getByTestId('institution-row').first().waitFor();
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousAxeViolations(page);

      await page.goto('/service-directory');
      const cards = page.getByTestId('service-directory-results').getByTestId('directory-card');
      await cards.first().waitFor();
      // The hospital's card, with its contact points opened.
      const hospital = cards.filter({ hasText: 'المركز الاستشفائي' }).first();
      await hospital.getByTestId('directory-contacts-toggle').click();
      await hospital.getByTestId('contact-point').first().waitFor();
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousAxeViolations(page);

      await page.goto(`/territories/${TANGER}/coverage`);
      await page.getByTestId('coverage-table').waitFor();
      expect(await page.getByTestId('coverage-gap').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('coverage-single-service').count()).toBeGreaterThan(0);
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousAxeViolations(page);

      // The circuit: the nav entry leads to the user's own territory.
      if (width === 1280) await page.getByTestId('nav-circuit').click();
      else await page.goto('/circuit');
      await page.waitForURL(`**/territories/${TANGER}/circuit`);
      await page.getByTestId('circuit-totals').waitFor();
      if (width === 1280) {
        await page.getByTestId('circuit-table').waitFor();
        expect(await page.getByTestId('circuit-row').count()).toBeGreaterThan(0);
      } else {
        await page.getByTestId('circuit-cards').waitFor();
        expect(await page.getByTestId('circuit-card').count()).toBeGreaterThan(1);
      }
      // The demo has cards overdue in Tanger-Assilah: they are pointed out.
      await page.getByTestId('circuit-waiting').waitFor();
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousAxeViolations(page);
      await page.context().close();
    });
  }

  it("the Ministry's analyst opens any territory's circuit, and the coverage of the whole country", async () => {
    const page = await signedIn('analyste');
    await page.getByTestId('nav-circuit').click();
    await page.getByTestId('circuit-territory').waitFor();
    await page.getByRole('link', { name: 'عمالة طنجة أصيلة' }).click();
    await page.waitForURL(`**/territories/${TANGER}/circuit`);
    await page.getByTestId('circuit-table').waitFor();
    // Another territory, chosen on the page itself.
    await page.getByTestId('circuit-territory').click();
    await page.getByRole('option', { name: 'عمالة الرباط' }).click();
    await page.waitForURL('**/territories/rabat/circuit');
    await page.getByTestId('circuit-totals').waitFor();
    await expectNoSeriousAxeViolations(page);

    await page.goto('/coverage');
    const table = page.getByTestId('national-coverage');
    await table.waitFor();
    // The pilot provinces, whose actor map is filled in, come first.
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(70);
    expect(await table.locator('tbody tr').first().textContent()).toMatch(/\d+ \/ \d+/);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it('a partner focal point reads the directory but has no circuit view, and cannot edit', async () => {
    const page = await signedIn('hopital.tanger');
    expect(await page.getByTestId('nav-circuit').count()).toBe(0);
    expect(await page.getByTestId('nav-serviceDirectory').count()).toBe(1);
    await page.goto('/institutions');
    await page.getByTestId('institution-row').first().waitFor();
    expect(await page.getByTestId('institution-create').count()).toBe(0);
    expect(await page.getByTestId('institutions-import').count()).toBe(0);
    const circuit = await api(page, 'GET', `/api/v1/territories/${TANGER}/circuit`);
    expect(circuit.status).toBe(403);
    await page.context().close();
  });
});
