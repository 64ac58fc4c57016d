import { referenceTerritories } from '@madar/domain';
import { establishDtipe } from '../modules/territories/repository';
import { hashPassword } from '../platform/auth/passwords';
import type { Db } from '../platform/db/database';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';
import { seedActorMap } from './actor-map';

/** The institutions of the pilot provinces every demo starts with; the actor map grows from them. */
function demoInstitutions() {
  const pilots = referenceTerritories.territories.filter((t) => t.pilot);
  return pilots.flatMap((t) => {
    const city = t.nameFr;
    const cityAr = t.nameAr.replace(/^(عمالة مقاطعات|عمالة|إقليم)\s+/, '');
    return [
      {
        key: `cape:${t.code}`,
        sector: 'family_solidarity',
        type: 'cape',
        fr: `CAPE ${city}`,
        ar: `مركز المواكبة لحماية الطفولة ${cityAr}`,
      },
      {
        key: `hospital:${t.code}`,
        sector: 'health',
        type: 'hospital',
        fr: `Centre hospitalier provincial ${city}`,
        ar: `المركز الاستشفائي الإقليمي ${cityAr}`,
      },
      {
        key: `police:${t.code}`,
        sector: 'national_security',
        type: 'police',
        fr: `Brigade des mineurs, Sûreté ${city}`,
        ar: `فرقة الأحداث، الأمن الإقليمي ${cityAr}`,
      },
      {
        key: `prosecution:${t.code}`,
        sector: 'public_prosecution',
        type: 'prosecution',
        fr: `Parquet près le tribunal de première instance ${city}`,
        ar: `النيابة العامة لدى المحكمة الابتدائية ${cityAr}`,
      },
      {
        key: `education:${t.code}`,
        sector: 'education',
        type: 'ministry_service',
        fr: `Direction provinciale de l'éducation ${city}`,
        ar: `المديرية الإقليمية للتربية الوطنية ${cityAr}`,
      },
      {
        key: `upe:${t.code}`,
        sector: 'civil_society',
        type: 'upe',
        fr: `UPE association Amal ${city}`,
        ar: `وحدة حماية الطفولة جمعية أمل ${cityAr}`,
      },
    ].map((i) => ({ ...i, territoryCode: t.code }));
  });
}

/**
 * Fills an empty demo database: DTIPEs of the pilot provinces, their institutions and an account
 * for every role. Runs once; a database that already has accounts is left as it is.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const existing = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (tx) => {
    const ids = new Map<string, string>();
    for (const t of referenceTerritories.territories.filter((t) => t.pilot)) {
      await establishDtipe(tx, t.code, '2023-01-01');
    }
    for (const i of demoInstitutions()) {
      const row = await tx
        .insertInto('institution')
        .values({
          name_ar: i.ar,
          name_fr: i.fr,
          sector_code: i.sector,
          type: i.type,
          territory_code: i.territoryCode,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(i.key, row.id);
    }
    for (const a of DEMO_ACCOUNTS) {
      await tx
        .insertInto('app_user')
        .values({
          login: a.login,
          full_name: a.fullName,
          email: `${a.login}@demo.madar.ma`,
          phone: null,
          institution_id: a.institution ? (ids.get(a.institution) ?? null) : null,
          territory_code: a.territoryCode,
          roles: a.roles,
          preferred_language: 'ar',
          password_hash: passwordHash,
          must_change_password: false,
          is_demo: true,
        })
        .execute();
    }
    await seedActorMap(tx, ids);
  });
  return { created: true };
}
