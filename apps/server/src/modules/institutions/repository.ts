import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';
import type { InstitutionContactTable, InstitutionTable } from '../../platform/db/schema';

export type InstitutionRow = Selectable<InstitutionTable> & {
  commune_name_ar: string | null;
  commune_name_fr: string | null;
  services: string[];
};
export type ContactRow = Selectable<InstitutionContactTable> & {
  user_full_name: string | null;
  user_active: boolean | null;
};

export interface InstitutionValues {
  name_ar: string;
  name_fr: string;
  sector_code: string;
  type: string;
  territory_code: string;
}

/** The actor map's details; a key left out of an update keeps the stored value. */
export interface InstitutionDetailValues {
  address: string | null;
  commune_id: string | null;
  latitude: number | null;
  longitude: number | null;
  opening_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
}

export interface InstitutionFilter {
  q?: string | undefined;
  territoryCode?: string | undefined;
  /** Also the institutions of its sub-territories (Casablanca's prefectures of arrondissements). */
  withSubTerritories?: boolean;
  sectorCode?: string | undefined;
  serviceCode?: string | undefined;
  type?: string | undefined;
  active?: boolean | undefined;
  /** Also search the address and the commune's names (the public directory). */
  searchAddress?: boolean;
}

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function baseQuery(db: DbOrTx) {
  return db.selectFrom('institution').leftJoin('commune', 'commune.id', 'institution.commune_id');
}

function filtered(db: DbOrTx, filter: InstitutionFilter) {
  let q = baseQuery(db);
  const territory = filter.territoryCode;
  if (territory) {
    q = filter.withSubTerritories
      ? q.where((eb) =>
          eb.or([
            eb('institution.territory_code', '=', territory),
            eb(
              'institution.territory_code',
              'in',
              eb.selectFrom('territory').select('code').where('parent_code', '=', territory),
            ),
          ]),
        )
      : q.where('institution.territory_code', '=', territory);
  }
  if (filter.sectorCode) q = q.where('institution.sector_code', '=', filter.sectorCode);
  if (filter.type) q = q.where('institution.type', '=', filter.type);
  if (filter.active !== undefined) q = q.where('institution.active', '=', filter.active);
  if (filter.serviceCode) {
    const code = filter.serviceCode;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('institution_service')
          .select('institution_service.service_code')
          .whereRef('institution_service.institution_id', '=', 'institution.id')
          .where('institution_service.service_code', '=', code),
      ),
    );
  }
  if (filter.q) {
    const like = escapeLike(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('institution.name_ar', 'ilike', like),
        eb('institution.name_fr', 'ilike', like),
        ...(filter.searchAddress
          ? [
              eb('institution.address', 'ilike', like),
              eb('commune.name_ar', 'ilike', like),
              eb('commune.name_fr', 'ilike', like),
            ]
          : []),
      ]),
    );
  }
  return q;
}

const servicesOf = sql<string[]>`coalesce((
  SELECT array_agg(s.service_code ORDER BY s.service_code COLLATE "C") FROM institution_service s
  WHERE s.institution_id = institution.id), '{}')`;

function withColumns(q: ReturnType<typeof baseQuery>) {
  return q
    .selectAll('institution')
    .select(['commune.name_ar as commune_name_ar', 'commune.name_fr as commune_name_fr'])
    .select(servicesOf.as('services'));
}

export async function listInstitutions(
  db: Db,
  filter: InstitutionFilter & { limit: number; offset: number; orderBy?: 'name_fr' | 'name_ar' },
): Promise<{ rows: InstitutionRow[]; total: number }> {
  const q = filtered(db, filter);
  const [rows, count] = await Promise.all([
    withColumns(q)
      .orderBy('institution.territory_code')
      .orderBy(filter.orderBy === 'name_ar' ? 'institution.name_ar' : 'institution.name_fr')
      .orderBy('institution.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every institution of the filter, for an export. */
export function allInstitutions(db: DbOrTx, filter: InstitutionFilter): Promise<InstitutionRow[]> {
  return withColumns(filtered(db, filter))
    .orderBy('institution.territory_code')
    .orderBy('institution.name_fr')
    .orderBy('institution.id')
    .execute();
}

export function findInstitution(db: DbOrTx, id: string): Promise<InstitutionRow | undefined> {
  return withColumns(baseQuery(db)).where('institution.id', '=', id).executeTakeFirst();
}

export function findInstitutions(db: DbOrTx, ids: readonly string[]): Promise<InstitutionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return withColumns(baseQuery(db)).where('institution.id', 'in', ids).execute();
}

/** Locks the row so that a concurrent update waits: the version check then sees the winner. */
export async function lockInstitution(db: DbOrTx, id: string): Promise<{ version: number } | undefined> {
  return db.selectFrom('institution').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertInstitution(
  db: DbOrTx,
  values: InstitutionValues & Partial<InstitutionDetailValues> & { id?: string; active?: boolean },
): Promise<string> {
  const row = await db.insertInto('institution').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertInstitutions(
  db: DbOrTx,
  values: (Insertable<InstitutionTable> & { id: string })[],
): Promise<void> {
  // A few hundred rows per statement keeps the bind parameters under PostgreSQL's limit.
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('institution')
      .values(values.slice(i, i + 500))
      .execute();
  }
}

export async function updateInstitutionIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  values: InstitutionValues & Partial<InstitutionDetailValues> & { active: boolean },
): Promise<boolean> {
  const row = await db
    .updateTable('institution')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceServices(db: DbOrTx, institutionId: string, codes: readonly string[]) {
  await db.deleteFrom('institution_service').where('institution_id', '=', institutionId).execute();
  await insertServices(
    db,
    codes.map((code) => ({ institution_id: institutionId, service_code: code })),
  );
}

export async function insertServices(db: DbOrTx, rows: { institution_id: string; service_code: string }[]) {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('institution_service')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function referenceExists(db: DbOrTx, values: { sector_code: string; territory_code: string }) {
  const [sector, territory] = await Promise.all([
    db.selectFrom('sector').select('code').where('code', '=', values.sector_code).executeTakeFirst(),
    db.selectFrom('territory').select('code').where('code', '=', values.territory_code).executeTakeFirst(),
  ]);
  return { sector: sector !== undefined, territory: territory !== undefined };
}

export function findCommune(db: DbOrTx, id: string) {
  return db.selectFrom('commune').select(['id', 'territory_code']).where('id', '=', id).executeTakeFirst();
}

/** Reference data an import checks its rows against, read once. */
export async function importReference(db: DbOrTx) {
  const [sectors, territories, communes] = await Promise.all([
    db.selectFrom('sector').select('code').execute(),
    db.selectFrom('territory').select('code').execute(),
    db.selectFrom('commune').select(['id', 'territory_code', 'name_ar', 'name_fr']).execute(),
  ]);
  return {
    sectors: new Set(sectors.map((s) => s.code)),
    territories: new Set(territories.map((t) => t.code)),
    communes,
  };
}

// ---------------------------------------------------------------------------------------------
// Contact points
// ---------------------------------------------------------------------------------------------

function contactQuery(db: DbOrTx) {
  return db
    .selectFrom('institution_contact')
    .leftJoin('app_user', 'app_user.id', 'institution_contact.user_id')
    .selectAll('institution_contact')
    .select(['app_user.full_name as user_full_name', 'app_user.active as user_active']);
}

export function listContacts(db: DbOrTx, institutionId: string): Promise<ContactRow[]> {
  return contactQuery(db)
    .where('institution_contact.institution_id', '=', institutionId)
    .orderBy('institution_contact.created_at')
    .orderBy('institution_contact.name')
    .orderBy('institution_contact.id')
    .execute();
}

export function findContact(db: DbOrTx, institutionId: string, id: string): Promise<ContactRow | undefined> {
  return contactQuery(db)
    .where('institution_contact.institution_id', '=', institutionId)
    .where('institution_contact.id', '=', id)
    .executeTakeFirst();
}

export interface ContactValues {
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  user_id: string | null;
}

export async function insertContact(db: DbOrTx, institutionId: string, values: ContactValues) {
  const row = await db
    .insertInto('institution_contact')
    .values({ ...values, institution_id: institutionId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContactIfVersion(
  db: DbOrTx,
  institutionId: string,
  id: string,
  version: number,
  values: ContactValues,
): Promise<boolean> {
  const row = await db
    .updateTable('institution_contact')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteContact(db: DbOrTx, institutionId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('institution_contact')
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether an account is an active user of the institution (a contact point may be linked to it). */
export async function isActiveUserOf(db: DbOrTx, userId: string, institutionId: string) {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', '=', userId)
    .where('institution_id', '=', institutionId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

export async function contactLinkedTo(db: DbOrTx, institutionId: string, userId: string) {
  const row = await db
    .selectFrom('institution_contact')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.id;
}

// ---------------------------------------------------------------------------------------------
// Coverage and the public directory
// ---------------------------------------------------------------------------------------------

/** The services each active institution of a territory offers. */
export function offersOfTerritory(db: Db, territoryCode: string) {
  return db
    .selectFrom('institution_service')
    .innerJoin('institution', 'institution.id', 'institution_service.institution_id')
    .select([
      'institution_service.service_code',
      'institution.id',
      'institution.name_ar',
      'institution.name_fr',
    ])
    .where('institution.territory_code', '=', territoryCode)
    .where('institution.active', '=', true)
    .orderBy('institution.name_fr')
    .execute();
}

export async function countActiveInstitutions(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('institution')
    .select(['territory_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('active', '=', true)
    .groupBy('territory_code')
    .execute();
  return new Map(rows.map((r) => [r.territory_code, Number(r.n)]));
}

/** Per territory and service, the number of active institutions offering it. */
export function offerCounts(db: Db) {
  return db
    .selectFrom('institution_service')
    .innerJoin('institution', 'institution.id', 'institution_service.institution_id')
    .select([
      'institution.territory_code',
      'institution_service.service_code',
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .where('institution.active', '=', true)
    .groupBy(['institution.territory_code', 'institution_service.service_code'])
    .execute();
}

export function territories(db: Db) {
  return db
    .selectFrom('territory')
    .select(['code', 'region_code', 'name_ar', 'name_fr', 'pilot'])
    .orderBy('region_code')
    .orderBy('name_fr')
    .execute();
}

export function territoryExists(db: Db, code: string) {
  return db
    .selectFrom('territory')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export async function publicReference(db: Db) {
  const [regions, territoryRows, sectors, counts] = await Promise.all([
    db.selectFrom('region').select(['code', 'name_ar', 'name_fr']).orderBy('code').execute(),
    territories(db),
    db.selectFrom('sector').select(['code', 'name_ar', 'name_fr']).orderBy('sort_order').execute(),
    countActiveInstitutions(db),
  ]);
  return { regions, territories: territoryRows, sectors, counts };
}
