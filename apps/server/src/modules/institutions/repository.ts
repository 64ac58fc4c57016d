import type { Selectable } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';
import type { InstitutionTable } from '../../platform/db/schema';

export type InstitutionRow = Selectable<InstitutionTable>;

export interface InstitutionValues {
  name_ar: string;
  name_fr: string;
  sector_code: string;
  type: string;
  territory_code: string;
}

export async function listInstitutions(
  db: Db,
  filter: {
    q?: string | undefined;
    territoryCode?: string | undefined;
    sectorCode?: string | undefined;
    active?: boolean | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: InstitutionRow[]; total: number }> {
  let q = db.selectFrom('institution');
  if (filter.territoryCode) q = q.where('territory_code', '=', filter.territoryCode);
  if (filter.sectorCode) q = q.where('sector_code', '=', filter.sectorCode);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name_ar', 'ilike', like), eb('name_fr', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('territory_code')
      .orderBy('name_fr')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findInstitution(db: DbOrTx, id: string): Promise<InstitutionRow | undefined> {
  return db.selectFrom('institution').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertInstitution(db: DbOrTx, values: InstitutionValues): Promise<InstitutionRow> {
  return db.insertInto('institution').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateInstitutionIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  values: InstitutionValues & { active: boolean },
): Promise<InstitutionRow | undefined> {
  return db
    .updateTable('institution')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function referenceExists(db: DbOrTx, values: { sector_code: string; territory_code: string }) {
  const [sector, territory] = await Promise.all([
    db.selectFrom('sector').select('code').where('code', '=', values.sector_code).executeTakeFirst(),
    db.selectFrom('territory').select('code').where('code', '=', values.territory_code).executeTakeFirst(),
  ]);
  return { sector: sector !== undefined, territory: territory !== undefined };
}
