import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';

export async function insertNotifications(
  db: DbOrTx,
  rows: { user_id: string; kind: string; data: string }[],
): Promise<void> {
  if (rows.length) await db.insertInto('notification').values(rows).execute();
}

export function recipients(db: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user')
    .select(['id', 'email', 'preferred_language', 'territory_code', 'active'])
    .where('id', 'in', userIds)
    .where('active', '=', true)
    .execute();
}

export async function insertEmails(
  db: DbOrTx,
  rows: {
    user_id: string;
    to_address: string;
    subject: string;
    body: string;
    territory_code: string | null;
  }[],
): Promise<void> {
  if (rows.length) await db.insertInto('email_outbox').values(rows).execute();
}

export async function listNotifications(
  db: Db,
  userId: string,
  filter: { unread: boolean; limit: number; offset: number },
) {
  let q = db.selectFrom('notification').where('user_id', '=', userId);
  if (filter.unread) q = q.where('read_at', 'is', null);
  const [rows, count, unread] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), unread: Number(unread.n) };
}

export async function markRead(db: Db, userId: string, id: string | null): Promise<number> {
  let q = db
    .updateTable('notification')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listOutbox(
  db: Db,
  filter: { territoryCode: string | null; limit: number; offset: number },
) {
  let q = db.selectFrom('email_outbox');
  if (filter.territoryCode) q = q.where('territory_code', '=', filter.territoryCode);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The active users of a territory holding a role (e.g. the CAPE coordinators to tell). */
export async function usersWithRole(db: DbOrTx, territoryCode: string, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('territory_code', '=', territoryCode)
    .where('active', '=', true)
    .where('roles', '@>', sql<string[]>`ARRAY[${role}]::text[]`)
    .execute();
  return rows.map((r) => r.id);
}
