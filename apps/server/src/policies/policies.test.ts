import { randomUUID } from 'node:crypto';
import { INSTITUTION_ROLES, NATIONAL_ROLES, ROLES, type Role, type User } from '@madar/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  type Client,
  countRows,
  createInstitution,
  createTestApp,
  createUser,
  problemOf,
  signedIn,
  type TestApp,
} from '../../test/harness';
import type { Actor } from '../platform/auth/actor';
import { accessLogPolicy } from './access-log';
import { auditLogPolicy } from './audit-log';
import { casePolicy, instrumentPolicy, reportPolicy } from './cases';
import { can, type Resource } from './index';
import { communePolicy, institutionPolicy } from './institutions';
import { outboxPolicy } from './notifications';
import { circuitPolicy, referralPolicy } from './referrals';
import { type UserResource, userPolicy } from './users';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';

// ---------------------------------------------------------------------------------------------
// Unit level: every role × every action of every policy.
// ---------------------------------------------------------------------------------------------

/** One actor per role, in the scope the role normally has, plus a national auditor. */
const actors: Record<string, Actor> = {};
for (const role of ROLES) {
  actors[role] = {
    id: `actor-${role}`,
    login: role.replace(/_/g, '.'),
    fullName: role,
    roles: [role],
    territoryCode: NATIONAL_ROLES.includes(role) ? null : TANGER,
    institutionId: INSTITUTION_ROLES.includes(role) ? 'institution-1' : null,
    preferredLanguage: 'fr',
  };
}
actors['dp_auditor (national)'] = {
  ...actors.dp_auditor!,
  id: 'actor-dp-auditor-national',
  territoryCode: null,
};
const ACTORS = Object.keys(actors);

const N = 'national_admin';
const P = 'provincial_admin';
const ALL = new Set(ACTORS);
const only = (...labels: string[]) => new Set(labels);
const CASEWORKERS = ['cape_coordinator', 'social_worker'];
const CAPE = [...CASEWORKERS, 'information_officer'];

type ResourceFor = (actor: Actor) => Resource;
/** For each policy, action and resource: the actors allowed, every other actor is refused. */
type Expectations = Record<string, Record<string, [ResourceFor, Set<string>][]>>;

const account =
  (id: string, territoryCode: string | null, roles: Role[]): ResourceFor =>
  () => ({
    type: 'user',
    id,
    territoryCode,
    roles,
  });
const self: ResourceFor = (actor) => ({
  type: 'user',
  id: actor.id,
  territoryCode: actor.territoryCode,
  roles: actor.roles,
});
const userList =
  (territoryCode: string | null): ResourceFor =>
  () => ({ type: 'user', territoryCode, roles: [] });

const workerTanger = account('u-worker-tanger', TANGER, ['social_worker']);
const workerRabat = account('u-worker-rabat', RABAT, ['social_worker']);
const auditorTanger = account('u-auditor-tanger', TANGER, ['dp_auditor']);
const provincialAdminTanger = account('u-pa-tanger', TANGER, ['provincial_admin']);
const provincialAdminAndWorker = account('u-pa-worker', TANGER, ['social_worker', 'provincial_admin']);
const analyst = account('u-analyst', null, ['ministry_analyst']);
const nationalAuditor = account('u-auditor-national', null, ['dp_auditor']);
const nationalAdmin = account('u-national-admin', null, ['national_admin']);

/** What an administrator may do to an account (create, update, deactivate, …): by scope and by the roles it holds. */
const administered: [ResourceFor, Set<string>][] = [
  [workerTanger, only(N, P)],
  [workerRabat, only(N)],
  [auditorTanger, only(N, P)],
  [provincialAdminTanger, only(N)],
  [provincialAdminAndWorker, only(N)],
  [analyst, only(N)],
  [nationalAuditor, only(N)],
  [nationalAdmin, only(N)],
];

const expectations: Expectations = {
  user: {
    list: [
      [userList(TANGER), only(N, P)],
      [userList(RABAT), only(N)],
      [userList(null), only(N)],
    ],
    read: [
      [workerTanger, only(N, P)],
      [workerRabat, only(N)],
      [auditorTanger, only(N, P)],
      // A provincial administrator reads the accounts of their province, administrators included…
      [provincialAdminTanger, only(N, P)],
      // …but never a national account.
      [analyst, only(N)],
      [nationalAuditor, only(N)],
      [nationalAdmin, only(N)],
      // Everyone reads their own account.
      [self, ALL],
    ],
    create: administered,
    update: [...administered, [self, only(N)]],
    deactivate: [...administered, [self, only()]],
    resetPassword: [...administered, [self, only()]],
    unlock: [...administered, [self, only(N)]],
  },
  institution: {
    read: [
      [() => ({ type: 'institution', territoryCode: TANGER }), ALL],
      [() => ({ type: 'institution', territoryCode: RABAT }), ALL],
    ],
    create: [
      [() => ({ type: 'institution', territoryCode: TANGER }), only(N, P)],
      [() => ({ type: 'institution', territoryCode: RABAT }), only(N)],
    ],
    update: [
      [() => ({ type: 'institution', territoryCode: TANGER }), only(N, P)],
      [() => ({ type: 'institution', territoryCode: RABAT }), only(N)],
    ],
    // Importing the actor map: administrators; each row is then checked against create/update.
    import: [[(actor) => ({ type: 'institution', territoryCode: actor.territoryCode ?? '' }), only(N, P)]],
  },
  commune: {
    read: [
      [() => ({ type: 'commune', territoryCode: TANGER }), ALL],
      [() => ({ type: 'commune', territoryCode: RABAT }), ALL],
    ],
    create: [
      [() => ({ type: 'commune', territoryCode: TANGER }), only(N, P)],
      [() => ({ type: 'commune', territoryCode: RABAT }), only(N)],
    ],
  },
  auditLog: {
    read: [
      [() => ({ type: 'auditLog', territoryCode: TANGER }), only(N, 'dp_auditor', 'dp_auditor (national)')],
      [() => ({ type: 'auditLog', territoryCode: RABAT }), only(N, 'dp_auditor (national)')],
      [() => ({ type: 'auditLog', territoryCode: null }), only(N, 'dp_auditor (national)')],
    ],
  },
  accessLog: {
    read: [
      [
        () => ({ type: 'accessLog', territoryCode: TANGER }),
        only('cape_coordinator', 'dp_auditor', 'dp_auditor (national)'),
      ],
      [() => ({ type: 'accessLog', territoryCode: RABAT }), only('dp_auditor (national)')],
      [() => ({ type: 'accessLog', territoryCode: null }), only('dp_auditor (national)')],
    ],
  },
  outbox: {
    read: [
      [() => ({ type: 'outbox', territoryCode: TANGER }), only(N, P)],
      [() => ({ type: 'outbox', territoryCode: RABAT }), only(N)],
      [() => ({ type: 'outbox', territoryCode: null }), only(N)],
    ],
  },
  case: caseExpectations(),
  report: {
    create: [
      [
        () => ({ type: 'report', territoryCode: TANGER }),
        only(...CAPE, 'partner_focal_point', 'upe_reporter'),
      ],
      [() => ({ type: 'report', territoryCode: RABAT }), only('partner_focal_point', 'upe_reporter')],
    ],
    triage: [
      [() => ({ type: 'report', territoryCode: TANGER }), only(...CASEWORKERS)],
      [() => ({ type: 'report', territoryCode: RABAT }), only()],
    ],
    read: [
      [() => ({ type: 'report', territoryCode: TANGER, createdBy: 'someone' }), only(...CASEWORKERS)],
      [
        () => ({ type: 'report', territoryCode: RABAT, createdBy: 'actor-partner_focal_point' }),
        only('partner_focal_point'),
      ],
    ],
    listOwn: [
      [
        () => ({ type: 'report', territoryCode: TANGER }),
        only(...CAPE, 'partner_focal_point', 'upe_reporter'),
      ],
    ],
  },
  instrument: {
    read: [[() => ({ type: 'instrument' }), ALL]],
    load: [[() => ({ type: 'instrument' }), only(N)]],
  },
  referral: referralExpectations(),
  circuit: {
    read: [
      [
        () => ({ type: 'circuit', territoryCode: TANGER }),
        only(
          ...CAPE,
          'technical_support_officer',
          P,
          'cppe_secretariat',
          'cppe_member',
          N,
          'ministry_analyst',
        ),
      ],
      [() => ({ type: 'circuit', territoryCode: RABAT }), only(N, 'ministry_analyst')],
    ],
  },
};

/**
 * Referral cards: the sending side is the CAPE caseworkers of the case's territory, the receiving
 * side the focal points of the institution addressed (wherever the case is), and only once sent.
 * Nobody else: no national role, no committee, no other partner.
 */
function referralExpectations(): Record<string, [ResourceFor, Set<string>][]> {
  const card =
    (territoryCode: string, receivingInstitutionId: string, status: 'draft' | 'sent' | 'completed') =>
    () => ({ type: 'referral' as const, territoryCode, receivingInstitutionId, status });
  // The focal point's institution is 'institution-1' (see `actors`).
  const tangerToMine = card(TANGER, 'institution-1', 'sent');
  const tangerDraftToMine = card(TANGER, 'institution-1', 'draft');
  const tangerToOther = card(TANGER, 'institution-2', 'sent');
  const rabatToMine = card(RABAT, 'institution-1', 'sent');
  const closedToMine = card(TANGER, 'institution-1', 'completed');
  const caseworkers = only(...CASEWORKERS);
  const focal = only('partner_focal_point');
  const senderRule: [ResourceFor, Set<string>][] = [
    [tangerToMine, caseworkers],
    [tangerDraftToMine, caseworkers],
    [tangerToOther, caseworkers],
    [rabatToMine, only()],
  ];
  const receiverRule: [ResourceFor, Set<string>][] = [
    [tangerToMine, focal],
    [tangerDraftToMine, only()],
    [tangerToOther, only()],
    [rabatToMine, focal],
    // Status rules (a closed card takes no answer) are the service's: 409, not 403.
    [closedToMine, focal],
  ];
  const eitherRule: [ResourceFor, Set<string>][] = [
    [tangerToMine, only(...CASEWORKERS, 'partner_focal_point')],
    [tangerDraftToMine, caseworkers],
    [tangerToOther, caseworkers],
    [rabatToMine, focal],
  ];
  return {
    listOutbox: [
      [() => ({ type: 'referral', territoryCode: TANGER, receivingInstitutionId: null }), only(...CAPE)],
      [() => ({ type: 'referral', territoryCode: RABAT, receivingInstitutionId: null }), only()],
      [() => ({ type: 'referral', territoryCode: null, receivingInstitutionId: null }), only()],
    ],
    listInbox: [
      [() => ({ type: 'referral', territoryCode: null, receivingInstitutionId: 'institution-1' }), focal],
      [() => ({ type: 'referral', territoryCode: null, receivingInstitutionId: 'institution-2' }), only()],
      [() => ({ type: 'referral', territoryCode: null, receivingInstitutionId: null }), only()],
    ],
    read: eitherRule,
    create: senderRule,
    send: senderRule,
    cancel: senderRule,
    acknowledge: receiverRule,
    start: receiverRule,
    complete: receiverRule,
    decline: receiverRule,
    message: eitherRule,
    attach: eitherRule,
    readAttachment: eitherRule,
  };
}

/**
 * Individual cases belong to the CAPE of their territory: caseworkers (coordinator, social workers)
 * do the work, the database cell reads and keeps the social file, the medical file is for the
 * assigned worker and the coordinator; nobody elsewhere, no national role, no partner.
 */
function caseExpectations(): Record<string, [ResourceFor, Set<string>][]> {
  const tanger = () => ({
    type: 'case' as const,
    territoryCode: TANGER,
    assignedWorkerId: 'actor-social_worker',
  });
  const tangerOther = () => ({
    type: 'case' as const,
    territoryCode: TANGER,
    assignedWorkerId: 'someone-else',
  });
  const rabat = () => ({ type: 'case' as const, territoryCode: RABAT, assignedWorkerId: null });
  const rule = (inTanger: Set<string>, otherWorker = inTanger): [ResourceFor, Set<string>][] => [
    [tanger, inTanger],
    [tangerOther, otherWorker],
    [rabat, only()],
  ];
  const caseworkers = only(...CASEWORKERS);
  return {
    list: rule(only(...CAPE)),
    read: rule(only(...CAPE)),
    readIdentity: rule(caseworkers),
    editIdentity: rule(caseworkers),
    update: rule(caseworkers),
    transition: rule(caseworkers),
    assign: rule(only('cape_coordinator')),
    approveClosure: rule(only('cape_coordinator')),
    assess: rule(caseworkers),
    plan: rule(caseworkers),
    followUp: rule(caseworkers),
    evaluate: rule(caseworkers),
    readSocialFile: rule(only(...CAPE)),
    writeSocialFile: rule(caseworkers),
    readJudicialFile: rule(caseworkers),
    writeJudicialFile: rule(caseworkers),
    readMedicalFile: rule(caseworkers, only('cape_coordinator')),
    writeMedicalFile: rule(caseworkers, only('cape_coordinator')),
    readAccessLog: [
      [tanger, only('cape_coordinator', 'dp_auditor', 'dp_auditor (national)')],
      [rabat, only('dp_auditor (national)')],
    ],
  };
}

describe('policies, unit level', () => {
  it('has expectations for every action of every policy', () => {
    const policies = {
      user: userPolicy,
      institution: institutionPolicy,
      commune: communePolicy,
      auditLog: auditLogPolicy,
      accessLog: accessLogPolicy,
      outbox: outboxPolicy,
      case: casePolicy,
      report: reportPolicy,
      instrument: instrumentPolicy,
      referral: referralPolicy,
      circuit: circuitPolicy,
    };
    expect(Object.keys(expectations).sort()).toEqual(Object.keys(policies).sort());
    for (const [type, policy] of Object.entries(policies)) {
      expect(Object.keys(expectations[type]!).sort(), type).toEqual(Object.keys(policy).sort());
    }
    expect(ACTORS).toEqual(expect.arrayContaining([...ROLES]));
  });

  const cases = Object.entries(expectations).flatMap(([type, actions]) =>
    Object.entries(actions).map(([action, rows]) => ({ name: `${type}.${action}`, action, rows })),
  );
  it.each(cases)('$name: exactly the expected roles are allowed', ({ action, rows }) => {
    for (const [resourceFor, allowed] of rows) {
      for (const label of ACTORS) {
        const actor = actors[label]!;
        const resource = resourceFor(actor);
        const got = can(actor, action as never, resource);
        expect(got, `${label} ${action} ${JSON.stringify(resource)}`).toBe(allowed.has(label));
      }
    }
  });

  it('a provincial administrator of Tanger: a social worker in Tanger yes; in Rabat, an administrator or a national role no', () => {
    const pa = actors[P]!;
    expect(can(pa, 'create', { type: 'user', territoryCode: TANGER, roles: ['social_worker'] })).toBe(true);
    expect(can(pa, 'create', { type: 'user', territoryCode: RABAT, roles: ['social_worker'] })).toBe(false);
    expect(can(pa, 'create', { type: 'user', territoryCode: TANGER, roles: ['provincial_admin'] })).toBe(
      false,
    );
    expect(can(pa, 'create', { type: 'user', territoryCode: null, roles: ['ministry_analyst'] })).toBe(false);
    expect(can(pa, 'create', { type: 'user', territoryCode: TANGER, roles: ['national_admin'] })).toBe(false);
    expect(can(pa, 'read', { type: 'user', id: 'x', territoryCode: null, roles: ['national_admin'] })).toBe(
      false,
    );
    const itself: UserResource = {
      type: 'user',
      id: pa.id,
      territoryCode: pa.territoryCode,
      roles: pa.roles,
    };
    expect(can(pa, 'deactivate', itself)).toBe(false);
    expect(can(pa, 'resetPassword', itself)).toBe(false);
  });

  it('a role held alongside an administrator role does not lessen it; a provincial administrator without a territory administers nothing', () => {
    const both: Actor = { ...actors[P]!, roles: ['social_worker', 'provincial_admin'] };
    expect(can(both, 'create', { type: 'user', territoryCode: TANGER, roles: ['social_worker'] })).toBe(true);
    expect(can(both, 'list', { type: 'user', territoryCode: TANGER, roles: [] })).toBe(true);

    const stray: Actor = { ...actors[P]!, territoryCode: null };
    for (const territoryCode of [TANGER, RABAT, null]) {
      expect(can(stray, 'list', { type: 'user', territoryCode, roles: [] })).toBe(false);
      expect(can(stray, 'create', { type: 'user', territoryCode, roles: ['social_worker'] })).toBe(false);
    }
    expect(can(stray, 'create', { type: 'institution', territoryCode: TANGER })).toBe(false);
  });

  it('an action no policy knows is refused', () => {
    expect(can(actors[N]!, 'delete' as never, { type: 'user', territoryCode: null, roles: [] })).toBe(false);
    expect(can(actors[N]!, 'destroy' as never, { type: 'auditLog', territoryCode: null })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// HTTP level: the routes call the policies, refuse with 403 and audit the refusal.
// ---------------------------------------------------------------------------------------------

describe('policies, HTTP level', () => {
  let t: TestApp;
  let admin: Client;
  let provincial: Client;
  const clients = new Map<string, { client: Client; id: string }>();
  let tangerWorkerId: string;
  let rabatWorkerId: string;
  let analystId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const institution = await createInstitution(t.ctx, TANGER);
    for (const [label, actor] of Object.entries(actors)) {
      const row = await createUser(t.ctx, {
        roles: actor.roles,
        territoryCode: actor.territoryCode,
        institutionId: actor.institutionId ? institution.id : null,
      });
      clients.set(label, { client: await signedIn(t.app, row.login), id: row.id });
    }
    admin = clients.get(N)!.client;
    provincial = clients.get(P)!.client;
    tangerWorkerId = clients.get('social_worker')!.id;
    rabatWorkerId = (await createUser(t.ctx, { roles: ['social_worker'], territoryCode: RABAT })).id;
    analystId = clients.get('ministry_analyst')!.id;
  });

  it('refuses the list of accounts to every role but the administrators, and audits each refusal', async () => {
    const nonAdmins = ACTORS.filter((label) => label !== N && label !== P);
    expect(nonAdmins).toHaveLength(ROLES.length - 1);
    for (const label of nonAdmins) {
      const { client, id } = clients.get(label)!;
      const response = await client.get('/api/v1/users');
      expect(response.statusCode, label).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(response)).toMatchObject({
        status: 403,
        code: 'forbidden',
        instance: '/api/v1/users',
      });
      const refused = await auditRows(t.ctx, 'permission_refused', id);
      expect(refused, label).toHaveLength(1);
      expect(refused[0]).toMatchObject({
        outcome: 'failure',
        actor_user_id: id,
        target_type: 'user',
        details: { action: 'list', method: 'GET', route: '/api/v1/users' },
      });
      expect(refused[0]!.request_id).toBe(response.headers['x-request-id']);
    }
    expect((await admin.get('/api/v1/users')).statusCode).toBe(200);
    expect((await provincial.get('/api/v1/users')).statusCode).toBe(200);
  });

  it('lets every role read the actor map, and only administrators of the territory change it', async () => {
    for (const label of ACTORS) {
      expect((await clients.get(label)!.client.get('/api/v1/institutions')).statusCode, label).toBe(200);
    }
    const body = (territoryCode: string) => ({
      nameAr: 'مركز صحي',
      nameFr: 'Centre de santé',
      sectorCode: 'health',
      type: 'health_centre',
      territoryCode,
    });
    const before = await countRows(t.ctx, 'institution');
    const worker = clients.get('social_worker')!;
    const refused = await worker.client.post('/api/v1/institutions', body(TANGER));
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).code).toBe('forbidden');
    expect(await auditRows(t.ctx, 'permission_refused', worker.id)).toContainEqual(
      expect.objectContaining({
        target_type: 'institution',
        details: expect.objectContaining({ action: 'create' }),
      }),
    );
    expect((await provincial.post('/api/v1/institutions', body(RABAT))).statusCode).toBe(403);
    expect(await countRows(t.ctx, 'institution')).toBe(before);

    expect((await provincial.post('/api/v1/institutions', body(TANGER))).statusCode).toBe(201);
    expect((await admin.post('/api/v1/institutions', body(RABAT))).statusCode).toBe(201);
    expect(await countRows(t.ctx, 'institution')).toBe(before + 2);

    expect(
      (await provincial.post('/api/v1/communes', { territoryCode: RABAT, nameAr: 'تمارة', nameFr: 'Témara' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await worker.client.post('/api/v1/communes', {
          territoryCode: TANGER,
          nameAr: 'أصيلة',
          nameFr: 'Asilah',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await provincial.post('/api/v1/communes', {
          territoryCode: TANGER,
          nameAr: 'أصيلة',
          nameFr: 'Asilah',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('refuses the audit log to all but the national administrator and the auditors, each within their scope', async () => {
    for (const label of ACTORS.filter((l) => ![N, 'dp_auditor', 'dp_auditor (national)'].includes(l))) {
      const response = await clients.get(label)!.client.get('/api/v1/audit-log');
      expect(response.statusCode, label).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    const partner = clients.get('partner_focal_point')!;
    expect(await auditRows(t.ctx, 'permission_refused', partner.id)).toContainEqual(
      expect.objectContaining({
        target_type: 'auditLog',
        details: expect.objectContaining({ action: 'read' }),
      }),
    );

    // Something to find in Rabat: a refusal by a Rabat account.
    const rabatAdmin = await createUser(t.ctx, { roles: ['provincial_admin'], territoryCode: RABAT });
    const rabatClient = await signedIn(t.app, rabatAdmin.login);
    expect((await rabatClient.get(`/api/v1/users/${tangerWorkerId}`)).statusCode).toBe(403);

    const territories = async (client: Client) => {
      const response = await client.get('/api/v1/audit-log?limit=200');
      expect(response.statusCode).toBe(200);
      return new Set(
        (response.json().items as { territoryCode: string | null }[]).map((e) => e.territoryCode),
      );
    };
    expect([...(await territories(clients.get('dp_auditor')!.client))]).toEqual([TANGER]);
    const national = await territories(clients.get('dp_auditor (national)')!.client);
    expect(national).toContain(TANGER);
    expect(national).toContain(RABAT);
    expect(await territories(admin)).toContain(RABAT);
  });

  it('keeps a provincial administrator to the accounts of their province', async () => {
    for (const id of [rabatWorkerId, analystId, clients.get(N)!.id]) {
      const response = await provincial.get(`/api/v1/users/${id}`);
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    expect((await provincial.get(`/api/v1/users/${tangerWorkerId}`)).statusCode).toBe(200);

    const inTanger = await t.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('territory_code', '=', TANGER)
      .execute();
    for (const url of ['/api/v1/users?limit=200', `/api/v1/users?limit=200&territoryCode=${RABAT}`]) {
      const response = await provincial.get(url);
      expect(response.statusCode, url).toBe(200);
      const page = response.json() as { items: User[]; total: number };
      expect(
        page.items.every((u) => u.territoryCode === TANGER),
        url,
      ).toBe(true);
      expect(page.items.map((u) => u.id)).not.toContain(rabatWorkerId);
      expect(page.total).toBe(inTanger.length);
    }
    // The national administrator's filter is applied as asked.
    const rabat = (await admin.get(`/api/v1/users?limit=200&territoryCode=${RABAT}`)).json() as {
      items: User[];
    };
    expect(rabat.items.map((u) => u.id)).toContain(rabatWorkerId);
    expect(rabat.items.every((u) => u.territoryCode === RABAT)).toBe(true);
  });

  it('answers 401 to an anonymous request on every API route but the public ones', async () => {
    const document = (await admin.get('/api/docs/json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const PUBLIC = new Set(['GET /api/v1/config', 'GET /api/v1/reference', 'POST /api/v1/auth/login']);
    let checked = 0;
    for (const [template, methods] of Object.entries(document.paths)) {
      if (!template.startsWith('/api/v1/')) continue;
      const url = template.replace('{id}', randomUUID()).replace('{code}', TANGER);
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        if (PUBLIC.has(`${method} ${template}`)) continue;
        const response = await t.app.inject({
          method: method as 'GET',
          url,
          ...(method === 'GET' ? {} : { payload: {} }),
        });
        expect(response.statusCode, `${method} ${template}`).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(problemOf(response).code).toBe('unauthenticated');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(19);
    for (const key of PUBLIC) {
      const [method, url] = key.split(' ') as ['GET' | 'POST', string];
      const response = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(response.statusCode, key).not.toBe(401);
    }
  });
});
