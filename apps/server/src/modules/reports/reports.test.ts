import { beforeAll, describe, expect, it } from 'vitest';
import { childIdentity, reportInput } from '../../../test/fixtures';
import {
  type Client,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  type TestApp,
} from '../../../test/harness';

let t: TestApp;
let worker: Client;
let coordinator: Client;
let partner: Client;
let rabatWorker: Client;
let workerId: string;

const identity = childIdentity();

beforeAll(async () => {
  t = await createTestApp();
  const w = await createUser(t.ctx, { roles: ['social_worker'] });
  workerId = w.id;
  const c = await createUser(t.ctx, { roles: ['cape_coordinator'] });
  const institution = await t.ctx.db
    .insertInto('institution')
    .values({
      name_ar: 'مدرسة',
      name_fr: 'École',
      sector_code: 'education',
      type: 'school',
      territory_code: 'tanger-assilah',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await createUser(t.ctx, { roles: ['partner_focal_point'], institutionId: institution.id });
  const r = await createUser(t.ctx, { roles: ['social_worker'], territoryCode: 'rabat' });
  worker = await signedIn(t.app, w.login);
  coordinator = await signedIn(t.app, c.login);
  partner = await signedIn(t.app, p.login);
  rabatWorker = await signedIn(t.app, r.login);
});

describe('reports and triage', () => {
  it('a partner service records a report that lands, urgent first, in the CAPE triage queue', async () => {
    const normal = await partner.post('/api/v1/reports', reportInput({ urgency: 'normal' }));
    expect(normal.statusCode).toBe(201);
    const urgent = await partner.post('/api/v1/reports', reportInput({ urgency: 'immediate' }));
    expect(urgent.statusCode).toBe(201);
    const queue = await coordinator.get('/api/v1/reports/triage');
    expect(queue.statusCode).toBe(200);
    const ids = queue.json().items.map((r: { id: string }) => r.id);
    expect(ids.indexOf(urgent.json().id)).toBeLessThan(ids.indexOf(normal.json().id));
    // The partner sees what became of its reports, not the queue.
    expect((await partner.get('/api/v1/reports/mine')).json().total).toBeGreaterThanOrEqual(2);
    expect((await partner.get('/api/v1/reports/triage')).statusCode).toBe(403);
  });

  it('refuses impossible input field by field, and saves nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('report')
      .select(t.ctx.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const response = await worker.post(
      '/api/v1/reports',
      reportInput({
        sourceCode: 'unknown-source',
        harmForms: ['not_a_harm'],
        receivedAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response)).toEqual(
      expect.arrayContaining([
        'sourceCode:unknown_code',
        'harmForms.0:unknown_code',
        'receivedAt:report_in_future',
      ]),
    );
    const after = await t.ctx.db
      .selectFrom('report')
      .select(t.ctx.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('triages a child into a new case with a pseudonymous code, and refuses a second triage', async () => {
    const report = (await partner.post('/api/v1/reports', reportInput())).json();
    const triage = await worker.post(`/api/v1/reports/${report.id}/triage`, {
      action: 'new_child',
      position: 0,
      child: { sex: 'male', identity },
      situations: ['victim'],
      assignedWorkerId: workerId,
    });
    expect(triage.statusCode).toBe(200);
    const { caseId, childId } = triage.json();
    const kase = (await worker.get(`/api/v1/cases/${caseId}`)).json();
    expect(kase.child.code).toMatch(/^TNG-\d{4}-\d{5}$/);
    expect(kase.stage).toBe('detection');
    expect(kase.harmForms).toEqual(['physical_violence']);
    expect(kase.transitions).toHaveLength(1);
    expect((await worker.get(`/api/v1/reports/${report.id}`)).json().status).toBe('triaged');

    const again = await worker.post(`/api/v1/reports/${report.id}/triage`, {
      action: 'existing_child',
      position: 0,
      childId,
      situations: [],
      assignedWorkerId: null,
    });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('already_triaged');
  });

  it('refuses a birth date after the report and an adult who is not a care leaver', async () => {
    const report = (await partner.post('/api/v1/reports', reportInput())).json();
    const late = await worker.post(`/api/v1/reports/${report.id}/triage`, {
      action: 'new_child',
      position: 0,
      child: {
        sex: 'male',
        identity: {
          ...identity,
          birthDate: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
        },
      },
      situations: [],
      assignedWorkerId: null,
    });
    expect(late.statusCode).toBe(400);
    expect(fieldCodes(late).join()).toMatch(/child\.identity\.birthDate:birth_(after_report|in_future)/);
    const adult = await worker.post(`/api/v1/reports/${report.id}/triage`, {
      action: 'new_child',
      position: 0,
      child: { sex: 'male', identity: { ...identity, birthDate: '2000-01-01' } },
      situations: ['victim'],
      assignedWorkerId: null,
    });
    expect(fieldCodes(adult)).toContain('child.identity.birthDate:over_18_not_care_leaver');
    const careLeaver = await worker.post(`/api/v1/reports/${report.id}/triage`, {
      action: 'new_child',
      position: 0,
      child: { sex: 'male', identity: { ...identity, birthDate: '2007-01-01' } },
      situations: ['care_leaver'],
      assignedWorkerId: null,
    });
    expect(careLeaver.statusCode).toBe(200);
  });

  it('a report can join an open case, or be closed with a reason', async () => {
    const first = (await partner.post('/api/v1/reports', reportInput())).json();
    const { caseId } = (
      await worker.post(`/api/v1/reports/${first.id}/triage`, {
        action: 'new_child',
        position: 0,
        child: { sex: 'female', identity: { ...identity, firstNameAr: 'سناء', firstNameLatin: 'Sanae' } },
        situations: [],
        assignedWorkerId: null,
      })
    ).json();
    const second = (await partner.post('/api/v1/reports', reportInput({ harmForms: ['neglect'] }))).json();
    const linked = await worker.post(`/api/v1/reports/${second.id}/triage`, {
      action: 'link_case',
      position: 0,
      caseId,
    });
    expect(linked.statusCode).toBe(200);
    expect((await worker.get(`/api/v1/cases/${caseId}`)).json().harmForms.sort()).toEqual([
      'neglect',
      'physical_violence',
    ]);

    const third = (await partner.post('/api/v1/reports', reportInput())).json();
    const closed = await coordinator.post(`/api/v1/reports/${third.id}/close`, {
      reason: 'duplicate_report',
      version: third.version,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
  });

  it('refuses other provinces and partners what is not theirs', async () => {
    const report = (await partner.post('/api/v1/reports', reportInput())).json();
    expect((await rabatWorker.get(`/api/v1/reports/${report.id}`)).statusCode).toBe(403);
    expect(
      (await rabatWorker.post(`/api/v1/reports/${report.id}/close`, { reason: 'other', version: 0 }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await partner.post(`/api/v1/reports/${report.id}/triage`, {
          action: 'new_child',
          position: 0,
          child: { sex: 'male', identity },
          situations: [],
          assignedWorkerId: null,
        })
      ).statusCode,
    ).toBe(403);
    // The reporter reads back what it wrote.
    expect((await partner.get(`/api/v1/reports/${report.id}`)).statusCode).toBe(200);
    expect((await rabatWorker.post('/api/v1/reports', reportInput())).statusCode).toBe(403);
  });
});
