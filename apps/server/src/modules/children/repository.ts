import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';

export function findChild(db: DbOrTx, id: string) {
  return db.selectFrom('child').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findChildren(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('child').selectAll().where('id', 'in', ids).execute();
}

/** The next number of a territory's children's codes for a year; the row lock orders concurrent calls. */
export async function nextChildNumber(db: DbOrTx, territoryCode: string, year: number): Promise<number> {
  const row = await db
    .insertInto('child_code_sequence')
    .values({ territory_code: territoryCode, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['territory_code', 'year'])
        .doUpdateSet({ last_value: sql`child_code_sequence.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function casePrefix(db: DbOrTx, territoryCode: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('territory')
    .select('case_code_prefix')
    .where('code', '=', territoryCode)
    .executeTakeFirst();
  return row?.case_code_prefix;
}

export async function replaceSearchKeys(
  db: DbOrTx,
  childId: string,
  keys: { child_id: string; field: string; key: string }[],
): Promise<void> {
  await db.deleteFrom('child_search_key').where('child_id', '=', childId).execute();
  // Chunked: a name with many variants yields a few hundred keys at most.
  for (let i = 0; i < keys.length; i += 500) {
    await db
      .insertInto('child_search_key')
      .values(keys.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Children hitting any of the hashed keys of a field, with the keys each one hit; restricted to
 * live (unmerged) children, optionally of one territory, sex or birth year.
 */
export async function childrenByKeys(
  db: Db,
  field: string,
  keys: string[],
  filter: { territoryCode?: string | undefined; sex?: string | undefined; birthYear?: number | undefined },
  limit: number,
): Promise<{ child_id: string; keys: string[] }[]> {
  if (keys.length === 0) return [];
  let q = db
    .selectFrom('child_search_key as k')
    .innerJoin('child as c', 'c.id', 'k.child_id')
    .select(['k.child_id', sql<string[]>`array_agg(k.key)`.as('keys')])
    .where('k.field', '=', field)
    .where('k.key', 'in', keys)
    .where('c.merged_into', 'is', null);
  if (filter.territoryCode) q = q.where('c.territory_code', '=', filter.territoryCode);
  if (filter.sex) q = q.where('c.sex', '=', filter.sex as 'female' | 'male' | 'unknown');
  if (filter.birthYear) q = q.where('c.birth_year', '=', filter.birthYear);
  return q.groupBy('k.child_id').limit(limit).execute();
}

export function childrenByCode(db: Db, code: string) {
  return db
    .selectFrom('child')
    .select('id')
    .where('code', '=', code.trim().toUpperCase())
    .where('merged_into', 'is', null)
    .execute();
}

export function childrenByAttributes(
  db: Db,
  filter: { territoryCode?: string | undefined; sex?: string | undefined; birthYear?: number | undefined },
  limit: number,
) {
  let q = db.selectFrom('child').select('id').where('merged_into', 'is', null);
  if (filter.territoryCode) q = q.where('territory_code', '=', filter.territoryCode);
  if (filter.sex) q = q.where('sex', '=', filter.sex as 'female' | 'male' | 'unknown');
  if (filter.birthYear) q = q.where('birth_year', '=', filter.birthYear);
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function openCaseIds(db: DbOrTx, childIds: string[]): Promise<Map<string, string>> {
  if (childIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('protection_case')
    .select(['child_id', 'id'])
    .where('child_id', 'in', childIds)
    .where('closed_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.child_id, r.id]));
}

export async function logAccess(
  db: DbOrTx,
  entries: {
    user_id: string;
    child_id: string | null;
    case_id: string | null;
    territory_code: string | null;
    what: string;
    target_id: string | null;
    ip: string | null;
  }[],
): Promise<void> {
  if (entries.length) await db.insertInto('access_log').values(entries).execute();
}

export function accessLogOf(db: Db, childId: string, limit: number) {
  return db
    .selectFrom('access_log as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.at', 'a.user_id', 'u.login', 'u.full_name', 'a.what', 'a.target_id'])
    .where('a.child_id', '=', childId)
    .orderBy('a.at', 'desc')
    .limit(limit)
    .execute();
}
