import {
  type ChildIdentity,
  defaultAssessmentInstrument,
  referenceTerritories,
  scoreAssessment,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import * as assessments from '../modules/assessments/service';
import { findUserByLogin } from '../modules/auth/repository';
import { actorFromRow } from '../modules/auth/service';
import * as cases from '../modules/cases/service';
import * as followUps from '../modules/follow-ups/service';
import * as plans from '../modules/plans/service';
import * as reports from '../modules/reports/service';
import type { Actor } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';
import { FAMILY_NAMES, FATHER_NAMES, FIRST_NAMES, MOTHER_NAMES, pick, seededRandom } from './names';
import { seedDemoReferrals } from './referrals';
import { seedDemoTransfers } from './transfers';

/**
 * Demo cases of the pilot provinces, written through the same services as the application (so the
 * stored data — encryption, blind indexes, codes, history — is exactly what real use produces),
 * then spread back in time so the demo shows months of work, not one afternoon.
 */

// The services expect the HTTP request they were called from: for audit origin and access logs.
const seedRequest = {
  ip: '127.0.0.1',
  id: 'demo-seed',
  method: 'SEED',
  headers: { 'user-agent': 'madar-demo-seed' },
  routeOptions: { url: 'demo-seed' },
} as unknown as FastifyRequest;

const PILOT_STAFF: Record<string, { coordinator: string; worker: string }> = {
  'tanger-assilah': { coordinator: 'coordinateur.tanger', worker: 'as.tanger' },
  rabat: { coordinator: 'coordinateur.rabat', worker: 'as.rabat' },
  sale: { coordinator: 'coordinateur.sale', worker: 'as.sale' },
  'casablanca-anfa': { coordinator: 'coordinateur.anfa', worker: 'as.anfa' },
  meknes: { coordinator: 'coordinateur.meknes', worker: 'as.meknes' },
  marrakech: { coordinator: 'coordinateur.marrakech', worker: 'as.marrakech' },
  'agadir-ida-outanane': { coordinator: 'coordinateur.agadir', worker: 'as.agadir' },
  laayoune: { coordinator: 'coordinateur.laayoune', worker: 'as.laayoune' },
};

/** Where each demo case of a province ends up: one of every stage, and a few that need attention. */
const SCENARIOS = [
  'detection',
  'immediate_assistance',
  'initial_diagnosis',
  'care',
  'care_overdue',
  'reintegration',
  'follow_up',
  'closed',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const HARM_BY_SCENARIO: Record<Scenario, string[]> = {
  detection: ['neglect'],
  immediate_assistance: ['physical_violence'],
  initial_diagnosis: ['sexual_violence'],
  care: ['child_labour'],
  care_overdue: ['physical_violence', 'psychological_violence'],
  reintegration: ['abandonment'],
  follow_up: ['begging_exploitation'],
  closed: ['neglect'],
};

const FACTS: Record<string, string> = {
  neglect: "L'enfant est souvent seul à la maison, mal nourri, et ne va plus à l'école depuis la rentrée.",
  physical_violence:
    "L'enseignante a remarqué des traces de coups sur les bras de l'enfant, qui dit avoir peur de rentrer.",
  sexual_violence:
    "Signalement par le service des urgences: suspicion d'abus sexuel, l'enfant a été examiné.",
  child_labour: "L'enfant travaille dans un atelier de mécanique du quartier au lieu d'aller à l'école.",
  psychological_violence: 'Menaces et humiliations répétées rapportées par la voisine.',
  abandonment: 'Enfant trouvé seul près de la gare routière, sans nouvelles de la famille.',
  begging_exploitation: "Enfant vu chaque jour en train de mendier au feu rouge, accompagné d'un adulte.",
};

function identityFor(random: () => number, sex: 'male' | 'female', birthYear: number): ChildIdentity {
  const first = pick(
    random,
    FIRST_NAMES.filter((n) => n.sex === sex),
  );
  const family = pick(random, FAMILY_NAMES);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return {
    firstNameAr: first.ar,
    lastNameAr: family.ar,
    firstNameLatin: first.latin,
    lastNameLatin: family.latin,
    birthDate: `${birthYear}-${month}-${day}`,
    birthDateEstimated: random() < 0.2,
    fatherName: `${pick(random, FATHER_NAMES)} ${family.ar}`,
    motherName: pick(random, MOTHER_NAMES),
    birthRecordNumber: random() < 0.85 ? `${100 + Math.floor(random() * 900)}/${birthYear}` : null,
    nationalId: null,
    address: `${1 + Math.floor(random() * 120)} derb ${pick(random, ['Al Amal', 'Sidi Bouabid', 'Moulay Ismail', 'Al Massira'])}`,
    phones: random() < 0.7 ? [`06${String(Math.floor(random() * 1e8)).padStart(8, '0')}`] : [],
  };
}

function answersFor(random: () => number, severity: number) {
  const items: Record<string, number> = {};
  for (const domain of defaultAssessmentInstrument().domains) {
    for (const item of domain.items) {
      const base = domain.protective ? 3 - severity : severity;
      items[item.code] = Math.max(0, Math.min(3, Math.round(base + (random() - 0.5) * 1.2)));
    }
  }
  return { items, redFlags: [] as string[] };
}

function confirmed(answers: { items: Record<string, number>; redFlags: string[] }) {
  const outcome = scoreAssessment(defaultAssessmentInstrument(), answers);
  if (!outcome.ok) throw new Error('demo answers do not fit the default instrument');
  return outcome.score.orientation?.code ?? 'information_orientation';
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);

async function actor(ctx: AppContext, login: string): Promise<Actor> {
  const row = await findUserByLogin(ctx.db, login);
  if (!row) throw new Error(`demo account ${login} missing`);
  return actorFromRow(row);
}

async function advance(ctx: AppContext, who: Actor, caseId: string, stages: string[]) {
  for (const to of stages) {
    const current = await ctx.db
      .selectFrom('protection_case')
      .select('version')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await cases.transitionCase(ctx, seedRequest, who, caseId, {
      to,
      reason: null,
      closureReason: null,
      confirmOpenServices: false,
      version: current.version,
    });
  }
}

async function seedCase(ctx: AppContext, territoryCode: string, scenario: Scenario, random: () => number) {
  const staff = PILOT_STAFF[territoryCode]!;
  const worker = await actor(ctx, staff.worker);
  const coordinator = await actor(ctx, staff.coordinator);
  const sex = random() < 0.5 ? 'female' : 'male';
  const birthYear = new Date().getUTCFullYear() - (3 + Math.floor(random() * 14));
  const harmForms = HARM_BY_SCENARIO[scenario];
  const sources = ['school', 'health_facility', 'green_line_2511', 'police', 'upe', 'family', 'citizen'];
  const report = await reports.createReport(ctx, seedRequest, worker, {
    territoryCode,
    sourceCode: pick(random, sources),
    receivedAt: new Date().toISOString(),
    communeId: null,
    address: null,
    urgency:
      scenario === 'immediate_assistance' ? 'immediate' : scenario === 'care_overdue' ? 'urgent' : 'normal',
    harmForms,
    facts: FACTS[harmForms[0]!] ?? FACTS.neglect!,
    reporter: { anonymous: random() < 0.3, name: null, phone: null, relation: null },
    children: [{ firstName: null, lastName: null, approximateAge: null, sex, notes: null }],
  });
  const { caseId } = await reports.triageChild(ctx, seedRequest, worker, report.id, {
    action: 'new_child',
    position: 0,
    child: { sex, identity: identityFor(random, sex, birthYear) },
    situations: [
      'victim',
      ...(random() < 0.4 ? ['poor_family'] : []),
      ...(harmForms.includes('child_labour') ? ['working_child', 'out_of_school'] : []),
    ],
    assignedWorkerId: worker.id,
  });
  if (scenario === 'detection') return caseId;
  await advance(ctx, worker, caseId, ['immediate_assistance']);
  if (scenario === 'immediate_assistance') return caseId;
  await advance(ctx, worker, caseId, ['initial_diagnosis']);
  const severity = scenario === 'care_overdue' ? 2.2 : scenario === 'closed' ? 0.8 : 1;
  const initial = answersFor(random, severity);
  await assessments.createAssessment(ctx, seedRequest, worker, caseId, {
    answers: initial,
    confirmedOrientation: confirmed(initial),
    overrideJustification: null,
  });
  if (scenario === 'initial_diagnosis') return caseId;
  await advance(ctx, worker, caseId, ['care']);

  const suggested = await plans.suggestions(ctx, seedRequest, worker, caseId);
  const planned = [];
  for (const s of suggested.items.slice(0, 3)) {
    planned.push(
      await plans.createPlanItem(ctx, seedRequest, worker, caseId, {
        serviceCode: s.serviceCode,
        sectorCode: s.sectorCode,
        institutionId: s.candidates[0]?.id ?? null,
        need: null,
        dueOn: s.suggestedDueOn,
      }),
    );
  }
  const deliver = scenario === 'care' || scenario === 'care_overdue' ? 1 : planned.length;
  for (const item of planned.slice(0, deliver)) {
    await plans.updatePlanItem(ctx, seedRequest, worker, item.id, {
      status: 'delivered',
      notDeliveredReason: null,
      institutionId: item.institution?.id ?? null,
      dueOn: item.dueOn,
      need: null,
      version: item.version,
    });
  }
  await followUps.createFollowUp(ctx, seedRequest, worker, caseId, {
    contactType: 'home_visit',
    contactAt: new Date().toISOString(),
    observations:
      "Visite à domicile : la mère est présente et coopère. L'enfant a repris ses repas réguliers.",
    childViews: "L'enfant dit qu'il se sent mieux et qu'il voudrait retourner à l'école avec ses amis.",
    nextSteps: 'Accompagner la réinscription scolaire.',
    nextFollowUpOn: isoDate(daysFromNow(14)),
  });
  if (scenario === 'care' || scenario === 'care_overdue') return caseId;
  await advance(ctx, worker, caseId, ['reintegration']);
  const current = answersFor(random, Math.max(0, severity - 0.7));
  await assessments.createEvaluation(ctx, seedRequest, worker, caseId, {
    answers: current,
    confirmedOrientation: confirmed(current),
    overrideJustification: null,
    servicesEffect:
      'Les soins et le soutien psychologique ont réduit les signes de détresse ; la famille suit le plan.',
    recommendation: scenario === 'closed' ? 'close' : 'continue',
  });
  if (scenario === 'reintegration') return caseId;
  await advance(ctx, worker, caseId, ['follow_up']);
  if (scenario === 'follow_up') return caseId;
  const kase = await ctx.db
    .selectFrom('protection_case')
    .select('version')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  await cases.transitionCase(ctx, seedRequest, coordinator, caseId, {
    to: 'closed',
    reason: 'Objectifs du plan atteints, famille accompagnée.',
    closureReason: 'plan_goals_met',
    confirmOpenServices: true,
    version: kase.version,
  });
  return caseId;
}

/**
 * Spreads a case's history back in time: opened `days` ago, each recorded step placed in order
 * between then and now. Runs after the services wrote everything "now".
 */
async function backdate(ctx: AppContext, caseId: string, days: number, overdue: boolean) {
  const opened = sql<Date>`now() - make_interval(days => ${days})`;
  const share = (fraction: number) =>
    sql<Date>`now() - make_interval(days => ${Math.round(days * (1 - fraction))})`;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('protection_case')
      .set({ opened_at: opened, last_activity_at: share(0.9) })
      .where('id', '=', caseId)
      .execute();
    await sql`
      UPDATE case_transition t SET at = now() - make_interval(days => ${days}) + (x.rn - 1) * make_interval(days => ${Math.max(1, Math.floor(days / 6))})
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM case_transition WHERE case_id = ${caseId}) x
      WHERE t.id = x.id`.execute(tx);
    await tx
      .updateTable('assessment')
      .set({ assessed_at: share(0.25) })
      .where('case_id', '=', caseId)
      .execute();
    await tx
      .updateTable('plan_item')
      .set({ created_at: share(0.4), updated_at: share(0.6) })
      .where('case_id', '=', caseId)
      .execute();
    await tx
      .updateTable('follow_up')
      .set({ contact_at: share(0.7), created_at: share(0.7) })
      .where('case_id', '=', caseId)
      .execute();
    await tx
      .updateTable('evaluation')
      .set({ created_at: share(0.85) })
      .where('case_id', '=', caseId)
      .execute();
    await sql`
      UPDATE report r SET received_at = now() - make_interval(days => ${days + 1}), created_at = now() - make_interval(days => ${days + 1})
      FROM report_child rc WHERE rc.report_id = r.id AND rc.case_id = ${caseId}`.execute(tx);
    if (overdue) {
      await tx
        .updateTable('protection_case')
        .set({ next_follow_up_on: isoDate(daysFromNow(-9)) })
        .where('id', '=', caseId)
        .execute();
      await tx
        .updateTable('plan_item')
        .set({ due_on: isoDate(daysFromNow(-5)) })
        .where('case_id', '=', caseId)
        .where('status', 'in', ['planned', 'requested', 'in_progress'])
        .execute();
    }
  });
}

/** Reports still waiting in each pilot's triage queue, one of them urgent. */
async function seedWaitingReports(ctx: AppContext, territoryCode: string, random: () => number) {
  const upe =
    territoryCode === 'tanger-assilah'
      ? await actor(ctx, 'upe.tanger')
      : await actor(ctx, PILOT_STAFF[territoryCode]!.worker);
  for (const urgency of ['immediate', 'normal'] as const) {
    const harm = urgency === 'immediate' ? 'sexual_violence' : 'neglect';
    await reports.createReport(ctx, seedRequest, upe, {
      territoryCode,
      sourceCode: urgency === 'immediate' ? 'green_line_2511' : 'upe',
      receivedAt: new Date(Date.now() - Math.floor(random() * 6) * 3600_000).toISOString(),
      communeId: null,
      address: null,
      urgency,
      harmForms: [harm],
      facts: FACTS[harm]!,
      reporter: { anonymous: urgency === 'immediate', name: null, phone: null, relation: 'voisin' },
      children: [
        {
          firstName: pick(random, FIRST_NAMES).latin,
          lastName: pick(random, FAMILY_NAMES).latin,
          approximateAge: 6 + Math.floor(random() * 10),
          sex: 'unknown',
          notes: null,
        },
      ],
    });
  }
}

export async function seedDemoCases(ctx: AppContext): Promise<number> {
  const random = seededRandom(20261123);
  const pilots = referenceTerritories.territories.filter((t) => t.pilot).map((t) => t.code);
  let count = 0;
  for (const territoryCode of pilots) {
    if (!PILOT_STAFF[territoryCode]) continue;
    for (const [i, scenario] of SCENARIOS.entries()) {
      const caseId = await seedCase(ctx, territoryCode, scenario, random);
      await backdate(ctx, caseId, 12 + i * 22 + Math.floor(random() * 10), scenario === 'care_overdue');
      count++;
    }
    await seedWaitingReports(ctx, territoryCode, random);
  }
  await seedDemoTransfers(ctx);
  await seedDemoReferrals(ctx);
  return count;
}
