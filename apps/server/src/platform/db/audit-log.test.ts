import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type TestApp } from '../../../test/harness';
import { recordAudit } from '../audit';

let t: TestApp;
const origin = { ip: '203.0.113.7', userAgent: 'vitest', requestId: 'audit-test-0001' };

beforeAll(async () => {
  t = await createTestApp();
  await recordAudit(t.ctx.db, origin, {
    event: 'login_failed',
    outcome: 'failure',
    attemptedLogin: 'someone',
    details: { reason: 'unknown_login' },
  });
});

describe('the audit log is append-only', () => {
  it('records an entry with its origin', async () => {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', origin.requestId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'login_failed',
      outcome: 'failure',
      actor_user_id: null,
      actor_login: 'someone',
      ip: origin.ip,
      user_agent: 'vitest',
      details: { reason: 'unknown_login' },
    });
  });

  it('refuses UPDATE', async () => {
    await expect(t.ctx.db.updateTable('audit_log').set({ event: 'logout' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.ctx.db
        .updateTable('audit_log')
        .set({ actor_login: 'someone-else' })
        .where('request_id', '=', origin.requestId)
        .execute(),
    ).rejects.toThrow(/append-only/);
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', origin.requestId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ event: 'login_failed', details: { reason: 'unknown_login' } });
  });

  it('refuses DELETE and TRUNCATE', async () => {
    const before = await countRows(t.ctx, 'audit_log');
    expect(before).toBeGreaterThan(0);
    await expect(t.ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(
      t.ctx.db.deleteFrom('audit_log').where('request_id', '=', origin.requestId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    expect(await countRows(t.ctx, 'audit_log')).toBe(before);
  });

  it('keeps an entry with the action it records: both are rolled back together', async () => {
    const before = await countRows(t.ctx, 'audit_log');
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await recordAudit(tx, origin, { event: 'logout' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await countRows(t.ctx, 'audit_log')).toBe(before);
  });
});
