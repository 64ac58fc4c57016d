import { referenceTerritories } from '@madar/domain';
import type { DbOrTx } from '../platform/db/database';

/**
 * The actor map of the demo's pilot provinces: what each demo institution offers, where it is, how
 * to reach it and who to call there. Names, numbers and addresses are fictitious; the services
 * leave realistic gaps (no placement, vocational training or after-care anywhere, psychiatric
 * care and emergency shelter only in the large cities) so the coverage page has something to show.
 */

interface City {
  fr: string;
  ar: string;
  /** Landline prefix of the city (05XX). */
  area: string;
  lat: number;
  lng: number;
  large: boolean;
}

const CITIES: Record<string, City> = {
  'tanger-assilah': { fr: 'Tanger', ar: 'طنجة', area: '0539', lat: 35.7673, lng: -5.7998, large: true },
  rabat: { fr: 'Rabat', ar: 'الرباط', area: '0537', lat: 34.0209, lng: -6.8416, large: true },
  sale: { fr: 'Salé', ar: 'سلا', area: '0537', lat: 34.0531, lng: -6.7985, large: false },
  'casablanca-anfa': {
    fr: 'Casablanca',
    ar: 'الدار البيضاء',
    area: '0522',
    lat: 33.5951,
    lng: -7.6324,
    large: true,
  },
  meknes: { fr: 'Meknès', ar: 'مكناس', area: '0535', lat: 33.8935, lng: -5.5473, large: false },
  marrakech: { fr: 'Marrakech', ar: 'مراكش', area: '0524', lat: 31.6295, lng: -7.9811, large: true },
  'agadir-ida-outanane': {
    fr: 'Agadir',
    ar: 'أكادير',
    area: '0528',
    lat: 30.4278,
    lng: -9.5981,
    large: false,
  },
  laayoune: { fr: 'Laâyoune', ar: 'العيون', area: '0528', lat: 27.1536, lng: -13.2033, large: false },
};

type Kind = 'cape' | 'hospital' | 'police' | 'prosecution' | 'education' | 'upe';

interface Profile {
  services: (city: City) => string[];
  address: (city: City) => string;
  hours: string;
  /** Where the institution stands from the city centre, in thousandths of a degree. */
  offset: [number, number];
  contacts: { name: string; title: string }[];
  withFax: boolean;
}

const WEEKDAYS = 'Lun.–ven. 8h30–16h30 | الإثنين–الجمعة 8:30–16:30';

const PROFILES: Record<Kind, Profile> = {
  cape: {
    services: () => [
      'social_inquiry',
      'psychological_support',
      'family_mediation',
      'family_reintegration',
      'social_programme_access',
      'home_visit',
      'follow_up_interview',
    ],
    address: (c) =>
      `Espace social multifonctionnel, quartier administratif, ${c.fr} | الفضاء الاجتماعي، ${c.ar}`,
    hours: WEEKDAYS,
    offset: [4, -3],
    contacts: [{ name: 'Rachida Moutaouakil', title: 'Assistante sociale, permanence du CAPE' }],
    withFax: false,
  },
  hospital: {
    services: (c) => [
      'emergency_medical_care',
      'medical_examination',
      'forensic_examination',
      'psychological_assessment',
      'medical_treatment',
      ...(c.large ? ['psychiatric_care'] : []),
    ],
    address: (c) => `Avenue Hassan II, ${c.fr} | شارع الحسن الثاني، ${c.ar}`,
    hours:
      'Urgences 24h/24 ; unité enfants et femmes victimes de violence lun.–ven. 8h30–16h30 | المستعجلات 24/24',
    offset: [-6, 8],
    contacts: [
      {
        name: 'Dr Karim Lahbabi',
        title:
          "Médecin référent de l'unité intégrée de prise en charge des femmes et enfants victimes de violence",
      },
      { name: 'Souad Benchekroun', title: "Assistante sociale de l'hôpital" },
    ],
    withFax: true,
  },
  police: {
    services: () => ['police_protection', 'report_to_prosecutor'],
    address: (c) => `Boulevard Mohammed V, ${c.fr} | شارع محمد الخامس، ${c.ar}`,
    hours: '24h/24, 7j/7 | 24/24 ساعة، 7/7 أيام',
    offset: [2, 5],
    contacts: [{ name: 'Commandant Youssef Hajji', title: 'Chef de la brigade des mineurs' }],
    withFax: true,
  },
  prosecution: {
    services: () => ['report_to_prosecutor', 'juvenile_judge_measure', 'kafala'],
    address: (c) => `Tribunal de première instance, avenue des FAR, ${c.fr} | المحكمة الابتدائية، ${c.ar}`,
    hours: `${WEEKDAYS} ; permanence du parquet 24h/24`,
    offset: [-3, -6],
    contacts: [{ name: 'Hind Bouziane', title: 'Substitute du procureur chargée des mineurs' }],
    withFax: true,
  },
  education: {
    services: () => ['school_reintegration', 'second_chance_school'],
    address: (c) => `Rue Ibn Khaldoun, ${c.fr} | زنقة ابن خلدون، ${c.ar}`,
    hours: WEEKDAYS,
    offset: [7, 2],
    contacts: [{ name: 'Abdellah Mernissi', title: "Responsable des cellules d'écoute scolaires" }],
    withFax: true,
  },
  upe: {
    services: (c) => [
      'psychological_support',
      'legal_aid',
      'youth_activities',
      ...(c.large ? ['emergency_shelter'] : []),
    ],
    address: (c) => `Maison des associations, ${c.fr} | دار الجمعيات، ${c.ar}`,
    hours: 'Lun.–sam. 9h–18h | الإثنين–السبت 9:00–18:00',
    offset: [-8, -2],
    contacts: [{ name: 'Fatima Zahra Essaidi', title: "Présidente de l'association" }],
    withFax: false,
  },
};

/** Roles whose account best stands for an institution in its contact points. */
const CONTACT_ROLES = ['partner_focal_point', 'upe_reporter', 'cape_coordinator', 'cppe_member'];

/** A fictitious landline of the city: the same institution always gets the same number. */
function phoneOf(city: City, kind: Kind, extra: number): string {
  const n = (Object.keys(PROFILES).indexOf(kind) + 1) * 1000 + extra;
  return `${city.area}${String(n).padStart(6, '0')}`;
}

/**
 * Fills in the actor map of the demo institutions (keys `kind:territory` → ids, as seed.ts makes
 * them); runs inside the seed's transaction, after the accounts it links contact points to.
 */
export async function seedActorMap(db: DbOrTx, institutions: ReadonlyMap<string, string>): Promise<void> {
  let mobiles = 0;
  for (const t of referenceTerritories.territories.filter((x) => x.pilot)) {
    const city = CITIES[t.code];
    if (!city) continue;
    const commune = await db
      .insertInto('commune')
      .values({ territory_code: t.code, name_fr: city.fr, name_ar: city.ar })
      .onConflict((oc) => oc.columns(['territory_code', 'name_fr']).doUpdateSet({ name_ar: city.ar }))
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const kind of Object.keys(PROFILES) as Kind[]) {
      const id = institutions.get(`${kind}:${t.code}`);
      if (!id) continue;
      const profile = PROFILES[kind];
      await db
        .updateTable('institution')
        .set({
          address: profile.address(city),
          commune_id: commune.id,
          latitude: Math.round((city.lat + profile.offset[0] / 1000) * 1e5) / 1e5,
          longitude: Math.round((city.lng + profile.offset[1] / 1000) * 1e5) / 1e5,
          opening_hours: profile.hours,
          phone: phoneOf(city, kind, 1),
          fax: profile.withFax ? phoneOf(city, kind, 9) : null,
          email: `${kind}.${t.code}@demo.madar.ma`,
          website: null,
        })
        .where('id', '=', id)
        .execute();
      await db
        .insertInto('institution_service')
        .values(profile.services(city).map((code) => ({ institution_id: id, service_code: code })))
        .onConflict((oc) => oc.doNothing())
        .execute();

      // The institution's own demo account, when it has one, is its first contact point.
      const accounts = await db
        .selectFrom('app_user')
        .select(['id', 'full_name', 'roles', 'login'])
        .where('institution_id', '=', id)
        .where('active', '=', true)
        .execute();
      const account = CONTACT_ROLES.map((role) => accounts.find((a) => a.roles.includes(role))).find(Boolean);
      const contacts = [
        ...(account
          ? [
              {
                name: account.full_name,
                title: profile.contacts[0]!.title,
                user_id: account.id,
                email: `${account.login}@demo.madar.ma`,
              },
            ]
          : []),
        ...profile.contacts.slice(account ? 1 : 0).map((c) => ({ ...c, user_id: null, email: null })),
      ];
      await db
        .insertInto('institution_contact')
        .values(
          contacts.map((c) => ({
            institution_id: id,
            name: c.name,
            title: c.title,
            phone: `0661${String(++mobiles).padStart(6, '0')}`,
            email: c.email,
            user_id: c.user_id,
          })),
        )
        .execute();
    }
  }
}
