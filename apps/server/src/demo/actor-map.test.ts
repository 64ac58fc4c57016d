import { coordinatesSchema, phoneSchema, SERVICE_BASKET, type TerritoryCoverage } from '@madar/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../test/harness';
import { DEMO_PASSWORD } from './accounts';
import { seedDemo } from './seed';

let t: TestApp;

async function demoUser(login: string) {
  const client = new Client(t.app);
  const response = await client.login(login, DEMO_PASSWORD);
  expect(response.statusCode, response.body).toBe(200);
  return client;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx.db);
}, 60_000);

describe('the demo actor map', () => {
  it('gives every pilot institution services, an address, a commune, coordinates, hours, a phone and contacts', async () => {
    const institutions = await t.ctx.db.selectFrom('institution').selectAll().execute();
    expect(institutions.length).toBe(8 * 6);
    for (const i of institutions) {
      expect(i.address, i.name_fr).toBeTruthy();
      expect(i.commune_id, i.name_fr).toBeTruthy();
      expect(i.opening_hours, i.name_fr).toBeTruthy();
      expect(phoneSchema.safeParse(i.phone).success, `${i.name_fr} ${i.phone}`).toBe(true);
      if (i.fax) expect(phoneSchema.safeParse(i.fax).success, i.name_fr).toBe(true);
      expect(coordinatesSchema.safeParse({ lat: i.latitude, lng: i.longitude }).success, i.name_fr).toBe(
        true,
      );
    }
    const services = await t.ctx.db.selectFrom('institution_service').selectAll().execute();
    const basket = new Set(SERVICE_BASKET.map((s) => s.code));
    expect(services.every((s) => basket.has(s.service_code))).toBe(true);
    expect(new Set(services.map((s) => s.institution_id)).size).toBe(institutions.length);
    const contacts = await t.ctx.db.selectFrom('institution_contact').selectAll().execute();
    expect(new Set(contacts.map((c) => c.institution_id)).size).toBe(institutions.length);
    expect(contacts.every((c) => c.phone === null || phoneSchema.safeParse(c.phone).success)).toBe(true);
  });

  it("links the hospital of Tanger's contact point to its focal point's account", async () => {
    const client = await demoUser('hopital.tanger');
    const me = (await client.get('/api/v1/auth/session')).json() as { user: { institutionId: string } };
    const detail = (await client.get(`/api/v1/institutions/${me.user.institutionId}`)).json() as {
      contacts: { name: string; user: { fullName: string } | null }[];
    };
    expect(detail.contacts.find((c) => c.user !== null)).toMatchObject({
      name: 'Dr. Samira Filali',
      user: { fullName: 'Dr. Samira Filali' },
    });
    expect(detail.contacts).toHaveLength(2);
  });

  it('leaves gaps for the provincial diagnosis', async () => {
    const client = await demoUser('coordinateur.tanger');
    const coverage = (
      await client.get('/api/v1/territories/tanger-assilah/coverage')
    ).json() as TerritoryCoverage;
    expect(coverage.gaps).toEqual(expect.arrayContaining(['vocational_training', 'after_care_18']));
    expect(coverage.gaps.length).toBeLessThan(SERVICE_BASKET.length / 2);
    expect(coverage.single.length).toBeGreaterThan(0);
  });
});
