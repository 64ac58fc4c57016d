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
  territoryCode: string,
  keys: { child_id: string; field: string; key: string }[],
): Promise<void> {
  await db.deleteFrom('child_search_key').where('child_id', '=', childId).execute();
  // Chunked: a name with many variants yields a few hundred keys at most.
  for (let i = 0; i < keys.length; i += 500) {
    await db
      .insertInto('child_search_key')
      .values(keys.slice(i, i + 500).map((k) => ({ ...k, territory_code: territoryCode })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** A child's keys follow it to another province (a transfer). */
export async function moveSearchKeys(db: DbOrTx, childId: string, territoryCode: string): Promise<void> {
  await db
    .updateTable('child_search_key')
    .set({ territory_code: territoryCode })
    .where('child_id', '=', childId)
    .execute();
}

type ChildFilter = { territoryCode: string; sex?: string | undefined; birthYear?: number | undefined };

/**
 * Live (unmerged) children of a territory hitting at least one key of EVERY group (a name query
 * is one group per word: its skeleton and variants), best covered first. Grouping in SQL matters
 * at scale: a common first name alone hits thousands of children of a province, and only those
 * that also hit the family name are candidates.
 */
export async function childrenMatchingGroups(
  db: Db,
  field: string,
  groups: string[][],
  filter: ChildFilter,
  limit: number,
): Promise<string[]> {
  const pairs = groups.flatMap((group, index) => group.map((key) => ({ key, index })));
  if (pairs.length === 0) return [];
  const keys = pairs.map((p) => p.key);
  const indexes = pairs.map((p) => p.index);
  const result = await sql<{ child_id: string }>`
    WITH q AS (SELECT * FROM unnest(${keys}::text[], ${indexes}::int[]) AS q(key, grp)),
    hits AS (
      SELECT k.child_id, count(*) AS keys_hit
      FROM child_search_key k JOIN q ON q.key = k.key
      WHERE k.territory_code = ${filter.territoryCode} AND k.field = ${field}
      GROUP BY k.child_id
      -- Which groups a child hits, as bits: one hashed aggregate pass (count(DISTINCT) sorted every hit).
      HAVING bit_or(1 << q.grp) = ${2 ** groups.length - 1}
    )
    SELECT h.child_id FROM hits h JOIN child c ON c.id = h.child_id
    WHERE c.merged_into IS NULL
      AND (${filter.sex ?? null}::text IS NULL OR c.sex::text = ${filter.sex ?? null})
      AND (${filter.birthYear ?? null}::int IS NULL OR c.birth_year = ${filter.birthYear ?? null})
    ORDER BY h.keys_hit DESC, h.child_id
    LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => r.child_id);
}

/** Live children of a territory with this exact key (birth date, phone, document number). */
export async function childrenByKey(db: Db, field: string, key: string, filter: ChildFilter, limit: number) {
  let q = db
    .selectFrom('child_search_key as k')
    .innerJoin('child as c', 'c.id', 'k.child_id')
    .select('k.child_id')
    .where('k.territory_code', '=', filter.territoryCode)
    .where('k.field', '=', field)
    .where('k.key', '=', key)
    .where('c.merged_into', 'is', null);
  if (filter.sex) q = q.where('c.sex', '=', filter.sex as 'female' | 'male' | 'unknown');
  if (filter.birthYear) q = q.where('c.birth_year', '=', filter.birthYear);
  return (await q.limit(limit).execute()).map((r) => r.child_id);
}

/** A code names one child; searched within the territory (a code of another province finds nothing). */
export function childrenByCode(db: Db, code: string, territoryCode: string) {
  return db
    .selectFrom('child')
    .select('id')
    .where('code', '=', code.trim().toUpperCase())
    .where('territory_code', '=', territoryCode)
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
