import { CASEWORKER_ROLES, UNASSIGNED_WORKER } from '@madar/domain';
import { type ExpressionBuilder, sql, type Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db, DbOrTx } from '../../platform/db/database';
import { boundedCount } from '../../platform/db/paging';
import type { Database, ProtectionCaseTable } from '../../platform/db/schema';

export const OPEN_PLAN_STATUSES = ['planned', 'requested', 'in_progress'] as const;

export async function openServicesCount(db: DbOrTx, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_item')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .where('status', 'in', OPEN_PLAN_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A worker a case can be given to: active CAPE caseworker of the territory. The account row is held
 * (shared) until the caller's transaction ends: a deactivation or move of that account in progress is
 * waited for, and the row is checked again as it then is.
 */
export async function isCaseworkerOf(db: DbOrTx, userId: string, territoryCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', '=', userId)
    .where('active', '=', true)
    .where('territory_code', '=', territoryCode)
    .where(sql<boolean>`roles && ${[...CASEWORKER_ROLES]}::text[]`)
    .forShare()
    .executeTakeFirst();
  return row !== undefined;
}

export interface CaseListFilter {
  territoryCode: string;
  view: 'all' | 'mine' | 'overdue_follow_up' | 'overdue_services' | 'grave_danger' | 'awaiting_closure';
  actorId: string;
  stage?: string | undefined;
  dangerLevel?: string | undefined;
  harmForm?: string | undefined;
  situation?: string | undefined;
  sex?: string | undefined;
  birthYears?: [number, number] | undefined;
  /** A worker's id, or UNASSIGNED_WORKER for the cases without one. */
  workerId?: string | undefined;
  includeClosed: boolean;
  sort: 'last_activity' | 'opened_at' | 'danger' | 'next_follow_up';
  limit: number;
  offset: number;
  /** Counted exactly up to this many results (default: platform/db/paging's COUNT_BOUND). */
  countBound?: number;
}

/** What a case summary shows of the child and of the worker, beside the case's own columns. */
const CHILD_AND_WORKER = [
  'ch.code as child_code',
  'ch.territory_code as child_territory_code',
  'ch.merged_into as child_merged_into',
  'ch.created_at as child_created_at',
  'ch.version as child_version',
  'w.full_name as worker_name',
] as const;

const dangerRank = sql<number>`CASE c.danger_level WHEN 'grave_imminent_danger' THEN 0 WHEN 'danger' THEN 1 WHEN 'risk' THEN 2 WHEN 'no_danger' THEN 3 ELSE 4 END`;

/**
 * The caseload lists. Every filter is on indexed columns of protection_case (territory first; the
 * child's sex and birth year are copied onto the case, migration 0011), and pagination is by
 * limit/offset over an indexed order (migrations 0007, 0011), so a CAPE's list stays fast on large
 * tables. The child is joined for the page's 50 rows only; the total counts protection_case alone.
 */
export async function listCases(db: Db, f: CaseListFilter) {
  let cases = db.selectFrom('protection_case as c').where('c.territory_code', '=', f.territoryCode);
  if (!f.includeClosed) cases = cases.where('c.closed_at', 'is', null);
  if (f.view === 'mine') cases = cases.where('c.assigned_worker_id', '=', f.actorId);
  if (f.view === 'overdue_follow_up')
    cases = cases.where('c.next_follow_up_on', '<', sql<string>`current_date`);
  if (f.view === 'grave_danger') cases = cases.where('c.danger_level', '=', 'grave_imminent_danger');
  if (f.view === 'awaiting_closure') cases = cases.where('c.closure_request', 'is not', null);
  if (f.view === 'overdue_services') {
    // The territory's overdue services first (one index range), not a probe per open case: at
    // national scale most open cases have none, and the count walked them all.
    cases = cases.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('plan_item as p')
        .select('p.case_id')
        .where('p.territory_code', '=', f.territoryCode)
        .where('p.status', 'in', OPEN_PLAN_STATUSES)
        .where('p.due_on', '<', sql<string>`current_date`),
    );
  }
  if (f.stage) cases = cases.where('c.stage', '=', f.stage);
  if (f.dangerLevel) cases = cases.where('c.danger_level', '=', f.dangerLevel);
  if (f.harmForm) cases = cases.where('c.harm_forms', '@>', sql<string[]>`ARRAY[${f.harmForm}]::text[]`);
  if (f.situation) cases = cases.where('c.situations', '@>', sql<string[]>`ARRAY[${f.situation}]::text[]`);
  // `unassigned`: the cases no worker holds (case_unassigned_follow_up_idx serves the overdue view).
  if (f.workerId === UNASSIGNED_WORKER) cases = cases.where('c.assigned_worker_id', 'is', null);
  else if (f.workerId) cases = cases.where('c.assigned_worker_id', '=', f.workerId);
  if (f.sex) cases = cases.where('c.child_sex', '=', f.sex as 'female');
  if (f.birthYears) {
    cases = cases
      .where('c.child_birth_year', '>=', f.birthYears[0])
      .where('c.child_birth_year', '<=', f.birthYears[1]);
  }
  let ordered = cases
    .innerJoin('child as ch', 'ch.id', 'c.child_id')
    .leftJoin('app_user as w', 'w.id', 'c.assigned_worker_id');
  if (f.sort === 'danger') ordered = ordered.orderBy(dangerRank).orderBy('c.last_activity_at', 'desc');
  else if (f.sort === 'opened_at') ordered = ordered.orderBy('c.opened_at', 'desc');
  else if (f.sort === 'next_follow_up') ordered = ordered.orderBy(sql`c.next_follow_up_on ASC NULLS LAST`);
  else ordered = ordered.orderBy('c.last_activity_at', 'desc');
  const [rows, total] = await Promise.all([
    ordered.selectAll('c').select(CHILD_AND_WORKER).orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
    boundedCount(db, cases, f),
  ]);
  return { rows, ...total };
}

function caseWithChildQuery(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('protection_case as c')
    .innerJoin('child as ch', 'ch.id', 'c.child_id')
    .leftJoin('app_user as w', 'w.id', 'c.assigned_worker_id')
    .selectAll('c')
    .select(CHILD_AND_WORKER)
    .where('c.id', '=', caseId);
}

export function caseWithChild(db: DbOrTx, caseId: string) {
  return caseWithChildQuery(db, caseId).executeTakeFirst();
}

/**
 * The case page: the case, its child and every change of stage, in one round trip (the most
 * visited page; each query is a round trip and a plan at national load).
 */
export function caseWithTransitions(db: Db, caseId: string) {
  return caseWithChildQuery(db, caseId)
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('case_transition as t')
          .innerJoin('app_user as a', 'a.id', 't.actor_id')
          .leftJoin('app_user as ap', 'ap.id', 't.approved_by')
          .select([
            't.id',
            't.from_stage',
            't.to_stage',
            't.reason_enc',
            't.closure_reason',
            // As Date.toISOString() writes it: JSON carries text, not timestamps.
            sql<string>`to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at'),
            'a.full_name as actor_name',
            'ap.full_name as approver_name',
          ])
          .whereRef('t.case_id', '=', 'c.id')
          .orderBy('t.at')
          .orderBy('t.id'),
      ).as('transitions'),
    )
    .executeTakeFirst();
}

export async function insertTransition(
  db: DbOrTx,
  values: {
    case_id: string;
    from_stage: string | null;
    to_stage: string;
    reason_enc: string | null;
    closure_reason: string | null;
    approved_by: string | null;
    actor_id: string;
  },
) {
  await db.insertInto('case_transition').values(values).execute();
}

export type CaseValues = Omit<Updateable<ProtectionCaseTable>, 'version' | 'last_activity_at'>;

/**
 * A change of a case, as written: its values, a new version (so that pages still showing the case
 * as it was get a 409 and reload) and activity on the case (the caseload's "last activity" order).
 */
export const asCaseChange = (values: CaseValues) => (eb: ExpressionBuilder<Database, 'protection_case'>) => ({
  ...values,
  version: eb('version', '+', 1),
  last_activity_at: new Date(),
});

/** Writes who holds the cases from now on (null: nobody) into their assignment history. */
export async function recordAssignment(
  tx: DbOrTx,
  caseIds: string[],
  workerId: string | null,
  actorId: string,
): Promise<void> {
  if (caseIds.length === 0) return;
  await tx
    .insertInto('case_assignment')
    .values(caseIds.map((caseId) => ({ case_id: caseId, worker_id: workerId, actor_id: actorId })))
    .execute();
}

/** The open cases a user holds (closed ones are history and keep their worker). */
export async function openCasesHeldBy(db: DbOrTx, workerId: string): Promise<number> {
  const row = await db
    .selectFrom('protection_case')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('assigned_worker_id', '=', workerId)
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Takes a worker's open cases from them, as a change of each case; returns the cases released. */
export function releaseOpenCases(tx: DbOrTx, workerId: string) {
  return tx
    .updateTable('protection_case')
    .set(asCaseChange({ assigned_worker_id: null }))
    .where('assigned_worker_id', '=', workerId)
    .where('closed_at', 'is', null)
    .returning(['id', 'territory_code'])
    .execute();
}
