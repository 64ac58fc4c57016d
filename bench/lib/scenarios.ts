import {
  addDays,
  type ChildIdentity,
  casablancaDate,
  caseListQuerySchema,
  childSearchInputSchema,
  circuitQuerySchema,
  newReportInputSchema,
  referenceTaxonomies,
  referralListQuerySchema,
  triageQueueQuerySchema,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import * as cases from '../../apps/server/src/modules/cases/service';
import * as children from '../../apps/server/src/modules/children/service';
import * as referrals from '../../apps/server/src/modules/referrals/service';
import * as reports from '../../apps/server/src/modules/reports/service';
import type { Actor } from '../../apps/server/src/platform/auth/actor';
import type { AppContext } from '../../apps/server/src/platform/context';
import type { Fixtures } from './fixtures';
import { withTypo } from './fixtures';
import { pick } from './stats';

/** One request of a scenario: what goes over HTTP, and the same question asked of the service. */
export interface Call {
  login: string;
  method: 'GET' | 'POST';
  /** Under /api/v1. */
  path: string;
  body?: unknown;
  service: (ctx: AppContext, request: FastifyRequest, actor: Actor) => Promise<unknown>;
  /** Ids the service created (replaced by fresh ones when its SQL is replayed). */
  created?: (result: unknown) => string[];
}

export interface Scenario {
  key: ScenarioKey;
  title: string;
  /** Weight in the soak mix (a CAPE reads far more than it writes). */
  weight: number;
  writes: boolean;
  calls: Call[];
}

export const SCENARIO_KEYS = [
  'caseload',
  'case_page',
  'name_search',
  'triage_queue',
  'partner_inbox',
  'circuit',
  'create_report',
] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

const codes = (list: { code: string }[]) => list.map((i) => i.code);

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function buildScenarios(input: {
  fixtures: Fixtures;
  identities: ChildIdentity[];
  random: () => number;
}): Scenario[] {
  const { fixtures: f, identities, random } = input;
  const coordinator = f.coordinator;
  const staff = [coordinator, ...f.socialWorkers.map((w) => w.login)];

  // --- Caseload lists: the views and filters a coordinator and social workers use all day.
  const stages = ['detection', 'initial_diagnosis', 'care', 'follow_up'];
  const caseloadFilters: Record<string, string | number | undefined>[] = [
    {},
    { offset: 50 },
    { offset: 200 },
    { view: 'grave_danger' },
    { view: 'overdue_follow_up', sort: 'next_follow_up' },
    { view: 'overdue_services' },
    { view: 'awaiting_closure' },
    { sort: 'danger' },
    { dangerLevel: 'danger', sort: 'danger' },
    { sex: 'female', ageBand: '12_14' },
    { ageBand: '0_5', sort: 'opened_at' },
    { includeClosed: 'true', sort: 'opened_at' },
    ...stages.map((stage) => ({ stage })),
    ...['physical_violence', 'neglect', 'child_labour'].map((harmForm) => ({ harmForm })),
    ...['out_of_school', 'street_situation'].map((situation) => ({ situation })),
    ...f.socialWorkers.slice(0, 2).map((w) => ({ workerId: w.id })),
  ];
  const caseloadCalls: Call[] = caseloadFilters.map((filter) => caseloadCall(coordinator, filter));
  for (const w of f.socialWorkers) {
    caseloadCalls.push(caseloadCall(w.login, { view: 'mine' }));
    caseloadCalls.push(caseloadCall(w.login, { view: 'mine', sort: 'next_follow_up' }));
  }

  // --- The case page of random cases of the territory.
  const casePageCalls: Call[] = f.caseIds.slice(0, 200).map((id, i) => ({
    login: staff[i % staff.length]!,
    method: 'GET',
    path: `/cases/${id}`,
    service: (ctx, request, actor) => cases.getCase(ctx, request, actor, id),
  }));

  // --- Name search: full names in both scripts, with typos, and family names alone.
  const queries: string[] = [];
  for (const id of identities) {
    const latin = [id.firstNameLatin, id.lastNameLatin].filter(Boolean).join(' ');
    const arabic = [id.firstNameAr, id.lastNameAr].filter(Boolean).join(' ');
    if (latin) queries.push(latin);
    if (arabic) queries.push(arabic);
    if (id.firstNameLatin && id.lastNameLatin) {
      queries.push(`${id.firstNameLatin} ${withTypo(id.lastNameLatin, random)}`);
    }
    if (id.firstNameAr && id.lastNameAr) queries.push(`${id.firstNameAr} ${withTypo(id.lastNameAr, random)}`);
    if (random() < 0.25 && id.lastNameLatin) queries.push(id.lastNameLatin);
  }
  if (queries.length === 0) throw new Error('no child name to search for');
  const searchCalls: Call[] = queries.map((name, i) => {
    const body = { name };
    return {
      login: staff[i % staff.length]!,
      method: 'POST',
      path: '/children/search',
      body,
      service: (ctx, request, actor) =>
        children.searchChildren(ctx, request, actor, childSearchInputSchema.parse(body)),
    };
  });

  // --- The triage queue: new reports, urgent first; its next pages; what was triaged.
  const triageCalls: Call[] = [{}, {}, { offset: 50 }, { status: 'triaged' }, { status: 'closed' }].map(
    (params, i) => ({
      login: staff[i % staff.length]!,
      method: 'GET',
      path: `/reports/triage${query(params)}`,
      service: (ctx, request, actor) =>
        reports.listTriageQueue(ctx, request, actor, triageQueueQuerySchema.parse(params)),
    }),
  );

  // --- Partner inboxes: what is waiting, what is late, the history.
  const inboxCalls: Call[] = [];
  for (const fp of f.focalPoints) {
    for (const params of [
      { box: 'inbox' },
      { box: 'inbox', offset: 50 },
      { box: 'inbox', status: 'sent' },
      { box: 'inbox', status: 'in_progress' },
      { box: 'inbox', overdue: 'true' },
      { box: 'inbox', status: 'completed' },
    ]) {
      inboxCalls.push({
        login: fp.login,
        method: 'GET',
        path: `/referrals${query(params)}`,
        service: (ctx, request, actor) =>
          referrals.listReferrals(ctx, request, actor, referralListQuerySchema.parse(params)),
      });
    }
  }

  // --- The circuit view of the territory: the last year, and each of the last four quarters.
  const today = casablancaDate();
  const circuitRanges: Record<string, string>[] = [{}];
  for (let q = 0; q < 4; q++) {
    circuitRanges.push({ from: addDays(today, -91 * (q + 1) + 1), to: addDays(today, -91 * q) });
  }
  const circuitCalls: Call[] = circuitRanges.map((params, i) => ({
    login: staff[i % staff.length]!,
    method: 'GET',
    path: `/territories/${f.territoryCode}/circuit${query(params)}`,
    service: (ctx, request, actor) =>
      referrals.circuitView(ctx, request, actor, f.territoryCode, circuitQuerySchema.parse(params)),
  }));

  // --- Recording a report: valid payloads, as the CAPE staff types them.
  const sources = codes(referenceTaxonomies.report_sources);
  const harms = codes(referenceTaxonomies.harm_forms);
  const facts = [
    'أفاد المبلغ بأن الطفل يتغيب عن المدرسة منذ أسابيع ويشتغل في ورشة بالحي.',
    "L'enfant a été vu seul la nuit près de la gare routière, sans ressources.",
    'تعرضت الطفلة لعنف جسدي متكرر حسب إفادة الجيران، وتظهر عليها آثار كدمات.',
    "Signalement de l'école : absences répétées et signes de négligence.",
  ];
  const reportCalls: Call[] = Array.from({ length: 60 }, (_, i) => {
    const who = staff[i % staff.length]!;
    const named = identities[i % Math.max(1, identities.length)];
    const body = {
      territoryCode: f.territoryCode,
      sourceCode: pick(random, sources),
      receivedAt: new Date(Date.now() - Math.floor(random() * 72) * 3_600_000).toISOString(),
      communeId: f.communeIds.length && random() < 0.7 ? pick(random, f.communeIds) : null,
      address: random() < 0.5 ? 'حي السلام، زنقة 12' : null,
      urgency: pick(random, ['normal', 'normal', 'normal', 'urgent', 'immediate'] as const),
      harmForms: [pick(random, harms)],
      facts: pick(random, facts),
      reporter:
        random() < 0.3
          ? { anonymous: true, name: null, phone: null, relation: 'voisin' }
          : { anonymous: false, name: 'Rachid Bennani', phone: '0612345678', relation: 'enseignant' },
      children: [
        {
          firstName: named?.firstNameLatin ?? null,
          lastName: named?.lastNameLatin ?? null,
          approximateAge: Math.floor(random() * 18),
          sex: pick(random, ['female', 'male'] as const),
          notes: null,
        },
      ],
    };
    return {
      login: who,
      method: 'POST',
      path: '/reports',
      body,
      service: (ctx, request, actor) =>
        reports.createReport(ctx, request, actor, newReportInputSchema.parse(body)),
      created: (result) => [(result as { id: string }).id],
    };
  });

  return [
    { key: 'caseload', title: 'Caseload list with filters', weight: 30, writes: false, calls: caseloadCalls },
    {
      key: 'case_page',
      title: "Case page (a child's case)",
      weight: 25,
      writes: false,
      calls: casePageCalls,
    },
    {
      key: 'name_search',
      title: 'Name search (Arabic, Latin, typos)',
      weight: 15,
      writes: false,
      calls: searchCalls,
    },
    { key: 'triage_queue', title: 'Triage queue', weight: 8, writes: false, calls: triageCalls },
    { key: 'partner_inbox', title: "Partner's referral inbox", weight: 12, writes: false, calls: inboxCalls },
    { key: 'circuit', title: 'Circuit view of the territory', weight: 3, writes: false, calls: circuitCalls },
    { key: 'create_report', title: 'Create a report (POST)', weight: 7, writes: true, calls: reportCalls },
  ];
}

function caseloadCall(login: string, filter: Record<string, string | number | undefined>): Call {
  return {
    login,
    method: 'GET',
    path: `/cases${query(filter)}`,
    service: (ctx, request, actor) => cases.listCases(ctx, request, actor, caseListQuerySchema.parse(filter)),
  };
}
