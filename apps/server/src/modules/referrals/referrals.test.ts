import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { addDays, casablancaDate, type PlanItem, type ReferralCard } from '@madar/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { buildApp } from '../../app';
import { EventBus } from '../../platform/events';
import { escalateOverdueReferrals, remindOverdueReferrals } from './service';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';
const MEKNES = 'meknes';

let t: TestApp;
let worker: Client;
let workerId: string;
let coordinator: Client;
let coordinatorId: string;
let infoOfficer: Client;
let rabatWorker: Client;
let focalA: Client;
let focalAId: string;
let focalA2Id: string;
let focalB: Client;
let analyst: Client;
let hospitalA: string;
let hospitalB: string;
let closedHospital: string;
let rabatHospital: string;

const today = () => casablancaDate();

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), randomBytes(200)]);

/** A multipart/form-data body, as a browser's FormData would send it. */
function multipart(fields: Record<string, string>, file?: { bytes: Buffer; contentType?: string }) {
  const boundary = `----madar${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="scan.pdf"\r\n` +
          `content-type: ${file.contentType ?? 'application/pdf'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function attach(client: Client, cardId: string, bytes: Buffer = PDF, title = 'Certificat médical initial') {
  const body = multipart({ documentType: 'certificate', title }, { bytes });
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/referrals/${cardId}/attachments`,
    headers: { cookie: client.cookie!, 'accept-language': 'en', 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function newCase(territoryCode = TANGER, by = workerId) {
  return createCase(t.ctx, {
    territoryCode,
    workerId: by,
    stage: 'initial_diagnosis',
    harmForms: ['physical_violence'],
    situations: ['victim'],
  });
}

async function planItem(caseId: string, by: Client = worker, serviceCode = 'forensic_examination') {
  const response = await by.post(`/api/v1/cases/${caseId}/plan`, {
    serviceCode,
    sectorCode: 'health',
    institutionId: null,
    need: 'Certificat après les coups du 12 mars, père présent à la maison.',
    dueOn: addDays(today(), 3),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PlanItem;
}

async function draft(itemId: string, body: Record<string, unknown> = {}, by: Client = worker) {
  return by.post(`/api/v1/plan-items/${itemId}/referral`, {
    receivingInstitutionId: hospitalA,
    urgency: 'urgent',
    ...body,
  });
}

async function created(itemId: string, body: Record<string, unknown> = {}, by: Client = worker) {
  const response = await draft(itemId, body, by);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as ReferralCard;
}

async function step(client: Client, card: { id: string; version: number }, name: string, body = {}) {
  return client.post(`/api/v1/referrals/${card.id}/${name}`, { version: card.version, ...body });
}

async function ok(client: Client, card: { id: string; version: number }, name: string, body = {}) {
  const response = await step(client, card, name, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ReferralCard;
}

/** A case with a plan item and a card sent to hospital A. */
async function sentCard(body: Record<string, unknown> = {}) {
  const { case: kase, child } = await newCase();
  const item = await planItem(kase.id);
  const card = await ok(worker, await created(item.id, body), 'send');
  return { kase, child, item, card };
}

async function planItemStatus(id: string) {
  const row = await t.ctx.db
    .selectFrom('plan_item')
    .select(['status', 'institution_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

async function notificationsOf(userId: string, kind: string) {
  return t.ctx.db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .execute();
}

async function accessLogOf(userId: string) {
  return t.ctx.db
    .selectFrom('access_log')
    .select(['what', 'target_id', 'case_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  hospitalA = (await createInstitution(t.ctx, TANGER, 'health')).id;
  hospitalB = (await createInstitution(t.ctx, TANGER, 'health')).id;
  closedHospital = (await createInstitution(t.ctx, TANGER, 'health')).id;
  rabatHospital = (await createInstitution(t.ctx, RABAT, 'health')).id;
  await t.ctx.db.updateTable('institution').set({ active: false }).where('id', '=', closedHospital).execute();
  // Hospital A and the Rabat hospital list the forensic examination in the actor map; B lists nothing.
  await t.ctx.db
    .insertInto('institution_service')
    .values([
      { institution_id: hospitalA, service_code: 'forensic_examination' },
      { institution_id: hospitalA, service_code: 'medical_examination' },
      { institution_id: closedHospital, service_code: 'forensic_examination' },
      { institution_id: rabatHospital, service_code: 'forensic_examination' },
    ])
    .execute();
  const [w, c, io, rw, fa, fa2, fb, an] = await Promise.all([
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['information_officer'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: RABAT }),
    createUser(t.ctx, { roles: ['partner_focal_point'], territoryCode: TANGER, institutionId: hospitalA }),
    createUser(t.ctx, { roles: ['partner_focal_point'], territoryCode: TANGER, institutionId: hospitalA }),
    createUser(t.ctx, { roles: ['partner_focal_point'], territoryCode: TANGER, institutionId: hospitalB }),
    createUser(t.ctx, { roles: ['ministry_analyst'], territoryCode: null }),
  ]);
  workerId = w.id;
  coordinatorId = c.id;
  focalAId = fa.id;
  focalA2Id = fa2.id;
  const sign = (u: { login: string }) => signedIn(t.app, u.login);
  [worker, coordinator, infoOfficer, rabatWorker, focalA, focalB, analyst] = await Promise.all([
    sign(w),
    sign(c),
    sign(io),
    sign(rw),
    sign(fa),
    sign(fb),
    sign(an),
  ]);
});

describe('creating a referral card', () => {
  it('writes a draft from a plan item: numbered, due when the item is due, invisible to the partner', async () => {
    const { case: kase } = await newCase();
    const item = await planItem(kase.id);
    const card = await created(item.id, { sharedSections: ['situation'], note: 'Merci de recevoir Karim.' });
    expect(card.number).toMatch(/^RC-TNG-\d{4}-\d{5}$/);
    expect(card).toMatchObject({
      status: 'draft',
      side: 'sender',
      caseId: kase.id,
      planItemId: item.id,
      serviceCode: 'forensic_examination',
      dueOn: item.dueOn,
      urgency: 'urgent',
      sharedSections: ['profile', 'situation'],
      shareIdentity: false,
      note: 'Merci de recevoir Karim.',
      receivingInstitution: { id: hospitalA, sectorCode: 'health', territoryCode: TANGER },
      permissions: { send: true, cancel: true, acknowledge: false },
    });
    // The note is encrypted at rest.
    const stored = await t.ctx.db
      .selectFrom('referral_card')
      .select('note_enc')
      .where('id', '=', card.id)
      .executeTakeFirstOrThrow();
    expect(stored.note_enc).not.toContain('Karim');
    // A draft is the sender's alone.
    expect((await focalA.get(`/api/v1/referrals/${card.id}`)).statusCode).toBe(403);
    const inbox = (await focalA.get('/api/v1/referrals?box=inbox')).json();
    expect(inbox.items.map((c: { id: string }) => c.id)).not.toContain(card.id);
    // Numbers follow each other.
    const { case: other } = await newCase();
    const next = await created((await planItem(other.id)).id);
    expect(Number(next.number.slice(-5))).toBe(Number(card.number.slice(-5)) + 1);
  });

  it('suggests the institutions of the territory offering the service, then of its sector, then elsewhere', async () => {
    const { case: kase } = await newCase();
    const item = await planItem(kase.id);
    const response = await worker.get(`/api/v1/plan-items/${item.id}/referral/suggestions`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const ids = body.items.map((i: { id: string }) => i.id);
    expect(ids[0]).toBe(hospitalA);
    expect(ids).toContain(hospitalB);
    expect(ids).toContain(rabatHospital);
    expect(ids).not.toContain(closedHospital);
    expect(ids.indexOf(hospitalB)).toBeLessThan(ids.indexOf(rabatHospital));
    expect(body.items[0]).toMatchObject({ match: 'offers_service', sameTerritory: true, focalPoints: 2 });
    expect(body.items.find((i: { id: string }) => i.id === hospitalB)).toMatchObject({ match: 'sector' });
    expect(body.items.find((i: { id: string }) => i.id === rabatHospital)).toMatchObject({
      match: 'offers_service',
      sameTerritory: false,
    });
    expect(body.suggestedDueOn).toBe(item.dueOn);
    expect(body.openCardId).toBeNull();
    expect((await focalA.get(`/api/v1/plan-items/${item.id}/referral/suggestions`)).statusCode).toBe(403);
  });

  it('refuses an inactive or unknown institution and a date in the past; warns when the service is not listed', async () => {
    const { case: kase } = await newCase();
    const item = await planItem(kase.id);
    const inactive = await draft(item.id, { receivingInstitutionId: closedHospital });
    expect(inactive.statusCode).toBe(400);
    expect(fieldCodes(inactive)).toEqual(['receivingInstitutionId:inactive_institution']);
    const unknown = await draft(item.id, { receivingInstitutionId: '00000000-0000-4000-8000-000000000000' });
    expect(fieldCodes(unknown)).toEqual(['receivingInstitutionId:unknown_code']);
    const past = await draft(item.id, { dueOn: addDays(today(), -1) });
    expect(fieldCodes(past)).toEqual(['dueOn:in_past']);
    const mismatch = await draft(item.id, { receivingInstitutionId: hospitalB });
    expect(mismatch.statusCode).toBe(400);
    expect(fieldCodes(mismatch)).toEqual(['confirmServiceMismatch:service_not_offered_confirm']);
    expect(problemOf(mismatch).fields![0]!.message).toMatch(/does not offer this service/);
    expect(
      await t.ctx.db.selectFrom('referral_card').select('id').where('plan_item_id', '=', item.id).execute(),
    ).toEqual([]);
    const confirmed = await created(item.id, {
      receivingInstitutionId: hospitalB,
      confirmServiceMismatch: true,
    });
    expect(confirmed.receivingInstitution.id).toBe(hospitalB);
  });

  it('accepts an institution of another province', async () => {
    const { case: kase } = await newCase();
    const item = await planItem(kase.id);
    const card = await created(item.id, { receivingInstitutionId: rabatHospital });
    expect(card.receivingInstitution).toMatchObject({ id: rabatHospital, territoryCode: RABAT });
    expect(card.territoryCode).toBe(TANGER);
  });

  it('keeps one open card per plan item, none for a delivered service, and only the CAPE of the case writes one', async () => {
    const { case: kase } = await newCase();
    const item = await planItem(kase.id);
    await created(item.id);
    const again = await draft(item.id);
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('referral_already_open');

    const other = await planItem(kase.id, worker, 'medical_examination');
    await worker.put(`/api/v1/plan-items/${other.id}`, {
      status: 'delivered',
      notDeliveredReason: null,
      institutionId: null,
      dueOn: other.dueOn,
      need: null,
      version: other.version,
    });
    const delivered = await draft(other.id);
    expect(delivered.statusCode).toBe(409);
    expect(problemOf(delivered).code).toBe('plan_item_delivered');

    const fresh = await planItem(kase.id, worker, 'psychological_assessment');
    for (const client of [focalA, rabatWorker, analyst, infoOfficer]) {
      expect((await draft(fresh.id, {}, client)).statusCode).toBe(403);
    }
    expect((await draft('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('the lifecycle', () => {
  it('send → acknowledge → start → complete, the plan item following, each step attributed, the other side told', async () => {
    const { kase, item, card } = await sentCard();
    expect(card).toMatchObject({ status: 'sent', sent: { byId: workerId } });
    expect(await planItemStatus(item.id)).toEqual({ status: 'requested', institution_id: hospitalA });
    // Every focal point of the institution hears of the card: codes and a path, no name.
    for (const id of [focalAId, focalA2Id]) {
      const [notice] = await notificationsOf(id, 'referral_received');
      expect(notice?.data).toMatchObject({
        cardId: card.id,
        cardNumber: card.number,
        path: `/referrals/${card.id}`,
      });
      expect(JSON.stringify(notice?.data)).not.toMatch(/Karim|Benjelloun|كريم/);
    }

    const inbox = (await focalA.get('/api/v1/referrals?box=inbox&status=sent')).json();
    expect(inbox.items.map((c: { id: string }) => c.id)).toContain(card.id);

    const seen = (await focalA.get(`/api/v1/referrals/${card.id}`)).json() as ReferralCard;
    expect(seen).toMatchObject({ side: 'receiver', permissions: { acknowledge: true, send: false } });
    const received = await ok(focalA, seen, 'acknowledge');
    expect(received).toMatchObject({ status: 'received', received: { byId: focalAId } });
    expect(await notificationsOf(workerId, 'referral_acknowledged')).toHaveLength(1);

    const started = await ok(focalA, received, 'start');
    expect(started.status).toBe('in_progress');
    expect((await planItemStatus(item.id)).status).toBe('in_progress');

    expect((await attach(focalA, card.id)).statusCode).toBe(201);
    const empty = await step(focalA, started, 'complete', { measures: '  ' });
    expect(fieldCodes(empty)).toEqual(['measures:required']);
    const completed = await ok(focalA, started, 'complete', {
      measures: 'Examen médico-légal fait, certificat de 21 jours joint.',
    });
    expect(completed).toMatchObject({ status: 'completed', completed: { byId: focalAId } });
    expect(completed.attachments).toHaveLength(1);
    expect((await planItemStatus(item.id)).status).toBe('delivered');
    expect(await notificationsOf(workerId, 'referral_completed')).toHaveLength(1);

    // The CAPE sees the answer on the case page and the card.
    const mine = (await worker.get(`/api/v1/referrals/${card.id}`)).json() as ReferralCard;
    expect(mine).toMatchObject({
      side: 'sender',
      measures: 'Examen médico-légal fait, certificat de 21 jours joint.',
      attachments: [{ side: 'receiver', documentType: 'certificate', title: 'Certificat médical initial' }],
    });
    const ofCase = (await worker.get(`/api/v1/cases/${kase.id}/referrals`)).json();
    expect(ofCase.items).toEqual([expect.objectContaining({ id: card.id, status: 'completed' })]);
  });

  it('answers on a closed card are refused with 409 card_closed; nothing changes', async () => {
    const { card } = await sentCard();
    const completed = await ok(focalA, card, 'complete', { measures: 'Fait.' });
    for (const [client, name, body] of [
      [focalA, 'acknowledge', {}],
      [focalA, 'start', {}],
      [focalA, 'complete', { measures: 'Encore' }],
      [focalA, 'decline', { reason: 'Non' }],
      [worker, 'cancel', {}],
      [worker, 'send', {}],
    ] as const) {
      const response = await step(client, completed, name, body);
      expect(response.statusCode, name).toBe(409);
      expect(problemOf(response).code, name).toBe('card_closed');
    }
    expect((await attach(focalA, card.id)).statusCode).toBe(409);
    const after = (await worker.get(`/api/v1/referrals/${card.id}`)).json() as ReferralCard;
    expect(after).toMatchObject({ status: 'completed', version: completed.version, measures: 'Fait.' });
  });

  it('two answers racing: one wins, the other gets 409 with the card as it is', async () => {
    const { card } = await sentCard();
    const [a, b] = await Promise.all([step(focalA, card, 'acknowledge'), step(focalA, card, 'acknowledge')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(problemOf(lost)).toMatchObject({ code: 'version_conflict', current: { status: 'received' } });
    // A stale version after the fact, too.
    const stale = await step(focalA, card, 'decline', { reason: 'Pas de médecin légiste cette semaine.' });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).code).toBe('version_conflict');
    // A step the status does not allow.
    const current = (await focalA.get(`/api/v1/referrals/${card.id}`)).json() as ReferralCard;
    const twice = await step(focalA, current, 'acknowledge');
    expect(problemOf(twice).code).toBe('card_step_not_allowed');
  });

  it('declining needs a reason and frees the plan item for another card', async () => {
    const { item, card } = await sentCard();
    const missing = await step(focalA, card, 'decline', { reason: '' });
    expect(missing.statusCode).toBe(400);
    expect(fieldCodes(missing)).toEqual(['reason:reason_required']);
    const declined = await ok(focalA, card, 'decline', { reason: 'Pas de médecin légiste cette semaine.' });
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'Pas de médecin légiste cette semaine.',
      declined: { byId: focalAId },
      received: { byId: focalAId },
    });
    expect((await planItemStatus(item.id)).status).toBe('planned');
    expect(await notificationsOf(workerId, 'referral_declined')).toHaveLength(1);
    const again = await created(item.id, { receivingInstitutionId: rabatHospital });
    expect(again.status).toBe('draft');
  });

  it('the sender cancels a card not closed; the partner is told and cannot cancel', async () => {
    const { item, card } = await sentCard();
    expect((await step(focalA, card, 'cancel')).statusCode).toBe(403);
    const before = (await notificationsOf(focalAId, 'referral_cancelled')).length;
    const cancelled = await ok(coordinator, card, 'cancel');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelled: { byId: coordinatorId } });
    expect((await planItemStatus(item.id)).status).toBe('planned');
    expect(await notificationsOf(focalAId, 'referral_cancelled')).toHaveLength(before + 1);
    // A draft withdrawn leaves its plan item as it was.
    const { case: kase } = await newCase();
    const other = await planItem(kase.id);
    await ok(worker, await created(other.id), 'cancel');
    expect((await planItemStatus(other.id)).status).toBe('planned');
  });

  it('the receiving side cannot send, the sending side cannot answer', async () => {
    const { card } = await sentCard();
    for (const [name, body] of [
      ['acknowledge', {}],
      ['start', {}],
      ['complete', { measures: 'x' }],
      ['decline', { reason: 'x' }],
    ] as const) {
      expect((await step(worker, card, name, body)).statusCode, name).toBe(403);
      expect((await step(focalB, card, name, body)).statusCode, name).toBe(403);
    }
    expect((await step(focalA, card, 'send')).statusCode).toBe(403);
  });
});

describe('the thread', () => {
  it('carries messages both ways once sent, encrypted, each telling the other side; closed when cancelled', async () => {
    const { case: kase } = await newCase();
    const item = await planItem(kase.id);
    const card = await created(item.id);
    const early = await worker.post(`/api/v1/referrals/${card.id}/messages`, { body: 'Bonjour' });
    expect(problemOf(early).code).toBe('card_not_sent');
    const sent = await ok(worker, card, 'send');
    const question = await focalA.post(`/api/v1/referrals/${card.id}/messages`, {
      body: "L'enfant peut-il venir demain à 9h ?",
    });
    expect(question.statusCode, question.body).toBe(201);
    expect(question.json()).toMatchObject({ side: 'receiver', authorId: focalAId });
    const answer = await worker.post(`/api/v1/referrals/${card.id}/messages`, { body: 'Oui, avec sa mère.' });
    expect(answer.statusCode).toBe(201);
    const thread = (await focalA.get(`/api/v1/referrals/${card.id}/messages`)).json();
    expect(thread.items.map((m: { body: string }) => m.body)).toEqual([
      "L'enfant peut-il venir demain à 9h ?",
      'Oui, avec sa mère.',
    ]);
    const stored = await t.ctx.db.selectFrom('referral_message').select('body_enc').execute();
    expect(stored.every((m) => !m.body_enc.includes('mère'))).toBe(true);
    expect((await notificationsOf(workerId, 'referral_message')).some((n) => n.data.cardId === card.id)).toBe(
      true,
    );
    expect((await notificationsOf(focalAId, 'referral_message')).some((n) => n.data.cardId === card.id)).toBe(
      true,
    );
    expect((await focalB.get(`/api/v1/referrals/${card.id}/messages`)).statusCode).toBe(403);
    expect((await focalB.post(`/api/v1/referrals/${card.id}/messages`, { body: 'x' })).statusCode).toBe(403);
    expect((await worker.post(`/api/v1/referrals/${card.id}/messages`, { body: ' ' })).statusCode).toBe(400);

    await ok(worker, sent, 'cancel');
    const closed = await focalA.post(`/api/v1/referrals/${card.id}/messages`, { body: 'Et maintenant ?' });
    expect(problemOf(closed).code).toBe('card_closed');
  });
});

describe('attachments', () => {
  it('checks type and size like the child’s files and logs every download', async () => {
    const { card } = await sentCard();
    const exe = await attach(focalA, card.id, Buffer.concat([Buffer.from('MZ'), randomBytes(100)]));
    expect(exe.statusCode).toBe(400);
    expect(fieldCodes(exe)).toEqual(['file:unsupported_document_type']);
    const big = await attach(
      focalA,
      card.id,
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]),
    );
    expect(big.statusCode).toBe(413);
    expect(problemOf(big).code).toBe('body_too_large');
    expect((await attach(focalB, card.id)).statusCode).toBe(403);
    expect(
      await t.ctx.db.selectFrom('referral_attachment').select('id').where('card_id', '=', card.id).execute(),
    ).toEqual([]);

    const uploaded = await attach(worker, card.id, PDF, 'Lettre de liaison');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const attachment = uploaded.json();
    expect(attachment).toMatchObject({
      side: 'sender',
      contentType: 'application/pdf',
      title: 'Lettre de liaison',
    });

    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/referral-attachments/${attachment.id}/content`,
      headers: { cookie: focalA.cookie! },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(card.number);
    expect(Buffer.compare(download.rawPayload, PDF)).toBe(0);
    expect(await accessLogOf(focalAId)).toContainEqual(
      expect.objectContaining({ what: 'referral_attachment', target_id: attachment.id }),
    );
    expect((await focalB.get(`/api/v1/referral-attachments/${attachment.id}/content`)).statusCode).toBe(403);
  });
});

describe("the partner's confinement", () => {
  it('a focal point reaches its institution’s cards only, with what was shared, and nothing else of the child', async () => {
    const { kase, child, card } = await sentCard({ sharedSections: ['situation'] });
    // Institution B's focal point: not this card.
    expect((await focalB.get(`/api/v1/referrals/${card.id}`)).statusCode).toBe(403);
    expect((await focalB.get('/api/v1/referrals?box=inbox')).json().items).toEqual([]);
    // Institution A's: its card, but not the case, the child, the timeline or the plan behind it.
    expect((await focalA.get(`/api/v1/referrals/${card.id}`)).statusCode).toBe(200);
    for (const url of [
      `/api/v1/cases/${kase.id}`,
      `/api/v1/children/${child.id}/identity`,
      `/api/v1/children/${child.id}`,
      `/api/v1/cases/${kase.id}/timeline`,
      `/api/v1/cases/${kase.id}/plan`,
      `/api/v1/cases/${kase.id}/referrals`,
      `/api/v1/cases/${kase.id}/files/medical`,
      '/api/v1/referrals?box=outbox',
      '/api/v1/cases',
    ]) {
      const response = await focalA.get(url);
      expect(response.statusCode, url).toBe(403);
    }
    // The CAPE's lists are the CAPE's; the inbox is the partners'.
    expect((await worker.get('/api/v1/referrals?box=inbox')).statusCode).toBe(403);
    expect((await infoOfficer.get('/api/v1/referrals?box=outbox')).statusCode).toBe(200);
    expect((await infoOfficer.get(`/api/v1/referrals/${card.id}`)).statusCode).toBe(403);
    expect((await rabatWorker.get(`/api/v1/referrals/${card.id}`)).statusCode).toBe(403);
    expect((await analyst.get('/api/v1/referrals?box=outbox')).statusCode).toBe(403);
  });

  it('shows the identity only when shared, and logs that view', async () => {
    const plain = await sentCard();
    const seen = (await focalA.get(`/api/v1/referrals/${plain.card.id}`)).json() as ReferralCard;
    expect(seen.shared).toMatchObject({
      profile: { childCode: plain.child.code, sex: 'male' },
      identity: null,
      situation: null,
      assessment: null,
      need: null,
    });
    expect(seen.shared.profile.ageBand).toMatch(/^\d+_/);
    expect(JSON.stringify(seen)).not.toMatch(/Karim|Benjelloun|كريم/);
    expect(await accessLogOf(focalAId)).toContainEqual({
      what: 'referral_card',
      target_id: plain.card.id,
      case_id: plain.kase.id,
    });

    const shared = await sentCard({ shareIdentity: true, sharedSections: ['situation', 'plan_item_need'] });
    const full = (await focalA.get(`/api/v1/referrals/${shared.card.id}`)).json() as ReferralCard;
    expect(full.sharedSections).toEqual(['profile', 'identity', 'situation', 'plan_item_need']);
    expect(full.shared.identity).toMatchObject({ firstNameLatin: 'Karim', lastNameLatin: 'Benjelloun' });
    expect(full.shared.situation).toEqual({
      harmForms: ['physical_violence'],
      situations: ['victim'],
      dangerLevel: null,
    });
    expect(full.shared.need).toContain('Certificat');
    expect(await accessLogOf(focalAId)).toContainEqual({
      what: 'referral_identity',
      target_id: shared.card.id,
      case_id: shared.kase.id,
    });
    // The sender's view names what is shared but does not decrypt the identity for it.
    const mine = (await worker.get(`/api/v1/referrals/${shared.card.id}`)).json() as ReferralCard;
    expect(mine).toMatchObject({ shareIdentity: true, shared: { identity: null } });
    // The card rows hold no name in clear.
    const rows = await sql<{ row: string }>`SELECT c::text AS row FROM referral_card c`.execute(t.ctx.db);
    expect(rows.rows.some((r) => /Karim|Benjelloun|Certificat/.test(r.row))).toBe(false);
  });
});

describe('deadlines', () => {
  async function backdate(cardId: string, daysLate: number) {
    await t.ctx.db
      .updateTable('referral_card')
      .set({ due_on: addDays(today(), -daysLate) })
      .where('id', '=', cardId)
      .execute();
  }

  it('flags overdue cards and reminds the receiving side once, whatever the number of runs', async () => {
    const { card } = await sentCard();
    await backdate(card.id, 2);
    const listed = (await focalA.get('/api/v1/referrals?box=inbox&overdue=true')).json();
    expect(listed.items).toContainEqual(expect.objectContaining({ id: card.id, overdue: true }));
    expect((await worker.get('/api/v1/referrals?box=outbox&overdue=true')).json().items).toContainEqual(
      expect.objectContaining({ id: card.id }),
    );

    expect(await remindOverdueReferrals(t.ctx)).toBeGreaterThanOrEqual(1);
    const reminded = (await notificationsOf(focalAId, 'referral_overdue')).filter(
      (n) => n.data.cardId === card.id,
    );
    expect(reminded).toHaveLength(1);
    expect(reminded[0]!.data).toMatchObject({ cardNumber: card.number, path: `/referrals/${card.id}` });
    expect(await remindOverdueReferrals(t.ctx)).toBe(0);
    expect(
      (await notificationsOf(focalAId, 'referral_overdue')).filter((n) => n.data.cardId === card.id),
    ).toHaveLength(1);
    // Two instances running the job at once still remind each card once.
    const { card: other } = await sentCard();
    await backdate(other.id, 1);
    const runs = await Promise.all([remindOverdueReferrals(t.ctx), remindOverdueReferrals(t.ctx)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    // A completed card is no longer overdue.
    const current = (await focalA.get(`/api/v1/referrals/${other.id}`)).json() as ReferralCard;
    const done = await ok(focalA, current, 'complete', { measures: 'Fait en retard.' });
    expect(done.overdue).toBe(false);
  });

  it('escalates to the CAPE coordinators past the second threshold, once', async () => {
    const { card } = await sentCard();
    await backdate(card.id, 3);
    await escalateOverdueReferrals(t.ctx);
    expect(
      (await notificationsOf(coordinatorId, 'referral_escalated')).filter((n) => n.data.cardId === card.id),
    ).toEqual([]);
    await backdate(card.id, t.ctx.config.referralEscalationDays + 1);
    expect(await escalateOverdueReferrals(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueReferrals(t.ctx)).toBe(0);
    const escalated = (await notificationsOf(coordinatorId, 'referral_escalated')).filter(
      (n) => n.data.cardId === card.id,
    );
    expect(escalated).toHaveLength(1);
    const seen = (await worker.get(`/api/v1/referrals/${card.id}`)).json() as ReferralCard;
    expect(seen.escalated).toBe(true);
    expect(seen.escalatedAt).not.toBeNull();
  });
});

describe('the circuit view', () => {
  it('counts cards per sector and service with median times and the share overdue', async () => {
    const meknesWorker = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: MEKNES });
    const meknesClient = await signedIn(t.app, meknesWorker.login);
    const hospital = (await createInstitution(t.ctx, MEKNES, 'health')).id;
    const school = (await createInstitution(t.ctx, MEKNES, 'education')).id;
    const cards: string[] = [];
    for (const [institution, service] of [
      [hospital, 'forensic_examination'],
      [hospital, 'forensic_examination'],
      [hospital, 'forensic_examination'],
      [hospital, 'forensic_examination'],
      [school, 'school_reintegration'],
    ] as const) {
      const { case: kase } = await newCase(MEKNES, meknesWorker.id);
      const item = await planItem(kase.id, meknesClient, service);
      const card = await created(
        item.id,
        { receivingInstitutionId: institution, confirmServiceMismatch: true },
        meknesClient,
      );
      await ok(meknesClient, card, 'send');
      cards.push(card.id);
    }
    const [c1, c2, c3, c4, c5] = cards as [string, string, string, string, string];
    const set = (id: string, values: string) =>
      sql`UPDATE referral_card SET ${sql.raw(values)} WHERE id = ${id}`.execute(t.ctx.db);
    const sent = "sent_at = now() - interval '20 days'";
    // Acknowledged after 2 h, completed after 10 h, in time.
    await set(
      c1,
      `${sent}, status = 'completed', received_at = now() - interval '20 days' + interval '2 hours', completed_at = now() - interval '20 days' + interval '10 hours', measures_enc = 'x', due_on = current_date`,
    );
    // Acknowledged after 4 h, completed after 30 h, past its due date.
    await set(
      c2,
      `${sent}, status = 'completed', received_at = now() - interval '20 days' + interval '4 hours', completed_at = now() - interval '20 days' + interval '30 hours', measures_enc = 'x', due_on = current_date - 20`,
    );
    // Acknowledged after 6 h, still open and overdue.
    await set(
      c3,
      `${sent}, status = 'received', received_at = now() - interval '20 days' + interval '6 hours', due_on = current_date - 5`,
    );
    // Cancelled.
    await set(c4, `${sent}, status = 'cancelled', cancelled_at = now() - interval '19 days'`);
    // Still open, on time (the school).
    await set(c5, `${sent}, due_on = current_date + 3`);

    const response = await meknesClient.get(`/api/v1/territories/${MEKNES}/circuit`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.rows).toEqual([
      {
        sectorCode: 'education',
        serviceCode: 'school_reintegration',
        cards: 1,
        completed: 0,
        declined: 0,
        cancelled: 0,
        openNow: 1,
        overdueNow: 0,
        medianHoursToAcknowledge: null,
        medianHoursToComplete: null,
        overdueShare: 0,
      },
      {
        sectorCode: 'health',
        serviceCode: 'forensic_examination',
        cards: 4,
        completed: 2,
        declined: 0,
        cancelled: 1,
        openNow: 1,
        overdueNow: 1,
        medianHoursToAcknowledge: 4,
        medianHoursToComplete: 20,
        overdueShare: 0.667,
      },
    ]);
    expect(body.totals).toMatchObject({ cards: 5, openNow: 2, overdueNow: 1, overdueShare: 0.5 });

    // A period without cards.
    const empty = (
      await meknesClient.get(`/api/v1/territories/${MEKNES}/circuit?from=2020-01-01&to=2020-12-31`)
    ).json();
    expect(empty.rows).toEqual([]);
    expect(empty.totals).toMatchObject({ cards: 0, overdueShare: null });
    const reversed = await meknesClient.get(
      `/api/v1/territories/${MEKNES}/circuit?from=2021-01-01&to=2020-12-31`,
    );
    expect(fieldCodes(reversed)).toEqual(['from:after_end_date']);

    // The Ministry reads any territory; another province, a partner, or an auditor do not.
    expect((await analyst.get(`/api/v1/territories/${MEKNES}/circuit`)).statusCode).toBe(200);
    expect((await worker.get(`/api/v1/territories/${MEKNES}/circuit`)).statusCode).toBe(403);
    expect((await focalA.get(`/api/v1/territories/${TANGER}/circuit`)).statusCode).toBe(403);
    expect((await coordinator.get(`/api/v1/territories/${TANGER}/circuit`)).statusCode).toBe(200);
  });
});

describe('real time', () => {
  let second: Awaited<ReturnType<typeof buildApp>>;
  let secondBus: EventBus;

  beforeAll(async () => {
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

  /** Reads a server-sent events stream until events of the given types arrive. */
  async function eventsOf(cookie: string, types: string[], trigger: () => Promise<void>) {
    const port = (second.server.address() as AddressInfo).port;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let triggered = false;
    const found: Record<string, Record<string, unknown>> = {};
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
        for (const type of types) {
          const match = buffer.match(new RegExp(`event: ${type.replace('.', '\\.')}\\ndata: (.*)\\n\\n`));
          if (match) found[type] = JSON.parse(match[1]!) as Record<string, unknown>;
        }
        if (types.every((type) => found[type])) return found;
      }
      throw new Error(`missing events; got: ${buffer}`);
    } finally {
      controller.abort();
    }
  }

  it('a card sent reaches the partner at once on another instance; its answer reaches the social worker', async () => {
    const { case: kase } = await newCase();
    const item = await planItem(kase.id);
    const card = await created(item.id);
    const atPartner = await eventsOf(focalA.cookie!, ['notification', 'referral.updated'], async () => {
      await ok(worker, card, 'send');
    });
    expect(atPartner.notification).toMatchObject({ kind: 'referral_received', cardId: card.id });
    expect(atPartner['referral.updated']).toEqual({ cardId: card.id, caseId: kase.id, status: 'sent' });

    const current = (await focalA.get(`/api/v1/referrals/${card.id}`)).json() as ReferralCard;
    const atWorker = await eventsOf(worker.cookie!, ['notification', 'referral.updated'], async () => {
      await ok(focalA, current, 'acknowledge');
    });
    expect(atWorker.notification).toMatchObject({ kind: 'referral_acknowledged', cardId: card.id });
    expect(atWorker['referral.updated']).toMatchObject({ cardId: card.id, status: 'received' });
  });
});
