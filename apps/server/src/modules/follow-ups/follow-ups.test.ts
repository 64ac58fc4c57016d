import { addDays, casablancaDate, type FollowUp, type OverdueFollowUp } from '@madar/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../test/fixtures';
import {
  type Client,
  createInstitution,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  type TestApp,
} from '../../../test/harness';
import { remindOverdueFollowUps } from './service';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';
// The overdue list is per territory: its tests use one no other test here touches.
const MEKNES = 'meknes';

let t: TestApp;
let workerId: string;
let worker: Client;
let coordinator: Client;
let infoOfficer: Client;
let rabatWorker: Client;
let partner: Client;
let analyst: Client;

const today = () => casablancaDate();

function card(overrides: Record<string, unknown> = {}) {
  return {
    contactType: 'home_visit',
    contactAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
    observations: 'La mère de Karim était présente ; la maison est propre.',
    childViews: "Karim dit qu'il veut retourner à l'école Al Amal et qu'il a peur de son oncle Youssef.",
    nextSteps: 'Rencontrer le directeur de l’école.',
    nextFollowUpOn: addDays(today(), 14),
    ...overrides,
  };
}

async function newCase(input: Partial<Parameters<typeof createCase>[1]> = {}) {
  return (await createCase(t.ctx, { territoryCode: TANGER, workerId, stage: 'follow_up', ...input })).case;
}

beforeAll(async () => {
  t = await createTestApp();
  const w = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER });
  workerId = w.id;
  worker = await signedIn(t.app, w.login);
  coordinator = await signedIn(
    t.app,
    (await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: TANGER })).login,
  );
  infoOfficer = await signedIn(
    t.app,
    (await createUser(t.ctx, { roles: ['information_officer'], territoryCode: TANGER })).login,
  );
  rabatWorker = await signedIn(
    t.app,
    (await createUser(t.ctx, { roles: ['social_worker'], territoryCode: RABAT })).login,
  );
  analyst = await signedIn(
    t.app,
    (await createUser(t.ctx, { roles: ['ministry_analyst'], territoryCode: null })).login,
  );
  const institution = await createInstitution(t.ctx, TANGER, 'national_security');
  partner = await signedIn(
    t.app,
    (await createUser(t.ctx, { roles: ['partner_focal_point'], institutionId: institution.id })).login,
  );
});

describe('follow-up cards', () => {
  it("records a contact, encrypted, and moves the case's next follow-up date in the same step", async () => {
    const kase = await newCase();
    const response = await worker.post(`/api/v1/cases/${kase.id}/follow-ups`, card());
    expect(response.statusCode, response.body).toBe(201);
    const { followUp, caseVersion } = response.json() as { followUp: FollowUp; caseVersion: number };
    expect(followUp).toMatchObject({
      caseId: kase.id,
      contactType: 'home_visit',
      observations: card().observations,
      childViews: card().childViews,
      nextSteps: card().nextSteps,
      nextFollowUpOn: addDays(today(), 14),
      createdBy: workerId,
    });
    expect(caseVersion).toBe(kase.version + 1);

    const after = await t.ctx.db
      .selectFrom('protection_case')
      .select(['version', 'last_activity_at'])
      .select((eb) =>
        eb.fn<string>('to_char', [eb.ref('next_follow_up_on'), eb.val('YYYY-MM-DD')]).as('next'),
      )
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(after.next).toBe(addDays(today(), 14));
    expect(after.version).toBe(kase.version + 1);

    // Nothing the child said, nor any name, is in the row in clear.
    const raw = await t.ctx.db
      .selectFrom('follow_up')
      .selectAll()
      .where('id', '=', followUp.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(raw);
    for (const plain of ['Karim', 'Youssef', 'Al Amal', 'peur', 'directeur'])
      expect(stored).not.toContain(plain);
    expect(raw.content_enc).toMatch(/^v1\./);
  });

  it('lists the cards latest contact first, decrypted, and logs the reading', async () => {
    const kase = await newCase();
    const first = await worker.post(
      `/api/v1/cases/${kase.id}/follow-ups`,
      card({ contactType: 'phone_call', contactAt: new Date(Date.now() - 5 * 86_400_000).toISOString() }),
    );
    expect(first.statusCode, first.body).toBe(201);
    const second = await coordinator.post(
      `/api/v1/cases/${kase.id}/follow-ups`,
      card({
        contactType: 'school_visit',
        childViews: 'Il ne souhaite pas parler aujourd’hui.',
        nextSteps: null,
      }),
    );
    expect(second.statusCode, second.body).toBe(201);

    const list = await infoOfficer.get(`/api/v1/cases/${kase.id}/follow-ups`);
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: FollowUp[] }).items;
    expect(items.map((i) => i.contactType)).toEqual(['school_visit', 'phone_call']);
    expect(items[0]).toMatchObject({ childViews: 'Il ne souhaite pas parler aujourd’hui.', nextSteps: null });
    expect(items[1]!.childViews).toBe(card().childViews);

    const logged = await t.ctx.db
      .selectFrom('access_log')
      .selectAll()
      .where('case_id', '=', kase.id)
      .where('what', '=', 'follow_ups')
      .execute();
    expect(logged).toHaveLength(1);
  });

  it("refuses a card without the child's own views, with a message saying why", async () => {
    const kase = await newCase();
    for (const childViews of [undefined, null, '', '   ', 'ok']) {
      const body = card();
      if (childViews === undefined) delete (body as Record<string, unknown>).childViews;
      else body.childViews = childViews as string;
      const response = await worker.post(`/api/v1/cases/${kase.id}/follow-ups`, body);
      expect(response.statusCode, String(childViews)).toBe(400);
      expect(fieldCodes(response)).toEqual(['childViews:child_views_required']);
      expect(problemOf(response).fields![0]!.message).toMatch(
        /child's own views are a required part of every follow-up/,
      );
    }
    const french = await signedIn(
      t.app,
      (await createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER })).login,
      'fr',
    );
    const response = await french.post(`/api/v1/cases/${kase.id}/follow-ups`, card({ childViews: '' }));
    expect(problemOf(response).fields![0]!.message).toMatch(/point de vue de l'enfant/);
    expect(
      await t.ctx.db.selectFrom('follow_up').select('id').where('case_id', '=', kase.id).execute(),
    ).toEqual([]);
  });

  it('refuses a contact in the future, a next date in the past, a missing observation, an unknown contact type', async () => {
    const kase = await newCase();
    const future = await worker.post(
      `/api/v1/cases/${kase.id}/follow-ups`,
      card({ contactAt: new Date(Date.now() + 86_400_000).toISOString() }),
    );
    expect(future.statusCode).toBe(400);
    expect(fieldCodes(future)).toEqual(['contactAt:in_future']);
    const past = await worker.post(
      `/api/v1/cases/${kase.id}/follow-ups`,
      card({ nextFollowUpOn: addDays(today(), -1) }),
    );
    expect(fieldCodes(past)).toEqual(['nextFollowUpOn:in_past']);
    expect(
      fieldCodes(await worker.post(`/api/v1/cases/${kase.id}/follow-ups`, card({ observations: ' ' }))),
    ).toEqual(['observations:required']);
    expect(
      fieldCodes(
        await worker.post(`/api/v1/cases/${kase.id}/follow-ups`, card({ contactType: 'telepathy' })),
      ),
    ).toEqual(['contactType:invalid_value']);
    // Today is not in the past.
    const todayOk = await worker.post(
      `/api/v1/cases/${kase.id}/follow-ups`,
      card({ nextFollowUpOn: today() }),
    );
    expect(todayOk.statusCode, todayOk.body).toBe(201);
  });

  it('refuses a card on a closed case', async () => {
    const kase = await newCase({ stage: 'closed' });
    const response = await worker.post(`/api/v1/cases/${kase.id}/follow-ups`, card());
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('case_closed');
  });

  it('is written by the caseworkers of the territory and read by its CAPE staff only', async () => {
    const kase = await newCase();
    for (const other of [infoOfficer, rabatWorker, partner, analyst]) {
      expect((await other.post(`/api/v1/cases/${kase.id}/follow-ups`, card())).statusCode).toBe(403);
    }
    for (const other of [rabatWorker, partner, analyst]) {
      expect((await other.get(`/api/v1/cases/${kase.id}/follow-ups`)).statusCode).toBe(403);
    }
    expect(
      await t.ctx.db.selectFrom('follow_up').select('id').where('case_id', '=', kase.id).execute(),
    ).toEqual([]);
  });
});

describe('overdue follow-ups', () => {
  let meknesCoordinator: Client;
  let meknesWorkerA: { id: string; full_name: string; login: string };
  let meknesWorkerB: { id: string; full_name: string; login: string };
  let expected: [string, number][] = [];

  beforeAll(async () => {
    const coordinatorRow = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: MEKNES });
    meknesCoordinator = await signedIn(t.app, coordinatorRow.login);
    meknesWorkerA = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: MEKNES });
    meknesWorkerB = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: MEKNES });
    const at = (days: number) => addDays(today(), days);
    const make = async (
      workerId: string,
      nextFollowUpOn: string | null,
      extra: Record<string, unknown> = {},
    ) =>
      (
        await createCase(t.ctx, {
          territoryCode: MEKNES,
          workerId,
          stage: 'follow_up',
          nextFollowUpOn,
          ...extra,
        })
      ).case;
    const five = await make(meknesWorkerA.id, at(-5));
    const one = await make(meknesWorkerB.id, at(-1));
    const twelve = await make(meknesWorkerA.id, at(-12));
    await make(meknesWorkerA.id, today());
    await make(meknesWorkerA.id, at(3));
    await make(meknesWorkerB.id, null);
    const closed = await make(meknesWorkerB.id, at(-9));
    await t.ctx.db
      .updateTable('protection_case')
      .set({ stage: 'closed', closed_at: new Date() })
      .where('id', '=', closed.id)
      .execute();
    const unassigned = await make(meknesWorkerA.id, at(-2));
    await t.ctx.db
      .updateTable('protection_case')
      .set({ assigned_worker_id: null })
      .where('id', '=', unassigned.id)
      .execute();
    // Another territory's overdue case stays out of Meknès's list.
    await createCase(t.ctx, { territoryCode: RABAT, workerId, stage: 'care', nextFollowUpOn: at(-30) });
    expected = [
      [twelve.id, 12],
      [five.id, 5],
      [unassigned.id, 2],
      [one.id, 1],
    ];
  });

  it("lists the territory's open cases past their follow-up date, longest overdue first", async () => {
    const response = await meknesCoordinator.get('/api/v1/follow-ups/overdue');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { today: string; items: OverdueFollowUp[]; total: number };
    expect(body.today).toBe(today());
    expect(body.total).toBe(4);
    expect(body.items.map((i) => [i.caseId, i.daysOverdue])).toEqual(expected);
    expect(body.items[0]).toMatchObject({
      territoryCode: MEKNES,
      stage: 'follow_up',
      nextFollowUpOn: addDays(today(), -12),
      assignedWorkerId: meknesWorkerA.id,
      assignedWorkerName: meknesWorkerA.full_name,
    });
    expect(body.items[0]!.childCode).toMatch(/^TST-/);
    expect(body.items.find((i) => i.daysOverdue === 2)).toMatchObject({
      assignedWorkerId: null,
      assignedWorkerName: null,
    });

    const page = await meknesCoordinator.get(
      `/api/v1/follow-ups/overdue?territoryCode=${MEKNES}&limit=2&offset=2`,
    );
    expect((page.json() as { items: OverdueFollowUp[] }).items.map((i) => i.daysOverdue)).toEqual([2, 1]);
  });

  it('a follow-up card takes the case off the list', async () => {
    const kase = (
      await createCase(t.ctx, {
        territoryCode: TANGER,
        workerId,
        stage: 'follow_up',
        nextFollowUpOn: addDays(today(), -3),
      })
    ).case;
    const before = (await worker.get('/api/v1/follow-ups/overdue?limit=200')).json() as {
      items: OverdueFollowUp[];
    };
    expect(before.items.map((i) => i.caseId)).toContain(kase.id);
    expect((await worker.post(`/api/v1/cases/${kase.id}/follow-ups`, card())).statusCode).toBe(201);
    const after = (await worker.get('/api/v1/follow-ups/overdue?limit=200')).json() as {
      items: OverdueFollowUp[];
    };
    expect(after.items.map((i) => i.caseId)).not.toContain(kase.id);
  });

  it('is refused outside the CAPE staff of the territory', async () => {
    expect((await worker.get(`/api/v1/follow-ups/overdue?territoryCode=${MEKNES}`)).statusCode).toBe(403);
    expect((await rabatWorker.get(`/api/v1/follow-ups/overdue?territoryCode=${TANGER}`)).statusCode).toBe(
      403,
    );
    expect((await partner.get('/api/v1/follow-ups/overdue')).statusCode).toBe(403);
    expect((await partner.get(`/api/v1/follow-ups/overdue?territoryCode=${TANGER}`)).statusCode).toBe(403);
    // A national account has no territory to default to, and no case list anywhere.
    expect((await analyst.get('/api/v1/follow-ups/overdue')).statusCode).toBe(403);
    expect((await analyst.get(`/api/v1/follow-ups/overdue?territoryCode=${TANGER}`)).statusCode).toBe(403);
    expect((await infoOfficer.get('/api/v1/follow-ups/overdue')).statusCode).toBe(200);
  });

  it('the daily reminder: one notice per worker summing up their overdue follow-ups, leading to their list, no identity', async () => {
    await t.ctx.db
      .updateTable('app_user')
      .set({ email: 'as.meknes@example.ma', preferred_language: 'fr' })
      .where('id', '=', meknesWorkerA.id)
      .execute();
    const day = today();
    const sent = await remindOverdueFollowUps(t.ctx, day);
    expect(sent.workers.filter((s) => [meknesWorkerA.id, meknesWorkerB.id].includes(s.workerId))).toEqual(
      expect.arrayContaining([
        { workerId: meknesWorkerA.id, overdue: 2, mostDaysOverdue: 12 },
        { workerId: meknesWorkerB.id, overdue: 1, mostDaysOverdue: 1 },
      ]),
    );
    // The Tanger worker's only overdue case is Rabat's (30 days): not theirs to work, not counted.
    expect(sent.workers.find((s) => s.workerId === workerId)).toBeUndefined();
    // Nor is anyone else of Meknès told of it (the coordinator holds no case), nor anyone of Rabat.
    for (const client of [meknesCoordinator, rabatWorker]) {
      const items = (await client.get('/api/v1/notifications')).json().items as { kind: string }[];
      expect(items.filter((n) => n.kind === 'follow_up_overdue')).toEqual([]);
    }

    // The worker's bell: one notice for their two cases, with counts and the way to their list.
    const path = `/cases?view=overdue_follow_up&workerId=${meknesWorkerA.id}&sort=next_follow_up`;
    const a = await signedIn(t.app, meknesWorkerA.login);
    const notices = async () =>
      (
        (await a.get('/api/v1/notifications?limit=100')).json().items as { kind: string; data: object }[]
      ).filter((n) => n.kind === 'follow_up_overdue');
    expect(await notices()).toEqual([
      expect.objectContaining({ data: { overdue: 2, mostDaysOverdue: 12, path } }),
    ]);
    // The link opens exactly those cases, the longest overdue first.
    const list = (await a.get(`/api/v1${path}`)).json() as { items: { id: string }[]; total: number };
    expect(list.items.map((c) => c.id)).toEqual([expected[0]![0], expected[1]![0]]);

    // The e-mail, in the worker's language: counts and the link, no child's code or name.
    const mails = async () =>
      t.ctx.db.selectFrom('email_outbox').selectAll().where('user_id', '=', meknesWorkerA.id).execute();
    const [mail, ...more] = await mails();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to_address: 'as.meknes@example.ma', territory_code: MEKNES });
    expect(mail!.subject).toBe('Rappel : suivis en retard dans vos dossiers');
    expect(mail!.body).toContain('2 de vos dossiers ont un suivi en retard, le plus ancien de 12 jours.');
    expect(mail!.body).toContain(`${t.ctx.config.publicUrl}${path}`);
    const codes = (
      await t.ctx.db
        .selectFrom('protection_case as c')
        .innerJoin('child as ch', 'ch.id', 'c.child_id')
        .select('ch.code')
        .where('c.assigned_worker_id', '=', meknesWorkerA.id)
        .execute()
    ).map((r) => r.code);
    for (const text of [mail!.subject, mail!.body, JSON.stringify(await notices())]) {
      expect(text).not.toMatch(/TST-|Karim|Benjelloun|كريم|بنجلون/);
      for (const code of codes) expect(text).not.toContain(code);
    }

    // Run again the same day (a retry, another instance): nothing more.
    expect(await remindOverdueFollowUps(t.ctx, day)).toEqual({ workers: [], coordinators: [] });
    expect(await notices()).toHaveLength(1);
    expect(await mails()).toHaveLength(1);
  });

  it('tells a worker again only when a case became overdue since, or after a week; two instances at once tell once', async () => {
    const on = (days: number) => addDays(today(), days);
    const notified = (sent: Awaited<ReturnType<typeof remindOverdueFollowUps>>, id: string) =>
      sent.workers.filter((s) => s.workerId === id);
    // Tomorrow the case due today is overdue too: worker A is told (once, though two instances run).
    const [first, second] = await Promise.all([
      remindOverdueFollowUps(t.ctx, on(1)),
      remindOverdueFollowUps(t.ctx, on(1)),
    ]);
    expect([...notified(first, meknesWorkerA.id), ...notified(second, meknesWorkerA.id)]).toEqual([
      { workerId: meknesWorkerA.id, overdue: 3, mostDaysOverdue: 13 },
    ]);
    // Worker B's one case is still the one they were told about: no notice.
    expect([...notified(first, meknesWorkerB.id), ...notified(second, meknesWorkerB.id)]).toEqual([]);
    // The day after, nothing new for anyone of Meknès.
    const day2 = await remindOverdueFollowUps(t.ctx, on(2));
    expect(notified(day2, meknesWorkerA.id)).toEqual([]);
    expect(notified(day2, meknesWorkerB.id)).toEqual([]);
    // B's case gets a new date (a follow-up planned for day 3), then misses it: B is told again.
    const bCase = expected.find(([, days]) => days === 1)![0];
    await t.ctx.db
      .updateTable('protection_case')
      .set({ next_follow_up_on: on(3) })
      .where('id', '=', bCase)
      .execute();
    const day5 = await remindOverdueFollowUps(t.ctx, on(5));
    expect(notified(day5, meknesWorkerB.id)).toEqual([
      { workerId: meknesWorkerB.id, overdue: 1, mostDaysOverdue: 2 },
    ]);
    // A's case due on day 3 is overdue too by then.
    expect(notified(day5, meknesWorkerA.id)).toEqual([
      { workerId: meknesWorkerA.id, overdue: 4, mostDaysOverdue: 17 },
    ]);
    expect(notified(await remindOverdueFollowUps(t.ctx, on(8)), meknesWorkerA.id)).toEqual([]);
    // A week after the last notice, with the same cases still waiting: a reminder.
    const day12 = await remindOverdueFollowUps(t.ctx, on(12));
    expect(notified(day12, meknesWorkerA.id)).toEqual([
      { workerId: meknesWorkerA.id, overdue: 4, mostDaysOverdue: 24 },
    ]);
    expect(notified(day12, meknesWorkerB.id)).toEqual([
      { workerId: meknesWorkerB.id, overdue: 1, mostDaysOverdue: 9 },
    ]);
    const rows = await t.ctx.db
      .selectFrom('notification')
      .select('data')
      .where('user_id', '=', meknesWorkerA.id)
      .where('kind', '=', 'follow_up_overdue')
      .execute();
    expect(rows).toHaveLength(4);
  });
});

describe('overdue follow-ups of cases without a worker', () => {
  // Territories no other test here touches: the reminder job is national, the checks are not.
  const FES = 'fes';
  const TAZA = 'taza';
  const path = '/cases?view=overdue_follow_up&workerId=unassigned&sort=next_follow_up';
  const on = (days: number) => addDays(today(), days);
  let fesCoordinator: { id: string; login: string };
  let fesCoordinatorAr: { id: string; login: string };
  let fesFormerCoordinator: { id: string };
  let fesWorker: { id: string; login: string };
  let tazaCoordinator: { id: string; login: string };
  let tazaWorker: { id: string };
  const cases: Record<string, { id: string; child_id: string }> = {};

  const unassign = (id: string) =>
    t.ctx.db.updateTable('protection_case').set({ assigned_worker_id: null }).where('id', '=', id).execute();
  const noticesOf = async (userId: string, kind: string) =>
    t.ctx.db
      .selectFrom('notification')
      .select('data')
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .orderBy('created_at')
      .execute();
  const mailsOf = (userId: string) =>
    t.ctx.db.selectFrom('email_outbox').selectAll().where('user_id', '=', userId).execute();
  const coordinatorsIn = (sent: Awaited<ReturnType<typeof remindOverdueFollowUps>>, ids: string[]) =>
    sent.coordinators.filter((c) => ids.includes(c.coordinatorId));

  beforeAll(async () => {
    fesCoordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: FES });
    fesCoordinatorAr = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: FES });
    fesFormerCoordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: FES });
    fesWorker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: FES });
    tazaCoordinator = await createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: TAZA });
    tazaWorker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: TAZA });
    await t.ctx.db
      .updateTable('app_user')
      .set({ email: 'coordination.fes@example.ma', preferred_language: 'fr' })
      .where('id', '=', fesCoordinator.id)
      .execute();
    await t.ctx.db
      .updateTable('app_user')
      .set({ email: 'tansiq.fes@example.ma', preferred_language: 'ar' })
      .where('id', '=', fesCoordinatorAr.id)
      .execute();
    await t.ctx.db
      .updateTable('app_user')
      .set({ active: false, email: 'ancien.fes@example.ma' })
      .where('id', '=', fesFormerCoordinator.id)
      .execute();
    const make = async (
      name: string,
      territoryCode: string,
      worker: string,
      nextFollowUpOn: string | null,
      stage = 'follow_up',
    ) => {
      cases[name] = (
        await createCase(t.ctx, { territoryCode, workerId: worker, stage, nextFollowUpOn })
      ).case;
    };
    // Fès: two open cases without a worker past their follow-up date (4 and 10 days), one due today,
    // a closed one long overdue, and one held by its worker, overdue by 6 days.
    await make('four', FES, fesWorker.id, on(-4));
    await make('ten', FES, fesWorker.id, on(-10));
    await make('dueToday', FES, fesWorker.id, today());
    await make('closed', FES, fesWorker.id, on(-20), 'closed');
    await make('held', FES, fesWorker.id, on(-6));
    for (const name of ['four', 'ten', 'dueToday', 'closed']) await unassign(cases[name]!.id);
    // Taza: its only overdue case has a worker.
    await make('tazaHeld', TAZA, tazaWorker.id, on(-3));
  });

  it("tells the territory's active coordinators once, with counts and the way to the list, no identity", async () => {
    const sent = await remindOverdueFollowUps(t.ctx, today());
    const fes = [fesCoordinator.id, fesCoordinatorAr.id, fesFormerCoordinator.id];
    const byId = (a: { coordinatorId: string }, b: { coordinatorId: string }) =>
      a.coordinatorId < b.coordinatorId ? -1 : 1;
    expect(coordinatorsIn(sent, fes).sort(byId)).toEqual(
      [
        { coordinatorId: fesCoordinator.id, territoryCode: FES, overdue: 2, mostDaysOverdue: 10 },
        { coordinatorId: fesCoordinatorAr.id, territoryCode: FES, overdue: 2, mostDaysOverdue: 10 },
      ].sort(byId),
    );
    expect(await noticesOf(fesCoordinator.id, 'follow_up_overdue_unassigned')).toEqual([
      { data: { overdue: 2, mostDaysOverdue: 10, path } },
    ]);
    // Nothing to a coordinator no longer active, nor to another province's coordinator.
    expect(await noticesOf(fesFormerCoordinator.id, 'follow_up_overdue_unassigned')).toEqual([]);
    expect(await mailsOf(fesFormerCoordinator.id)).toEqual([]);
    expect(coordinatorsIn(sent, [tazaCoordinator.id])).toEqual([]);
    expect(await noticesOf(tazaCoordinator.id, 'follow_up_overdue_unassigned')).toEqual([]);
    // A case with a worker is the worker's reminder only: never counted for the coordinators.
    expect(sent.workers.filter((w) => [fesWorker.id, tazaWorker.id].includes(w.workerId))).toEqual(
      expect.arrayContaining([
        { workerId: fesWorker.id, overdue: 1, mostDaysOverdue: 6 },
        { workerId: tazaWorker.id, overdue: 1, mostDaysOverdue: 3 },
      ]),
    );
    for (const coordinator of [fesCoordinator, tazaCoordinator]) {
      expect(await noticesOf(coordinator.id, 'follow_up_overdue')).toEqual([]);
    }

    // The link opens exactly those cases in the coordinator's caseload, the longest overdue first.
    const coordinator = await signedIn(t.app, fesCoordinator.login);
    const list = await coordinator.get(`/api/v1${path}`);
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json() as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([
      cases.ten!.id,
      cases.four!.id,
    ]);
    // `unassigned` is the one word the worker filter takes besides a worker's id.
    const wrong = await coordinator.get('/api/v1/cases?workerId=nobody');
    expect(wrong.statusCode).toBe(400);
    expect(fieldCodes(wrong)).toEqual(['querystring.workerId:invalid_format']);
    // The bell shows it to the coordinator (the kind is one the API knows).
    const bell = (await coordinator.get('/api/v1/notifications')).json().items as { kind: string }[];
    expect(bell.filter((n) => n.kind === 'follow_up_overdue_unassigned')).toHaveLength(1);

    // The e-mails, each in its reader's language: counts and the link, no child's code or name.
    const [fr, ...moreFr] = await mailsOf(fesCoordinator.id);
    expect(moreFr).toEqual([]);
    expect(fr).toMatchObject({ to_address: 'coordination.fes@example.ma', territory_code: FES });
    expect(fr!.subject).toBe('Rappel : suivis en retard dans des dossiers non attribués');
    expect(fr!.body).toContain(
      '2 dossiers sans assistant(e) social(e) référent(e) ont un suivi en retard, le plus ancien de 10 jours.',
    );
    expect(fr!.body).toContain(`${t.ctx.config.publicUrl}${path}`);
    const [ar] = await mailsOf(fesCoordinatorAr.id);
    expect(ar!.subject).toBe('تذكير: تتبعات متأخرة في ملفات غير مسندة');
    expect(ar!.body).toContain(
      'فات موعد التتبع في ملفين غير مسندين إلى أي مساعد اجتماعي، وأقدمهما متأخر منذ 10 أيام.',
    );
    const codes = (
      await t.ctx.db
        .selectFrom('child')
        .select('code')
        .where(
          'id',
          'in',
          Object.values(cases).map((c) => c.child_id),
        )
        .execute()
    ).map((r) => r.code);
    expect(codes.length).toBeGreaterThan(0);
    const stored = JSON.stringify(await noticesOf(fesCoordinator.id, 'follow_up_overdue_unassigned'));
    for (const text of [fr!.subject, fr!.body, ar!.subject, ar!.body, stored]) {
      expect(text).not.toMatch(/TST-|Karim|Benjelloun|كريم|بنجلون/);
      for (const code of codes) expect(text).not.toContain(code);
      for (const kase of Object.values(cases)) expect(text).not.toContain(kase.id);
    }

    // Run again the same day (a retry, another instance): nobody is told twice.
    const again = await remindOverdueFollowUps(t.ctx, today());
    expect(coordinatorsIn(again, fes)).toEqual([]);
    expect(await noticesOf(fesCoordinator.id, 'follow_up_overdue_unassigned')).toHaveLength(1);
    expect(await mailsOf(fesCoordinator.id)).toHaveLength(1);
  });

  it('tells them again only when a case joined the count, or after a week; two instances at once tell once', async () => {
    // Tomorrow the case due today is overdue too: told once, though two instances run the job.
    const [first, second] = await Promise.all([
      remindOverdueFollowUps(t.ctx, on(1)),
      remindOverdueFollowUps(t.ctx, on(1)),
    ]);
    expect([
      ...coordinatorsIn(first, [fesCoordinator.id]),
      ...coordinatorsIn(second, [fesCoordinator.id]),
    ]).toEqual([{ coordinatorId: fesCoordinator.id, territoryCode: FES, overdue: 3, mostDaysOverdue: 11 }]);
    // The day after, nothing new.
    expect(coordinatorsIn(await remindOverdueFollowUps(t.ctx, on(2)), [fesCoordinator.id])).toEqual([]);
    // A case given to a worker leaves the coordinators' count: that is no news for them, but for
    // the worker it is (it joins their own reminder).
    await t.ctx.db
      .updateTable('protection_case')
      .set({ assigned_worker_id: fesWorker.id })
      .where('id', '=', cases.ten!.id)
      .execute();
    const day3 = await remindOverdueFollowUps(t.ctx, on(3));
    expect(coordinatorsIn(day3, [fesCoordinator.id])).toEqual([]);
    expect(day3.workers.filter((w) => w.workerId === fesWorker.id)).toEqual([
      { workerId: fesWorker.id, overdue: 2, mostDaysOverdue: 13 },
    ]);
    // A worker's case left unassigned (the worker moved on) joins the count: told again.
    await unassign(cases.held!.id);
    expect(coordinatorsIn(await remindOverdueFollowUps(t.ctx, on(4)), [fesCoordinator.id])).toEqual([
      { coordinatorId: fesCoordinator.id, territoryCode: FES, overdue: 3, mostDaysOverdue: 10 },
    ]);
    expect(coordinatorsIn(await remindOverdueFollowUps(t.ctx, on(10)), [fesCoordinator.id])).toEqual([]);
    // A week after the last notice, with the same cases still waiting: a reminder.
    expect(coordinatorsIn(await remindOverdueFollowUps(t.ctx, on(11)), [fesCoordinator.id])).toEqual([
      { coordinatorId: fesCoordinator.id, territoryCode: FES, overdue: 3, mostDaysOverdue: 17 },
    ]);
    expect(await noticesOf(fesCoordinator.id, 'follow_up_overdue_unassigned')).toHaveLength(4);
    // Taza's coordinator was never told anything: its only overdue case has a worker.
    expect(await noticesOf(tazaCoordinator.id, 'follow_up_overdue_unassigned')).toEqual([]);
  });
});
