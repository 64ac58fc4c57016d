import { randomBytes, randomUUID } from 'node:crypto';
import type { Language } from '@madar/domain';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  Client,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/harness';
import { hashToken } from '../../platform/auth/sessions';
import { problemMessage } from '../../platform/messages';
import { lockSecondsAfter } from './service';

const NEW_PASSWORD = 'Une-phrase-de-passe-assez-longue-42';
const PROBLEM_JSON = /^application\/problem\+json/;

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** A TOTP code of the authenticator app, `offset` seconds from now. */
const totp = (secret: string, offset = 0) => generateSync({ secret, epoch: nowSeconds() + offset });
/** A six-digit code that no step near now accepts. */
function wrongCode(secret: string): string {
  const valid = new Set([-90, -60, -30, 0, 30, 60, 90].map((o) => totp(secret, o)));
  for (let i = 0; ; i++) {
    const code = String(i).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

function sessionCookieOf(response: { headers: Record<string, unknown> }): string {
  const raw = response.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : [raw];
  const found = all.find((c): c is string => typeof c === 'string' && c.startsWith('madar_session='));
  if (!found) throw new Error('no session cookie set');
  return found;
}

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  const row = await createUser(t.ctx, { roles: ['national_admin'], territoryCode: null });
  admin = await signedIn(t.app, row.login);
});

describe('login', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and returns the session state', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = new Client(t.app);
    const response = await client.login(`  ${user.login.toUpperCase()} `);
    expect(response.statusCode).toBe(200);

    const header = sessionCookieOf(response);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Strict/i);
    expect(header).toMatch(/;\s*Path=\//i);
    // Demo mode is served over plain HTTP: the cookie cannot be Secure there.
    expect(header).not.toMatch(/;\s*Secure/i);
    const cookie = response.cookies.find((c) => c.name === 'madar_session')!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(response.json()).toMatchObject({
      user: {
        id: user.id,
        login: user.login,
        roles: ['social_worker'],
        territoryCode: 'tanger-assilah',
        totpEnabled: false,
        totpRequired: false,
      },
      pendingStep: null,
      demo: true,
      idleTimeoutSeconds: t.ctx.config.sessionIdleSeconds,
    });

    // Only the token's hash is stored.
    const stored = await t.ctx.db.selectFrom('session').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(hashToken(cookie.value));
    expect(stored[0]!.token_hash).not.toBe(cookie.value);

    const session = await client.get('/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { id: user.id }, pendingStep: null });

    const audit = await auditRows(t.ctx, 'login_succeeded', user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'success', actor_user_id: user.id, actor_login: user.login });
    const after = await t.ctx.db
      .selectFrom('app_user')
      .select(['last_login_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(after.last_login_at).not.toBeNull();
  });

  it('refuses a wrong password with a 401 problem in the requested language', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const details = new Map<Language, string>();
    for (const language of ['ar', 'fr', 'en'] as const) {
      const response = await new Client(t.app, language).login(user.login, 'not-the-password');
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.cookies.find((c) => c.name === 'madar_session')).toBeUndefined();
      const problem = problemOf(response);
      expect(problem).toMatchObject({
        status: 401,
        code: 'invalid_credentials',
        instance: '/api/v1/auth/login',
      });
      expect(problem.type).toBe('https://madar.ma/problems/invalid_credentials');
      expect(problem.requestId).toBe(response.headers['x-request-id']);
      expect(problem.detail).toBe(problemMessage('invalid_credentials', language));
      details.set(language, problem.detail);
    }
    expect(new Set(details.values()).size).toBe(3);
    expect(details.get('fr')).toBe('Identifiant ou mot de passe incorrect.');
    expect(details.get('en')).toBe('Incorrect login or password.');

    // Without Accept-Language, Arabic (the interface's default language).
    const bare = await new Client(t.app, null).login(user.login, 'not-the-password');
    expect(problemOf(bare).detail).toBe(problemMessage('invalid_credentials', 'ar'));

    const audit = await auditRows(t.ctx, 'login_failed', user.id);
    expect(audit.map((r) => r.details)).toEqual(
      [1, 2, 3, 4].map((failures) => ({
        reason: 'wrong_password',
        failures,
        lockedForSeconds: 0,
      })),
    );
    expect(audit.every((r) => r.outcome === 'failure')).toBe(true);
  });

  it('answers an unknown login exactly like a wrong password, and audits it', async () => {
    const attempted = `nobody.${randomBytes(3).toString('hex')}`;
    const response = await new Client(t.app, 'fr').login(attempted.toUpperCase(), 'whatever-password');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problemOf(response)).toMatchObject({
      code: 'invalid_credentials',
      detail: problemMessage('invalid_credentials', 'fr'),
    });
    const audit = (await auditRows(t.ctx, 'login_failed')).filter((r) => r.actor_login === attempted);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      outcome: 'failure',
      actor_user_id: null,
      details: { reason: 'unknown_login' },
    });
  });

  it('refuses a malformed login request with field errors', async () => {
    const response = await new Client(t.app).post('/api/v1/auth/login', { login: '', password: '' });
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response)).toEqual(expect.arrayContaining(['login:too_small', 'password:too_small']));
  });
});

describe('lockout', () => {
  it('doubles the lock after each failure past the threshold, up to one hour', () => {
    expect(lockSecondsAfter(0, 5)).toBe(0);
    expect(lockSecondsAfter(4, 5)).toBe(0);
    expect(lockSecondsAfter(5, 5)).toBe(60);
    expect(lockSecondsAfter(6, 5)).toBe(120);
    expect(lockSecondsAfter(7, 5)).toBe(240);
    expect(lockSecondsAfter(8, 5)).toBe(480);
    expect(lockSecondsAfter(10, 5)).toBe(1920);
    expect(lockSecondsAfter(11, 5)).toBe(3600);
    expect(lockSecondsAfter(100, 5)).toBe(3600);
    expect(lockSecondsAfter(3, 3)).toBe(60);
    expect(lockSecondsAfter(1, 1)).toBe(60);
  });

  it('locks after the maximum of failures, refuses even the right password, and an admin unlock lets the user in', async () => {
    const max = t.ctx.config.loginMaxFailures;
    expect(max).toBe(5);
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = new Client(t.app, 'en');
    for (let i = 1; i < max; i++) {
      const response = await client.login(user.login, `wrong-${i}`);
      expect(response.statusCode).toBe(401);
      expect(problemOf(response).code).toBe('invalid_credentials');
    }
    const locking = await client.login(user.login, 'wrong-last');
    expect(locking.statusCode).toBe(423);
    expect(locking.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problemOf(locking)).toMatchObject({
      status: 423,
      title: 'Locked',
      code: 'account_locked',
      detail: problemMessage('account_locked', 'en'),
    });
    expect(locking.headers['retry-after']).toBe('60');

    // The right password does not open a locked account, and does not reset the count.
    const right = await client.login(user.login);
    expect(right.statusCode).toBe(423);
    expect(problemOf(right).code).toBe('account_locked');
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(right.cookies.find((c) => c.name === 'madar_session')).toBeUndefined();
    expect((await client.login(user.login, 'wrong-again')).statusCode).toBe(423);

    const row = await t.ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_login_count).toBe(max);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
    expect(
      await t.ctx.db.selectFrom('session').select('token_hash').where('user_id', '=', user.id).execute(),
    ).toEqual([]);

    const locked = await auditRows(t.ctx, 'login_locked', user.id);
    expect(locked).toHaveLength(2);
    expect(locked.every((r) => r.outcome === 'failure' && r.actor_user_id === user.id)).toBe(true);
    const failed = await auditRows(t.ctx, 'login_failed', user.id);
    expect(failed.at(-1)!.details).toEqual({ reason: 'wrong_password', failures: max, lockedForSeconds: 60 });

    const seen = await admin.get(`/api/v1/users/${user.id}`);
    expect(seen.json().lockedUntil).not.toBeNull();
    const unlocked = await admin.post(`/api/v1/users/${user.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ id: user.id, lockedUntil: null });
    expect(await auditRows(t.ctx, 'user_unlocked', user.id)).toHaveLength(1);

    const after = await client.login(user.login);
    expect(after.statusCode).toBe(200);
    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('locks for twice as long after a failure that follows an expired lock', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    await t.ctx.db
      .updateTable('app_user')
      .set({ failed_login_count: 5, locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', user.id)
      .execute();
    const client = new Client(t.app);
    const response = await client.login(user.login, 'still-wrong');
    expect(response.statusCode).toBe(423);
    expect(response.headers['retry-after']).toBe('120');
    const failed = await auditRows(t.ctx, 'login_failed', user.id);
    expect(failed.at(-1)!.details).toEqual({ reason: 'wrong_password', failures: 6, lockedForSeconds: 120 });
  });

  it('resets the failure count after a successful sign-in', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = new Client(t.app);
    for (let i = 0; i < 3; i++)
      expect((await client.login(user.login, 'wrong-password')).statusCode).toBe(401);
    expect((await client.login(user.login)).statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('app_user')
      .select(['failed_login_count', 'locked_until'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_login_count: 0, locked_until: null });
  });
});

describe('first sign-in with a temporary password', () => {
  it('asks for a new password, refuses weak ones, and ends the other sessions once changed', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'], mustChangePassword: true });
    const other = await signedIn(t.app, user.login);
    const client = new Client(t.app);
    const login = await client.login(user.login);
    expect(login.statusCode).toBe(200);
    expect(login.json().pendingStep).toBe('password_change');

    for (const url of [
      '/api/v1/institutions',
      '/api/v1/users',
      '/api/v1/audit-log',
      `/api/v1/users/${user.id}`,
    ]) {
      const refused = await client.get(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(problemOf(refused).code).toBe('step_required');
    }
    expect((await client.post('/api/v1/auth/logout-everywhere')).statusCode).toBe(403);
    // The session itself and the sign-in steps stay reachable.
    expect((await client.get('/api/v1/auth/session')).json().pendingStep).toBe('password_change');

    const change = (newPassword: string, currentPassword = TEST_PASSWORD) =>
      client.post('/api/v1/auth/password', { currentPassword, newPassword });

    const weak = await change('aaaa');
    expect(weak.statusCode).toBe(400);
    expect(problemOf(weak).code).toBe('validation_failed');
    expect(fieldCodes(weak)).toEqual(
      expect.arrayContaining(['newPassword:too_short', 'newPassword:too_repetitive']),
    );
    expect(problemOf(weak).fields!.find((f) => f.code === 'too_short')!.message).toBe(
      'The password must have at least 12 characters.',
    );
    expect(fieldCodes(await change('Password1234'))).toContain('newPassword:too_common');
    expect(fieldCodes(await change(`my-${user.login}-is-long`))).toContain('newPassword:contains_login');
    expect(fieldCodes(await change(TEST_PASSWORD))).toEqual(['newPassword:same_as_current']);

    const wrongCurrent = await change(NEW_PASSWORD, 'not-my-password');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(problemOf(wrongCurrent).code).toBe('wrong_password');
    expect(fieldCodes(wrongCurrent)).toEqual(['currentPassword:invalid_value']);
    expect(await auditRows(t.ctx, 'password_change_failed', user.id)).toHaveLength(1);

    // Nothing was changed by the refused attempts.
    expect((await client.get('/api/v1/auth/session')).json().pendingStep).toBe('password_change');
    expect((await other.get('/api/v1/auth/session')).statusCode).toBe(200);

    const good = await change(NEW_PASSWORD);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ pendingStep: null, user: { id: user.id } });
    expect((await client.get('/api/v1/institutions')).statusCode).toBe(200);

    const gone = await other.get('/api/v1/auth/session');
    expect(gone.statusCode).toBe(401);
    expect(problemOf(gone).code).toBe('unauthenticated');
    const sessions = await t.ctx.db
      .selectFrom('session')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions).toHaveLength(1);

    const row = await t.ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(false);
    expect(row.password_changed_at).not.toBeNull();
    expect(await auditRows(t.ctx, 'password_changed', user.id)).toHaveLength(1);

    expect((await new Client(t.app).login(user.login)).statusCode).toBe(401);
    const again = await new Client(t.app).login(user.login, NEW_PASSWORD);
    expect(again.statusCode).toBe(200);
    expect(again.json().pendingStep).toBeNull();
  });
});

describe('two-factor authentication', () => {
  it('enrols, then asks for a code at each sign-in, refusing wrong and replayed codes', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = await signedIn(t.app, user.login);

    // Confirming before starting is refused.
    const early = await client.post('/api/v1/auth/mfa/enrolment/confirm', { code: '123456' });
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).code).toBe('totp_not_pending');

    const enrolment = await client.post('/api/v1/auth/mfa/enrolment');
    expect(enrolment.statusCode).toBe(200);
    const { secret, otpauthUri } = enrolment.json() as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Madar:/);
    expect(otpauthUri).toContain(`secret=${secret}`);

    const malformed = await client.post('/api/v1/auth/mfa/enrolment/confirm', { code: '12ab56' });
    expect(malformed.statusCode).toBe(400);
    expect(fieldCodes(malformed)).toEqual(['code:invalid_format']);
    const refused = await client.post('/api/v1/auth/mfa/enrolment/confirm', { code: wrongCode(secret) });
    expect(refused.statusCode).toBe(400);
    expect(problemOf(refused).code).toBe('invalid_totp_code');
    expect((await client.get('/api/v1/auth/session')).json().user.totpEnabled).toBe(false);

    const confirmed = await client.post('/api/v1/auth/mfa/enrolment/confirm', { code: totp(secret) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ pendingStep: null, user: { totpEnabled: true } });
    const row = await t.ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(true);
    expect(row.totp_pending_secret_enc).toBeNull();
    // The secret is stored encrypted, bound to the account.
    expect(row.totp_secret_enc).toMatch(/^v1\./);
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(t.ctx.keyRing.decrypt(row.totp_secret_enc!, `app_user.totp:${user.id}`)).toBe(secret);
    expect(await auditRows(t.ctx, 'mfa_enrolled', user.id)).toHaveLength(1);

    // A new sign-in must give a code before anything else.
    const second = new Client(t.app);
    const login = await second.login(user.login);
    expect(login.json()).toMatchObject({ pendingStep: 'mfa_challenge', user: { totpEnabled: true } });
    const blocked = await second.get('/api/v1/institutions');
    expect(blocked.statusCode).toBe(403);
    expect(problemOf(blocked).code).toBe('step_required');
    // Neither the password nor the second factor can be changed with the password alone.
    expect(
      problemOf(
        await second.post('/api/v1/auth/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: NEW_PASSWORD,
        }),
      ).code,
    ).toBe('step_required');
    expect(problemOf(await second.post('/api/v1/auth/mfa/enrolment')).code).toBe('step_required');

    const wrong = await second.post('/api/v1/auth/mfa/challenge', { code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problemOf(wrong).code).toBe('invalid_totp_code');
    expect(await auditRows(t.ctx, 'mfa_failed', user.id)).toHaveLength(2);

    // The enrolment used the current time step: the next one is needed now.
    const code = totp(secret, 30);
    const right = await second.post('/api/v1/auth/mfa/challenge', { code });
    expect(right.statusCode).toBe(200);
    expect(right.json().pendingStep).toBeNull();
    expect((await second.get('/api/v1/institutions')).statusCode).toBe(200);
    expect(await auditRows(t.ctx, 'mfa_succeeded', user.id)).toHaveLength(1);

    // The same code cannot open another session.
    const third = new Client(t.app);
    expect((await third.login(user.login)).json().pendingStep).toBe('mfa_challenge');
    const replay = await third.post('/api/v1/auth/mfa/challenge', { code });
    expect(replay.statusCode).toBe(401);
    expect(problemOf(replay).code).toBe('invalid_totp_code');
    expect((await third.get('/api/v1/institutions')).statusCode).toBe(403);

    // Turning it off (allowed for a role that does not require it) needs the password.
    const badPassword = await second.post('/api/v1/auth/mfa/disable', { password: 'not-my-password' });
    expect(badPassword.statusCode).toBe(400);
    expect(problemOf(badPassword).code).toBe('wrong_password');
    const disabled = await second.post('/api/v1/auth/mfa/disable', { password: TEST_PASSWORD });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user.totpEnabled).toBe(false);
    expect(await auditRows(t.ctx, 'mfa_disabled', user.id)).toHaveLength(1);
    expect((await new Client(t.app).login(user.login)).json().pendingStep).toBeNull();
  });

  describe('when the role requires it', () => {
    let required: TestApp;
    beforeAll(async () => {
      required = await createTestApp({ MADAR_MFA_REQUIRED_ROLES: 'social_worker' });
    });

    it('makes a social worker enrol before reaching the application, and never lets them turn it off', async () => {
      const user = await createUser(required.ctx, { roles: ['social_worker'] });
      const client = new Client(required.app);
      const login = await client.login(user.login);
      expect(login.json()).toMatchObject({
        pendingStep: 'mfa_enrolment',
        user: { totpRequired: true, totpEnabled: false },
      });

      for (const url of ['/api/v1/users', '/api/v1/institutions']) {
        const refused = await client.get(url);
        expect(refused.statusCode, url).toBe(403);
        expect(problemOf(refused).code).toBe('step_required');
      }
      expect(problemOf(await client.post('/api/v1/auth/mfa/disable', { password: TEST_PASSWORD })).code).toBe(
        'step_required',
      );

      const { secret } = (await client.post('/api/v1/auth/mfa/enrolment')).json() as { secret: string };
      const confirmed = await client.post('/api/v1/auth/mfa/enrolment/confirm', { code: totp(secret) });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toMatchObject({
        pendingStep: null,
        user: { totpEnabled: true, totpRequired: true },
      });

      expect((await client.get('/api/v1/institutions')).statusCode).toBe(200);
      // Enrolled, but a social worker still never administers accounts.
      const users = await client.get('/api/v1/users');
      expect(users.statusCode).toBe(403);
      expect(problemOf(users).code).toBe('forbidden');

      const disable = await client.post('/api/v1/auth/mfa/disable', { password: TEST_PASSWORD });
      expect(disable.statusCode).toBe(403);
      expect(problemOf(disable).code).toBe('totp_required_for_role');
      const row = await required.ctx.db
        .selectFrom('app_user')
        .select('totp_enabled')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(row.totp_enabled).toBe(true);
    });

    it('asks for a new password before enrolment, and leaves other roles alone', async () => {
      const user = await createUser(required.ctx, { roles: ['social_worker'], mustChangePassword: true });
      const client = new Client(required.app);
      expect((await client.login(user.login)).json().pendingStep).toBe('password_change');
      expect(problemOf(await client.post('/api/v1/auth/mfa/enrolment')).code).toBe('step_required');
      const changed = await client.post('/api/v1/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(changed.json().pendingStep).toBe('mfa_enrolment');

      const analyst = await createUser(required.ctx, { roles: ['ministry_analyst'], territoryCode: null });
      const state = (await new Client(required.app).login(analyst.login)).json();
      expect(state).toMatchObject({ pendingStep: null, user: { totpRequired: false } });
    });
  });
});

describe('sessions', () => {
  it('logout ends the session on the server, not only in the browser', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = await signedIn(t.app, user.login);
    const cookie = client.cookie!;
    const response = await client.post('/api/v1/auth/logout');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect(client.cookie).toBeUndefined();
    expect(sessionCookieOf(response)).toMatch(/Expires=Thu, 01 Jan 1970/i);

    const replay = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    expect(problemOf(replay).code).toBe('unauthenticated');
    expect(await auditRows(t.ctx, 'logout', user.id)).toHaveLength(1);
  });

  it('logout-everywhere ends every session of the user and only theirs', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const bystander = await createUser(t.ctx, { roles: ['social_worker'] });
    const a = await signedIn(t.app, user.login);
    const b = await signedIn(t.app, user.login);
    const c = await signedIn(t.app, bystander.login);
    const cookieA = a.cookie!;
    expect((await a.post('/api/v1/auth/logout-everywhere')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: cookieA } }))
        .statusCode,
    ).toBe(401);
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect(
      await t.ctx.db.selectFrom('session').select('token_hash').where('user_id', '=', user.id).execute(),
    ).toEqual([]);
    expect(await auditRows(t.ctx, 'logout_everywhere', user.id)).toHaveLength(1);
  });

  it('an idle session expires, is audited, and is gone for good', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = await signedIn(t.app, user.login, 'fr');
    const idle = t.ctx.config.sessionIdleSeconds;
    await t.ctx.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - (idle + 5) * 1000) })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await client.get('/api/v1/institutions');
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problemOf(expired)).toMatchObject({
      code: 'session_expired',
      detail: problemMessage('session_expired', 'fr'),
    });
    const audit = await auditRows(t.ctx, 'session_expired', user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: user.id,
      actor_login: user.login,
      territory_code: 'tanger-assilah',
    });

    // Deleted on sight: the next request is simply unauthenticated, and not audited again.
    const after = await client.get('/api/v1/auth/session');
    expect(problemOf(after).code).toBe('unauthenticated');
    expect(await auditRows(t.ctx, 'session_expired', user.id)).toHaveLength(1);
  });

  it('a session past its absolute lifetime expires even when active', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = await signedIn(t.app, user.login);
    await t.ctx.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    const response = await client.get('/api/v1/auth/session');
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).code).toBe('session_expired');
    expect(await auditRows(t.ctx, 'session_expired', user.id)).toHaveLength(1);
  });

  it('activity keeps a session alive', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = await signedIn(t.app, user.login);
    const idle = t.ctx.config.sessionIdleSeconds;
    const before = new Date(Date.now() - (idle - 60) * 1000);
    await t.ctx.db
      .updateTable('session')
      .set({ last_seen_at: before })
      .where('user_id', '=', user.id)
      .execute();
    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('session')
      .select('last_seen_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.last_seen_at.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it('a forged or random cookie is simply unauthenticated', async () => {
    const before = (await auditRows(t.ctx, 'session_expired')).length;
    for (const token of [
      randomBytes(32).toString('base64url'),
      'short',
      'x'.repeat(500),
      `${randomUUID()}'; --`,
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: { cookie: `madar_session=${encodeURIComponent(token)}`, 'accept-language': 'en' },
      });
      expect(response.statusCode, token).toBe(401);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(problemOf(response)).toMatchObject({
        code: 'unauthenticated',
        detail: problemMessage('unauthenticated', 'en'),
      });
    }
    expect((await auditRows(t.ctx, 'session_expired')).length).toBe(before);
  });

  it('a deactivated account cannot use a session it still holds', async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = await signedIn(t.app, user.login);
    // Deactivated behind the application's back: the session row survives, but must not work.
    await t.ctx.db.updateTable('app_user').set({ active: false }).where('id', '=', user.id).execute();
    const response = await client.get('/api/v1/auth/session');
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).code).toBe('unauthenticated');
  });
});

describe('preferences', () => {
  it("answers in the user's saved language when the browser does not say, and the browser's otherwise", async () => {
    const user = await createUser(t.ctx, { roles: ['social_worker'] });
    const quiet = await signedIn(t.app, user.login, null);
    const missing = `/api/v1/institutions/${randomUUID()}`;

    const arabic = await quiet.get(missing);
    expect(arabic.statusCode).toBe(404);
    expect(problemOf(arabic).detail).toBe(problemMessage('not_found', 'ar'));

    const saved = await quiet.put('/api/v1/me/preferences', { preferredLanguage: 'fr' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().user.preferredLanguage).toBe('fr');

    const french = await quiet.get(missing);
    expect(french.statusCode).toBe(404);
    expect(problemOf(french).detail).toBe(problemMessage('not_found', 'fr'));
    expect(problemOf(french).detail).toBe("L'élément demandé n'existe pas.");

    // An explicit Accept-Language wins over the saved preference.
    const english = new Client(t.app, 'en');
    english.cookie = quiet.cookie;
    expect(problemOf(await english.get(missing)).detail).toBe(problemMessage('not_found', 'en'));

    const unsupported = await quiet.put('/api/v1/me/preferences', { preferredLanguage: 'de' });
    expect(unsupported.statusCode).toBe(400);
    expect(fieldCodes(unsupported)).toEqual(['preferredLanguage:invalid_value']);
    // …and that refusal itself came in French.
    expect(problemOf(unsupported).detail).toBe(problemMessage('validation_failed', 'fr'));
    const row = await t.ctx.db
      .selectFrom('app_user')
      .select('preferred_language')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.preferred_language).toBe('fr');
  });
});
