import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { addDays, casablancaDate } from '@madar/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccess } from '../src/modules/access-log/repository';
import { listAuditEntries } from '../src/modules/audit/repository';
import { type CaseListFilter, listCases, openServicesCount } from '../src/modules/cases/repository';
import { hashedQueryGroups } from '../src/modules/children/identity';
import {
  accessLogOf,
  childrenByAttributes,
  childrenByCode,
  childrenByKey,
  childrenMatchingGroups,
  openCaseIds,
} from '../src/modules/children/repository';
import {
  claimFollowUpReminders,
  claimUnassignedFollowUpReminders,
  overdueCases,
} from '../src/modules/follow-ups/repository';
import { listInstitutions, offersOfTerritory } from '../src/modules/institutions/repository';
import { listNotifications } from '../src/modules/notifications/repository';
import { circuit, listCards } from '../src/modules/referrals/repository';
import { listReports } from '../src/modules/reports/repository';
import { listTransfers } from '../src/modules/transfers/repository';
import { type ExplainedQuery, explainingDb, type PlanNode, planNodes, planText } from './explain';
import { createTestApp, type TestApp } from './harness';
import { PLAN_SEED, seedForPlans } from './plan-seed';

/**
 * Every list, search and inbox query of the application is served by an index at scale: on about
 * 100k rows of realistic case data, PostgreSQL's plan for each (the SQL the repositories really
 * send, captured by a Kysely whose connections EXPLAIN each SELECT) reads no large table whole.
 */

// Tables that grow with the number of children and with time: a Seq Scan on one of them is a query
// that slows down as the country's data grows. Reference tables (territory, sector, region,
// reference_item, protocol_rule) are small and fixed: scanning them is fine.
const CASE_DATA = new Set([
  'child',
  'child_search_key',
  'protection_case',
  'report',
  'report_child',
  'plan_item',
  'referral_card',
  'referral_message',
  'notification',
  'access_log',
  'audit_log',
  'case_transfer',
]);
// The directory: accounts and the actor map grow with staff and services (thousands of rows for the
// whole country, seeded at that size), not with children. A list may not be driven by a scan of one
// of them, but a join may read one whole (a few hundred pages, once) when the planner finds that
// cheaper than hundreds of index probes.
const DIRECTORY = new Set(['app_user', 'institution', 'institution_service']);
const JOINS = new Set(['Hash', 'Hash Join', 'Merge Join', 'Nested Loop']);

/** The whole-table scans of a plan that the rules above refuse. */
function refusedScans(node: PlanNode, parent?: PlanNode): string[] {
  const relation = node['Relation Name'] ?? '';
  const refused =
    node['Node Type'] === 'Seq Scan' &&
    (CASE_DATA.has(relation) || (DIRECTORY.has(relation) && !JOINS.has(parent?.['Node Type'] ?? '')));
  return [
    ...(refused ? [relation] : []),
    ...(node.Plans ?? []).flatMap((child) => refusedScans(child, node)),
  ];
}

let t: TestApp;
let explained: ReturnType<typeof explainingDb>;
const today = casablancaDate();
/** Parameters drawn from the seeded data: the busiest territory, worker, institution, user. */
let p: {
  territory: string;
  worker: string;
  institution: string;
  notified: string;
  childId: string;
  childCode: string;
  caseId: string;
  login: string;
  dobKey: string;
  bigCaseIds: string[];
};

beforeAll(async () => {
  t = await createTestApp();
  await seedForPlans(t.databaseUrl, t.ctx.keyRing);
  explained = explainingDb(t.databaseUrl);
  const db = t.ctx.db;
  const one = async <T>(query: { executeTakeFirstOrThrow(): Promise<T> }) => query.executeTakeFirstOrThrow();
  const territory = (
    await one(
      db
        .selectFrom('protection_case')
        .select('territory_code')
        .groupBy('territory_code')
        .orderBy(sql`count(*)`, 'desc')
        .limit(1),
    )
  ).territory_code;
  const worker = await one(
    db
      .selectFrom('protection_case')
      .select('assigned_worker_id')
      .where('territory_code', '=', territory)
      .where('assigned_worker_id', 'is not', null)
      .groupBy('assigned_worker_id')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1),
  );
  const institution = await one(
    db
      .selectFrom('referral_card')
      .select('receiving_institution_id')
      .groupBy('receiving_institution_id')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1),
  );
  const notified = await one(
    db
      .selectFrom('notification')
      .select('user_id')
      .groupBy('user_id')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1),
  );
  const kase = await one(
    db
      .selectFrom('referral_card as r')
      .innerJoin('protection_case as c', 'c.id', 'r.case_id')
      .innerJoin('child as ch', 'ch.id', 'c.child_id')
      .select(['c.id', 'ch.id as child_id', 'ch.code'])
      .where('c.territory_code', '=', territory)
      .limit(1),
  );
  const login = await one(
    db.selectFrom('app_user').select('login').where('territory_code', '=', territory).limit(1),
  );
  const dob = await one(db.selectFrom('child_search_key').select('key').where('field', '=', 'dob').limit(1));
  const bigCaseIds = (
    await db
      .selectFrom('protection_case')
      .select('child_id')
      .where('territory_code', '=', territory)
      .limit(50)
      .execute()
  ).map((r) => r.child_id);
  p = {
    territory,
    worker: worker.assigned_worker_id!,
    institution: institution.receiving_institution_id,
    notified: notified.user_id,
    childId: kase.child_id,
    childCode: kase.code,
    caseId: kase.id,
    login: login.login,
    dobKey: dob.key,
    bigCaseIds,
  };
}, 180_000);

afterAll(async () => {
  await explained?.db.destroy();
});

/** Indexes the plans of this file used: every index of migration 0007 must serve one of them. */
const usedIndexes = new Set<string>();

/** Runs a repository call and returns the plans of the SELECTs it sent; none may scan a large table. */
async function expectIndexed(run: () => Promise<unknown>): Promise<ExplainedQuery[]> {
  explained.take();
  await run();
  const queries = explained.take();
  expect(queries.length).toBeGreaterThan(0);
  for (const q of queries) {
    for (const node of planNodes(q.plan)) if (node['Index Name']) usedIndexes.add(node['Index Name']);
    const scans = refusedScans(q.plan);
    expect(scans, `whole-table scan in:\n${q.sql}\n\n${planText(q.plan)}`).toEqual([]);
  }
  return queries;
}

describe('the seed', () => {
  it('is large and spread like real data', async () => {
    const count = async (table: 'child' | 'protection_case' | 'referral_card' | 'child_search_key') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('child')).toBe(PLAN_SEED.children);
    expect(await count('protection_case')).toBeGreaterThan(PLAN_SEED.children);
    expect(await count('referral_card')).toBeGreaterThan(PLAN_SEED.children);
    expect(await count('child_search_key')).toBeGreaterThan(PLAN_SEED.children * 10);
    // Every status of a card, every stage of a case is present.
    const statuses = await t.ctx.db.selectFrom('referral_card').select('status').distinct().execute();
    expect(statuses).toHaveLength(7);
    const stages = await t.ctx.db.selectFrom('protection_case').select('stage').distinct().execute();
    expect(stages.length).toBeGreaterThanOrEqual(6);
  });
});

describe('caseload lists', () => {
  const base = (): CaseListFilter => ({
    territoryCode: p.territory,
    view: 'all',
    actorId: p.worker,
    includeClosed: false,
    sort: 'last_activity',
    limit: 50,
    offset: 0,
  });
  const variants: [string, () => Partial<CaseListFilter>][] = [
    ['all open cases', () => ({})],
    ['my cases', () => ({ view: 'mine' })],
    ['my cases by next follow-up', () => ({ view: 'mine', sort: 'next_follow_up' })],
    [
      'by age band, by opening date',
      () => ({ birthYears: [2020, 2026] as [number, number], sort: 'opened_at' }),
    ],
    ['overdue follow-ups', () => ({ view: 'overdue_follow_up', sort: 'next_follow_up' })],
    ['overdue services', () => ({ view: 'overdue_services' })],
    ['grave danger', () => ({ view: 'grave_danger', sort: 'danger' })],
    ['awaiting closure', () => ({ view: 'awaiting_closure' })],
    ['by stage', () => ({ stage: 'care' })],
    ['by danger level', () => ({ dangerLevel: 'danger', sort: 'danger' })],
    ['by form of harm', () => ({ harmForm: 'neglect' })],
    ['by situation', () => ({ situation: 'victim' })],
    ['by sex and age', () => ({ sex: 'female', birthYears: [2012, 2015] as [number, number] })],
    ['by worker', () => ({ workerId: p.worker })],
    [
      'overdue follow-ups without a worker',
      () => ({ view: 'overdue_follow_up', workerId: 'unassigned', sort: 'next_follow_up' }),
    ],
    ['with closed cases, by opening date', () => ({ includeClosed: true, sort: 'opened_at' })],
    ['with closed cases, by last activity', () => ({ includeClosed: true })],
    ['second page', () => ({ offset: 50 })],
  ];
  it.each(variants)('%s', async (_, change) => {
    await expectIndexed(() => listCases(explained.db, { ...base(), ...change() }));
  });

  it('open services of a case, counted before its closure', async () => {
    const kase = await t.ctx.db.selectFrom('protection_case').select('id').limit(1).executeTakeFirstOrThrow();
    await expectIndexed(() => openServicesCount(explained.db, kase.id));
  });

  it('overdue follow-up list of a territory', async () => {
    await expectIndexed(() =>
      overdueCases(explained.db, { territoryCode: p.territory, today, limit: 50, offset: 0 }),
    );
  });

  it('the daily reminder job counts overdue follow-ups nationally', async () => {
    await expectIndexed(() => claimFollowUpReminders(explained.db, today, 7));
  });

  it('the daily reminder job counts overdue follow-ups without a worker nationally', async () => {
    await expectIndexed(() => claimUnassignedFollowUpReminders(explained.db, today, 7));
  });
});

describe('reports', () => {
  it('triage queue of a territory', async () => {
    await expectIndexed(() =>
      listReports(explained.db, { territoryCode: p.territory, status: 'new', limit: 50, offset: 0 }),
    );
  });
  it("all of a territory's reports", async () => {
    await expectIndexed(() =>
      listReports(explained.db, { territoryCode: p.territory, limit: 50, offset: 0 }),
    );
  });
  it("a reporter's own reports", async () => {
    await expectIndexed(() => listReports(explained.db, { createdBy: p.worker, limit: 50, offset: 0 }));
  });
});

describe('child search', () => {
  const filter = () => ({ territoryCode: p.territory });
  const nameGroups = (query: string, typos: boolean) =>
    hashedQueryGroups(t.ctx.keyRing, 'name', query, typos);
  it.each([
    ['a common name in Latin script', 'Mohamed Alaoui', false],
    ['a common name in Arabic script', 'محمد العلوي', false],
    ['a rare name', 'Bilal Taheri', false],
    ['a name with a typo', 'Mohamed Alaui', true],
  ] as const)('by name: %s', async (_, query, typos) => {
    await expectIndexed(() =>
      childrenMatchingGroups(explained.db, 'name', nameGroups(query, typos), filter(), 300),
    );
  });
  it('by name with sex and birth year', async () => {
    await expectIndexed(() =>
      childrenMatchingGroups(
        explained.db,
        'name',
        nameGroups('Fatima Idrissi', false),
        { ...filter(), sex: 'female', birthYear: 2014 },
        300,
      ),
    );
  });
  it('by birth date', async () => {
    await expectIndexed(() => childrenByKey(explained.db, 'dob', p.dobKey, filter(), 300));
  });
  it('by code', async () => {
    await expectIndexed(() => childrenByCode(explained.db, p.childCode, p.territory));
  });
  it('by sex and birth year only', async () => {
    await expectIndexed(() =>
      childrenByAttributes(explained.db, { ...filter(), sex: 'male', birthYear: 2013 }, 50),
    );
  });
  it('open cases of the candidates', async () => {
    await expectIndexed(() => openCaseIds(explained.db, p.bigCaseIds));
  });
});

describe('referral cards', () => {
  it.each([
    ['inbox', () => ({ box: 'inbox' as const, institutionId: p.institution })],
    [
      'inbox, one status',
      () => ({ box: 'inbox' as const, institutionId: p.institution, status: 'sent' as const }),
    ],
    ['inbox, overdue', () => ({ box: 'inbox' as const, institutionId: p.institution, overdueOn: today })],
    ['outbox', () => ({ box: 'outbox' as const, territoryCode: p.territory })],
    [
      'outbox, one status',
      () => ({ box: 'outbox' as const, territoryCode: p.territory, status: 'completed' as const }),
    ],
    ['outbox, overdue', () => ({ box: 'outbox' as const, territoryCode: p.territory, overdueOn: today })],
    ["a case's cards", () => ({ box: 'case' as const, caseId: p.caseId })],
  ])('%s', async (_, filter) => {
    await expectIndexed(() => listCards(explained.db, { ...filter(), limit: 50, offset: 0 }));
  });

  it('the circuit view of a territory over three months reads only that period', async () => {
    const [query] = await expectIndexed(() =>
      circuit(explained.db, { territoryCode: p.territory, from: addDays(today, -90), to: today, today }),
    );
    const scan = planNodes(query!.plan).find((n) => n['Index Name'] === 'referral_card_sent_idx');
    expect(String(scan?.['Index Cond'])).toContain('sent_at >=');
  });
});

describe('notifications, logs and transfers', () => {
  it.each([
    ['all', false],
    ['unread', true],
  ])('notification centre: %s', async (_, unread) => {
    await expectIndexed(() => listNotifications(explained.db, p.notified, { unread, limit: 50, offset: 0 }));
  });

  it.each([
    ['of a province', () => ({ territoryCode: p.territory })],
    ['of one child', () => ({ territoryCode: p.territory, childCode: p.childCode })],
    ['of one user', () => ({ territoryCode: p.territory, login: p.login })],
    ['national, one kind of view', () => ({ territoryCode: null, what: 'identity' })],
    ['national, a week', () => ({ territoryCode: null, from: `${addDays(today, -7)}T00:00:00Z` })],
  ])('access log %s', async (_, filter) => {
    await expectIndexed(() => listAccess(explained.db, { ...filter(), limit: 50, offset: 0 }));
  });

  it("the views of one child's data", async () => {
    await expectIndexed(() => accessLogOf(explained.db, p.childId, 100));
  });

  it.each([
    ['of a province', () => ({ territoryCode: p.territory })],
    ['national, one event', () => ({ territoryCode: null, event: 'login_failed' })],
    ['national, one user', () => ({ territoryCode: null, actor: p.login })],
    [
      'national, failures of a week',
      () => ({
        territoryCode: null,
        outcome: 'failure' as const,
        from: `${addDays(today, -7)}T00:00:00Z`,
      }),
    ],
  ])('audit log %s', async (_, filter) => {
    await expectIndexed(() => listAuditEntries(explained.db, { ...filter(), limit: 50, offset: 0 }));
  });

  it.each([
    ['incoming', 'incoming', undefined],
    ['incoming, open', 'incoming', 'requested'],
    ['outgoing', 'outgoing', undefined],
    ['outgoing, accepted', 'outgoing', 'accepted'],
  ] as const)('transfers %s', async (_, direction, status) => {
    await expectIndexed(() =>
      listTransfers(explained.db, { territoryCode: p.territory, direction, status, limit: 50, offset: 0 }),
    );
  });
});

describe('the actor map', () => {
  it.each([
    ['of a territory', () => ({ territoryCode: p.territory })],
    ['of a territory and sector', () => ({ territoryCode: p.territory, sectorCode: 'health' })],
    [
      'of a territory offering a service',
      () => ({ territoryCode: p.territory, serviceCode: 'psychological_support' }),
    ],
    ['of a territory, by name', () => ({ territoryCode: p.territory, q: 'Institution 1' })],
  ])('institutions %s', async (_, filter) => {
    await expectIndexed(() => listInstitutions(explained.db, { ...filter(), limit: 50, offset: 0 }));
  });

  it('coverage of a territory', async () => {
    await expectIndexed(() => offersOfTerritory(explained.db, p.territory));
  });
});

describe.each([
  ['0007_scale_indexes.sql', 5],
  ['0011_case_child_profile.sql', 4],
])('migration %s', (file, atLeast) => {
  it('adds no index that none of these queries uses', async () => {
    const migration = await readFile(path.join(import.meta.dirname, '../migrations', file), 'utf8');
    const created = [...migration.matchAll(/CREATE INDEX IF NOT EXISTS (\w+)/g)].map((m) => m[1]!);
    expect(created.length).toBeGreaterThanOrEqual(atLeast);
    expect(created.filter((name) => !usedIndexes.has(name))).toEqual([]);
  });
});
