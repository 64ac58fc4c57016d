import { beforeAll, describe, expect, it } from 'vitest';
import { createCase, openCaseThroughTriage } from '../../../test/fixtures';
import {
  type Client,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  type TestApp,
} from '../../../test/harness';
import { listCases } from './repository';

let t: TestApp;
let worker: Client;
let coordinator: Client;
let infoOfficer: Client;
let partner: Client;
let rabatCoordinator: Client;
let workerId: string;
let otherWorkerId: string;

beforeAll(async () => {
  t = await createTestApp();
  const [w, o, c, i, r] = await Promise.all([
    createUser(t.ctx, { roles: ['social_worker'] }),
    createUser(t.ctx, { roles: ['social_worker'] }),
    createUser(t.ctx, { roles: ['cape_coordinator'] }),
    createUser(t.ctx, { roles: ['information_officer'] }),
    createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: 'rabat' }),
  ]);
  const institution = await t.ctx.db
    .insertInto('institution')
    .values({
      name_ar: 'شرطة',
      name_fr: 'Police',
      sector_code: 'national_security',
      type: 'police',
      territory_code: 'tanger-assilah',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await createUser(t.ctx, { roles: ['partner_focal_point'], institutionId: institution.id });
  workerId = w.id;
  otherWorkerId = o.id;
  worker = await signedIn(t.app, w.login);

  coordinator = await signedIn(t.app, c.login);
  infoOfficer = await signedIn(t.app, i.login);
  partner = await signedIn(t.app, p.login);
  rabatCoordinator = await signedIn(t.app, r.login);
});

const move = (client: Client, caseId: string, version: number, body: Record<string, unknown>) =>
  client.post(`/api/v1/cases/${caseId}/transitions`, {
    reason: null,
    closureReason: null,
    confirmOpenServices: false,
    version,
    ...body,
  });

describe('the circuit', () => {
  it('moves forward stage by stage, recording who, when and why', async () => {
    const { caseId } = await openCaseThroughTriage(worker, { workerId });
    let kase = (await move(worker, caseId, 0, { to: 'immediate_assistance' })).json();
    expect(kase.stage).toBe('immediate_assistance');
    kase = (await move(worker, caseId, kase.version, { to: 'initial_diagnosis' })).json();
    const back = await move(worker, caseId, kase.version, { to: 'detection' });
    expect(back.statusCode).toBe(400);
    expect(fieldCodes(back)).toContain('reason:reason_required');
    const withReason = await move(worker, caseId, kase.version, {
      to: 'detection',
      reason: 'Nouvelle information',
    });
    expect(withReason.statusCode).toBe(200);
    const detail = (await worker.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.transitions.map((x: { toStage: string }) => x.toStage)).toEqual([
      'detection',
      'immediate_assistance',
      'initial_diagnosis',
      'detection',
    ]);
    expect(detail.transitions[3].reason).toBe('Nouvelle information');
    // Timestamps as everywhere else in the API, to the millisecond, in order.
    const times: string[] = detail.transitions.map((x: { at: string }) => x.at);
    for (const at of times) expect(new Date(at).toISOString()).toBe(at);
    expect([...times].sort()).toEqual(times);
    const stored = await t.ctx.db
      .selectFrom('case_transition')
      .select('at')
      .where('case_id', '=', caseId)
      .orderBy('at')
      .execute();
    expect(times).toEqual(stored.map((r) => r.at.toISOString()));
  });

  it('two people moving the same case: the second gets 409 with the current state', async () => {
    const { caseId } = await openCaseThroughTriage(worker, { workerId });
    const first = await move(worker, caseId, 0, { to: 'initial_diagnosis' });
    expect(first.statusCode).toBe(200);
    const second = await move(coordinator, caseId, 0, { to: 'immediate_assistance' });
    expect(second.statusCode).toBe(409);
    expect(problemOf(second).code).toBe('version_conflict');
    expect((problemOf(second).current as { stage: string }).stage).toBe('initial_diagnosis');
  });

  it("a social worker's closure waits for the coordinator; the coordinator closes and can reopen", async () => {
    const { caseId } = await openCaseThroughTriage(worker, { workerId });
    const noReason = await move(worker, caseId, 0, { to: 'closed' });
    expect(fieldCodes(noReason)).toContain('closureReason:closure_reason_required');
    const asked = await move(worker, caseId, 0, { to: 'closed', closureReason: 'not_protection_case' });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().stage).toBe('detection');
    expect(asked.json().closureRequest.reason).toBe('not_protection_case');
    const awaiting = (await coordinator.get('/api/v1/cases?view=awaiting_closure')).json();
    expect(awaiting.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(
      (
        await worker.post(`/api/v1/cases/${caseId}/closure-decision`, {
          approve: true,
          note: null,
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    const closed = await coordinator.post(`/api/v1/cases/${caseId}/closure-decision`, {
      approve: true,
      note: 'Vu',
      version: 1,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().stage).toBe('closed');
    expect(closed.json().closureReason).toBe('not_protection_case');
    const reopened = await move(worker, caseId, closed.json().version, {
      to: 'initial_diagnosis',
      reason: 'Nouveau signalement',
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().closedAt).toBeNull();
  });

  it('closing with open services needs explicit confirmation', async () => {
    const { caseId } = await openCaseThroughTriage(worker, { workerId });
    const admin = await t.ctx.db.selectFrom('app_user').select('id').limit(1).executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('plan_item')
      .values({
        case_id: caseId,
        territory_code: 'tanger-assilah',
        stage: 'detection',
        service_code: 'emergency_medical_care',
        sector_code: 'health',
        due_on: '2030-01-01',
        created_by: admin.id,
      })
      .execute();
    const refused = await move(coordinator, caseId, 0, { to: 'closed', closureReason: 'plan_goals_met' });
    expect(fieldCodes(refused)).toContain(
      'confirmOpenServices:closure_with_open_services_needs_confirmation',
    );
    const confirmed = await move(coordinator, caseId, 0, {
      to: 'closed',
      closureReason: 'plan_goals_met',
      confirmOpenServices: true,
    });
    expect(confirmed.json().stage).toBe('closed');
    // A closed case takes no new work until it is reopened.
    const update = await worker.put(`/api/v1/cases/${caseId}`, {
      situations: [],
      harmForms: [],
      version: confirmed.json().version,
    });
    expect(update.statusCode).toBe(409);
    expect(problemOf(update).code).toBe('case_closed');
  });
});

describe('caseload views', () => {
  it('lists my cases, grave danger and filters, newest activity first', async () => {
    const mine = await openCaseThroughTriage(worker, { workerId });
    const theirs = await openCaseThroughTriage(worker, { workerId: otherWorkerId, sex: 'female' });
    await t.ctx.db
      .updateTable('protection_case')
      .set({ danger_level: 'grave_imminent_danger' })
      .where('id', '=', theirs.caseId)
      .execute();
    const myList = (await worker.get('/api/v1/cases?view=mine')).json();
    const ids = myList.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.caseId);
    expect(ids).not.toContain(theirs.caseId);
    const grave = (await coordinator.get('/api/v1/cases?view=grave_danger')).json();
    expect(grave.items.map((c: { id: string }) => c.id)).toEqual([theirs.caseId]);
    const girls = (await coordinator.get('/api/v1/cases?sex=female&stage=detection')).json();
    expect(girls.items.every((c: { child: { sex: string } }) => c.child.sex === 'female')).toBe(true);
    const page = (await coordinator.get('/api/v1/cases?limit=1&offset=0')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    expect((await infoOfficer.get('/api/v1/cases')).statusCode).toBe(200);
  });

  it('the coordinator reassigns; a social worker cannot', async () => {
    const { caseId } = await openCaseThroughTriage(worker, { workerId });
    expect(
      (await worker.post(`/api/v1/cases/${caseId}/assignment`, { workerId: otherWorkerId, version: 0 }))
        .statusCode,
    ).toBe(403);
    const done = await coordinator.post(`/api/v1/cases/${caseId}/assignment`, {
      workerId: otherWorkerId,
      version: 0,
    });
    expect(done.json().assignedWorkerId).toBe(otherWorkerId);
    const rabat = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: 'rabat' });
    const wrong = await coordinator.post(`/api/v1/cases/${caseId}/assignment`, {
      workerId: rabat.id,
      version: done.json().version,
    });
    expect(fieldCodes(wrong)).toContain('workerId:not_a_caseworker_here');
  });

  it('refuses partners, other provinces and the database cell what they must not do', async () => {
    const { caseId } = await openCaseThroughTriage(worker, { workerId });
    expect((await partner.get('/api/v1/cases')).statusCode).toBe(403);
    expect((await partner.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    expect((await rabatCoordinator.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    expect(
      (await rabatCoordinator.get('/api/v1/cases?territoryCode=tanger-assilah')).json().items ?? [],
    ).toEqual([]);
    expect((await move(infoOfficer, caseId, 0, { to: 'initial_diagnosis' })).statusCode).toBe(403);
  });
});

describe('counting a large caseload', () => {
  it('counts exactly up to a bound that follows the page, and says when there are more', async () => {
    const territoryCode = 'sale';
    for (let i = 0; i < 12; i++) await createCase(t.ctx, { territoryCode, workerId: otherWorkerId });
    const base = {
      territoryCode,
      actorId: otherWorkerId,
      view: 'all' as const,
      includeClosed: false,
      sort: 'last_activity' as const,
      countBound: 5,
    };
    // Pages of 1: counted up to 10 (ten pages ahead), and there are more.
    const first = await listCases(t.ctx.db, { ...base, limit: 1, offset: 0 });
    expect(first).toMatchObject({ total: 10, totalIsLowerBound: true });
    expect(first.rows).toHaveLength(1);
    // Further on, the bound moves with the page: all 12 are counted exactly.
    const later = await listCases(t.ctx.db, { ...base, limit: 1, offset: 5 });
    expect(later).toMatchObject({ total: 12, totalIsLowerBound: false });
    // Under the bound the count is exact.
    const all = await listCases(t.ctx.db, { ...base, limit: 50, offset: 0 });
    expect(all).toMatchObject({ total: 12, totalIsLowerBound: false });
    expect(all.rows).toHaveLength(12);
  });

  it("filters by the child's sex and age from the case, kept equal to the child through edits and merges", async () => {
    const territoryCode = 'fes';
    const created = await createCase(t.ctx, { territoryCode, workerId: otherWorkerId });
    const [caseId, childId] = [created.case.id, created.child.id];
    const girlsAged12To14 = async () =>
      (
        await listCases(t.ctx.db, {
          territoryCode,
          actorId: otherWorkerId,
          view: 'all',
          includeClosed: false,
          sort: 'last_activity',
          sex: 'female',
          birthYears: [2012, 2014],
          limit: 50,
          offset: 0,
        })
      ).rows.map((r) => r.id);
    // The fixture's child is a boy born in 2014.
    expect(await girlsAged12To14()).not.toContain(caseId);
    await t.ctx.db.updateTable('child').set({ sex: 'female' }).where('id', '=', childId).execute();
    expect(await girlsAged12To14()).toContain(caseId);
    await t.ctx.db.updateTable('child').set({ birth_year: 2009 }).where('id', '=', childId).execute();
    expect(await girlsAged12To14()).not.toContain(caseId);
    // Merged into a girl born in 2013: the case follows the child it now belongs to.
    const other = await createCase(t.ctx, { territoryCode, workerId: otherWorkerId });
    await t.ctx.db
      .updateTable('child')
      .set({ sex: 'female', birth_year: 2013 })
      .where('id', '=', other.child.id)
      .execute();
    await t.ctx.db
      .updateTable('protection_case')
      .set({ child_id: other.child.id })
      .where('id', '=', caseId)
      .execute();
    expect(await girlsAged12To14()).toEqual(expect.arrayContaining([caseId, other.case.id]));
    const copies = await t.ctx.db
      .selectFrom('protection_case as c')
      .innerJoin('child as ch', 'ch.id', 'c.child_id')
      .select(['c.child_sex', 'ch.sex', 'c.child_birth_year', 'ch.birth_year'])
      .where('c.territory_code', '=', territoryCode)
      .execute();
    for (const row of copies) {
      expect([row.child_sex, row.child_birth_year]).toEqual([row.sex, row.birth_year]);
    }
  });
});
