import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness';
import { decryptIdentity } from '../modules/children/identity';
import { seedDemoCases } from './cases';
import { seedDemo } from './seed';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx.db);
  await seedDemoCases(t.ctx);
}, 120_000);

describe('the demo data', () => {
  it('has cases at every stage of the circuit in every pilot province, and reports waiting', async () => {
    const rows = await t.ctx.db.selectFrom('protection_case').select(['territory_code', 'stage']).execute();
    const pilots = new Set(rows.map((r) => r.territory_code));
    expect(pilots.size).toBe(8);
    for (const territory of pilots) {
      const stages = new Set(rows.filter((r) => r.territory_code === territory).map((r) => r.stage));
      expect([...stages].sort(), territory).toEqual(
        [
          'care',
          'closed',
          'detection',
          'follow_up',
          'immediate_assistance',
          'initial_diagnosis',
          'reintegration',
        ].sort(),
      );
    }
    const waiting = await t.ctx.db
      .selectFrom('report')
      .select('urgency')
      .where('status', '=', 'new')
      .execute();
    expect(waiting.some((r) => r.urgency === 'immediate')).toBe(true);
  });

  /**
   * The whole populated database — every module's tables — is scanned for the registered children's
   * names: none may appear in clear anywhere (a dump must not leak a child).
   */
  it('holds no registered child name in clear, in any table', async () => {
    const children = await t.ctx.db.selectFrom('child').select(['id', 'identity_enc']).execute();
    const needles = new Set<string>();
    for (const child of children) {
      const identity = decryptIdentity(t.ctx.keyRing, child.id, child.identity_enc);
      // Whole names (a lone first name such as محمد is also a place name: المحمدية).
      for (const value of [
        `${identity.firstNameAr} ${identity.lastNameAr}`,
        identity.fatherName,
        identity.address,
      ]) {
        if (value && value.length >= 4) needles.add(value);
      }
      if (identity.firstNameLatin && identity.lastNameLatin)
        needles.add(`${identity.firstNameLatin} ${identity.lastNameLatin}`);
      for (const phone of identity.phones) needles.add(phone);
    }
    expect(needles.size).toBeGreaterThan(50);
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
      t.ctx.db,
    );
    const found: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(
        t.ctx.db,
      );
      for (const { row } of rows.rows) {
        for (const needle of needles) if (row.includes(needle)) found.push(`${table_name}: ${needle}`);
      }
    }
    expect(found).toEqual([]);
  });
});
