import type { Role } from '@madar/domain';
import { FIRST_NAME_FREQUENCIES, STAFF_FAMILY_NAMES } from '../demo/names';
import { hash32, Rng } from './random';
import { GENERATION_TERRITORIES, type GenerationTerritory } from './territories';

/**
 * Everything a generated child's story refers to, made once per generation before the children:
 * each territory's DTIPE, commune, actor map (institutions, the services they offer, contact
 * points) and staff accounts, plus national accounts. Ids come from the seed, so a resumed run
 * rebuilds the same context without reading it back, and workers receive it as plain data.
 */

export const BENCH_PASSWORD = 'madar-bench-2026';

export interface ContextInstitution {
  id: string;
  territoryCode: string;
  sector: string;
  type: string;
  nameFr: string;
  nameAr: string;
  services: string[];
  /** Its partner focal point's account (none for the CAPE: its staff send the cards). */
  focalUserId: string | null;
  /**
   * How slowly it answers referral cards (1 = as its sector usually does): some services are
   * overloaded, and the circuit view must show where children wait.
   */
  slowness: number;
}

export interface ContextUser {
  id: string;
  login: string;
  fullName: string;
  roles: Role[];
  territoryCode: string | null;
  institutionId: string | null;
}

export interface ContextTerritory extends GenerationTerritory {
  communeId: string;
  capeId: string;
  coordinatorId: string;
  workerIds: string[];
  infoOfficerId: string;
  upeReporterId: string | null;
  institutions: ContextInstitution[];
}

export interface GenerationContext {
  seed: number;
  territories: ContextTerritory[];
  users: ContextUser[];
}

interface InstitutionKind {
  key: string;
  sector: string;
  type: string;
  fr: (city: string) => string;
  ar: (city: string) => string;
  services: (t: GenerationTerritory, rng: Rng) => string[];
  /** Whether a territory has one (several for health centres). */
  count: (t: GenerationTerritory, rng: Rng) => number;
  contactTitle: string;
}

/**
 * The actor map of a territory. The services leave realistic gaps: psychiatric care, shelters and
 * after-care only where the territory is large enough, vocational training not everywhere.
 */
const KINDS: InstitutionKind[] = [
  {
    key: 'cape',
    sector: 'family_solidarity',
    type: 'cape',
    fr: (c) => `CAPE ${c}`,
    ar: (c) => `مركز المواكبة لحماية الطفولة ${c}`,
    services: () => [
      'social_inquiry',
      'psychological_support',
      'family_mediation',
      'family_reintegration',
      'social_programme_access',
      'home_visit',
      'follow_up_interview',
    ],
    count: () => 1,
    contactTitle: 'Coordinatrice du CAPE',
  },
  {
    key: 'hospital',
    sector: 'health',
    type: 'hospital',
    fr: (c) => `Centre hospitalier provincial ${c}`,
    ar: (c) => `المركز الاستشفائي الإقليمي ${c}`,
    services: (t) => [
      'emergency_medical_care',
      'medical_examination',
      'forensic_examination',
      'psychological_assessment',
      'medical_treatment',
      ...(t.size > 0.3 ? ['psychiatric_care'] : []),
    ],
    count: () => 1,
    contactTitle: "Médecin référent de l'unité de prise en charge des femmes et enfants victimes de violence",
  },
  {
    key: 'health_centre',
    sector: 'health',
    type: 'health_centre',
    fr: (c) => `Centre de santé ${c}`,
    ar: (c) => `المركز الصحي ${c}`,
    services: () => ['medical_examination', 'medical_treatment'],
    count: (t) => 1 + Math.round(t.size * 2),
    contactTitle: 'Infirmier major du centre de santé',
  },
  {
    key: 'police',
    sector: 'national_security',
    type: 'police',
    fr: (c) => `Brigade des mineurs, Sûreté ${c}`,
    ar: (c) => `فرقة الأحداث، الأمن ${c}`,
    services: () => ['police_protection', 'report_to_prosecutor'],
    count: (t) => (t.rural && t.size < 0.25 ? 0 : 1),
    contactTitle: 'Chef de la brigade des mineurs',
  },
  {
    key: 'gendarmerie',
    sector: 'royal_gendarmerie',
    type: 'gendarmerie',
    fr: (c) => `Compagnie de la Gendarmerie royale ${c}`,
    ar: (c) => `سرية الدرك الملكي ${c}`,
    services: () => ['police_protection', 'report_to_prosecutor'],
    count: (t) => (t.rural ? 1 : 0),
    contactTitle: 'Officier chargé des mineurs',
  },
  {
    key: 'prosecution',
    sector: 'public_prosecution',
    type: 'prosecution',
    fr: (c) => `Parquet près le tribunal de première instance ${c}`,
    ar: (c) => `النيابة العامة لدى المحكمة الابتدائية ${c}`,
    services: () => ['report_to_prosecutor'],
    count: () => 1,
    contactTitle: 'Substitut du procureur chargé des mineurs',
  },
  {
    key: 'court',
    sector: 'justice',
    type: 'court',
    fr: (c) => `Tribunal de première instance ${c}, juge des mineurs`,
    ar: (c) => `المحكمة الابتدائية ${c}، قاضي الأحداث`,
    services: () => ['juvenile_judge_measure', 'kafala', 'legal_aid'],
    count: () => 1,
    contactTitle: 'Assistante sociale de la cellule des mineurs',
  },
  {
    key: 'education',
    sector: 'education',
    type: 'ministry_service',
    fr: (c) => `Direction provinciale de l'éducation ${c}`,
    ar: (c) => `المديرية الإقليمية للتربية الوطنية ${c}`,
    services: () => ['school_reintegration', 'second_chance_school'],
    count: () => 1,
    contactTitle: "Responsable des cellules d'écoute scolaires",
  },
  {
    key: 'training',
    sector: 'education',
    type: 'school',
    fr: (c) => `Centre de formation professionnelle ${c}`,
    ar: (c) => `مركز التكوين المهني ${c}`,
    services: () => ['vocational_training'],
    count: (t, rng) => (t.size > 0.2 || rng.chance(0.5) ? 1 : 0),
    contactTitle: 'Directeur du centre',
  },
  {
    key: 'labour',
    sector: 'labour',
    type: 'labour_inspection',
    fr: (c) => `Inspection du travail ${c}`,
    ar: (c) => `مفتشية الشغل ${c}`,
    services: () => ['withdrawal_from_work'],
    count: () => 1,
    contactTitle: 'Inspecteur du travail chargé du travail des enfants',
  },
  {
    key: 'entraide',
    sector: 'entraide_nationale',
    type: 'entraide_centre',
    fr: (c) => `Délégation de l'Entraide nationale ${c}`,
    ar: (c) => `مندوبية التعاون الوطني ${c}`,
    services: (t) => [
      'social_emergency_assistance',
      'placement_care_institution',
      ...(t.size > 0.35 ? ['after_care_18'] : []),
    ],
    count: () => 1,
    contactTitle: 'Délégué provincial',
  },
  {
    key: 'care_institution',
    sector: 'family_solidarity',
    type: 'care_institution',
    fr: (c) => `Établissement de protection sociale Dar Al Atfal ${c}`,
    ar: (c) => `مؤسسة الرعاية الاجتماعية دار الأطفال ${c}`,
    services: (t) => [...(t.size > 0.15 ? ['emergency_shelter'] : []), 'placement_care_institution'],
    count: (t, rng) => (t.size > 0.1 || rng.chance(0.6) ? 1 : 0),
    contactTitle: "Directrice de l'établissement",
  },
  {
    key: 'upe',
    sector: 'civil_society',
    type: 'upe',
    fr: (c) => `Unité de protection de l'enfance, association Amal ${c}`,
    ar: (c) => `وحدة حماية الطفولة، جمعية أمل ${c}`,
    services: (t) => [
      'psychological_support',
      'legal_aid',
      'youth_activities',
      ...(t.size > 0.4 ? ['emergency_shelter'] : []),
    ],
    count: () => 1,
    contactTitle: "Coordinatrice de l'unité",
  },
  {
    key: 'association',
    sector: 'civil_society',
    type: 'association',
    fr: (c) => `Association Bayti ${c}`,
    ar: (c) => `جمعية بيتي ${c}`,
    services: () => ['legal_aid', 'youth_activities', 'vocational_training'],
    count: (t, rng) => (t.size > 0.3 || rng.chance(0.4) ? 1 : 0),
    contactTitle: "Président de l'association",
  },
  {
    key: 'youth',
    sector: 'youth_sports',
    type: 'youth_centre',
    fr: (c) => `Maison des jeunes ${c}`,
    ar: (c) => `دار الشباب ${c}`,
    services: () => ['youth_activities'],
    count: () => 1,
    contactTitle: 'Directeur de la maison des jeunes',
  },
  {
    key: 'civil_status',
    sector: 'interior',
    type: 'local_authority',
    fr: (c) => `Bureau d'état civil, commune de ${c}`,
    ar: (c) => `مكتب الحالة المدنية، جماعة ${c}`,
    services: () => ['civil_registration'],
    count: () => 1,
    contactTitle: "Officier d'état civil",
  },
];

const MALE_STAFF = FIRST_NAME_FREQUENCIES.filter((n) => n.sex === 'male').map((n) => n.latin[0]!);
const FEMALE_STAFF = FIRST_NAME_FREQUENCIES.filter((n) => n.sex === 'female').map((n) => n.latin[0]!);

function staffName(rng: Rng): string {
  const first = rng.chance(0.6) ? rng.pick(FEMALE_STAFF) : rng.pick(MALE_STAFF);
  return `${first} ${rng.pick(STAFF_FAMILY_NAMES)}`;
}

/** How many social workers a CAPE has: from 3 in the smallest provinces to 15 in the largest. */
export function workersOf(t: GenerationTerritory): number {
  return 3 + Math.round(t.size * 12);
}

export function buildContext(seed: number): GenerationContext {
  const rng = new Rng('context', seed);
  const users: ContextUser[] = [];
  const user = (u: Omit<ContextUser, 'id' | 'fullName'> & { fullName?: string }): ContextUser => {
    const created = { id: rng.uuid(), fullName: u.fullName ?? staffName(rng), ...u };
    users.push(created);
    return created;
  };
  user({ login: 'admin.national', roles: ['national_admin'], territoryCode: null, institutionId: null });
  user({ login: 'analyste.national', roles: ['ministry_analyst'], territoryCode: null, institutionId: null });
  user({ login: 'auditeur.national', roles: ['dp_auditor'], territoryCode: null, institutionId: null });

  const territories = GENERATION_TERRITORIES.map((t): ContextTerritory => {
    const communeId = rng.uuid();
    const institutions: ContextInstitution[] = [];
    for (const kind of KINDS) {
      const count = kind.count(t, rng);
      for (let n = 1; n <= count; n++) {
        const city = count > 1 ? `${t.cityFr} ${n}` : t.cityFr;
        const cityAr = count > 1 ? `${t.cityAr} ${n}` : t.cityAr;
        const id = rng.uuid();
        institutions.push({
          id,
          territoryCode: t.code,
          sector: kind.sector,
          type: kind.type,
          nameFr: kind.fr(city),
          nameAr: kind.ar(cityAr),
          services: kind.services(t, rng),
          focalUserId: null,
          slowness: 0.6 + 2.4 * (hash32(id) / 4294967296) ** 2,
        });
      }
    }
    const cape = institutions.find((i) => i.type === 'cape')!;
    const upe = institutions.find((i) => i.type === 'upe') ?? null;
    const coordinator = user({
      login: `coordinateur.${t.code}`,
      roles: ['cape_coordinator'],
      territoryCode: t.code,
      institutionId: cape.id,
    });
    const workers = Array.from({ length: workersOf(t) }, (_, k) =>
      user({
        login: `as${k + 1}.${t.code}`,
        roles: ['social_worker'],
        territoryCode: t.code,
        institutionId: cape.id,
      }),
    );
    const info = user({
      login: `info.${t.code}`,
      roles: ['information_officer'],
      territoryCode: t.code,
      institutionId: cape.id,
    });
    user({
      login: `admin.${t.code}`,
      roles: ['provincial_admin'],
      territoryCode: t.code,
      institutionId: null,
    });
    const upeReporter = upe
      ? user({
          login: `upe.${t.code}`,
          roles: ['upe_reporter'],
          territoryCode: t.code,
          institutionId: upe.id,
        })
      : null;
    institutions.forEach((institution, index) => {
      if (institution.type === 'cape') return;
      institution.focalUserId = user({
        login: `focal.${index + 1}.${t.code}`,
        roles: ['partner_focal_point'],
        territoryCode: t.code,
        institutionId: institution.id,
      }).id;
    });
    return {
      ...t,
      communeId,
      capeId: cape.id,
      coordinatorId: coordinator.id,
      workerIds: workers.map((w) => w.id),
      infoOfficerId: info.id,
      upeReporterId: upeReporter?.id ?? null,
      institutions,
    };
  });
  return { seed, territories, users };
}

/** The title a contact point has at an institution of a kind. */
export function contactTitleOf(type: string): string {
  return KINDS.find((k) => k.type === type)?.contactTitle ?? 'Point focal';
}
