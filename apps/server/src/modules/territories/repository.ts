import { referenceTaxonomies, referenceTerritories } from '@madar/domain';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';

/**
 * Loads the reference territories and sectors into the database. Idempotent: names are refreshed
 * from the shipped files at every start, codes never change.
 */
export async function loadReferenceData(db: Db): Promise<void> {
  const { regions, territories } = referenceTerritories;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('region')
      .values(regions.map((r) => ({ code: r.code, name_ar: r.nameAr, name_fr: r.nameFr })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ name_ar: sql`excluded.name_ar`, name_fr: sql`excluded.name_fr` }),
      )
      .execute();
    // Parents first: Casablanca before its prefectures of arrondissements.
    const ordered = [...territories].sort(
      (a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null),
    );
    await tx
      .insertInto('territory')
      .values(
        ordered.map((t) => ({
          code: t.code,
          region_code: t.regionCode,
          kind: t.kind,
          name_ar: t.nameAr,
          name_fr: t.nameFr,
          hcp_code: t.hcpCode,
          pilot: t.pilot,
          parent_code: t.parentCode,
          case_code_prefix: t.caseCodePrefix,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name_ar: sql`excluded.name_ar`,
          name_fr: sql`excluded.name_fr`,
          kind: sql`excluded.kind`,
          pilot: sql`excluded.pilot`,
          hcp_code: sql`excluded.hcp_code`,
        }),
      )
      .execute();
    await tx
      .insertInto('sector')
      .values(
        referenceTaxonomies.sectors.map((s, i) => ({
          code: s.code,
          name_ar: s.ar,
          name_fr: s.fr,
          name_en: s.en,
          sort_order: i,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name_ar: sql`excluded.name_ar`,
          name_fr: sql`excluded.name_fr`,
          name_en: sql`excluded.name_en`,
        }),
      )
      .execute();
  });
}

export async function referenceData(db: Db) {
  const [regions, territories, sectors] = await Promise.all([
    db.selectFrom('region').selectAll().orderBy('code').execute(),
    db
      .selectFrom('territory')
      .leftJoin('dtipe', 'dtipe.territory_code', 'territory.code')
      .select([
        'territory.code',
        'territory.region_code',
        'territory.kind',
        'territory.name_ar',
        'territory.name_fr',
        'territory.pilot',
        'territory.case_code_prefix',
        'dtipe.territory_code as dtipe_code',
      ])
      .orderBy('territory.region_code')
      .orderBy('territory.name_fr')
      .execute(),
    db.selectFrom('sector').selectAll().orderBy('sort_order').execute(),
  ]);
  return { regions, territories, sectors };
}

export function listCommunes(db: Db, territoryCode: string) {
  return db
    .selectFrom('commune')
    .selectAll()
    .where('territory_code', '=', territoryCode)
    .orderBy('name_fr')
    .execute();
}

export function territoryExists(db: DbOrTx, code: string) {
  return db
    .selectFrom('territory')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export function insertCommune(
  db: DbOrTx,
  values: { territory_code: string; name_ar: string; name_fr: string },
) {
  return db
    .insertInto('commune')
    .values(values)
    .onConflict((oc) => oc.columns(['territory_code', 'name_fr']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function establishDtipe(db: DbOrTx, territoryCode: string, establishedOn: string | null) {
  await db
    .insertInto('dtipe')
    .values({ territory_code: territoryCode, established_on: establishedOn })
    .onConflict((oc) => oc.column('territory_code').doNothing())
    .execute();
}
