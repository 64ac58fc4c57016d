import {
  addDays,
  casablancaDate,
  defaultProtocolRules,
  type PlanItem,
  type PlanSuggestion,
  type ProtocolRule,
} from '@madar/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../test/fixtures';
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
import { ensureDefaultProtocol } from './repository';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';

let t: TestApp;
let workerId: string;
let worker: Client;
let coordinator: Client;
let infoOfficer: Client;
let rabatWorker: Client;
let partner: Client;
let analyst: Client;
let nationalAdmin: Client;
let provincialAdmin: Client;
let rabatProvincialAdmin: Client;
let tangerHealth: string;
let tangerHealthClosed: string;
let rabatHealth: string;
let tangerInterior: string;

const today = () => casablancaDate();

async function newCase(input: Partial<Parameters<typeof createCase>[1]> = {}) {
  return (await createCase(t.ctx, { territoryCode: TANGER, workerId, ...input })).case;
}

async function suggestionsFor(caseId: string, by: Client = worker) {
  const response = await by.get(`/api/v1/cases/${caseId}/plan/suggestions`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { stage: string; protocol: string; items: PlanSuggestion[] };
}

async function plan(caseId: string, body: Record<string, unknown> = {}, by: Client = worker) {
  return by.post(`/api/v1/cases/${caseId}/plan`, {
    serviceCode: 'forensic_examination',
    sectorCode: 'health',
    institutionId: null,
    need: null,
    dueOn: addDays(today(), 1),
    ...body,
  });
}

async function planned(caseId: string, body: Record<string, unknown> = {}) {
  const response = await plan(caseId, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PlanItem;
}

function updateOf(item: PlanItem, changes: Record<string, unknown> = {}) {
  return {
    status: item.status,
    notDeliveredReason: item.notDeliveredReason,
    institutionId: item.institution?.id ?? null,
    dueOn: item.dueOn,
    need: item.need,
    version: item.version,
    ...changes,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const user = async (
    roles: Parameters<typeof createUser>[1]['roles'],
    territoryCode: string | null = TANGER,
  ) => createUser(t.ctx, { roles, territoryCode });
  const w = await user(['social_worker']);
  workerId = w.id;
  worker = await signedIn(t.app, w.login);
  coordinator = await signedIn(t.app, (await user(['cape_coordinator'])).login);
  infoOfficer = await signedIn(t.app, (await user(['information_officer'])).login);
  rabatWorker = await signedIn(t.app, (await user(['social_worker'], RABAT)).login);
  analyst = await signedIn(t.app, (await user(['ministry_analyst'], null)).login);
  nationalAdmin = await signedIn(t.app, (await user(['national_admin'], null)).login);
  provincialAdmin = await signedIn(t.app, (await user(['provincial_admin'])).login);
  rabatProvincialAdmin = await signedIn(t.app, (await user(['provincial_admin'], RABAT)).login);
  tangerHealth = (await createInstitution(t.ctx, TANGER, 'health')).id;
  tangerHealthClosed = (await createInstitution(t.ctx, TANGER, 'health')).id;
  await t.ctx.db
    .updateTable('institution')
    .set({ active: false })
    .where('id', '=', tangerHealthClosed)
    .execute();
  rabatHealth = (await createInstitution(t.ctx, RABAT, 'health')).id;
  tangerInterior = (await createInstitution(t.ctx, TANGER, 'interior')).id;
  const p = await createUser(t.ctx, { roles: ['partner_focal_point'], institutionId: tangerHealth });
  partner = await signedIn(t.app, p.login);
});

describe('the default protocol', () => {
  it('is shipped as the national rule set, once', async () => {
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('protocol_rule')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('territory_code', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(defaultProtocolRules().length);
    await ensureDefaultProtocol(t.ctx.db);
    await ensureDefaultProtocol(t.ctx.db);
    expect(await count()).toBe(defaultProtocolRules().length);
  });

  it('is read by the national administrator and by CAPE staff, filtered by stage', async () => {
    const national = await nationalAdmin.get('/api/v1/protocol-rules');
    expect(national.statusCode, national.body).toBe(200);
    const body = national.json() as { territoryCode: null; inherited: boolean; rules: ProtocolRule[] };
    expect(body).toMatchObject({ territoryCode: null, inherited: false });
    expect(body.rules).toContainEqual(
      expect.objectContaining({
        stage: 'initial_diagnosis',
        harmForm: 'sexual_violence',
        serviceCode: 'forensic_examination',
        sectorCode: 'health',
        maxDelayDays: 1,
        territoryCode: null,
      }),
    );

    const care = await worker.get(`/api/v1/protocol-rules?territoryCode=${TANGER}&stage=care`);
    expect(care.statusCode, care.body).toBe(200);
    const careBody = care.json() as { territoryCode: string; inherited: boolean; rules: ProtocolRule[] };
    expect(careBody).toMatchObject({ territoryCode: TANGER, inherited: true });
    expect(careBody.rules.length).toBeGreaterThan(0);
    expect(careBody.rules.every((r) => r.stage === 'care')).toBe(true);
    expect((await infoOfficer.get(`/api/v1/protocol-rules?territoryCode=${TANGER}`)).statusCode).toBe(200);
  });

  it('refuses another territory, partners and the ministry analyst', async () => {
    expect((await worker.get(`/api/v1/protocol-rules?territoryCode=${RABAT}`)).statusCode).toBe(403);
    expect((await rabatWorker.get(`/api/v1/protocol-rules?territoryCode=${TANGER}`)).statusCode).toBe(403);
    expect((await partner.get(`/api/v1/protocol-rules?territoryCode=${TANGER}`)).statusCode).toBe(403);
    expect((await partner.get('/api/v1/protocol-rules')).statusCode).toBe(403);
    expect((await analyst.get('/api/v1/protocol-rules')).statusCode).toBe(403);
  });
});

describe('suggestions from the protocol', () => {
  it('recommends the services of the stage and of the harm, most urgent first, with due dates and candidates', async () => {
    const kase = await newCase({
      stage: 'initial_diagnosis',
      harmForms: ['sexual_violence'],
      situations: ['not_registered_civil_status'],
    });
    const body = await suggestionsFor(kase.id);
    expect(body).toMatchObject({ stage: 'initial_diagnosis', protocol: 'national' });
    const codes = body.items.map((s) => s.serviceCode);
    expect(codes.slice(0, 2).sort()).toEqual(['forensic_examination', 'report_to_prosecutor']);
    expect(codes).toEqual(
      expect.arrayContaining([
        'medical_examination',
        'psychological_assessment',
        'social_inquiry',
        'civil_registration',
      ]),
    );
    // Nothing of another stage or of a harm the child did not suffer.
    expect(codes).not.toContain('withdrawal_from_work');
    expect(codes).not.toContain('family_reintegration');

    const forensic = body.items.find((s) => s.serviceCode === 'forensic_examination')!;
    expect(forensic).toMatchObject({
      sectorCode: 'health',
      maxDelayDays: 1,
      suggestedDueOn: addDays(today(), 1),
      harmForms: ['sexual_violence'],
      situations: [],
    });
    expect(forensic.labels.fr).toBe('Expertise médico-légale et certificat médical');
    // Active institutions of the case's territory in that sector only.
    expect(forensic.candidates.map((c) => c.id)).toContain(tangerHealth);
    expect(forensic.candidates.map((c) => c.id)).not.toContain(tangerHealthClosed);
    expect(forensic.candidates.map((c) => c.id)).not.toContain(rabatHealth);

    expect(body.items.find((s) => s.serviceCode === 'report_to_prosecutor')).toMatchObject({
      sectorCode: 'public_prosecution',
      maxDelayDays: 1,
    });
    const civil = body.items.find((s) => s.serviceCode === 'civil_registration')!;
    expect(civil).toMatchObject({
      sectorCode: 'interior',
      maxDelayDays: 30,
      suggestedDueOn: addDays(today(), 30),
      situations: ['not_registered_civil_status'],
    });
    expect(civil.candidates.map((c) => c.id)).toEqual([tangerInterior]);
    expect(body.items.find((s) => s.serviceCode === 'medical_examination')).toMatchObject({
      maxDelayDays: 7,
      harmForms: [],
    });
  });

  it('recommends withdrawal from work within 7 days for child labour', async () => {
    const kase = await newCase({ stage: 'care', harmForms: ['child_labour'] });
    const body = await suggestionsFor(kase.id);
    expect(body.items[0]).toMatchObject({
      serviceCode: 'withdrawal_from_work',
      sectorCode: 'labour',
      maxDelayDays: 7,
      suggestedDueOn: addDays(today(), 7),
    });
    expect(body.items.map((s) => s.serviceCode)).toContain('psychological_support');
  });

  it('leaves out services open or delivered in the plan, and offers again one not delivered', async () => {
    const kase = await newCase({ stage: 'initial_diagnosis', harmForms: ['sexual_violence'] });
    const item = await planned(kase.id, { serviceCode: 'forensic_examination' });
    const medical = await planned(kase.id, {
      serviceCode: 'medical_examination',
      dueOn: addDays(today(), 7),
    });
    let codes = (await suggestionsFor(kase.id)).items.map((s) => s.serviceCode);
    expect(codes).not.toContain('forensic_examination');
    expect(codes).not.toContain('medical_examination');

    const failed = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(item, { status: 'not_delivered', notDeliveredReason: 'service_unavailable' }),
    );
    expect(failed.statusCode, failed.body).toBe(200);
    const done = await worker.put(
      `/api/v1/plan-items/${medical.id}`,
      updateOf(medical, { status: 'delivered' }),
    );
    expect(done.statusCode, done.body).toBe(200);
    codes = (await suggestionsFor(kase.id)).items.map((s) => s.serviceCode);
    expect(codes).toContain('forensic_examination');
    expect(codes).not.toContain('medical_examination');
  });

  it('is read by CAPE staff of the territory only', async () => {
    const kase = await newCase();
    expect((await infoOfficer.get(`/api/v1/cases/${kase.id}/plan/suggestions`)).statusCode).toBe(200);
    for (const other of [rabatWorker, partner, analyst, nationalAdmin]) {
      expect((await other.get(`/api/v1/cases/${kase.id}/plan/suggestions`)).statusCode).toBe(403);
    }
  });
});

describe('plan items', () => {
  it('adds a service with its need encrypted, and touches the case', async () => {
    const kase = await newCase({ stage: 'initial_diagnosis', harmForms: ['sexual_violence'] });
    const need = 'Certificat médical pour la plainte contre M. Tazi';
    const response = await plan(kase.id, { institutionId: tangerHealth, need });
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json() as PlanItem;
    expect(item).toMatchObject({
      caseId: kase.id,
      territoryCode: TANGER,
      stage: 'initial_diagnosis',
      serviceCode: 'forensic_examination',
      sectorCode: 'health',
      institution: { id: tangerHealth, active: true },
      need,
      dueOn: addDays(today(), 1),
      status: 'planned',
      notDeliveredReason: null,
      overdue: false,
      createdBy: workerId,
      version: 0,
    });
    const raw = await t.ctx.db
      .selectFrom('plan_item')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(raw.need_enc).not.toContain('Tazi');
    expect(raw.need_enc).toMatch(/^v1\./);
    const after = await t.ctx.db
      .selectFrom('protection_case')
      .select('last_activity_at')
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(after.last_activity_at.getTime()).toBeGreaterThan(kase.last_activity_at.getTime());

    const list = await infoOfficer.get(`/api/v1/cases/${kase.id}/plan`);
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json() as { items: PlanItem[] }).items).toEqual([item]);
  });

  it('refuses a service not in the basket, an unknown sector, an inactive institution, a date before the case', async () => {
    const kase = await newCase({ openedAt: new Date(Date.now() - 10 * 86_400_000) });
    const unknown = await plan(kase.id, { serviceCode: 'magic_cure' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldCodes(unknown)).toEqual(['serviceCode:unknown_code']);

    expect(fieldCodes(await plan(kase.id, { sectorCode: 'space_agency' }))).toEqual([
      'sectorCode:unknown_code',
    ]);
    const inactive = await plan(kase.id, { institutionId: tangerHealthClosed });
    expect(fieldCodes(inactive)).toEqual(['institutionId:inactive_institution']);
    expect(problemOf(inactive).fields![0]!.message).toBe('This institution is inactive.');
    expect(fieldCodes(await plan(kase.id, { dueOn: addDays(today(), -30) }))).toEqual([
      'dueOn:before_case_opened',
    ]);
    expect(fieldCodes(await plan(kase.id, { dueOn: '2026-02-30' }))).toEqual(['dueOn:invalid_format']);
    // A date after the opening but already past is accepted (recording a service late), and shows as overdue.
    const late = await planned(kase.id, { dueOn: addDays(today(), -2) });
    expect(late.overdue).toBe(true);
    expect(
      await t.ctx.db.selectFrom('plan_item').select('id').where('case_id', '=', kase.id).execute(),
    ).toHaveLength(1);
  });

  it('goes through its lifecycle, with a 409 and the current state on a stale version', async () => {
    const kase = await newCase();
    const item = await planned(kase.id, { serviceCode: 'psychological_assessment', need: 'Anxiété' });

    const requested = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(item, { status: 'requested', institutionId: tangerHealth }),
    );
    expect(requested.statusCode, requested.body).toBe(200);
    expect(requested.json()).toMatchObject({
      status: 'requested',
      version: 1,
      institution: { id: tangerHealth },
    });

    // A second person working from the first version is stopped and shown what changed.
    const stale = await coordinator.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(item, { status: 'in_progress' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).code).toBe('version_conflict');
    expect(problemOf(stale).current).toMatchObject({
      id: item.id,
      status: 'requested',
      version: 1,
      need: 'Anxiété',
    });

    const current = requested.json() as PlanItem;
    const inProgress = await coordinator.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(current, { status: 'in_progress' }),
    );
    expect(inProgress.statusCode, inProgress.body).toBe(200);
    const delivered = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(inProgress.json(), { status: 'delivered' }),
    );
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toMatchObject({ status: 'delivered', version: 3, overdue: false });

    // Final: never back to planned; taken up again is possible.
    const back = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(delivered.json(), { status: 'planned' }),
    );
    expect(back.statusCode).toBe(400);
    expect(fieldCodes(back)).toEqual(['status:status_change_not_allowed']);
    const reopened = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(delivered.json(), { status: 'in_progress' }),
    );
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'in_progress', version: 4 });
  });

  it('refuses "not delivered" without a reason, and keeps the reason given', async () => {
    const kase = await newCase();
    const item = await planned(kase.id, { serviceCode: 'social_inquiry', sectorCode: 'family_solidarity' });
    const noReason = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(item, { status: 'not_delivered' }),
    );
    expect(noReason.statusCode).toBe(400);
    expect(fieldCodes(noReason)).toEqual(['notDeliveredReason:reason_required']);
    const unknownReason = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(item, { status: 'not_delivered', notDeliveredReason: 'bad luck' }),
    );
    expect(fieldCodes(unknownReason)).toEqual(['notDeliveredReason:invalid_value']);

    const ok = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(item, { status: 'not_delivered', notDeliveredReason: 'refused_by_family' }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'not_delivered',
      notDeliveredReason: 'refused_by_family',
      version: 1,
    });
    // Taken up again: the reason no longer applies.
    const again = await worker.put(
      `/api/v1/plan-items/${item.id}`,
      updateOf(ok.json(), { status: 'requested', notDeliveredReason: 'refused_by_family' }),
    );
    expect(again.json()).toMatchObject({ status: 'requested', notDeliveredReason: null });
  });

  it('keeps an institution closed since it was chosen, but refuses choosing it anew', async () => {
    const kase = await newCase();
    const institution = (await createInstitution(t.ctx, TANGER, 'health')).id;
    const item = await planned(kase.id, { institutionId: institution });
    await t.ctx.db.updateTable('institution').set({ active: false }).where('id', '=', institution).execute();
    const update = await worker.put(`/api/v1/plan-items/${item.id}`, updateOf(item, { status: 'requested' }));
    expect(update.statusCode, update.body).toBe(200);
    expect(update.json()).toMatchObject({ institution: { id: institution, active: false } });
    const other = await planned(kase.id, { serviceCode: 'medical_examination' });
    const chosen = await worker.put(
      `/api/v1/plan-items/${other.id}`,
      updateOf(other, { institutionId: institution }),
    );
    expect(fieldCodes(chosen)).toEqual(['institutionId:inactive_institution']);
  });

  it('refuses to plan on a closed case', async () => {
    const kase = await newCase({ stage: 'closed' });
    const response = await plan(kase.id);
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('case_closed');
  });

  it('is written by the CAPE caseworkers of the territory only, and read by its CAPE staff', async () => {
    const kase = await newCase();
    const item = await planned(kase.id);
    expect((await plan(kase.id, { serviceCode: 'medical_examination' }, coordinator)).statusCode).toBe(201);
    for (const other of [infoOfficer, rabatWorker, partner, analyst, nationalAdmin, provincialAdmin]) {
      expect((await plan(kase.id, {}, other)).statusCode).toBe(403);
      expect(
        (await other.put(`/api/v1/plan-items/${item.id}`, updateOf(item, { status: 'requested' })))
          .statusCode,
      ).toBe(403);
    }
    for (const other of [rabatWorker, partner, analyst]) {
      expect((await other.get(`/api/v1/cases/${kase.id}/plan`)).statusCode).toBe(403);
    }
    const refusals = await auditRows(t.ctx, 'permission_refused');
    expect(refusals.some((r) => r.target_type === 'case')).toBe(true);
    const unchanged = await t.ctx.db
      .selectFrom('plan_item')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.version).toBe(0);
  });

  it('answers 404 for an unknown case or plan item', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await worker.get(`/api/v1/cases/${missing}/plan`)).statusCode).toBe(404);
    expect(
      (
        await worker.put(`/api/v1/plan-items/${missing}`, {
          status: 'requested',
          notDeliveredReason: null,
          institutionId: null,
          dueOn: today(),
          need: null,
          version: 0,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("a territory's own protocol", () => {
  const rules = [
    {
      stage: 'initial_diagnosis',
      harmForm: null,
      situation: null,
      serviceCode: 'social_inquiry',
      sectorCode: 'entraide_nationale',
      maxDelayDays: 3,
    },
    {
      stage: 'initial_diagnosis',
      harmForm: 'sexual_violence',
      situation: null,
      serviceCode: 'forensic_examination',
      sectorCode: 'health',
      maxDelayDays: 2,
    },
  ];

  /** The version a replacement of the territory's set must send, as the protocol page reads it. */
  async function versionOf(territoryCode: string | null, by: Client = nationalAdmin): Promise<number> {
    const response = await by.get(
      `/api/v1/protocol-rules${territoryCode ? `?territoryCode=${territoryCode}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { version: number }).version;
  }

  it('is kept by its provincial administrator and CAPE coordinator, and replaces the national set there', async () => {
    const version = await versionOf(TANGER, provincialAdmin);
    const put = await provincialAdmin.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      rules,
      version,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ territoryCode: TANGER, inherited: false, version: version + 1 });
    expect((put.json() as { rules: ProtocolRule[] }).rules).toHaveLength(2);

    const kase = await newCase({ stage: 'initial_diagnosis', harmForms: ['sexual_violence'] });
    const body = await suggestionsFor(kase.id);
    expect(body.protocol).toBe('territory');
    expect(body.items.map((s) => [s.serviceCode, s.sectorCode, s.maxDelayDays])).toEqual([
      ['forensic_examination', 'health', 2],
      ['social_inquiry', 'entraide_nationale', 3],
    ]);
    // Rabat still plans with the national default.
    const rabat = await rabatWorker.get(`/api/v1/protocol-rules?territoryCode=${RABAT}`);
    expect(rabat.json()).toMatchObject({ inherited: true });

    const byCoordinator = await coordinator.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      rules: [],
      version: version + 1,
    });
    expect(byCoordinator.statusCode, byCoordinator.body).toBe(200);
    // Back on the national rules, the territory's own set keeps counting its versions.
    expect(byCoordinator.json()).toMatchObject({
      territoryCode: TANGER,
      inherited: true,
      version: version + 2,
    });
    expect((await suggestionsFor(kase.id)).protocol).toBe('national');
  });

  it('refuses anyone else, and records the refusals', async () => {
    const before = (await auditRows(t.ctx, 'permission_refused')).length;
    const attempts: [Client, string | null][] = [
      [worker, TANGER],
      [infoOfficer, TANGER],
      [rabatProvincialAdmin, TANGER],
      [provincialAdmin, RABAT],
      [provincialAdmin, null],
      [coordinator, null],
      [partner, TANGER],
      [analyst, null],
    ];
    for (const [client, territoryCode] of attempts) {
      const version = await versionOf(territoryCode);
      const response = await client.put('/api/v1/protocol-rules', { territoryCode, rules, version });
      expect(response.statusCode, `${territoryCode}`).toBe(403);
    }
    const refusals = (await auditRows(t.ctx, 'permission_refused')).slice(before);
    expect(refusals).toHaveLength(attempts.length);
    expect(refusals.every((r) => r.target_type === 'protocol')).toBe(true);
    expect(
      await t.ctx.db.selectFrom('protocol_rule').select('id').where('territory_code', '=', RABAT).execute(),
    ).toEqual([]);
  });

  it('refuses unknown codes, duplicates and an empty national protocol', async () => {
    const version = await versionOf(TANGER);
    const response = await nationalAdmin.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      version,
      rules: [
        { ...rules[0], serviceCode: 'magic_cure' },
        { ...rules[1], harmForm: 'bad_mood', sectorCode: 'space_agency' },
        { ...rules[0], situation: 'rich' },
        rules[1],
        rules[1],
        { ...rules[0], stage: 'closed' },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response)).toEqual(['rules.5.stage:invalid_value']);

    const second = await nationalAdmin.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      version,
      rules: [
        { ...rules[0], serviceCode: 'magic_cure' },
        { ...rules[1], harmForm: 'bad_mood', sectorCode: 'space_agency' },
        { ...rules[0], situation: 'rich' },
        rules[1],
        rules[1],
      ],
    });
    expect(fieldCodes(second).sort()).toEqual(
      [
        'rules.0.serviceCode:unknown_code',
        'rules.1.harmForm:unknown_code',
        'rules.1.sectorCode:unknown_code',
        'rules.2.situation:unknown_code',
        'rules.4.serviceCode:duplicate',
      ].sort(),
    );
    expect(
      fieldCodes(
        await nationalAdmin.put('/api/v1/protocol-rules', {
          territoryCode: null,
          rules: [],
          version: await versionOf(null),
        }),
      ),
    ).toEqual(['rules:too_small']);
    expect(
      fieldCodes(
        await nationalAdmin.put('/api/v1/protocol-rules', {
          territoryCode: 'atlantis',
          rules: [],
          version: 0,
        }),
      ),
    ).toEqual(['territoryCode:unknown_code']);
    expect(
      fieldCodes(await nationalAdmin.put('/api/v1/protocol-rules', { territoryCode: TANGER, rules })),
    ).toEqual(['version:required']);
    expect(await versionOf(TANGER)).toBe(version);
  });

  it('lets the national administrator change the national default, which a restart does not overwrite', async () => {
    const version = await versionOf(null);
    const response = await nationalAdmin.put('/api/v1/protocol-rules', {
      territoryCode: null,
      rules,
      version,
    });
    expect(response.statusCode, response.body).toBe(200);
    await ensureDefaultProtocol(t.ctx.db);
    const national = await nationalAdmin.get('/api/v1/protocol-rules');
    expect((national.json() as { rules: ProtocolRule[] }).rules).toHaveLength(2);
    expect((national.json() as { version: number }).version).toBe(version + 1);
    // Back to the shipped default for any test that follows.
    const restored = await nationalAdmin.put('/api/v1/protocol-rules', {
      territoryCode: null,
      rules: defaultProtocolRules(),
      version: version + 1,
    });
    expect(restored.statusCode, restored.body).toBe(200);
  });
});

describe('two people editing a protocol at once', () => {
  const socialInquiry = {
    stage: 'initial_diagnosis',
    harmForm: null,
    situation: null,
    serviceCode: 'social_inquiry',
    sectorCode: 'entraide_nationale',
    maxDelayDays: 3,
  };
  const forensic = {
    stage: 'initial_diagnosis',
    harmForm: 'sexual_violence',
    situation: null,
    serviceCode: 'forensic_examination',
    sectorCode: 'health',
    maxDelayDays: 2,
  };
  const tangerRules = () =>
    t.ctx.db
      .selectFrom('protocol_rule')
      .select(['service_code', 'max_delay_days'])
      .where('territory_code', '=', TANGER)
      .orderBy('service_code')
      .execute();

  it('refuses a stale version with the protocol as it is now, and writes nothing', async () => {
    const read = (await provincialAdmin.get(`/api/v1/protocol-rules?territoryCode=${TANGER}`)).json() as {
      version: number;
    };
    // The coordinator saves first...
    const first = await coordinator.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      rules: [socialInquiry, forensic],
      version: read.version,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: read.version + 1, inherited: false });

    // ...then the administrator, who read the same version, saves a different set.
    const audits = (await auditRows(t.ctx, 'protocol_updated')).length;
    const stale = await provincialAdmin.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      rules: [{ ...socialInquiry, maxDelayDays: 10 }],
      version: read.version,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemOf(stale);
    const current = problem.current as { version: number; rules: ProtocolRule[] };
    expect(problem.code).toBe('version_conflict');
    expect(problem.current).toMatchObject({
      territoryCode: TANGER,
      inherited: false,
      version: read.version + 1,
    });
    expect(current.rules.map((r) => [r.serviceCode, r.maxDelayDays])).toEqual([
      ['social_inquiry', 3],
      ['forensic_examination', 2],
    ]);
    expect(await tangerRules()).toEqual([
      { service_code: 'forensic_examination', max_delay_days: 2 },
      { service_code: 'social_inquiry', max_delay_days: 3 },
    ]);
    expect(await auditRows(t.ctx, 'protocol_updated')).toHaveLength(audits);

    // With the version it was given back, the administrator's set is saved.
    const retried = await provincialAdmin.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      rules: [{ ...socialInquiry, maxDelayDays: 10 }],
      version: current.version,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ version: read.version + 2 });
    expect(await tangerRules()).toEqual([{ service_code: 'social_inquiry', max_delay_days: 10 }]);

    // A version from the future is as stale as one from the past.
    const ahead = await provincialAdmin.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      rules: [],
      version: read.version + 5,
    });
    expect(ahead.statusCode).toBe(409);
    expect(await tangerRules()).toHaveLength(1);

    // Back to the national default for any test that follows.
    const back = await coordinator.put('/api/v1/protocol-rules', {
      territoryCode: TANGER,
      rules: [],
      version: read.version + 2,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('lets only one of two simultaneous saves through, also for a first set', async () => {
    // Rabat has never had a set of its own: both writers race to create its version row.
    const rabatAdmin = rabatProvincialAdmin;
    const version = (
      (await rabatAdmin.get(`/api/v1/protocol-rules?territoryCode=${RABAT}`)).json() as { version: number }
    ).version;
    const [a, b] = await Promise.all([
      rabatAdmin.put('/api/v1/protocol-rules', { territoryCode: RABAT, rules: [socialInquiry], version }),
      nationalAdmin.put('/api/v1/protocol-rules', { territoryCode: RABAT, rules: [forensic], version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(problemOf(loser).current).toEqual(winner.json());
    const rows = await t.ctx.db
      .selectFrom('protocol_rule')
      .select('service_code')
      .where('territory_code', '=', RABAT)
      .execute();
    expect(rows.map((r) => r.service_code)).toEqual(
      (winner.json() as { rules: ProtocolRule[] }).rules.map((r) => r.serviceCode),
    );

    // Back to the national default for any test that follows.
    const back = await rabatAdmin.put('/api/v1/protocol-rules', {
      territoryCode: RABAT,
      rules: [],
      version: version + 1,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('checks the national default too', async () => {
    const version = ((await nationalAdmin.get('/api/v1/protocol-rules')).json() as { version: number })
      .version;
    const stale = await nationalAdmin.put('/api/v1/protocol-rules', {
      territoryCode: null,
      rules: [socialInquiry],
      version: version + 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).current).toMatchObject({ territoryCode: null, inherited: false, version });
    const national = (await nationalAdmin.get('/api/v1/protocol-rules')).json() as { rules: ProtocolRule[] };
    expect(national.rules).toHaveLength(defaultProtocolRules().length);
  });
});

describe('one open item per service', () => {
  it('refuses the same service twice while the first is open (a double click)', async () => {
    const kase = await newCase();
    expect((await plan(kase.id)).statusCode).toBe(201);
    const again = await plan(kase.id);
    expect(again.statusCode).toBe(400);
    expect(fieldCodes(again)).toContain('serviceCode:duplicate');
  });
});
