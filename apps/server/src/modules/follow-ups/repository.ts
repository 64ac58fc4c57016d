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

/** Overdue follow-ups counted per territory and assigned worker (null: a case nobody holds). */
export async function overdueCountsByWorker(db: Db, today: string) {
  const rows = await db
    .selectFrom('protection_case')
    .select([
      'territory_code',
      'assigned_worker_id',
      (eb) => eb.fn.countAll<string>().as('overdue'),
      sql<number>`max(${today}::date - next_follow_up_on)`.as('most_days_overdue'),
    ])
    .where('closed_at', 'is', null)
    .where('stage', '<>', 'closed')
    .where('next_follow_up_on', '<', today)
    .groupBy(['territory_code', 'assigned_worker_id'])
    .orderBy('territory_code')
    .orderBy('assigned_worker_id')
    .execute();
  return rows.map((r) => ({
    territoryCode: r.territory_code,
    workerId: r.assigned_worker_id,
    overdue: Number(r.overdue),
    mostDaysOverdue: Number(r.most_days_overdue),
  }));
}
