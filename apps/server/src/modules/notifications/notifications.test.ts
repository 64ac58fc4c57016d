import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, createUser, signedIn, type TestApp } from '../../../test/harness';
import { buildApp } from '../../app';
import { EventBus } from '../../platform/events';
import { sendPendingEmails } from '../../platform/mail';
import { notify } from './service';

let t: TestApp;
let worker: Client;
let workerId: string;
let second: Awaited<ReturnType<typeof buildApp>>;
let secondBus: EventBus;

beforeAll(async () => {
  t = await createTestApp();
  const w = await createUser(t.ctx, { roles: ['social_worker'] });
  await t.ctx.db.updateTable('app_user').set({ email: 'as@example.ma' }).where('id', '=', w.id).execute();
  workerId = w.id;
  worker = await signedIn(t.app, w.login);
  // A second Madar instance on the same database, as behind a load balancer.
  secondBus = new EventBus(t.databaseUrl);
  await secondBus.start();
  second = await buildApp({ ...t.ctx, events: secondBus }, { logger: false });
  await second.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await second?.close();
  await secondBus?.stop();
});

/** Reads a server-sent events stream until an event of the given type arrives. */
async function nextEvent(url: string, cookie: string, type: string, trigger: () => Promise<void>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let triggered = false;
  const deadline = Date.now() + 10_000;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      if (!triggered && buffer.includes('retry:')) {
        triggered = true;
        await trigger();
      }
      const match = buffer.match(new RegExp(`event: ${type}\\ndata: (.*)\\n\\n`));
      if (match) return JSON.parse(match[1]!) as Record<string, unknown>;
    }
    throw new Error(`no ${type} event; got: ${buffer}`);
  } finally {
    controller.abort();
  }
}

describe('notifications', () => {
  it('reach the user on another instance at once, carry no identity, and land in the centre and outbox', async () => {
    const port = (second.server.address() as AddressInfo).port;
    const data = await nextEvent(
      `http://127.0.0.1:${port}/api/v1/events`,
      worker.cookie!,
      'notification',
      async () => {
        await t.ctx.db.transaction().execute(async (tx) => {
          await notify(t.ctx, tx, {
            userIds: [workerId],
            kind: 'referral_received',
            data: { cardNumber: 'RC-TNG-2026-00012', path: '/referrals/123' },
          });
        });
      },
    );
    expect(data).toMatchObject({ kind: 'referral_received', cardNumber: 'RC-TNG-2026-00012' });

    const list = (await worker.get('/api/v1/notifications')).json();
    expect(list.unread).toBe(1);
    expect(list.items[0].kind).toBe('referral_received');
    await worker.post('/api/v1/notifications/read-all');
    expect((await worker.get('/api/v1/notifications')).json().unread).toBe(0);

    const outbox = await t.ctx.db.selectFrom('email_outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.subject).toContain('RC-TNG-2026-00012');
    expect(outbox[0]!.body).toContain('/referrals/123');
  });

  it('is not delivered when the transaction rolls back', async () => {
    await t.ctx.db
      .transaction()
      .execute(async (tx) => {
        await notify(t.ctx, tx, { userIds: [workerId], kind: 'referral_overdue', data: { cardNumber: 'X' } });
        throw new Error('rollback');
      })
      .catch(() => {});
    expect((await worker.get('/api/v1/notifications?unread=true')).json().total).toBe(0);
  });

  it('sends the outbox through SMTP, retrying failures', async () => {
    const sent: string[] = [];
    let fail = true;
    const transport = {
      sendMail: async (message: { to: string }) => {
        if (fail) throw new Error('connection refused');
        sent.push(message.to);
        return {};
      },
    };
    const mail = { smtpUrl: 'smtp://mail.example.ma', from: 'Madar <no-reply@example.ma>' };
    expect(await sendPendingEmails(t.ctx.db, mail, transport as never)).toEqual({ sent: 0, failed: 1 });
    fail = false;
    expect(await sendPendingEmails(t.ctx.db, mail, transport as never)).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['as@example.ma']);
  });

  it('the outbox is for administrators only', async () => {
    expect((await worker.get('/api/v1/outbox')).statusCode).toBe(403);
    const admin = await signedIn(
      t.app,
      (await createUser(t.ctx, { roles: ['national_admin'], territoryCode: null })).login,
    );
    expect((await admin.get('/api/v1/outbox')).json().total).toBe(1);
  });

  it('the event stream needs a session', async () => {
    const port = (second.server.address() as AddressInfo).port;
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/events`)).status).toBe(401);
  });
});
