import { randomBytes, randomUUID } from 'node:crypto';
import type { ChildIdentity } from '@madar/domain';
import type { AppContext } from '../src/platform/context';
import type { Client } from './harness';

/** A plausible identity for a test child; override what the test is about. */
export function childIdentity(overrides: Partial<ChildIdentity> = {}): ChildIdentity {
  return {
    firstNameAr: 'كريم',
    lastNameAr: 'بنجلون',
    firstNameLatin: 'Karim',
    lastNameLatin: 'Benjelloun',
    birthDate: '2014-03-02',
    birthDateEstimated: false,
    fatherName: 'Ahmed Benjelloun',
    motherName: 'Fatima Zahra Alaoui',
    birthRecordNumber: '1234/2014',
    nationalId: null,
    address: '12 rue Ibn Battouta, Tanger',
    phones: ['0612345678'],
    ...overrides,
  };
}

export function reportInput(overrides: Record<string, unknown> = {}) {
  return {
    territoryCode: 'tanger-assilah',
    sourceCode: 'school',
    receivedAt: new Date(Date.now() - 3600_000).toISOString(),
    communeId: null,
    address: 'École primaire Al Amal',
    urgency: 'urgent',
    harmForms: ['physical_violence'],
    facts: "L'enfant est arrivé à l'école avec des traces de coups.",
    reporter: { anonymous: false, name: 'Mme Idrissi', phone: '0611111111', relation: 'enseignante' },
    children: [{ firstName: 'Karim', lastName: 'Benjelloun', approximateAge: 12, sex: 'male', notes: null }],
    ...overrides,
  };
}

/**
 * A case the way a CAPE opens one: a report recorded, then triaged into a new child and case by a
 * caseworker of the territory (the client must be one).
 */
export async function openCaseThroughTriage(
  caseworker: Client,
  options: {
    identity?: Partial<ChildIdentity>;
    sex?: 'female' | 'male';
    workerId?: string | null;
    territoryCode?: string;
    harmForms?: string[];
  } = {},
): Promise<{ caseId: string; childId: string; reportId: string }> {
  const report = await caseworker.post(
    '/api/v1/reports',
    reportInput({
      territoryCode: options.territoryCode ?? 'tanger-assilah',
      ...(options.harmForms ? { harmForms: options.harmForms } : {}),
    }),
  );
  if (report.statusCode !== 201) throw new Error(`report: ${report.body}`);
  const triage = await caseworker.post(`/api/v1/reports/${report.json().id}/triage`, {
    action: 'new_child',
    position: 0,
    child: { sex: options.sex ?? 'male', identity: childIdentity(options.identity) },
    situations: ['victim'],
    assignedWorkerId: options.workerId ?? null,
  });
  if (triage.statusCode !== 200) throw new Error(`triage: ${triage.body}`);
  return { ...triage.json(), reportId: report.json().id };
}

/**
 * A child and an open case written straight to the database, for tests of what is built on a case
 * (assessments, plan, cards) without going through reports and triage. The identity is encrypted as
 * the children module does it.
 */
export async function createCase(
  ctx: AppContext,
  input: {
    territoryCode?: string;
    workerId: string;
    stage?: string;
    identity?: Partial<ChildIdentity>;
    harmForms?: string[];
    situations?: string[];
    openedAt?: Date;
    nextFollowUpOn?: string | null;
  },
) {
  const territoryCode = input.territoryCode ?? 'tanger-assilah';
  const childId = randomUUID();
  const child = await ctx.db
    .insertInto('child')
    .values({
      id: childId,
      code: `TST-${new Date().getFullYear()}-${randomBytes(4).toString('hex').toUpperCase()}`,
      territory_code: territoryCode,
      sex: 'male',
      birth_year: 2014,
      identity_enc: ctx.keyRing.encrypt(
        JSON.stringify(childIdentity(input.identity)),
        `child.identity:${childId}`,
      ),
      created_by: input.workerId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const kase = await ctx.db
    .insertInto('protection_case')
    .values({
      child_id: child.id,
      territory_code: territoryCode,
      stage: input.stage ?? 'initial_diagnosis',
      assigned_worker_id: input.workerId,
      harm_forms: input.harmForms ?? [],
      situations: input.situations ?? [],
      next_follow_up_on: input.nextFollowUpOn ?? null,
      ...(input.openedAt ? { opened_at: input.openedAt } : {}),
      // A closed case is closed in both columns, as the circuit closes it.
      ...(input.stage === 'closed' ? { closed_at: new Date(), closure_reason: 'plan_goals_met' } : {}),
      created_by: input.workerId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { child, case: kase };
}
