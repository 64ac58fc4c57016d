import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { childIdentity, createCase } from '../../../test/fixtures';
import {
  auditRows,
  type Client,
  createInstitution,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  type TestApp,
} from '../../../test/harness';
import type { LiveEvent } from '../../platform/events';
import { hashedSearchKeys } from '../children/identity';
import { replaceSearchKeys } from '../children/repository';
import { establishDtipe } from '../territories/repository';
import { KEPT_WHERE_WRITTEN, MOVED_WITH_CASE } from './repository';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';
const SALE = 'sale';
// A real province without an established DTIPE in these tests.
const MEKNES = 'meknes';

let t: TestApp;
let tangerCoordinator: Client;
let tangerWorker: Client;
let tangerOfficer: Client;
let rabatCoordinator: Client;
let rabatWorker: Client;
let saleCoordinator: Client;
let partner: Client;
let analyst: Client;
let ids: { tangerWorker: string; tangerCoordinator: string; rabatCoordinator: string; rabatWorker: string };

beforeAll(async () => {
  t = await createTestApp();
  for (const code of [TANGER, RABAT, SALE]) await establishDtipe(t.ctx.db, code, '2023-01-01');
  const hospital = await createInstitution(t.ctx, TANGER);
  const [tc, tw, to, rc, rw, sc, p, a] = await Promise.all([
    createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['information_officer'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: RABAT }),
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: RABAT }),
    createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: SALE }),
    createUser(t.ctx, { roles: ['partner_focal_point'], territoryCode: TANGER, institutionId: hospital.id }),
    createUser(t.ctx, { roles: ['ministry_analyst'], territoryCode: null }),
  ]);
  ids = { tangerWorker: tw.id, tangerCoordinator: tc.id, rabatCoordinator: rc.id, rabatWorker: rw.id };
  [
    tangerCoordinator,
    tangerWorker,
    tangerOfficer,
    rabatCoordinator,
    rabatWorker,
    saleCoordinator,
    partner,
    analyst,
  ] = await Promise.all([
    signedIn(t.app, tc.login),
    signedIn(t.app, tw.login),
    signedIn(t.app, to.login),
    signedIn(t.app, rc.login),
    signedIn(t.app, rw.login),
    signedIn(t.app, sc.login),
    signedIn(t.app, p.login),
    signedIn(t.app, a.login),
  ]);
});

const REASON = "La famille s'installe à Rabat : le père y a été muté. L'enfant sera scolarisé là-bas.";

async function tangerCase(overrides: { stage?: string } = {}) {
  const { case: kase, child } = await createCase(t.ctx, {
    territoryCode: TANGER,
    workerId: ids.tangerWorker,
    harmForms: ['physical_violence'],
    situations: ['victim'],
    ...overrides,
  });
  return { caseId: kase.id, childId: child.id, childCode: child.code };
}

const ask = (client: Client, caseId: string, body: Record<string, unknown> = {}) =>
  client.post(`/api/v1/cases/${caseId}/transfers`, { toTerritoryCode: RABAT, reason: REASON, ...body });

const decide = (client: Client, id: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/transfers/${id}/decision`, body);

async function requested(caseId: string) {
  const response = await ask(tangerCoordinator, caseId);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

async function transferRow(id: string) {
  return t.ctx.db.selectFrom('case_transfer').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function caseRow(id: string) {
  return t.ctx.db.selectFrom('protection_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('requesting a transfer', () => {
  it("the case's coordinator asks another province; the request shows the pseudonymous profile and the reason", async () => {
    const { caseId, childCode } = await tangerCase();
    const response = await ask(tangerCoordinator, caseId);
    expect(response.statusCode).toBe(201);
    const transfer = response.json();
    expect(transfer).toMatchObject({
      caseId,
      childCode,
      fromTerritoryCode: TANGER,
      toTerritoryCode: RABAT,
      status: 'requested',
      reason: REASON,
      decisionNote: null,
      requestedById: ids.tangerCoordinator,
      decidedAt: null,
      version: 0,
      profile: {
        sex: 'male',
        stage: 'initial_diagnosis',
        harmForms: ['physical_violence'],
        situations: ['victim'],
        dangerLevel: null,
      },
      permissions: { decide: false, cancel: true },
    });
    expect(transfer.profile.ageBand).toMatch(/^(6_11|12_14)$/);
    // Why the child moves may name people: never stored in clear.
    const row = await transferRow(transfer.id);
    expect(row.reason_enc).not.toContain('Rabat');
    // Until the other side accepts, the case stays Tanger's and fully workable.
    expect((await caseRow(caseId)).territory_code).toBe(TANGER);
    expect((await tangerWorker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await rabatWorker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    // Rabat's coordinator is told, with the child's code and nothing that names the child.
    const told = (await rabatCoordinator.get('/api/v1/notifications')).json().items as {
      kind: string;
      data: object;
    }[];
    expect(told.find((n) => n.kind === 'transfer_requested')?.data).toEqual({
      childCode,
      fromTerritoryCode: TANGER,
      toTerritoryCode: RABAT,
      path: '/transfers',
    });
  });

  it("the case's transfer list says who may ask now: the coordinator, while the case is open and nothing waits", async () => {
    const { caseId } = await tangerCase();
    const before = await tangerCoordinator.get(`/api/v1/cases/${caseId}/transfers`);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ items: [], permissions: { request: true } });
    // The social worker reads the list but asks through the coordinator.
    expect((await tangerWorker.get(`/api/v1/cases/${caseId}/transfers`)).json().permissions).toEqual({
      request: false,
    });
    await requested(caseId);
    const waiting = (await tangerCoordinator.get(`/api/v1/cases/${caseId}/transfers`)).json();
    expect(waiting.items).toHaveLength(1);
    expect(waiting.permissions).toEqual({ request: false });
    const { caseId: closed } = await tangerCase({ stage: 'closed' });
    expect((await tangerCoordinator.get(`/api/v1/cases/${closed}/transfers`)).json().permissions).toEqual({
      request: false,
    });
  });

  it('the receiving coordinator sees it in the incoming list: profile and reason, never the identity', async () => {
    const { caseId, childId } = await tangerCase();
    const { id } = await requested(caseId);
    const incoming = await rabatCoordinator.get('/api/v1/transfers?direction=incoming&status=requested');
    expect(incoming.statusCode).toBe(200);
    const item = incoming.json().items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ reason: REASON, permissions: { decide: true, cancel: false } });
    expect(item.profile.stage).toBe('initial_diagnosis');
    expect(Object.keys(item.profile).sort()).toEqual(
      ['ageBand', 'dangerLevel', 'harmForms', 'situations', 'sex', 'stage'].sort(),
    );
    for (const name of ['Karim', 'Benjelloun', 'كريم', 'Ibn Battouta', '0612345678', '2014-03-02']) {
      expect(incoming.body).not.toContain(name);
    }
    expect((await rabatCoordinator.get(`/api/v1/transfers/${id}`)).json().reason).toBe(REASON);
    // Before acceptance nothing of the child's file or identity opens to the receiving province.
    expect((await rabatCoordinator.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    expect((await rabatCoordinator.get(`/api/v1/children/${childId}/identity`)).statusCode).toBe(403);
    expect((await rabatCoordinator.get(`/api/v1/cases/${caseId}/transfers`)).statusCode).toBe(403);
    // The sender's outgoing list has it; the receiver's outgoing list and a third province's do not.
    const outgoing = (await tangerCoordinator.get('/api/v1/transfers?direction=outgoing')).json();
    expect(outgoing.items.map((i: { id: string }) => i.id)).toContain(id);
    const rabatOutgoing = (await rabatCoordinator.get('/api/v1/transfers?direction=outgoing')).json();
    expect(rabatOutgoing.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const sale = (await saleCoordinator.get('/api/v1/transfers?direction=incoming')).json();
    expect(sale.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await saleCoordinator.get(`/api/v1/transfers/${id}`)).statusCode).toBe(403);
  });

  it('refuses its own province, an unknown one and a province without a DTIPE; nothing is written', async () => {
    const { caseId } = await tangerCase();
    const same = await ask(tangerCoordinator, caseId, { toTerritoryCode: TANGER });
    expect(same.statusCode).toBe(400);
    expect(fieldCodes(same)).toEqual(['toTerritoryCode:same_territory']);
    const unknown = await ask(tangerCoordinator, caseId, { toTerritoryCode: 'atlantis' });
    expect(fieldCodes(unknown)).toEqual(['toTerritoryCode:unknown_code']);
    const noDtipe = await ask(tangerCoordinator, caseId, { toTerritoryCode: MEKNES });
    expect(noDtipe.statusCode).toBe(400);
    expect(fieldCodes(noDtipe)).toEqual(['toTerritoryCode:no_dtipe_there']);
    expect(problemOf(noDtipe).fields![0]!.message).toMatch(/DTIPE/);
    const noReason = await ask(tangerCoordinator, caseId, { reason: '   ' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldCodes(noReason)[0]).toMatch(/^reason:/);
    const stray = await ask(tangerCoordinator, caseId, { childName: 'x' });
    expect(stray.statusCode).toBe(400);
    const rows = await t.ctx.db
      .selectFrom('case_transfer')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('one open request per case (409 transfer_pending), also when two arrive at once; a closed case: 409', async () => {
    const { caseId } = await tangerCase();
    await requested(caseId);
    const again = await ask(tangerCoordinator, caseId, { toTerritoryCode: SALE });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('transfer_pending');
    expect(problemOf(again).detail).toMatch(/already waiting/);

    const { caseId: raced } = await tangerCase();
    const both = await Promise.all([ask(tangerCoordinator, raced), ask(tangerCoordinator, raced)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);

    const { caseId: closed } = await tangerCase({ stage: 'closed' });
    const refused = await ask(tangerCoordinator, closed);
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('case_closed');
  });

  it('only the coordinator of the case’s province asks: others are refused (403, audited) or get 404', async () => {
    const { caseId } = await tangerCase();
    for (const client of [tangerWorker, tangerOfficer, rabatCoordinator, partner, analyst]) {
      const response = await ask(client, caseId);
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    const refusals = (await auditRows(t.ctx, 'permission_refused', ids.tangerWorker)).filter(
      (r) => (r.details as { action?: string }).action === 'request',
    );
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ target_type: 'transfer', target_id: caseId });
    expect((await ask(tangerCoordinator, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const rows = await t.ctx.db
      .selectFrom('case_transfer')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('accepting a transfer', () => {
  /** A case with something in every part of its file, as a CAPE builds it. */
  async function fullCase() {
    const kase = await tangerCase();
    const { caseId } = kase;
    const institution = await createInstitution(t.ctx, TANGER);
    const today = new Date().toISOString().slice(0, 10);
    const plan = async (status: string | null, serviceCode = 'forensic_examination'): Promise<string> => {
      const item = await tangerWorker.post(`/api/v1/cases/${caseId}/plan`, {
        serviceCode,
        sectorCode: 'health',
        institutionId: institution.id,
        need: 'Certificat médical',
        dueOn: today,
      });
      expect(item.statusCode, item.body).toBe(201);
      if (status) {
        const done = await tangerWorker.put(`/api/v1/plan-items/${item.json().id}`, {
          status,
          notDeliveredReason: null,
          institutionId: institution.id,
          dueOn: today,
          need: null,
          version: item.json().version,
        });
        expect(done.statusCode, done.body).toBe(200);
      }
      return item.json().id as string;
    };
    const openItem = await plan(null);
    await plan('delivered', 'medical_examination');
    // A referral card of the plan, to a service of a third province: cards go wherever the service is.
    const elsewhere = await createInstitution(t.ctx, SALE);
    const card = await t.ctx.db
      .insertInto('referral_card')
      .values({
        number: `RC-TST-${caseId.slice(0, 8)}`,
        case_id: caseId,
        plan_item_id: openItem,
        territory_code: TANGER,
        sender_user_id: ids.tangerWorker,
        receiving_institution_id: elsewhere.id,
        service_code: 'forensic_examination',
        urgency: 'urgent',
        due_on: today,
        shared_sections: ['profile'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const side = 'sender' as const;
    await t.ctx.db
      .insertInto('referral_message')
      .values({
        card_id: card.id,
        case_id: caseId,
        territory_code: TANGER,
        author_id: ids.tangerWorker,
        side,
        body_enc: 'x',
      })
      .execute();
    await t.ctx.db
      .insertInto('referral_attachment')
      .values({
        card_id: card.id,
        case_id: caseId,
        territory_code: TANGER,
        side,
        document_type: 'other',
        title_enc: 'x',
        storage_key: card.id,
        content_type: 'application/pdf',
        size_bytes: 1,
        sha256: '0'.repeat(64),
        uploaded_by: ids.tangerWorker,
      })
      .execute();
    const followUp = await tangerWorker.post(`/api/v1/cases/${caseId}/follow-ups`, {
      contactType: 'home_visit',
      contactAt: new Date(Date.now() - 3600_000).toISOString(),
      observations: 'Visite à domicile, la mère coopère.',
      childViews: "L'enfant dit qu'il veut rester avec sa mère.",
      nextSteps: null,
      nextFollowUpOn: today,
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const note = await tangerWorker.post(`/api/v1/cases/${caseId}/files/social/notes`, {
      title: 'Entretien',
      body: 'Entretien avec la famille.',
    });
    expect(note.statusCode, note.body).toBe(201);
    const instrument = await t.ctx.db
      .selectFrom('assessment_instrument')
      .select('version')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    const assessment = await t.ctx.db
      .insertInto('assessment')
      .values({
        case_id: caseId,
        territory_code: TANGER,
        instrument_version: instrument.version,
        answers: JSON.stringify({}),
        red_flags: [],
        result: JSON.stringify({}),
        danger_level: 'danger',
        proposed_orientation: 'care',
        confirmed_orientation: 'care',
        override_justification_enc: null,
        assessed_by: ids.tangerWorker,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('evaluation')
      .values({
        case_id: caseId,
        territory_code: TANGER,
        baseline_assessment_id: assessment.id,
        current_assessment_id: assessment.id,
        comparison: JSON.stringify({}),
        services_effect_enc: null,
        recommendation: 'continue',
        created_by: ids.tangerWorker,
      })
      .execute();
    await t.ctx.db
      .updateTable('protection_case')
      .set({ danger_level: 'danger' })
      .where('id', '=', caseId)
      .execute();
    return kase;
  }

  it('moves the case, its child and its whole file to the receiving province in one step; access moves with it', async () => {
    const { caseId, childId } = await fullCase();
    // Before: the sending province reads the case and the identity; the receiving one does not.
    expect((await tangerWorker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await tangerWorker.get(`/api/v1/children/${childId}/identity`)).statusCode).toBe(200);
    expect((await rabatWorker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    expect((await rabatWorker.get(`/api/v1/children/${childId}/identity`)).statusCode).toBe(403);
    const before = await caseRow(caseId);
    const transitionsBefore = await t.ctx.db
      .selectFrom('case_transition')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    const views = await t.ctx.db.selectFrom('access_log').selectAll().where('case_id', '=', caseId).execute();
    const childViews = await t.ctx.db
      .selectFrom('access_log')
      .selectAll()
      .where('child_id', '=', childId)
      .execute();
    expect(childViews.length).toBeGreaterThan(0);
    await replaceSearchKeys(
      t.ctx.db,
      childId,
      TANGER,
      hashedSearchKeys(t.ctx.keyRing, childId, childIdentity()),
    );

    const { id, version } = await requested(caseId);
    const accepted = await decide(rabatCoordinator, id, {
      accept: true,
      note: 'Nous reprenons le dossier.',
      version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      decisionNote: 'Nous reprenons le dossier.',
      decidedById: ids.rabatCoordinator,
      version: version + 1,
      permissions: { decide: false, cancel: false },
    });
    expect(accepted.json().decidedAt).not.toBeNull();
    expect((await transferRow(id)).decision_note_enc).not.toContain('reprenons');

    // The case and the child belong to Rabat; the worker is cleared for Rabat's coordinator to assign.
    const after = await caseRow(caseId);
    expect(after).toMatchObject({ territory_code: RABAT, assigned_worker_id: null, stage: before.stage });
    expect(after.version).toBe(before.version + 1);
    const child = await t.ctx.db
      .selectFrom('child')
      .selectAll()
      .where('id', '=', childId)
      .executeTakeFirstOrThrow();
    expect(child.territory_code).toBe(RABAT);
    // Its name-search keys moved with it: Rabat finds the child, Tanger no longer does.
    const keys = await t.ctx.db
      .selectFrom('child_search_key')
      .select('territory_code')
      .distinct()
      .where('child_id', '=', childId)
      .execute();
    expect(keys).toEqual([{ territory_code: RABAT }]);
    for (const table of MOVED_WITH_CASE) {
      const rows = await t.ctx.db
        .selectFrom(table)
        .select('territory_code')
        .where('case_id', '=', caseId)
        .execute();
      expect(rows.length, table).toBeGreaterThan(0);
      expect(
        rows.every((r) => r.territory_code === RABAT),
        table,
      ).toBe(true);
    }
    // Open services stay open, delivered ones stay delivered.
    const plan = await t.ctx.db
      .selectFrom('plan_item')
      .select('status')
      .where('case_id', '=', caseId)
      .execute();
    expect(plan.map((p) => p.status).sort()).toEqual(['delivered', 'planned']);
    // The history stays whole: nothing deleted, views keep the territory they were made in.
    const transitionsAfter = await t.ctx.db
      .selectFrom('case_transition')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    expect(transitionsAfter).toEqual(transitionsBefore);
    const viewsAfter = await t.ctx.db
      .selectFrom('access_log')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    expect(viewsAfter.slice(0, views.length)).toEqual(views);
    const childViewsAfter = await t.ctx.db
      .selectFrom('access_log')
      .selectAll()
      .where('child_id', '=', childId)
      .where('id', '<=', childViews.at(-1)!.id)
      .execute();
    expect(childViewsAfter.every((v) => v.territory_code === TANGER)).toBe(true);
    const assignments = await t.ctx.db
      .selectFrom('case_assignment')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    expect(assignments.at(-1)).toMatchObject({ worker_id: null, actor_id: ids.rabatCoordinator });

    // After: the sending province lost access at once; the receiving one has it.
    expect((await tangerWorker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    expect((await tangerCoordinator.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    expect((await tangerWorker.get(`/api/v1/children/${childId}/identity`)).statusCode).toBe(403);
    expect((await tangerWorker.get(`/api/v1/cases/${caseId}/plan`)).statusCode).toBe(403);
    expect((await rabatWorker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await rabatWorker.get(`/api/v1/children/${childId}/identity`)).statusCode).toBe(200);
    const rabatPlan = await rabatWorker.get(`/api/v1/cases/${caseId}/plan`);
    expect(rabatPlan.statusCode).toBe(200);
    // The institutions chosen in Tanger stay on the plan: nothing assumes they are in the case's province.
    expect(rabatPlan.json().items.every((i: { institution: unknown }) => i.institution !== null)).toBe(true);
    const timeline = await rabatWorker.get(`/api/v1/cases/${caseId}/timeline`);
    expect(timeline.statusCode).toBe(200);
    // Rabat's caseload lists it; the receiving coordinator assigns one of Rabat's workers.
    const caseload = (await rabatCoordinator.get('/api/v1/cases?limit=200')).json();
    expect(caseload.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const assigned = await rabatCoordinator.post(`/api/v1/cases/${caseId}/assignment`, {
      workerId: ids.rabatWorker,
      version: after.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignedWorkerId).toBe(ids.rabatWorker);

    // Rabat's staff see the case's moves; the sender keeps its outgoing request, without the profile.
    const history = await rabatWorker.get(`/api/v1/cases/${caseId}/transfers`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toHaveLength(1);
    expect(history.json().items[0]).toMatchObject({ id, status: 'accepted', reason: REASON });
    expect(history.json().items[0].profile).not.toBeNull();
    const outgoing = (
      await tangerCoordinator.get('/api/v1/transfers?direction=outgoing&status=accepted')
    ).json();
    const sent = outgoing.items.find((i: { id: string }) => i.id === id);
    expect(sent).toMatchObject({ status: 'accepted', reason: REASON, profile: null });
    expect((await tangerWorker.get(`/api/v1/cases/${caseId}/transfers`)).statusCode).toBe(403);
  });

  it('declining needs a reason and leaves the case where it was; the province can ask again', async () => {
    const { caseId } = await tangerCase();
    const { id, version } = await requested(caseId);
    const bare = await decide(rabatCoordinator, id, { accept: false, note: '  ', version });
    expect(bare.statusCode).toBe(400);
    expect(fieldCodes(bare)).toEqual(['note:reason_required']);
    const noNote = await decide(rabatCoordinator, id, { accept: false, version });
    expect(fieldCodes(noNote)).toEqual(['note:reason_required']);
    const declined = await decide(rabatCoordinator, id, {
      accept: false,
      note: "La famille n'a pas encore d'adresse à Rabat.",
      version,
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({
      status: 'declined',
      decisionNote: "La famille n'a pas encore d'adresse à Rabat.",
      decidedById: ids.rabatCoordinator,
    });
    // Closed without the case: the receiving side no longer sees the child's profile.
    expect(declined.json().profile).toBeNull();
    const kase = await caseRow(caseId);
    expect(kase).toMatchObject({ territory_code: TANGER, assigned_worker_id: ids.tangerWorker });
    expect((await rabatWorker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    const outgoing = (
      await tangerCoordinator.get('/api/v1/transfers?direction=outgoing&status=declined')
    ).json();
    const mine = outgoing.items.find((i: { id: string }) => i.id === id);
    expect(mine.decisionNote).toMatch(/pas encore d'adresse/);
    expect(mine.profile).not.toBeNull();
    // Declined is not open: a new request (to another province) may follow.
    expect((await ask(tangerCoordinator, caseId, { toTerritoryCode: SALE })).statusCode).toBe(201);
  });

  it('only the receiving coordinator decides: the sender, a social worker, another province, a partner are refused', async () => {
    const { caseId } = await tangerCase();
    const { id, version } = await requested(caseId);
    for (const client of [tangerCoordinator, tangerWorker, rabatWorker, saleCoordinator, partner, analyst]) {
      const response = await decide(client, id, { accept: true, note: null, version });
      expect(response.statusCode).toBe(403);
    }
    const refusals = (await auditRows(t.ctx, 'permission_refused', ids.tangerCoordinator)).filter(
      (r) => r.target_id === id,
    );
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.details).toMatchObject({ action: 'decide' });
    expect(
      (await decide(rabatCoordinator, '00000000-0000-4000-8000-000000000000', { accept: true, version: 0 }))
        .statusCode,
    ).toBe(404);
    expect((await transferRow(id)).status).toBe('requested');
    expect((await caseRow(caseId)).territory_code).toBe(TANGER);
  });

  it('a stale version is answered 409 with the current request; a decided request cannot be decided again', async () => {
    const { caseId } = await tangerCase();
    const { id, version } = await requested(caseId);
    const stale = await decide(rabatCoordinator, id, { accept: true, version: version + 3 });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).code).toBe('version_conflict');
    expect(problemOf(stale).current).toMatchObject({ id, status: 'requested', version });
    // Two decisions racing on the same version: one wins, the other gets 409, the case moved once.
    const both = await Promise.all([
      decide(rabatCoordinator, id, { accept: true, version }),
      decide(rabatCoordinator, id, { accept: false, note: 'Non', version }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const row = await transferRow(id);
    expect(row.version).toBe(version + 1);
    expect((await caseRow(caseId)).territory_code).toBe(row.status === 'accepted' ? RABAT : TANGER);
    const again = await decide(rabatCoordinator, id, { accept: true, version: row.version });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('transfer_not_pending');
    const old = await decide(rabatCoordinator, id, { accept: true, version });
    expect(problemOf(old).code).toBe('version_conflict');
    expect(problemOf(old).current).toMatchObject({ status: row.status });
  });

  it('a case closed while the request waited cannot be accepted (409 case_closed); nothing moves', async () => {
    const { caseId } = await tangerCase();
    const { id, version } = await requested(caseId);
    await t.ctx.db
      .updateTable('protection_case')
      .set({ stage: 'closed', closed_at: new Date(), closure_reason: 'plan_goals_met' })
      .where('id', '=', caseId)
      .execute();
    const response = await decide(rabatCoordinator, id, { accept: true, version });
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('case_closed');
    expect(await transferRow(id)).toMatchObject({ status: 'requested', version, decided_at: null });
    expect((await caseRow(caseId)).territory_code).toBe(TANGER);
    // The sender withdraws it.
    expect((await tangerCoordinator.post(`/api/v1/transfers/${id}/cancel`, { version })).statusCode).toBe(
      200,
    );
  });
});

describe('cancelling a transfer', () => {
  it('the sending coordinator withdraws an open request; the receiver, a social worker cannot; then it is closed', async () => {
    const { caseId } = await tangerCase();
    const { id, version } = await requested(caseId);
    for (const client of [rabatCoordinator, tangerWorker, saleCoordinator, partner]) {
      expect((await client.post(`/api/v1/transfers/${id}/cancel`, { version })).statusCode).toBe(403);
    }
    const stale = await tangerCoordinator.post(`/api/v1/transfers/${id}/cancel`, { version: version + 1 });
    expect(problemOf(stale).code).toBe('version_conflict');
    const cancelled = await tangerCoordinator.post(`/api/v1/transfers/${id}/cancel`, { version });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      decidedById: ids.tangerCoordinator,
      permissions: { decide: false, cancel: false },
    });
    const twice = await tangerCoordinator.post(`/api/v1/transfers/${id}/cancel`, { version: version + 1 });
    expect(twice.statusCode).toBe(409);
    expect(problemOf(twice).code).toBe('transfer_not_pending');
    const late = await decide(rabatCoordinator, id, { accept: true, version: version + 1 });
    expect(problemOf(late).code).toBe('transfer_not_pending');
    expect((await caseRow(caseId)).territory_code).toBe(TANGER);
    // Rabat's list keeps the withdrawn request, without the child's profile.
    const incoming = (
      await rabatCoordinator.get('/api/v1/transfers?direction=incoming&status=cancelled')
    ).json();
    expect(incoming.items.find((i: { id: string }) => i.id === id)).toMatchObject({ profile: null });
    expect((await requested(caseId)).id).not.toBe(id);
  });

  it("the receiving province's coordinators are told it was withdrawn, live, in their bell and by e-mail, codes only", async () => {
    await t.ctx.db
      .updateTable('app_user')
      .set({ email: 'coordinateur.rabat@example.ma', preferred_language: 'ar' })
      .where('id', '=', ids.rabatCoordinator)
      .execute();
    const { caseId, childCode } = await tangerCase();
    const { id, version } = await requested(caseId);
    const cancelledNotices = async (client: Client) =>
      ((await client.get('/api/v1/notifications?limit=100')).json().items as { kind: string; data: object }[])
        .filter((n) => n.kind === 'transfer_cancelled')
        .map((n) => n.data);
    const before = {
      rabat: (await cancelledNotices(rabatCoordinator)).length,
      sale: (await cancelledNotices(saleCoordinator)).length,
      tanger: (await cancelledNotices(tangerCoordinator)).length,
    };
    // The live event reaches Rabat's coordinator when the withdrawal commits.
    const events: LiveEvent[] = [];
    const unsubscribe = t.ctx.events.subscribe((event) => {
      events.push(event);
    });
    try {
      expect((await tangerCoordinator.post(`/api/v1/transfers/${id}/cancel`, { version })).statusCode).toBe(
        200,
      );
      const data = {
        childCode,
        fromTerritoryCode: TANGER,
        toTerritoryCode: RABAT,
        path: '/transfers?direction=incoming',
      };
      const rabat = await cancelledNotices(rabatCoordinator);
      expect(rabat).toHaveLength(before.rabat + 1);
      expect(rabat[0]).toEqual(data);
      // Nobody else: not another province, not the side that withdrew it.
      expect(await cancelledNotices(saleCoordinator)).toHaveLength(before.sale);
      expect(await cancelledNotices(tangerCoordinator)).toHaveLength(before.tanger);
      await expect
        .poll(() =>
          events.find(
            (e) =>
              e.type === 'notification' &&
              e.data.kind === 'transfer_cancelled' &&
              e.data.childCode === childCode,
          ),
        )
        .toMatchObject({ userIds: expect.arrayContaining([ids.rabatCoordinator]) });
    } finally {
      unsubscribe();
    }
    const mails = await t.ctx.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('user_id', '=', ids.rabatCoordinator)
      .where('subject', 'like', `%${childCode}%`)
      .orderBy('created_at')
      .execute();
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe(`سحب طلب نقل ملف الطفل ${childCode}`);
    expect(mail.body).toContain(`${t.ctx.config.publicUrl}/transfers?direction=incoming`);
    // The child's code, never a name; nor why the child moves.
    for (const text of [mail.subject, mail.body]) {
      expect(text).not.toMatch(/Karim|Benjelloun|كريم|بنجلون|muté|Rabat :/);
    }
  });

  it('a withdrawal that loses a race tells nobody', async () => {
    const { caseId } = await tangerCase();
    const { id, version } = await requested(caseId);
    expect(
      (await decide(rabatCoordinator, id, { accept: false, note: 'Pas de place.', version })).statusCode,
    ).toBe(200);
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('notification')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('kind', '=', 'transfer_cancelled')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const late = await tangerCoordinator.post(`/api/v1/transfers/${id}/cancel`, { version });
    expect(late.statusCode).toBe(409);
    expect(await count()).toBe(before);
  });
});

describe('the lists', () => {
  it('filter by direction and status, page, and are for coordinators only', async () => {
    const { caseId } = await tangerCase();
    const { id } = await requested(caseId);
    const all = (await rabatCoordinator.get('/api/v1/transfers?direction=incoming&limit=200')).json();
    expect(all.total).toBe(all.items.length);
    const page = (await rabatCoordinator.get('/api/v1/transfers?direction=incoming&limit=1&offset=0')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(all.total);
    // Newest first.
    expect(page.items[0].id).toBe(id);
    const accepted = (
      await rabatCoordinator.get('/api/v1/transfers?direction=incoming&status=accepted')
    ).json();
    expect(accepted.items.every((i: { status: string }) => i.status === 'accepted')).toBe(true);
    expect((await rabatCoordinator.get('/api/v1/transfers?direction=sideways')).statusCode).toBe(400);
    expect((await rabatCoordinator.get('/api/v1/transfers')).statusCode).toBe(400);
    for (const client of [tangerWorker, rabatWorker, tangerOfficer, partner, analyst]) {
      expect((await client.get('/api/v1/transfers?direction=incoming')).statusCode).toBe(403);
      expect((await client.get(`/api/v1/transfers/${id}`)).statusCode).toBe(403);
    }
    // The case's own history is for the CAPE that holds it, information officer included.
    expect((await tangerOfficer.get(`/api/v1/cases/${caseId}/transfers`)).statusCode).toBe(200);
    expect((await partner.get(`/api/v1/cases/${caseId}/transfers`)).statusCode).toBe(403);
  });
});

describe('what moves with a case', () => {
  /**
   * A table added later with a case_id and a territory_code must be classified: moved with the case
   * on acceptance (repository MOVED_WITH_CASE) or kept where written (KEPT_WHERE_WRITTEN).
   */
  it('every table holding a case_id and a territory_code is either moved or deliberately kept', async () => {
    const rows = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name IN ('case_id', 'territory_code')
      GROUP BY table_name HAVING count(DISTINCT column_name) = 2`.execute(t.ctx.db);
    expect(rows.rows.map((r) => r.table_name).sort()).toEqual(
      [...MOVED_WITH_CASE, ...KEPT_WHERE_WRITTEN].sort(),
    );
  });
});

describe('the history', () => {
  it("the child's timeline shows the move to the other province", async () => {
    const { caseId } = await tangerCase();
    const asked = (await ask(tangerCoordinator, caseId)).json();
    const decided = await rabatCoordinator.post(`/api/v1/transfers/${asked.id}/decision`, {
      accept: true,
      note: null,
      version: asked.version,
    });
    expect(decided.statusCode).toBe(200);
    const timeline = (await rabatCoordinator.get(`/api/v1/cases/${caseId}/timeline`)).json();
    expect(timeline.items).toContainEqual(
      expect.objectContaining({
        kind: 'transfer',
        status: 'accepted',
        fromTerritoryCode: TANGER,
        toTerritoryCode: RABAT,
      }),
    );
  });
});
