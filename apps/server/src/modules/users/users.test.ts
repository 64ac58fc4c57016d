import { randomBytes, randomUUID } from 'node:crypto';
import type { CreateUserInput, Role, User } from '@madar/domain';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../test/fixtures';
import {
  auditRows,
  Client,
  countRows,
  createInstitution,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/harness';
import { fieldMessage } from '../../platform/messages';
import { unassignedCasesPath } from '../cases/service';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';
const NEW_PASSWORD = 'Une-phrase-de-passe-assez-longue-42';

let t: TestApp;
let admin: Client;
let provincial: Client;
let tangerInstitution: string;
let rabatInstitution: string;
const temporaryPasswords: string[] = [];

const uniqueLogin = (prefix = 'user') => `${prefix}.${randomBytes(4).toString('hex')}`;

function newUser(overrides: Partial<CreateUserInput> = {}): CreateUserInput {
  return {
    login: uniqueLogin(),
    fullName: 'Salma Bennani',
    email: 'salma@example.ma',
    phone: '0612345678',
    institutionId: null,
    territoryCode: TANGER,
    roles: ['social_worker'],
    preferredLanguage: 'fr',
    ...overrides,
  };
}

/** The body of a PUT /users/:id from a user as read, with changes. */
function updateOf(user: User, changes: Partial<User> = {}) {
  const next = { ...user, ...changes };
  return {
    fullName: next.fullName,
    email: next.email,
    phone: next.phone,
    institutionId: next.institutionId,
    territoryCode: next.territoryCode,
    roles: next.roles,
    preferredLanguage: next.preferredLanguage,
    active: next.active,
    version: next.version,
  };
}

async function created(
  input: CreateUserInput,
  by: Client = admin,
): Promise<{ user: User; temporaryPassword: string }> {
  const response = await by.post('/api/v1/users', input);
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { user: User; temporaryPassword: string };
  temporaryPasswords.push(body.temporaryPassword);
  return body;
}

beforeAll(async () => {
  t = await createTestApp();
  const nationalAdmin = await createUser(t.ctx, { roles: ['national_admin'], territoryCode: null });
  const provincialAdmin = await createUser(t.ctx, { roles: ['provincial_admin'], territoryCode: TANGER });
  admin = await signedIn(t.app, nationalAdmin.login);
  provincial = await signedIn(t.app, provincialAdmin.login);
  tangerInstitution = (await createInstitution(t.ctx, TANGER)).id;
  rabatInstitution = (await createInstitution(t.ctx, RABAT)).id;
});

describe('creating an account', () => {
  it('returns a one-time temporary password that must be changed at first sign-in', async () => {
    const input = newUser({ login: `  New.Worker.${randomBytes(2).toString('hex')} ` });
    const { user, temporaryPassword } = await created(input);
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    expect(user).toMatchObject({
      login: input.login.trim().toLowerCase(),
      fullName: 'Salma Bennani',
      email: 'salma@example.ma',
      phone: '0612345678',
      territoryCode: TANGER,
      roles: ['social_worker'],
      preferredLanguage: 'fr',
      active: true,
      totpEnabled: false,
      mustChangePassword: true,
      lockedUntil: null,
      lastLoginAt: null,
      version: 0,
    });

    const row = await t.ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(temporaryPassword);

    const audit = await auditRows(t.ctx, 'user_created', user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      outcome: 'success',
      target_type: 'user',
      target_id: user.id,
      territory_code: TANGER,
      details: { login: user.login, roles: ['social_worker'] },
    });
    expect(JSON.stringify(audit[0])).not.toContain(temporaryPassword);

    const client = new Client(t.app);
    const login = await client.login(user.login, temporaryPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json().pendingStep).toBe('password_change');
    expect(problemOf(await client.get('/api/v1/institutions')).code).toBe('step_required');
    const changed = await client.post('/api/v1/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.json().pendingStep).toBeNull();
    // The temporary password is one-time: it no longer opens the account.
    expect((await new Client(t.app).login(user.login, temporaryPassword)).statusCode).toBe(401);
  });

  it('refuses a login already taken, whatever its case', async () => {
    const { user } = await created(newUser());
    const before = await countRows(t.ctx, 'app_user');
    for (const login of [user.login, user.login.toUpperCase()]) {
      const response = await admin.post('/api/v1/users', newUser({ login }));
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).code).toBe('validation_failed');
      expect(fieldCodes(response)).toEqual(['login:duplicate']);
      expect(problemOf(response).fields![0]!.message).toBe(fieldMessage('duplicate', 'en'));
    }
    expect(await countRows(t.ctx, 'app_user')).toBe(before);
  });

  it('refuses a login of the wrong shape', async () => {
    for (const login of ['ab', 'Has Space', '-starts-with-dash', 'x'.repeat(51), 'élève']) {
      const response = await admin.post('/api/v1/users', newUser({ login }));
      expect(response.statusCode, login).toBe(400);
      expect(fieldCodes(response), login).toEqual(['login:login_format']);
    }
  });

  it.each<[string, Partial<CreateUserInput> | (() => Partial<CreateUserInput>), string[]]>([
    ['a provincial role without a territory', { territoryCode: null }, ['territoryCode:territory_required']],
    [
      'a national role with a territory',
      { roles: ['ministry_analyst'], territoryCode: TANGER },
      ['territoryCode:territory_not_allowed'],
    ],
    [
      'a national role with a provincial one',
      { roles: ['national_admin', 'social_worker'], territoryCode: null },
      ['roles:roles_mixed_scope', 'territoryCode:territory_required'],
    ],
    [
      'a partner without an institution',
      { roles: ['partner_focal_point'] },
      ['institutionId:institution_required'],
    ],
    [
      'an UPE reporter without an institution',
      { roles: ['upe_reporter'] },
      ['institutionId:institution_required'],
    ],
    [
      'an institution of another territory',
      () => ({ roles: ['partner_focal_point'], institutionId: rabatInstitution }),
      ['institutionId:institution_outside_territory'],
    ],
    ['an unknown territory', { territoryCode: 'atlantis' }, ['territoryCode:unknown_code']],
    [
      'an unknown institution',
      () => ({ roles: ['partner_focal_point'], institutionId: randomUUID() }),
      ['institutionId:unknown_code'],
    ],
    ['an unknown role', { roles: ['wizard' as Role] }, ['roles.0:invalid_value']],
    ['no role at all', { roles: [] }, ['roles:too_small']],
    ['a malformed phone', { phone: '12345' }, ['phone:phone_format']],
    ['a malformed email', { email: 'not-an-email' }, ['email:invalid_format']],
  ])('refuses %s with field errors and creates nothing', async (_label, overrides, expected) => {
    const before = await countRows(t.ctx, 'app_user');
    const response = await admin.post(
      '/api/v1/users',
      newUser(typeof overrides === 'function' ? overrides() : overrides),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(response).code).toBe('validation_failed');
    expect(fieldCodes(response).sort()).toEqual([...expected].sort());
    for (const field of problemOf(response).fields!)
      expect(field.message).toBe(fieldMessage(field.code, 'en'));
    expect(await countRows(t.ctx, 'app_user')).toBe(before);
  });

  it('refuses an inactive institution', async () => {
    const institution = await createInstitution(t.ctx, TANGER);
    await t.ctx.db
      .updateTable('institution')
      .set({ active: false })
      .where('id', '=', institution.id)
      .execute();
    const response = await admin.post(
      '/api/v1/users',
      newUser({ roles: ['partner_focal_point'], institutionId: institution.id }),
    );
    expect(fieldCodes(response)).toEqual(['institutionId:inactive_institution']);
  });

  it('accepts the scopes the rules allow', async () => {
    expect(
      (await created(newUser({ roles: ['ministry_analyst'], territoryCode: null }))).user.territoryCode,
    ).toBeNull();
    // An auditor may be national or provincial.
    expect((await created(newUser({ roles: ['dp_auditor'], territoryCode: null }))).user.roles).toEqual([
      'dp_auditor',
    ]);
    expect((await created(newUser({ roles: ['dp_auditor'], territoryCode: RABAT }))).user.territoryCode).toBe(
      RABAT,
    );
    const partner = await created(
      newUser({ roles: ['partner_focal_point'], institutionId: tangerInstitution }),
    );
    expect(partner.user.institutionId).toBe(tangerInstitution);
    // Duplicated roles are stored once.
    const twice = await created(newUser({ roles: ['social_worker', 'social_worker', 'cppe_member'] }));
    expect(twice.user.roles).toEqual(['social_worker', 'cppe_member']);
  });

  it('lets a provincial administrator create accounts of their province only, and never an administrator', async () => {
    const { user } = await created(newUser({ roles: ['social_worker', 'cppe_member'] }), provincial);
    expect(user.territoryCode).toBe(TANGER);

    const before = await countRows(t.ctx, 'app_user');
    const refusedBefore = (await auditRows(t.ctx, 'permission_refused')).length;
    for (const input of [
      newUser({ territoryCode: RABAT }),
      newUser({ roles: ['provincial_admin'] }),
      newUser({ roles: ['national_admin'], territoryCode: null }),
      newUser({ roles: ['ministry_analyst'], territoryCode: null }),
      newUser({ roles: ['dp_auditor'], territoryCode: null }),
    ]) {
      const response = await provincial.post('/api/v1/users', input);
      expect(response.statusCode, JSON.stringify(input.roles)).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    expect(await countRows(t.ctx, 'app_user')).toBe(before);
    expect((await auditRows(t.ctx, 'permission_refused')).length).toBe(refusedBefore + 5);
  });
});

describe('updating an account', () => {
  it('refuses a stale version with the current state, and changes nothing', async () => {
    const { user } = await created(newUser());
    const first = await admin.put(
      `/api/v1/users/${user.id}`,
      updateOf(user, { fullName: 'Salma Bennani-Idrissi' }),
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ fullName: 'Salma Bennani-Idrissi', version: 1 });
    const audit = await auditRows(t.ctx, 'user_updated', user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ fields: ['full_name'] });

    const stale = await admin.put(
      `/api/v1/users/${user.id}`,
      updateOf(user, { fullName: 'Someone Else', roles: ['information_officer'] }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemOf(stale);
    expect(problem.code).toBe('version_conflict');
    expect(problem.current).toMatchObject({
      id: user.id,
      fullName: 'Salma Bennani-Idrissi',
      roles: ['social_worker'],
      version: 1,
    });

    const now = (await admin.get(`/api/v1/users/${user.id}`)).json() as User;
    expect(now).toMatchObject({ fullName: 'Salma Bennani-Idrissi', roles: ['social_worker'], version: 1 });
    expect(await auditRows(t.ctx, 'user_updated', user.id)).toHaveLength(1);
    expect(await auditRows(t.ctx, 'user_roles_changed', user.id)).toHaveLength(0);
  });

  it('records a change of roles', async () => {
    const { user } = await created(newUser());
    const response = await admin.put(
      `/api/v1/users/${user.id}`,
      updateOf(user, { roles: ['social_worker', 'cppe_member'] }),
    );
    expect(response.statusCode).toBe(200);
    const audit = await auditRows(t.ctx, 'user_roles_changed', user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ from: ['social_worker'], to: ['social_worker', 'cppe_member'] });
    expect((await auditRows(t.ctx, 'user_updated', user.id))[0]!.details).toEqual({ fields: ['roles'] });
  });

  it('applies the scope rules to updates too', async () => {
    const { user } = await created(newUser());
    const response = await admin.put(`/api/v1/users/${user.id}`, updateOf(user, { territoryCode: null }));
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response)).toEqual(['territoryCode:territory_required']);
    expect(((await admin.get(`/api/v1/users/${user.id}`)).json() as User).version).toBe(0);
  });

  it('does not let a provincial administrator move an account out of their province or promote it', async () => {
    const { user } = await created(newUser());
    for (const changes of [{ territoryCode: RABAT }, { roles: ['provincial_admin'] as Role[] }]) {
      const response = await provincial.put(`/api/v1/users/${user.id}`, updateOf(user, changes));
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    const ok = await provincial.put(`/api/v1/users/${user.id}`, updateOf(user, { phone: '0712345678' }));
    expect(ok.statusCode).toBe(200);
    expect((await admin.get(`/api/v1/users/${user.id}`)).json() as User).toMatchObject({
      territoryCode: TANGER,
      roles: ['social_worker'],
      phone: '0712345678',
      version: 1,
    });
  });

  it('deactivation ends every session of the account and refuses its next sign-in', async () => {
    const row = await createUser(t.ctx, { roles: ['social_worker'] });
    const laptop = await signedIn(t.app, row.login);
    const phone = await signedIn(t.app, row.login);
    const user = (await admin.get(`/api/v1/users/${row.id}`)).json() as User;

    const response = await admin.put(`/api/v1/users/${row.id}`, updateOf(user, { active: false }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ active: false, version: 1 });
    expect(await countSessions(row.id)).toBe(0);
    for (const client of [laptop, phone]) {
      const refused = await client.get('/api/v1/auth/session');
      expect(refused.statusCode).toBe(401);
      expect(problemOf(refused).code).toBe('unauthenticated');
    }
    const login = await new Client(t.app).login(row.login);
    expect(login.statusCode).toBe(401);
    expect(problemOf(login).code).toBe('invalid_credentials');
    const failed = await auditRows(t.ctx, 'login_failed');
    expect(failed.filter((r) => r.actor_login === row.login).at(-1)!.details).toEqual({ reason: 'inactive' });
    expect(await auditRows(t.ctx, 'user_deactivated', row.id)).toHaveLength(1);

    const back = await admin.put(
      `/api/v1/users/${row.id}`,
      updateOf(response.json() as User, { active: true }),
    );
    expect(back.statusCode).toBe(200);
    expect(await auditRows(t.ctx, 'user_reactivated', row.id)).toHaveLength(1);
    expect((await new Client(t.app).login(row.login)).statusCode).toBe(200);
  });

  it('does not let an administrator deactivate themselves', async () => {
    const me = (await admin.get('/api/v1/auth/session')).json().user as { id: string };
    const user = (await admin.get(`/api/v1/users/${me.id}`)).json() as User;
    const response = await admin.put(`/api/v1/users/${me.id}`, updateOf(user, { active: false }));
    // Said as a field error (the form can show it), before the policy would refuse with a bare 403.
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response)).toContain('active:cannot_deactivate_self');
    expect(((await admin.get(`/api/v1/users/${me.id}`)).json() as User).active).toBe(true);
    expect((await admin.get('/api/v1/auth/session')).statusCode).toBe(200);
  });
});

describe('deactivating an account that holds open cases', () => {
  // A territory of its own: the coordinators' notices here come from these tests only.
  const MEKNES = 'meknes';

  const caseRow = (id: string) =>
    t.ctx.db
      .selectFrom('protection_case')
      .select(['assigned_worker_id', 'version', 'last_activity_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const assignments = (caseId: string) =>
    t.ctx.db
      .selectFrom('case_assignment')
      .select(['worker_id', 'actor_id'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  const noticesOf = (userId: string) =>
    t.ctx.db
      .selectFrom('notification')
      .select(['kind', 'data'])
      .where('user_id', '=', userId)
      .where('kind', '=', 'cases_unassigned_on_deactivation')
      .execute();
  const openCasesOf = async (by: Client, id: string) => by.get(`/api/v1/users/${id}/open-cases`);
  const adminId = async () => ((await admin.get('/api/v1/auth/session')).json().user as { id: string }).id;

  it("returns only the worker's open cases to the coordinators of their territory, said once, without identity", async () => {
    const worker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: MEKNES });
    const colleague = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: MEKNES });
    const coordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: MEKNES });
    const secondCoordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: MEKNES });
    const formerCoordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: MEKNES });
    await t.ctx.db
      .updateTable('app_user')
      .set({ active: false })
      .where('id', '=', formerCoordinator.id)
      .execute();
    const rabatCoordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: RABAT });
    // An e-mail address, so that the e-mail notice is written too (demo mode: to the outbox).
    await t.ctx.db
      .updateTable('app_user')
      .set({ email: 'coordination.meknes@example.ma' })
      .where('id', '=', coordinator.id)
      .execute();

    const open = await Promise.all(
      [0, 1, 2].map(
        async () => (await createCase(t.ctx, { territoryCode: MEKNES, workerId: worker.id })).case,
      ),
    );
    const closed = (await createCase(t.ctx, { territoryCode: MEKNES, workerId: worker.id, stage: 'closed' }))
      .case;
    const colleagues = (await createCase(t.ctx, { territoryCode: MEKNES, workerId: colleague.id })).case;
    const codes = (
      await t.ctx.db
        .selectFrom('child')
        .select('code')
        .where(
          'id',
          'in',
          [...open, closed].map((c) => c.child_id),
        )
        .execute()
    ).map((c) => c.code);

    // What the administrator is told before confirming.
    const before = await openCasesOf(admin, worker.id);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ openCases: 3 });

    const user = (await admin.get(`/api/v1/users/${worker.id}`)).json() as User;
    const saved = await admin.put(`/api/v1/users/${worker.id}`, updateOf(user, { active: false }));
    expect(saved.statusCode, saved.body).toBe(200);

    const by = await adminId();
    for (const kase of open) {
      const now = await caseRow(kase.id);
      expect(now.assigned_worker_id).toBeNull();
      expect(now.version).toBe(kase.version + 1);
      expect(now.last_activity_at.getTime()).toBeGreaterThan(kase.last_activity_at.getTime());
      // Recorded as a reassignment to nobody, by the administrator who deactivated the account.
      expect(await assignments(kase.id)).toEqual([{ worker_id: null, actor_id: by }]);
    }
    // A closed case keeps its worker: it is history.
    expect(await caseRow(closed.id)).toMatchObject({
      assigned_worker_id: worker.id,
      version: closed.version,
    });
    expect(await assignments(closed.id)).toEqual([]);
    expect(await caseRow(colleagues.id)).toMatchObject({
      assigned_worker_id: colleague.id,
      version: colleagues.version,
    });

    // One notice per active coordinator of the territory, a count and the unassigned cases.
    for (const id of [coordinator.id, secondCoordinator.id]) {
      expect(await noticesOf(id)).toEqual([
        { kind: 'cases_unassigned_on_deactivation', data: { cases: 3, path: unassignedCasesPath() } },
      ]);
    }
    expect(unassignedCasesPath()).toBe('/cases?workerId=unassigned');
    for (const id of [formerCoordinator.id, rabatCoordinator.id, worker.id, colleague.id])
      expect(await noticesOf(id)).toEqual([]);
    const mails = await t.ctx.db
      .selectFrom('email_outbox')
      .select(['subject', 'body'])
      .where('user_id', '=', coordinator.id)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain('/cases?workerId=unassigned');
    const said = JSON.stringify([mails, await noticesOf(coordinator.id)]);
    for (const secret of [...codes, 'Karim', 'Benjelloun', 'كريم', 'بنجلون', ...open.map((c) => c.id)])
      expect(said).not.toContain(secret);

    // The coordinator finds them where the notice leads.
    const coordinatorClient = await signedIn(t.app, coordinator.login);
    const listed = await coordinatorClient.get('/api/v1/cases?workerId=unassigned');
    expect(listed.statusCode).toBe(200);
    expect((listed.json().items as { id: string }[]).map((c) => c.id).sort()).toEqual(
      open.map((c) => c.id).sort(),
    );

    const audit = await auditRows(t.ctx, 'user_deactivated', worker.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ openCasesReleased: 3 });
    expect((await openCasesOf(admin, worker.id)).json()).toEqual({ openCases: 0 });

    // A second save of the inactive account does nothing more.
    const again = await admin.put(
      `/api/v1/users/${worker.id}`,
      updateOf(saved.json() as User, { phone: '0700000000' }),
    );
    expect(again.statusCode).toBe(200);
    expect(await noticesOf(coordinator.id)).toHaveLength(1);
    for (const kase of open) {
      expect((await caseRow(kase.id)).version).toBe(kase.version + 1);
      expect(await assignments(kase.id)).toHaveLength(1);
    }
    expect(await auditRows(t.ctx, 'user_deactivated', worker.id)).toHaveLength(1);

    // Reactivating gives nothing back: the coordinators assign again.
    const back = await admin.put(
      `/api/v1/users/${worker.id}`,
      updateOf(again.json() as User, { active: true }),
    );
    expect(back.statusCode).toBe(200);
    for (const kase of open) expect((await caseRow(kase.id)).assigned_worker_id).toBeNull();
    expect(await noticesOf(coordinator.id)).toHaveLength(1);
  });

  it('moving a worker to another province or to a role without cases returns their open cases too', async () => {
    const FES = 'fes';
    const mover = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: FES });
    const promoted = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: FES });
    const coordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: FES });
    const open = await Promise.all(
      [0, 1].map(async () => (await createCase(t.ctx, { territoryCode: FES, workerId: mover.id })).case),
    );
    const closed = (await createCase(t.ctx, { territoryCode: FES, workerId: mover.id, stage: 'closed' }))
      .case;
    const promotedCase = (await createCase(t.ctx, { territoryCode: FES, workerId: promoted.id })).case;
    const changeNotices = () =>
      t.ctx.db
        .selectFrom('notification')
        .select(['kind', 'data'])
        .where('user_id', '=', coordinator.id)
        .where('kind', '=', 'cases_unassigned_on_account_change')
        .execute();

    // A change that keeps the worker a caseworker of the province releases nothing.
    const kept = await admin.put(
      `/api/v1/users/${mover.id}`,
      updateOf((await admin.get(`/api/v1/users/${mover.id}`)).json() as User, { phone: '0600000001' }),
    );
    expect(kept.statusCode, kept.body).toBe(200);
    for (const kase of open) expect((await caseRow(kase.id)).assigned_worker_id).toBe(mover.id);

    // Moved to Rabat: the open cases of Fès go back to the coordinators of Fès.
    const moved = await admin.put(
      `/api/v1/users/${mover.id}`,
      updateOf(kept.json() as User, { territoryCode: RABAT }),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    for (const kase of open) {
      expect(await caseRow(kase.id)).toMatchObject({ assigned_worker_id: null, version: kase.version + 1 });
      expect(await assignments(kase.id)).toEqual([{ worker_id: null, actor_id: await adminId() }]);
    }
    expect((await caseRow(closed.id)).assigned_worker_id).toBe(mover.id);
    const audit = await auditRows(t.ctx, 'user_updated', mover.id);
    expect(audit.at(-1)!.details).toMatchObject({ openCasesReleased: 2 });

    // Given a role that holds no cases: the same.
    const promotedUser = (await admin.get(`/api/v1/users/${promoted.id}`)).json() as User;
    const changed = await admin.put(
      `/api/v1/users/${promoted.id}`,
      updateOf(promotedUser, { roles: ['information_officer'] }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await caseRow(promotedCase.id)).assigned_worker_id).toBeNull();

    const notices = await changeNotices();
    expect(notices).toHaveLength(2);
    expect(notices).toEqual(
      expect.arrayContaining([
        { kind: 'cases_unassigned_on_account_change', data: { cases: 2, path: unassignedCasesPath() } },
        { kind: 'cases_unassigned_on_account_change', data: { cases: 1, path: unassignedCasesPath() } },
      ]),
    );
  });

  it('deactivating an account without open cases tells nobody', async () => {
    const worker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: RABAT });
    const coordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: RABAT });
    await createCase(t.ctx, { territoryCode: RABAT, workerId: worker.id, stage: 'closed' });
    expect((await openCasesOf(admin, worker.id)).json()).toEqual({ openCases: 0 });
    const user = (await admin.get(`/api/v1/users/${worker.id}`)).json() as User;
    expect(
      (await admin.put(`/api/v1/users/${worker.id}`, updateOf(user, { active: false }))).statusCode,
    ).toBe(200);
    expect(await noticesOf(coordinator.id)).toEqual([]);
    expect((await auditRows(t.ctx, 'user_deactivated', worker.id))[0]!.details).toEqual({
      openCasesReleased: 0,
    });
  });

  it('a stale version is a 409 and releases nothing (one transaction)', async () => {
    const worker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: MEKNES });
    const coordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: MEKNES });
    const kase = (await createCase(t.ctx, { territoryCode: MEKNES, workerId: worker.id })).case;
    const session = await signedIn(t.app, worker.login);
    const read = (await admin.get(`/api/v1/users/${worker.id}`)).json() as User;
    // Someone else saved the account since it was read.
    expect(
      (await admin.put(`/api/v1/users/${worker.id}`, updateOf(read, { phone: '0711111111' }))).statusCode,
    ).toBe(200);
    const stale = await admin.put(`/api/v1/users/${worker.id}`, updateOf(read, { active: false }));
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).code).toBe('version_conflict');
    expect(await caseRow(kase.id)).toMatchObject({ assigned_worker_id: worker.id, version: kase.version });
    expect(await assignments(kase.id)).toEqual([]);
    expect(await noticesOf(coordinator.id)).toEqual([]);
    expect(await auditRows(t.ctx, 'user_deactivated', worker.id)).toEqual([]);
    expect((await session.get('/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('an assignment racing with the deactivation of its worker waits for it and is refused', async () => {
    const worker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: MEKNES });
    const coordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: MEKNES });
    const kase = (await createCase(t.ctx, { territoryCode: MEKNES, workerId: coordinator.id })).case;
    const coordinatorClient = await signedIn(t.app, coordinator.login);
    // A deactivation in progress: the account row is updated and the transaction not yet committed.
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('UPDATE app_user SET active = false, version = version + 1 WHERE id = $1', [
        worker.id,
      ]);
      let settled = false;
      const assigning = coordinatorClient
        .post(`/api/v1/cases/${kase.id}/assignment`, { workerId: worker.id, version: kase.version })
        .finally(() => {
          settled = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await holder.query('COMMIT');
      const refused = await assigning;
      expect(refused.statusCode).toBe(400);
      expect(fieldCodes(refused)).toEqual(['workerId:not_a_caseworker_here']);
    } finally {
      await holder.end();
    }
    expect((await caseRow(kase.id)).assigned_worker_id).toBe(coordinator.id);
  });

  it('the count is for those who may deactivate the account only', async () => {
    const worker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER });
    await createCase(t.ctx, { territoryCode: TANGER, workerId: worker.id });
    const rabatAdmin = await signedIn(
      t.app,
      (await createUser(t.ctx, { roles: ['provincial_admin'], territoryCode: RABAT })).login,
    );
    const coordinator = await signedIn(
      t.app,
      (await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: TANGER })).login,
    );
    const self = await signedIn(t.app, worker.login);
    expect((await openCasesOf(provincial, worker.id)).json()).toEqual({ openCases: 1 });
    for (const client of [rabatAdmin, coordinator, self]) {
      const refused = await openCasesOf(client, worker.id);
      expect(refused.statusCode).toBe(403);
      expect(problemOf(refused).code).toBe('forbidden');
    }
    // Nor may they deactivate it: the case keeps its worker.
    const user = (await admin.get(`/api/v1/users/${worker.id}`)).json() as User;
    for (const client of [rabatAdmin, coordinator]) {
      expect(
        (await client.put(`/api/v1/users/${worker.id}`, updateOf(user, { active: false }))).statusCode,
      ).toBe(403);
    }
    expect((await openCasesOf(admin, worker.id)).json()).toEqual({ openCases: 1 });
    expect((await openCasesOf(admin, randomUUID())).statusCode).toBe(404);
  });
});

async function countSessions(userId: string) {
  return (await t.ctx.db.selectFrom('session').select('token_hash').where('user_id', '=', userId).execute())
    .length;
}

describe('resetting a password', () => {
  it('hands a new temporary password, ends the sessions and requires a change at next sign-in', async () => {
    const row = await createUser(t.ctx, { roles: ['social_worker'] });
    const client = await signedIn(t.app, row.login);
    await t.ctx.db
      .updateTable('app_user')
      .set({ failed_login_count: 5, locked_until: new Date(Date.now() + 60_000) })
      .where('id', '=', row.id)
      .execute();

    const response = await admin.post(`/api/v1/users/${row.id}/reset-password`);
    expect(response.statusCode).toBe(200);
    const { temporaryPassword } = response.json() as { temporaryPassword: string };
    temporaryPasswords.push(temporaryPassword);
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);

    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect(await countSessions(row.id)).toBe(0);
    expect((await new Client(t.app).login(row.login, TEST_PASSWORD)).statusCode).toBe(401);
    // The reset also lifted the lock.
    const login = await new Client(t.app).login(row.login, temporaryPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json().pendingStep).toBe('password_change');

    const audit = await auditRows(t.ctx, 'user_password_reset', row.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: 'user', target_id: row.id, details: {} });
  });

  it('is refused to a provincial administrator for an account of another province, or for themselves', async () => {
    const rabat = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: RABAT });
    const self = (await provincial.get('/api/v1/auth/session')).json().user as { id: string };
    for (const id of [rabat.id, self.id]) {
      const response = await provincial.post(`/api/v1/users/${id}/reset-password`);
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    expect(await auditRows(t.ctx, 'user_password_reset', rabat.id)).toHaveLength(0);
  });
});

describe('the audit trail of account administration', () => {
  it('never carries a password', async () => {
    expect(temporaryPasswords.length).toBeGreaterThan(3);
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().execute();
    const events = new Set(rows.map((r) => r.event));
    for (const event of [
      'user_created',
      'user_updated',
      'user_roles_changed',
      'user_deactivated',
      'user_password_reset',
    ]) {
      expect(events, event).toContain(event);
    }
    const text = JSON.stringify(rows);
    for (const secret of [...temporaryPasswords, TEST_PASSWORD, NEW_PASSWORD])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/argon2/);
  });
});

describe('reading and listing accounts', () => {
  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const id = randomUUID();
    for (const response of [
      await admin.get(`/api/v1/users/${id}`),
      await admin.post(`/api/v1/users/${id}/reset-password`),
      await admin.post(`/api/v1/users/${id}/unlock`),
      await admin.put(`/api/v1/users/${id}`, updateOf({ ...(await created(newUser())).user })),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(response)).toMatchObject({ status: 404, code: 'not_found' });
    }
    for (const bad of ['not-a-uuid', '123', `${id}x`]) {
      const response = await admin.get(`/api/v1/users/${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(problemOf(response).code).toBe('validation_failed');
      expect(fieldCodes(response)).toEqual(['params.id:invalid_format']);
    }
  });

  it('filters by text, role and state, and pages', async () => {
    const tag = randomBytes(3).toString('hex');
    await created(newUser({ login: `filter.${tag}.a`, roles: ['information_officer'] }));
    const b = await created(newUser({ login: `filter.${tag}.b`, roles: ['social_worker'] }));
    await created(newUser({ login: `filter.${tag}.c`, roles: ['social_worker'] }));
    await admin.put(`/api/v1/users/${b.user.id}`, updateOf(b.user, { active: false }));

    const all = (await admin.get(`/api/v1/users?q=filter.${tag}`)).json() as { items: User[]; total: number };
    expect(all.total).toBe(3);
    expect(all.items.map((u) => u.login)).toEqual([`filter.${tag}.a`, `filter.${tag}.b`, `filter.${tag}.c`]);
    const workers = (await admin.get(`/api/v1/users?q=filter.${tag}&role=social_worker&active=true`)).json();
    expect(workers.items.map((u: User) => u.login)).toEqual([`filter.${tag}.c`]);
    const page = (await admin.get(`/api/v1/users?q=filter.${tag}&limit=1&offset=1`)).json();
    expect(page).toMatchObject({ total: 3, items: [{ login: `filter.${tag}.b` }] });
    // LIKE wildcards are searched for literally.
    expect((await admin.get('/api/v1/users?q=%25')).json().total).toBe(0);
    expect((await admin.get('/api/v1/users?limit=0')).statusCode).toBe(400);
  });

  it('lets any user read their own account', async () => {
    const row = await createUser(t.ctx, { roles: ['cppe_member'] });
    const client = await signedIn(t.app, row.login);
    const response = await client.get(`/api/v1/users/${row.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: row.id, login: row.login });
    expect(response.json()).not.toHaveProperty('passwordHash');
  });
});
