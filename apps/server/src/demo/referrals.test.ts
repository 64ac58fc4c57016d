import { REFERRAL_STATUSES } from '@madar/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../test/harness';
import { DEMO_PASSWORD } from './accounts';
import { seedDemoCases } from './cases';
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
  await seedDemoCases(t.ctx);
}, 120_000);

describe('the demo referral cards', () => {
  it('exist in every state in every pilot province, some overdue and escalated', async () => {
    const rows = await t.ctx.db
      .selectFrom('referral_card')
      .select(['territory_code', 'status', 'overdue_notified_at', 'escalated_at', 'receiving_institution_id'])
      .execute();
    const territories = new Set(rows.map((r) => r.territory_code));
    expect(territories.size).toBe(8);
    for (const territory of territories) {
      const statuses = new Set(rows.filter((r) => r.territory_code === territory).map((r) => r.status));
      expect([...statuses].sort(), territory).toEqual([...REFERRAL_STATUSES].sort());
    }
    expect(rows.filter((r) => r.overdue_notified_at !== null).length).toBeGreaterThanOrEqual(8);
    expect(rows.filter((r) => r.escalated_at !== null).length).toBeGreaterThanOrEqual(8);
    const escalations = await t.ctx.db
      .selectFrom('notification')
      .select('id')
      .where('kind', '=', 'referral_escalated')
      .execute();
    expect(escalations.length).toBeGreaterThanOrEqual(8);
  });

  it("fill the Tanger hospital focal point's inbox with cards in several states, one from another province's view", async () => {
    const hospital = await demoUser('hopital.tanger');
    const inbox = (await hospital.get('/api/v1/referrals?box=inbox&limit=200')).json() as {
      items: { id: string; status: string; overdue: boolean }[];
    };
    const statuses = new Set(inbox.items.map((c) => c.status));
    for (const status of ['sent', 'received', 'in_progress', 'completed', 'declined']) {
      expect(statuses, status).toContain(status);
    }
    expect(statuses).not.toContain('draft');
    expect(inbox.items.some((c) => c.overdue)).toBe(true);
    const completed = inbox.items.find((c) => c.status === 'completed')!;
    const card = (await hospital.get(`/api/v1/referrals/${completed.id}`)).json();
    expect(card.attachments).toHaveLength(1);
    expect(card.measures).toContain('médico-légal');
    // The partner accounts made for the other pilots' hospitals sign in with the demo password, and
    // Tanger-Assilah asked a service of the Rabat hospital.
    const rabatClient = await demoUser('hopital.rabat');
    const rabatInbox = (await rabatClient.get('/api/v1/referrals?box=inbox&limit=200')).json() as {
      items: { territoryCode: string }[];
    };
    expect(rabatInbox.items.some((c) => c.territoryCode === 'tanger-assilah')).toBe(true);
  });

  it('give the circuit view numbers to show', async () => {
    const coordinator = await demoUser('coordinateur.tanger');
    const circuit = (await coordinator.get('/api/v1/territories/tanger-assilah/circuit')).json();
    expect(circuit.totals.cards).toBeGreaterThanOrEqual(8);
    expect(circuit.totals.medianHoursToAcknowledge).not.toBeNull();
    expect(circuit.totals.medianHoursToComplete).not.toBeNull();
  });
});
