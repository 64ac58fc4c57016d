import type { ContactType } from '@madar/domain';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';

// Dates leave the database as text: pg would turn a DATE into a local-midnight Date.
const dateText = <A extends string>(column: string, alias: A) =>
  sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(alias);

export function insertFollowUp(
  db: DbOrTx,
  values: {
    id: string;
    case_id: string;
    territory_code: string;
    contact_type: ContactType;
    contact_at: Date;
    content_enc: string;
    next_follow_up_on: string;
    created_by: string;
  },
) {
  return db.insertInto('follow_up').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Sets the case's next follow-up date; the case's version moves, as for any change to the case. */
export async function setNextFollowUp(db: DbOrTx, caseId: string, on: string): Promise<number> {
  const row = await db
    .updateTable('protection_case')
    .set((eb) => ({ next_follow_up_on: on, version: eb('version', '+', 1), last_activity_at: new Date() }))
    .where('id', '=', caseId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

function followUps(db: DbOrTx) {
  return db
    .selectFrom('follow_up as f')
    .leftJoin('app_user as u', 'u.id', 'f.created_by')
    .select([
      'f.id',
      'f.case_id',
      'f.contact_type',
      'f.contact_at',
      'f.content_enc',
      sql<string | null>`to_char(f.next_follow_up_on, 'YYYY-MM-DD')`.as('next_follow_up_on'),
      'f.created_by',
      'f.created_at',
      'u.full_name as created_by_name',
    ]);
}

export type FollowUpRow = NonNullable<Awaited<ReturnType<typeof findFollowUp>>>;

export function findFollowUp(db: DbOrTx, id: string) {
  return followUps(db).where('f.id', '=', id).executeTakeFirst();
}

/** A case's follow-up cards, the latest contact first. */
export function followUpsOf(db: DbOrTx, caseId: string) {
  return followUps(db)
    .where('f.case_id', '=', caseId)
    .orderBy('f.contact_at', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute();
}

/** Open cases of a territory whose follow-up date has passed, the longest overdue first. */
export async function overdueCases(
  db: Db,
  filter: { territoryCode: string; today: string; limit: number; offset: number },
) {
  const base = db
    .selectFrom('protection_case as c')
    .where('c.territory_code', '=', filter.territoryCode)
    .where('c.closed_at', 'is', null)
    .where('c.stage', '<>', 'closed')
    .where('c.next_follow_up_on', '<', filter.today);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('child as ch', 'ch.id', 'c.child_id')
      .leftJoin('app_user as u', 'u.id', 'c.assigned_worker_id')
      .select([
        'c.id',
        'ch.code as child_code',
        'c.territory_code',
        'c.stage',
        'c.danger_level',
        dateText('c.next_follow_up_on', 'next_follow_up_on'),
        sql<number>`(${filter.today}::date - c.next_follow_up_on)`.as('days_overdue'),
        'c.assigned_worker_id',
        'u.full_name as assigned_worker_name',
      ])
      .orderBy('c.next_follow_up_on')
      .orderBy('c.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * When a summary row `r` of an earlier day may be replaced by today's (`excluded`): not twice the same
 * day, and only when a case joined the count since (newly overdue or newly counted) or the last
 * notice is `repeatAfterDays` old.
 */
const remindAgain = (repeatAfterDays: number) => sql<boolean>`
  r.reminded_on < excluded.reminded_on
  AND (
    r.reminded_on <= excluded.reminded_on - ${repeatAfterDays}::int
    OR NOT (excluded.case_ids <@ r.case_ids)
    OR excluded.latest_due_on >= r.reminded_on
  )`;

export interface ClaimedReminder {
  worker_id: string;
  overdue: number;
  most_days_overdue: number;
}

/**
 * Claims today's overdue follow-up reminders, one per caseworker, and returns those to send.
 *
 * A worker is counted the open cases of their own territory (the list the notice leads to) past
 * their follow-up date. The worker's row in follow_up_reminder is written in the same statement, and
 * only when it was last written before today: a second run the same day — another instance, a retry
 * — claims nothing (a concurrent run waits on the row, then finds it written today). Nor is a worker
 * told again while nothing new is overdue: only when a case became overdue since the last notice
 * (its follow-up date is on or after that day, or it was not among the cases counted then — newly
 * assigned, reopened), or when the last notice is `repeatAfterDays` old and cases still wait.
 */
export async function claimFollowUpReminders(
  db: DbOrTx,
  today: string,
  repeatAfterDays: number,
): Promise<ClaimedReminder[]> {
  const result = await sql<ClaimedReminder>`
    WITH overdue AS (
      SELECT c.assigned_worker_id AS worker_id,
             array_agg(c.id ORDER BY c.id) AS case_ids,
             count(*)::int AS overdue,
             max(${today}::date - c.next_follow_up_on)::int AS most_days_overdue,
             max(c.next_follow_up_on) AS latest_due_on
        FROM protection_case c
        JOIN app_user u ON u.id = c.assigned_worker_id
       WHERE c.closed_at IS NULL
         AND c.stage <> 'closed'
         AND c.next_follow_up_on < ${today}::date
         AND u.active
         AND u.territory_code = c.territory_code
       GROUP BY c.assigned_worker_id
    ), claimed AS (
      INSERT INTO follow_up_reminder AS r
             (worker_id, reminded_on, case_ids, latest_due_on, overdue, most_days_overdue)
      SELECT o.worker_id, ${today}::date, o.case_ids, o.latest_due_on, o.overdue, o.most_days_overdue
        FROM overdue o
      ON CONFLICT (worker_id) DO UPDATE
         SET reminded_on = excluded.reminded_on,
             case_ids = excluded.case_ids,
             latest_due_on = excluded.latest_due_on,
             overdue = excluded.overdue,
             most_days_overdue = excluded.most_days_overdue
       WHERE ${remindAgain(repeatAfterDays)}
      RETURNING r.worker_id, r.overdue, r.most_days_overdue
    )
    SELECT worker_id, overdue, most_days_overdue FROM claimed ORDER BY worker_id`.execute(db);
  return result.rows;
}

export interface ClaimedUnassignedReminder {
  coordinator_id: string;
  territory_code: string;
  overdue: number;
  most_days_overdue: number;
}

/**
 * Claims today's summaries of the overdue follow-ups that no worker holds, one per CAPE coordinator,
 * and returns those to send.
 *
 * A coordinator is counted the open cases of their own territory without an assigned worker past
 * their follow-up date (the list the notice leads to) — a case with a worker is that worker's
 * reminder, never the coordinator's. The claim is the one of claimFollowUpReminders, per coordinator
 * in follow_up_unassigned_reminder: once a day across instances and retries, again only when a case
 * joined the count since the last notice (newly overdue, unassigned, transferred in) or after
 * `repeatAfterDays` with cases still waiting. Only active coordinators of the case's territory.
 */
export async function claimUnassignedFollowUpReminders(
  db: DbOrTx,
  today: string,
  repeatAfterDays: number,
): Promise<ClaimedUnassignedReminder[]> {
  const result = await sql<ClaimedUnassignedReminder>`
    WITH overdue AS (
      SELECT c.territory_code,
             array_agg(c.id ORDER BY c.id) AS case_ids,
             count(*)::int AS overdue,
             max(${today}::date - c.next_follow_up_on)::int AS most_days_overdue,
             max(c.next_follow_up_on) AS latest_due_on
        FROM protection_case c
       WHERE c.closed_at IS NULL
         AND c.stage <> 'closed'
         AND c.assigned_worker_id IS NULL
         AND c.next_follow_up_on < ${today}::date
       GROUP BY c.territory_code
    ), claimed AS (
      INSERT INTO follow_up_unassigned_reminder AS r
             (coordinator_id, territory_code, reminded_on, case_ids, latest_due_on, overdue, most_days_overdue)
      SELECT u.id, o.territory_code, ${today}::date, o.case_ids, o.latest_due_on, o.overdue, o.most_days_overdue
        FROM overdue o
        JOIN app_user u
          ON u.territory_code = o.territory_code
         AND u.active
         AND 'cape_coordinator' = ANY (u.roles)
      ON CONFLICT (coordinator_id) DO UPDATE
         SET territory_code = excluded.territory_code,
             reminded_on = excluded.reminded_on,
             case_ids = excluded.case_ids,
             latest_due_on = excluded.latest_due_on,
             overdue = excluded.overdue,
             most_days_overdue = excluded.most_days_overdue
       WHERE ${remindAgain(repeatAfterDays)}
      RETURNING r.coordinator_id, r.territory_code, r.overdue, r.most_days_overdue
    )
    SELECT coordinator_id, territory_code, overdue, most_days_overdue
      FROM claimed
     ORDER BY territory_code, coordinator_id`.execute(db);
  return result.rows;
}
