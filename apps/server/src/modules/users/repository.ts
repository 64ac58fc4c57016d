import { type Selectable, sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';
import type { AppUserTable } from '../../platform/db/schema';

export type UserRow = Selectable<AppUserTable>;

export interface UserFilter {
  q?: string | undefined;
  territoryCode?: string | null | undefined;
  role?: string | undefined;
  active?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, filter: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('app_user');
  if (filter.territoryCode) q = q.where('territory_code', '=', filter.territoryCode);
  // An array literal, not a JS array: Kysely would expand that into a value list (`@> ($1)`).
  if (filter.role) q = q.where('roles', '@>', sql<string[]>`ARRAY[${filter.role}]::text[]`);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('login', 'ilike', like), eb('full_name', 'ilike', like), eb('email', 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('login').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function loginExists(db: DbOrTx, login: string): Promise<boolean> {
  return db
    .selectFrom('app_user')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export interface UserValues {
  full_name: string;
  email: string | null;
  phone: string | null;
  institution_id: string | null;
  territory_code: string | null;
  roles: string[];
  preferred_language: string;
}

export function insertUser(
  db: DbOrTx,
  values: UserValues & {
    login: string;
    password_hash: string;
    must_change_password: boolean;
    is_demo?: boolean;
  },
): Promise<UserRow> {
  return db.insertInto('app_user').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates only when the stored version is the one the client read; undefined means a conflict. */
export function updateUserIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  values: UserValues & { active: boolean },
): Promise<UserRow | undefined> {
  return db
    .updateTable('app_user')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function setPassword(db: DbOrTx, id: string, passwordHash: string): Promise<UserRow | undefined> {
  return db
    .updateTable('app_user')
    .set((eb) => ({
      password_hash: passwordHash,
      must_change_password: true,
      failed_login_count: 0,
      locked_until: null,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function clearLock(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db
    .updateTable('app_user')
    .set((eb) => ({
      failed_login_count: 0,
      locked_until: null,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function findTerritory(db: DbOrTx, code: string) {
  return db.selectFrom('territory').select(['code']).where('code', '=', code).executeTakeFirst();
}

export function findInstitution(db: DbOrTx, id: string) {
  return db
    .selectFrom('institution')
    .select(['id', 'territory_code', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}
