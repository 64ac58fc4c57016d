import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';
import { boundedCount } from '../../platform/db/paging';

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export function findReport(db: DbOrTx, id: string) {
  return db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockReport(db: DbOrTx, id: string) {
  return db.selectFrom('report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function reportChildren(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('report_child')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('position')
    .execute();
}

// Immediate first, then urgent, then the rest; within each, the oldest waits least.
const urgencyRank = sql<number>`CASE urgency WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END`;

export async function listReports(
  db: Db,
  filter: { territoryCode?: string; status?: string; createdBy?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('report');
  if (filter.territoryCode) q = q.where('territory_code', '=', filter.territoryCode);
  if (filter.status) q = q.where('status', '=', filter.status as 'new');
  if (filter.createdBy) q = q.where('created_by', '=', filter.createdBy);
  const ordered =
    filter.status === 'new'
      ? q.orderBy(urgencyRank).orderBy('received_at', 'asc')
      : q.orderBy('received_at', 'desc');
  const [rows, count] = await Promise.all([
    ordered
      .selectAll()
      .select((eb) =>
        eb
          .selectFrom('report_child')
          .whereRef('report_child.report_id', '=', 'report.id')
          .select(eb.fn.countAll<string>().as('n'))
          .as('children_count'),
      )
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    boundedCount(db, q, filter),
  ]);
  return { rows, ...count };
}

export async function communeInTerritory(
  db: DbOrTx,
  communeId: string,
  territoryCode: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('commune')
    .select('id')
    .where('id', '=', communeId)
    .where('territory_code', '=', territoryCode)
    .executeTakeFirst();
  return row !== undefined;
}

export async function territoryExists(db: DbOrTx, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('territory').select('code').where('code', '=', code).executeTakeFirst()) !==
    undefined
  );
}
