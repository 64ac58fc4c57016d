import {
  type Assessment,
  type AssessmentInstrumentDocument,
  defaultAssessmentInstrument,
  type Evaluation,
  type InstrumentDetail,
  type InstrumentVersion,
  scoreAssessment,
} from '@madar/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../test/fixtures';
import {
  auditRows,
  type Client,
  createTestApp,
  createUser,
  fieldCodes,
  signedIn,
  type TestApp,
} from '../../../test/harness';
import { ensureDefaultInstrument } from './repository';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';
const ITEM_CODES = defaultAssessmentInstrument().domains.flatMap((d) => d.items.map((i) => i.code));

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

/** Complete answers: every item at 0 unless given. */
function answers(values: Record<string, number> = {}, redFlags: string[] = []) {
  return { items: Object.fromEntries(ITEM_CODES.map((code) => [code, values[code] ?? 0])), redFlags };
}

async function newCase() {
  return (await createCase(t.ctx, { territoryCode: TANGER, workerId })).case;
}

async function caseRow(id: string) {
  return t.ctx.db.selectFrom('protection_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function assess(
  caseId: string,
  values: Record<string, number> = {},
  redFlags: string[] = [],
  decision: { confirmedOrientation?: string; overrideJustification?: string | null } = {},
  by: Client = worker,
) {
  // Without a decision given, the worker confirms what the instrument proposes.
  const proposed = scoreAssessment(defaultAssessmentInstrument(), answers(values, redFlags));
  const confirmedOrientation =
    decision.confirmedOrientation ?? (proposed.ok ? proposed.score.orientation!.code : 'none');
  const response = await by.post(`/api/v1/cases/${caseId}/assessments`, {
    answers: answers(values, redFlags),
    confirmedOrientation,
    overrideJustification: decision.overrideJustification ?? null,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Assessment & { caseVersion: number };
}

beforeAll(async () => {
  t = await createTestApp();
  const w = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER });
  workerId = w.id;
  const [c, io, rw, na, pa, an] = await Promise.all([
    createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['information_officer'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: RABAT }),
    createUser(t.ctx, { roles: ['national_admin'], territoryCode: null }),
    createUser(t.ctx, { roles: ['provincial_admin'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['ministry_analyst'], territoryCode: null }),
  ]);
  const institution = await t.ctx.db
    .insertInto('institution')
    .values({
      name_ar: 'مدرسة',
      name_fr: 'École',
      sector_code: 'education',
      type: 'school',
      territory_code: TANGER,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await createUser(t.ctx, {
    roles: ['partner_focal_point'],
    territoryCode: TANGER,
    institutionId: institution.id,
  });
  [worker, coordinator, infoOfficer, rabatWorker, nationalAdmin, provincialAdmin, analyst, partner] =
    await Promise.all([
      signedIn(t.app, w.login),
      signedIn(t.app, c.login),
      signedIn(t.app, io.login),
      signedIn(t.app, rw.login),
      signedIn(t.app, na.login),
      signedIn(t.app, pa.login),
      signedIn(t.app, an.login),
      signedIn(t.app, p.login),
    ]);
});

describe('the default instrument', () => {
  it('is in place at start, active, and labelled as the default', async () => {
    const list = await worker.get('/api/v1/assessment-instruments');
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: InstrumentVersion[] }).items;
    expect(items).toEqual([
      expect.objectContaining({ version: 'default-1', isDefault: true, active: true, loadedByName: null }),
    ]);

    const active = await worker.get('/api/v1/assessment-instruments/active');
    expect(active.statusCode, active.body).toBe(200);
    const detail = active.json() as InstrumentDetail;
    expect(detail).toMatchObject({ version: 'default-1', isDefault: true, active: true });
    expect(detail.document.domains.map((d) => d.code)).toEqual(
      defaultAssessmentInstrument().domains.map((d) => d.code),
    );
    // The rule the default document states in prose is loaded as data.
    expect(detail.document.scoring.level_floors).toEqual([
      { domain: 'safety', min_item_value: 3, level: 'danger' },
    ]);
  });
});

describe('assessing a case', () => {
  it('scores with the active instrument, gives the case its level and bumps its version', async () => {
    const kase = await newCase();
    const response = await worker.post(`/api/v1/cases/${kase.id}/assessments`, {
      answers: answers(),
      confirmedOrientation: 'information_orientation',
      overrideJustification: null,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as Assessment & { caseVersion: number };
    expect(body).toMatchObject({
      caseId: kase.id,
      instrumentVersion: 'default-1',
      instrumentIsDefault: true,
      dangerLevel: 'no_danger',
      proposedOrientation: 'information_orientation',
      confirmedOrientation: 'information_orientation',
      overridden: false,
      overrideJustification: null,
      assessedBy: workerId,
      caseVersion: kase.version + 1,
    });
    expect(body.result).toMatchObject({ total: 0, level: 'no_danger', scoreLevel: 'no_danger' });
    const after = await caseRow(kase.id);
    expect(after).toMatchObject({ danger_level: 'no_danger', version: kase.version + 1 });
    expect(after.last_activity_at.getTime()).toBeGreaterThanOrEqual(kase.last_activity_at.getTime());
  });

  it.each([
    [{ nutrition: 2, out_of_school: 1 }, [], 'risk', 'social_protection_plan'],
    [{ nutrition: 3, distress: 3, out_of_school: 2 }, [], 'danger', 'report_to_prosecutor'],
    [{ no_shelter: 3 }, [], 'danger', 'report_to_prosecutor'],
    [{}, ['young_child_alone'], 'grave_imminent_danger', 'emergency_protection'],
  ])('%j with red flags %j → %s, proposing %s', async (values, redFlags, level, orientation) => {
    const kase = await newCase();
    const response = await worker.post(`/api/v1/cases/${kase.id}/assessments`, {
      answers: answers(values, redFlags),
      confirmedOrientation: orientation,
      overrideJustification: null,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ dangerLevel: level, proposedOrientation: orientation });
    expect((await caseRow(kase.id)).danger_level).toBe(level);
  });

  it('refuses invalid answers field by field and writes nothing', async () => {
    const kase = await newCase();
    const { housing: _omitted, ...items } = answers({ injury: 4, nutrition: 1.5 }).items;
    const response = await worker.post(`/api/v1/cases/${kase.id}/assessments`, {
      answers: { items: { ...items, bogus: 1 }, redFlags: ['life_threat', 'aliens'] },
      confirmedOrientation: 'emergency_protection',
      overrideJustification: null,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldCodes(response).sort()).toEqual(
      [
        'answers.items.injury:value_out_of_scale',
        'answers.items.nutrition:value_out_of_scale',
        'answers.items.bogus:unknown_item',
        'answers.items.housing:missing_answer',
        'answers.redFlags.1:unknown_red_flag',
      ].sort(),
    );
    const row = await caseRow(kase.id);
    expect(row).toMatchObject({ danger_level: null, version: kase.version });
    const stored = await t.ctx.db
      .selectFrom('assessment')
      .select('id')
      .where('case_id', '=', kase.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses an unknown orientation', async () => {
    const kase = await newCase();
    const response = await worker.post(`/api/v1/cases/${kase.id}/assessments`, {
      answers: answers(),
      confirmedOrientation: 'send_abroad',
      overrideJustification: null,
    });
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response)).toEqual(['confirmedOrientation:unknown_code']);
  });

  it.each([null, '   '])('refuses to override the proposal without a justification (%j)', async (text) => {
    const kase = await newCase();
    const response = await worker.post(`/api/v1/cases/${kase.id}/assessments`, {
      answers: answers(),
      confirmedOrientation: 'social_protection_plan',
      overrideJustification: text,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldCodes(response)).toEqual(['overrideJustification:justification_required']);
    expect((await caseRow(kase.id)).version).toBe(kase.version);
  });

  it('keeps a justified override, encrypted at rest, and lists assessments newest first', async () => {
    const kase = await newCase();
    const first = await assess(kase.id, {}, [], { confirmedOrientation: 'information_orientation' });
    const justification = 'La mère de Salma a signalé des menaces du voisin Karim Bennani.';
    const response = await worker.post(`/api/v1/cases/${kase.id}/assessments`, {
      answers: answers({ nutrition: 2 }),
      confirmedOrientation: 'social_protection_plan',
      overrideJustification: justification,
    });
    expect(response.statusCode, response.body).toBe(201);
    const second = response.json() as Assessment & { caseVersion: number };
    expect(second).toMatchObject({
      dangerLevel: 'no_danger',
      proposedOrientation: 'information_orientation',
      confirmedOrientation: 'social_protection_plan',
      overridden: true,
      overrideJustification: justification,
      caseVersion: first.caseVersion + 1,
    });

    const raw = await t.ctx.db
      .selectFrom('assessment')
      .select('override_justification_enc')
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(raw.override_justification_enc).toMatch(/^v1\./);
    expect(raw.override_justification_enc).not.toContain('Bennani');
    const dump = await t.ctx.db.selectFrom('assessment').selectAll().where('id', '=', second.id).execute();
    expect(JSON.stringify(dump)).not.toContain('Bennani');

    for (const reader of [worker, coordinator, infoOfficer]) {
      const list = await reader.get(`/api/v1/cases/${kase.id}/assessments`);
      expect(list.statusCode, list.body).toBe(200);
      const items = (list.json() as { items: Assessment[] }).items;
      expect(items.map((a) => a.id)).toEqual([second.id, first.id]);
      expect(items[0]).toMatchObject({
        overrideJustification: justification,
        assessedByName: expect.any(String),
      });
    }
  });

  it('moves the case version, so an editor holding the old one gets a 409', async () => {
    const kase = await newCase();
    const assessed = await assess(kase.id, { no_shelter: 3 }, [], {
      confirmedOrientation: 'report_to_prosecutor',
    });
    expect(assessed.caseVersion).toBe(kase.version + 1);
    const stale = await coordinator.put(`/api/v1/cases/${kase.id}`, {
      situations: [],
      harmForms: [],
      version: kase.version,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().current).toMatchObject({ dangerLevel: 'danger', version: kase.version + 1 });
  });

  it('is refused to users outside the case, and to readers who may not assess', async () => {
    const kase = await newCase();
    const body = {
      answers: answers(),
      confirmedOrientation: 'information_orientation',
      overrideJustification: null,
    };
    for (const [who, client] of [
      ['rabat social worker', rabatWorker],
      ['partner focal point', partner],
      ['ministry analyst', analyst],
      ['information officer', infoOfficer],
      ['national admin', nationalAdmin],
    ] as const) {
      const response = await client.post(`/api/v1/cases/${kase.id}/assessments`, body);
      expect(response.statusCode, who).toBe(403);
    }
    for (const client of [rabatWorker, partner, analyst]) {
      expect((await client.get(`/api/v1/cases/${kase.id}/assessments`)).statusCode).toBe(403);
    }
    expect((await caseRow(kase.id)).version).toBe(kase.version);
    const refusals = await auditRows(t.ctx, 'permission_refused');
    expect(refusals.some((r) => r.target_type === 'case')).toBe(true);
  });

  it('answers 404 for an unknown case', async () => {
    const response = await worker.get('/api/v1/cases/00000000-0000-4000-8000-000000000000/assessments');
    expect(response.statusCode).toBe(404);
  });
});

async function addPlanItem(caseId: string, serviceCode: string, status: string) {
  await t.ctx.db
    .insertInto('plan_item')
    .values({
      case_id: caseId,
      territory_code: TANGER,
      stage: 'care',
      service_code: serviceCode,
      sector_code: 'health',
      due_on: '2026-06-30',
      status: status as 'planned',
      created_by: workerId,
    })
    .execute();
}

describe('evaluation cards', () => {
  it('needs an earlier assessment to compare with', async () => {
    const kase = await newCase();
    const card = { servicesEffect: 'Suivi scolaire repris.', recommendation: 'continue' };
    const none = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, card);
    expect(none.statusCode, none.body).toBe(400);
    expect(fieldCodes(none)).toEqual(['currentAssessmentId:baseline_assessment_required']);

    // New answers on a case never assessed: they would be their own baseline.
    const firstOnly = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      ...card,
      answers: answers(),
    });
    expect(firstOnly.statusCode, firstOnly.body).toBe(400);
    expect(fieldCodes(firstOnly)).toEqual(['currentAssessmentId:baseline_assessment_required']);
    // ...and the assessment made for it was not kept either.
    expect(
      await t.ctx.db.selectFrom('assessment').select('id').where('case_id', '=', kase.id).execute(),
    ).toEqual([]);
    expect((await caseRow(kase.id)).version).toBe(kase.version);

    await assess(kase.id);
    const one = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, card);
    expect(one.statusCode).toBe(400);
    expect(fieldCodes(one)).toEqual(['currentAssessmentId:baseline_assessment_required']);
  });

  it('compares the initial diagnosis with new answers, counts the services and encrypts the effect', async () => {
    const kase = await newCase();
    const baseline = await assess(kase.id, { injury: 3, domestic_violence: 3 }, ['life_threat'], {
      confirmedOrientation: 'emergency_protection',
    });
    // A later assessment in between: the baseline stays the first one.
    await assess(kase.id, { injury: 2, out_of_school: 2 });
    await addPlanItem(kase.id, 'medical_care', 'delivered');
    await addPlanItem(kase.id, 'psychological_support', 'delivered');
    await addPlanItem(kase.id, 'school_reintegration', 'not_delivered');
    await addPlanItem(kase.id, 'legal_aid', 'planned');
    const before = await caseRow(kase.id);

    const effect = 'Salma a repris l’école; le suivi psychologique chez Dr Tazi l’a apaisée.';
    const response = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      answers: answers({ injury: 1, out_of_school: 2, trusted_adult: 2 }),
      servicesEffect: effect,
      recommendation: 'adjust_plan',
    });
    expect(response.statusCode, response.body).toBe(201);
    const card = response.json() as Evaluation & { assessment: Assessment; caseVersion: number };
    expect(card).toMatchObject({
      caseId: kase.id,
      baselineAssessmentId: baseline.id,
      currentAssessmentId: card.assessment.id,
      servicesEffect: effect,
      recommendation: 'adjust_plan',
      caseVersion: before.version + 1,
    });
    // The assessment recorded with the card confirms the proposal and gives the case its level.
    expect(card.assessment).toMatchObject({
      dangerLevel: 'no_danger',
      proposedOrientation: 'information_orientation',
      confirmedOrientation: 'information_orientation',
      overridden: false,
    });
    expect((await caseRow(kase.id)).danger_level).toBe('no_danger');

    const byCode = Object.fromEntries(card.comparison.domains.map((d) => [d.code, d]));
    expect(byCode.safety).toMatchObject({ initial: 3, current: 1, delta: -2, trend: 'improved' });
    expect(byCode.education).toMatchObject({ initial: 0, current: 2, delta: 2, trend: 'worsened' });
    expect(byCode.family).toMatchObject({ initial: 3, current: 0, trend: 'improved' });
    expect(byCode.health).toMatchObject({ delta: 0, trend: 'unchanged' });
    expect(byCode.protective).toMatchObject({ initial: 0, current: 2, trend: 'improved', protective: true });
    expect(card.comparison.level).toEqual({
      initial: 'grave_imminent_danger',
      current: 'no_danger',
      trend: 'improved',
    });
    expect(card.comparison.total).toMatchObject({ initial: 6, current: 2, delta: -4, trend: 'improved' });
    expect(card.comparison.redFlags).toMatchObject({ resolved: ['life_threat'], appeared: [] });
    expect(card.comparison).toMatchObject({
      instrumentVersion: 'default-1',
      earlierInstrumentIgnored: false,
    });
    expect(card.comparison.services).toEqual({
      total: 4,
      byStatus: { planned: 1, requested: 0, in_progress: 0, delivered: 2, not_delivered: 1 },
      delivered: ['medical_care', 'psychological_support'],
      notDelivered: ['school_reintegration'],
    });

    const raw = await t.ctx.db
      .selectFrom('evaluation')
      .selectAll()
      .where('id', '=', card.id)
      .executeTakeFirstOrThrow();
    expect(raw.services_effect_enc).toMatch(/^v1\./);
    expect(JSON.stringify(raw)).not.toContain('Tazi');

    const list = await coordinator.get(`/api/v1/cases/${kase.id}/evaluations`);
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: Evaluation[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: card.id, servicesEffect: effect, comparison: card.comparison });
  });

  it('takes a recorded assessment, or the latest one, as the current situation', async () => {
    const kase = await newCase();
    const first = await assess(kase.id, { nutrition: 3, distress: 3, out_of_school: 2 }, [], {
      confirmedOrientation: 'report_to_prosecutor',
    });
    const second = await assess(kase.id, { nutrition: 1 }, [], {
      confirmedOrientation: 'information_orientation',
    });
    const third = await assess(kase.id, { nutrition: 2 }, [], {
      confirmedOrientation: 'information_orientation',
    });
    const before = await caseRow(kase.id);

    const chosen = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      currentAssessmentId: second.id,
      servicesEffect: 'Aide alimentaire reçue.',
      recommendation: 'continue',
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect(chosen.json()).toMatchObject({
      baselineAssessmentId: first.id,
      currentAssessmentId: second.id,
      assessment: null,
      caseVersion: before.version,
    });

    const latest = await coordinator.post(`/api/v1/cases/${kase.id}/evaluations`, {
      currentAssessmentId: null,
      servicesEffect: 'Situation stable.',
      recommendation: 'close',
    });
    expect(latest.statusCode, latest.body).toBe(201);
    const card = latest.json() as Evaluation;
    expect(card).toMatchObject({ baselineAssessmentId: first.id, currentAssessmentId: third.id });
    expect(card.comparison.total).toMatchObject({ initial: 8, current: 2, trend: 'improved' });

    const list = (await worker.get(`/api/v1/cases/${kase.id}/evaluations`)).json() as { items: Evaluation[] };
    expect(list.items.map((e) => e.recommendation)).toEqual(['close', 'continue']);
  });

  it('refuses an assessment of another case, and answers given together with an assessment', async () => {
    const kase = await newCase();
    const other = await newCase();
    await assess(kase.id);
    const foreign = await assess(other.id);
    const card = { servicesEffect: 'Rien à signaler.', recommendation: 'continue' };
    const wrongCase = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      ...card,
      currentAssessmentId: foreign.id,
    });
    expect(wrongCase.statusCode).toBe(400);
    expect(fieldCodes(wrongCase)).toEqual(['currentAssessmentId:unknown_code']);

    const both = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      ...card,
      currentAssessmentId: foreign.id,
      answers: answers(),
    });
    expect(both.statusCode).toBe(400);
    expect(fieldCodes(both)).toEqual(['answers:answers_or_assessment']);

    const badAnswers = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      ...card,
      answers: answers({ injury: 7 }),
    });
    expect(badAnswers.statusCode).toBe(400);
    expect(fieldCodes(badAnswers)).toEqual(['answers.items.injury:value_out_of_scale']);

    const override = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      ...card,
      answers: answers(),
      confirmedOrientation: 'emergency_protection',
    });
    expect(override.statusCode).toBe(400);
    expect(fieldCodes(override)).toEqual(['overrideJustification:justification_required']);
  });

  it('is refused to users outside the case, and to readers who may not evaluate', async () => {
    const kase = await newCase();
    await assess(kase.id);
    await assess(kase.id, { nutrition: 1 }, [], { confirmedOrientation: 'information_orientation' });
    const card = { servicesEffect: 'Effet.', recommendation: 'continue' };
    for (const client of [rabatWorker, partner, analyst, infoOfficer, provincialAdmin]) {
      expect((await client.post(`/api/v1/cases/${kase.id}/evaluations`, card)).statusCode).toBe(403);
    }
    for (const client of [rabatWorker, partner, analyst]) {
      expect((await client.get(`/api/v1/cases/${kase.id}/evaluations`)).statusCode).toBe(403);
    }
    expect((await infoOfficer.get(`/api/v1/cases/${kase.id}/evaluations`)).statusCode).toBe(200);
    const stored = await t.ctx.db
      .selectFrom('evaluation')
      .select('id')
      .where('case_id', '=', kase.id)
      .execute();
    expect(stored).toEqual([]);
  });
});

// Last: loading a version changes the active instrument for everything after it.
describe('loading a new instrument version', () => {
  function ministryDocument(version: string): AssessmentInstrumentDocument {
    const document = structuredClone(defaultAssessmentInstrument()) as AssessmentInstrumentDocument;
    return { ...document, version, about: 'Référentiel national (test)' };
  }

  it('is refused to a social worker, a provincial admin and a ministry analyst', async () => {
    for (const client of [worker, provincialAdmin, analyst, coordinator]) {
      const response = await client.post('/api/v1/assessment-instruments', ministryDocument('refused-1'));
      expect(response.statusCode).toBe(403);
    }
    const versions = await t.ctx.db.selectFrom('assessment_instrument').select('version').execute();
    expect(versions.map((v) => v.version)).toEqual(['default-1']);
    const refusals = await auditRows(t.ctx, 'permission_refused');
    expect(refusals.some((r) => r.target_type === 'instrument')).toBe(true);
  });

  it('refuses an inconsistent document with its fields', async () => {
    const broken = ministryDocument('broken-1');
    broken.orientations = broken.orientations.slice(1);
    const response = await nationalAdmin.post('/api/v1/assessment-instruments', broken);
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldCodes(response)).toContain('orientations:custom');
  });

  it('makes the loaded version active, audited, and no longer the default', async () => {
    const kase = await newCase();
    const oldAssessment = await assess(kase.id);

    const response = await nationalAdmin.post(
      '/api/v1/assessment-instruments',
      ministryDocument('mssfe-2026'),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      version: 'mssfe-2026',
      isDefault: false,
      active: true,
      loadedByName: expect.any(String),
    });

    const list = (await worker.get('/api/v1/assessment-instruments')).json() as {
      items: InstrumentVersion[];
    };
    expect(list.items.map((i) => [i.version, i.isDefault, i.active])).toEqual([
      ['mssfe-2026', false, true],
      ['default-1', true, false],
    ]);
    const active = (await worker.get('/api/v1/assessment-instruments/active')).json() as InstrumentDetail;
    expect(active).toMatchObject({ version: 'mssfe-2026', isDefault: false });

    const audit = await auditRows(t.ctx, 'assessment_instrument_loaded');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: 'mssfe-2026', outcome: 'success' });

    const again = await nationalAdmin.post('/api/v1/assessment-instruments', ministryDocument('mssfe-2026'));
    expect(again.statusCode).toBe(400);
    expect(fieldCodes(again)).toEqual(['version:duplicate']);
    expect(await auditRows(t.ctx, 'assessment_instrument_loaded')).toHaveLength(1);

    // New assessments use the new version; an evaluation compares within one instrument only.
    const newAssessment = await assess(kase.id, {}, [], { confirmedOrientation: 'information_orientation' });
    expect(newAssessment).toMatchObject({ instrumentVersion: 'mssfe-2026', instrumentIsDefault: false });
    const card = { servicesEffect: 'Effet.', recommendation: 'continue' };
    const noBaseline = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, card);
    expect(fieldCodes(noBaseline)).toEqual(['currentAssessmentId:baseline_assessment_required']);
    const withOld = await worker.post(`/api/v1/cases/${kase.id}/evaluations`, {
      ...card,
      answers: answers({ nutrition: 1 }),
    });
    expect(withOld.statusCode, withOld.body).toBe(201);
    expect(withOld.json()).toMatchObject({
      baselineAssessmentId: newAssessment.id,
      comparison: { instrumentVersion: 'mssfe-2026', earlierInstrumentIgnored: true },
    });
    expect(oldAssessment.instrumentVersion).toBe('default-1');
  });
});

describe('ensureDefaultInstrument (server start)', () => {
  it('never displaces an instrument loaded by an administrator, and runs twice harmlessly', async () => {
    await ensureDefaultInstrument(t.ctx.db);
    await ensureDefaultInstrument(t.ctx.db);
    const rows = await t.ctx.db
      .selectFrom('assessment_instrument')
      .select(['version', 'active', 'is_default'])
      .orderBy('version')
      .execute();
    expect(rows).toEqual([
      { version: 'default-1', active: false, is_default: true },
      { version: 'mssfe-2026', active: true, is_default: false },
    ]);
  });

  it('replaces an older shipped default that is still active', async () => {
    await t.ctx.db.updateTable('assessment_instrument').set({ active: false }).execute();
    await t.ctx.db
      .insertInto('assessment_instrument')
      .values({ version: 'default-0', document: JSON.stringify({}), is_default: true, active: true })
      .execute();
    await ensureDefaultInstrument(t.ctx.db);
    const active = await t.ctx.db
      .selectFrom('assessment_instrument')
      .select('version')
      .where('active', '=', true)
      .execute();
    expect(active).toEqual([{ version: 'default-1' }]);
  });
});

describe('the API description', () => {
  it('documents the assessment routes', async () => {
    const response = await worker.get('/api/docs/json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/assessment-instruments',
        '/api/v1/assessment-instruments/active',
        '/api/v1/cases/{id}/assessments',
        '/api/v1/cases/{id}/evaluations',
      ]),
    );
  });
});
