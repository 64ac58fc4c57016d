import {
  type AssessmentAnswers,
  type AssessmentScore,
  basketService,
  type ChildIdentity,
  compareAssessments,
  defaultAssessmentInstrument,
  defaultProtocolRules,
  matchProtocol,
  referenceTaxonomies,
  scoreAssessment,
} from '@madar/domain';
import { ADULT_FIRST_NAMES, FAMILY_NAME_FREQUENCIES, FIRST_NAME_FREQUENCIES } from '../demo/names';
import { justificationAad, servicesEffectAad } from '../modules/assessments/service';
import { transitionReasonAad } from '../modules/cases/service';
import { identityAad } from '../modules/children/identity';
import { followUpContentAad } from '../modules/follow-ups/service';
import { needAad } from '../modules/plans/service';
import { aad as referralAad } from '../modules/referrals/service';
import { aad as reportAad } from '../modules/reports/service';
import { aad as transferAad } from '../modules/transfers/service';
import type { ContextInstitution, ContextTerritory, GenerationContext } from './context';
import { Rng, type Weighted, weighted } from './random';
import { type BatchRows, emptyBatch, Json, Numbered, type Row, Sealed } from './rows';
import { MIGRATION_TERRITORIES } from './territories';
import * as texts from './texts';

/**
 * The story of each synthetic child, from the report that brings them to the CAPE to where their
 * case stands today: triage, the circuit's stages with the durations real cases take, the danger
 * assessment (scored by the default instrument), the plan from the national protocol, referral
 * cards answered by partners with their own delays, follow-up and evaluation cards. Pure: the same
 * seed, batch and date give the same rows.
 *
 * Batches follow time: batch b holds the children registered in the b-th slice of the period, so
 * recent batches hold the open cases and the older ones the closed.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/**
 * Morocco's legal time (UTC+1, UTC+0 around Ramadan), as the application reads it (Intl's
 * Africa/Casablanca), remembered per hour: calendar dates and office hours are in it.
 */
const casablancaHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Africa/Casablanca',
  hour: 'numeric',
  hourCycle: 'h23',
});
const offsets = new Map<number, number>();
function offsetAt(at: number): number {
  const hour = Math.floor(at / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const local = Number(casablancaHour.format(new Date(hour * HOUR)));
    offset = (((((local - (hour % 24)) % 24) + 36) % 24) - 12) * HOUR;
    offsets.set(hour, offset);
  }
  return offset;
}
/** Years of history before the generation date. */
export const HISTORY_YEARS = 5;
/** Days past its due date after which the escalation job flags a card (the server's default). */
const ESCALATION_DAYS = 7;

export interface BatchSpec {
  seed: number;
  batch: number;
  batchSize: number;
  children: number;
  /** The generation date: everything happened before its start (Casablanca midnight). */
  today: string;
}

export interface BatchResult {
  rows: BatchRows;
  /** Identities of the batch's children, for their blind indexes. */
  identities: { childId: string; identity: ChildIdentity }[];
}

// ---------------------------------------------------------------------------------------------
// Distributions
// ---------------------------------------------------------------------------------------------

// Dates are formatted by hand: Date#toISOString was the simulation's largest cost.
const dayNames = new Map<number, string>();
/** YYYY-MM-DD of a UTC day number (cached: a batch spans a few thousand days). */
function dayName(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** The instant as timestamptz text (UTC, milliseconds). */
export function iso(at: number): string {
  const ms = Math.floor(at);
  const day = Math.floor(ms / DAY);
  let rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${dayName(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
/** The calendar date in Morocco of an instant. */
export const dayOf = (at: number) => dayName(Math.floor((at + offsetAt(at)) / DAY));
/** The instant a Moroccan calendar day starts. */
const dayStart = (date: string) => {
  const utc = Date.parse(`${date}T00:00:00Z`);
  return utc - offsetAt(utc - HOUR);
};

/** Moves a time into office hours (Mon–Fri, 08:30–17:00 in Morocco): when staff do things. */
function office(ms: number, rng: Rng): number {
  const offset = offsetAt(ms);
  const local = ms + offset;
  const today = Math.floor(local / DAY);
  const hour = (local - today * DAY) / HOUR;
  let day = hour >= 17 ? today + 1 : today;
  // Day 0 (1970-01-01) was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  while ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) day++;
  if (day === today && hour >= 8.5) return ms;
  return day * DAY - offset + (8.5 + rng.next() * 3) * HOUR;
}

const AGE_WEIGHTS = weighted(
  [4, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8, 7, 5].map((w, age) => [age, w] as const),
);

const SOURCES = weighted<string>([
  ['school', 16],
  ['health_facility', 12],
  ['police', 10],
  ['green_line_2511', 9],
  ['family', 8],
  ['upe', 7],
  ['citizen', 6],
  ['prosecution', 5],
  ['association', 5],
  ['gendarmerie', 4],
  ['local_authority', 4],
  ['court_cell', 3],
  ['mobile_social_emergency', 3],
  ['child_self', 2],
  ['listening_cell', 2],
  ['care_institution', 1.5],
  ['onde_portal', 1],
  ['labour_inspection', 0.8],
  ['other_province_dtipe', 0.5],
  ['other', 1],
]);

/** Forms of harm by age and sex: neglect for the youngest, labour and marriage for adolescents. */
function harmWeights(age: number, sex: string): Weighted<string> {
  const girl = sex === 'female';
  return weighted<string>([
    ['physical_violence', 22],
    ['neglect', age < 6 ? 30 : 16],
    ['psychological_violence', 10],
    ['sexual_violence', girl ? 16 : 7],
    ['abandonment', age < 2 ? 25 : age < 6 ? 4 : 1],
    ['child_labour', age >= 12 ? (girl ? 3 : 12) : age >= 9 ? 2 : 0],
    ['domestic_work', girl && age >= 10 ? 5 : 0],
    ['begging_exploitation', age >= 3 && age <= 13 ? 5 : 0.5],
    ['sexual_exploitation', age >= 13 ? (girl ? 3 : 1) : 0],
    ['trafficking', 0.4],
    ['child_marriage', girl && age >= 13 ? 6 : 0],
    ['online_harm', age >= 11 ? 3 : 0],
    ['harmful_practices', 0.5],
    ['torture_degrading_treatment', 0.3],
  ]);
}

const FIRST_BY_SEX = {
  male: weighted(FIRST_NAME_FREQUENCIES.filter((n) => n.sex === 'male').map((n) => [n, n.weight] as const)),
  female: weighted(
    FIRST_NAME_FREQUENCIES.filter((n) => n.sex === 'female').map((n) => [n, n.weight] as const),
  ),
};
const FAMILY = weighted(FAMILY_NAME_FREQUENCIES.map((n) => [n, n.weight] as const));
const FATHERS = weighted(
  ADULT_FIRST_NAMES.filter((n) => n.sex === 'male').map((n) => [n.ar, n.weight] as const),
);
const MOTHERS = weighted(
  ADULT_FIRST_NAMES.filter((n) => n.sex === 'female').map((n) => [n.ar, n.weight] as const),
);

/** Children met on the migration routes, registered under the names they give, in Latin script only. */
const MIGRANT_FIRST = {
  male: ['Moussa', 'Ibrahima', 'Mamadou', 'Amadou', 'Ousmane', 'Seydou'],
  female: ['Aminata', 'Fatoumata', 'Mariama', 'Aïssatou', 'Awa'],
};
const MIGRANT_FAMILY = ['Diallo', 'Traoré', 'Koné', 'Camara', 'Sow', 'Barry', 'Keita', 'Touré', 'Coulibaly'];

/** First letters of the CNIE by region (the issuing office). */
const CNIE_LETTERS: Record<string, string[]> = {
  '01': ['K', 'KB', 'L', 'LB'],
  '02': ['F', 'FA', 'S'],
  '03': ['C', 'CD', 'D', 'Z'],
  '04': ['A', 'AB', 'G', 'X'],
  '05': ['I', 'Q'],
  '06': ['B', 'BE', 'BH', 'BK', 'M', 'W'],
  '07': ['E', 'EE', 'H'],
  '08': ['U', 'UA', 'P'],
  '09': ['J', 'JB', 'JA'],
  '10': ['JE', 'JH'],
  '11': ['SH', 'SJ'],
  '12': ['VA'],
};

const INSTRUMENT = defaultAssessmentInstrument();
const RULES = defaultProtocolRules();
const UNIVERSAL_SERVICES = new Set(
  RULES.filter((r) => r.harmForm === null && r.situation === null).map((r) => `${r.stage}|${r.serviceCode}`),
);
const RED_FLAGS = INSTRUMENT.red_flags.items.map((f) => f.code);

/** Domains of the instrument a form of harm or a situation weighs on. */
const DOMAIN_TRIGGERS: Record<string, string[]> = {
  safety: [
    'physical_violence',
    'sexual_violence',
    'abandonment',
    'trafficking',
    'torture_degrading_treatment',
    'street_situation',
  ],
  health: ['neglect', 'sexual_violence', 'physical_violence', 'addiction', 'disability'],
  psychological: ['psychological_violence', 'sexual_violence', 'online_harm', 'witness'],
  family: [
    'neglect',
    'psychological_violence',
    'abandonment',
    'child_marriage',
    'broken_family',
    'deprived_of_family',
  ],
  living_conditions: [
    'poor_family',
    'street_situation',
    'neglect',
    'isolated_rural',
    'not_registered_civil_status',
  ],
  education: ['out_of_school', 'child_labour', 'begging_exploitation', 'domestic_work', 'child_marriage'],
  exploitation: [
    'child_labour',
    'domestic_work',
    'begging_exploitation',
    'sexual_exploitation',
    'trafficking',
    'working_child',
  ],
};

/** Hours a sector usually takes to acknowledge a card: the police at once, the courts in days. */
const ACK_HOURS: Record<string, number> = {
  health: 5,
  national_security: 3,
  royal_gendarmerie: 4,
  public_prosecution: 20,
  justice: 40,
  education: 48,
  labour: 60,
  entraide_nationale: 30,
  family_solidarity: 20,
  civil_society: 16,
  interior: 50,
  youth_sports: 60,
};

/** How likely a card of the sector shares the child's identity (the service cannot act without it). */
const IDENTITY_SHARE: Record<string, number> = {
  health: 0.6,
  public_prosecution: 0.85,
  justice: 0.85,
  national_security: 0.7,
  royal_gendarmerie: 0.7,
  interior: 0.95,
  education: 0.5,
};

/** Which partner records a report from a source, when a partner does (else the CAPE's staff). */
const SOURCE_INSTITUTION: Record<string, string[]> = {
  health_facility: ['hospital', 'health_centre'],
  police: ['police', 'gendarmerie'],
  gendarmerie: ['gendarmerie', 'police'],
  school: ['ministry_service'],
  prosecution: ['prosecution'],
  court_cell: ['court'],
  labour_inspection: ['labour_inspection'],
  care_institution: ['care_institution'],
  association: ['association', 'upe'],
};

interface TerritoryIndex {
  t: ContextTerritory;
  byService: Map<string, ContextInstitution[]>;
  byType: Map<string, ContextInstitution[]>;
  bySector: Map<string, ContextInstitution[]>;
  cape: ContextInstitution;
  neighbours: TerritoryIndex[];
}

// ---------------------------------------------------------------------------------------------
// The simulation of one batch
// ---------------------------------------------------------------------------------------------

interface PlanItemState {
  id: string;
  row: Row;
  serviceCode: string;
  sector: string;
  maxDelay: number;
  createdAt: number;
  dueOn: string;
  status: string;
  version: number;
  updatedAt: number;
  /** When it became delivered or not delivered (Infinity while open). */
  closedAt: number;
  hasNeed: boolean;
  /** Status changes with their times: what the evaluation card's snapshot reads. */
  history: { at: number; status: string }[];
}

interface CaseState {
  id: string;
  childId: string;
  child: ChildState;
  territory: TerritoryIndex;
  /** Where the case moved, and when (an accepted transfer). */
  moved: { to: TerritoryIndex; at: number; worker: string | null; assignedAt: number } | null;
  worker: string;
  harmForms: string[];
  situations: string[];
  urgency: string;
  openedAt: number;
  /** The last closure while the case is closed (Infinity while open). */
  closedAt: number;
  /** Every closure and the reopening that followed it (Infinity if none). */
  closures: { at: number; reopenedAt: number }[];
  lastActivity: number;
  version: number;
  items: PlanItemState[];
  plannedServices: Set<string>;
  assessments: { id: string; at: number; answers: AssessmentAnswers; score: AssessmentScore }[];
}

interface ChildState {
  id: string;
  birthMs: number | null;
  identity: ChildIdentity;
  sex: 'female' | 'male' | 'unknown';
  age: number;
}

export class BatchSimulation {
  private readonly rng: Rng;
  private readonly rows = emptyBatch();
  private readonly identities: BatchResult['identities'] = [];
  private readonly now: number;
  private readonly start: number;
  private readonly index: TerritoryIndex[];
  private readonly territories: Weighted<TerritoryIndex>;
  private readonly fullNames = new Map<string, string>();

  constructor(
    ctx: GenerationContext,
    private readonly spec: BatchSpec,
  ) {
    this.rng = new Rng('batch', spec.seed, spec.batch);
    this.now = dayStart(spec.today);
    const start = new Date(this.now);
    start.setUTCFullYear(start.getUTCFullYear() - HISTORY_YEARS);
    this.start = start.getTime();
    for (const u of ctx.users) this.fullNames.set(u.id, u.fullName);
    this.index = ctx.territories.map((t) => {
      const byService = new Map<string, ContextInstitution[]>();
      const byType = new Map<string, ContextInstitution[]>();
      const bySector = new Map<string, ContextInstitution[]>();
      for (const i of t.institutions) {
        for (const s of i.services) byService.set(s, [...(byService.get(s) ?? []), i]);
        byType.set(i.type, [...(byType.get(i.type) ?? []), i]);
        bySector.set(i.sector, [...(bySector.get(i.sector) ?? []), i]);
      }
      const entry: TerritoryIndex = {
        t,
        byService,
        byType,
        bySector,
        cape: t.institutions.find((i) => i.id === t.capeId)!,
        neighbours: [],
      };
      return entry;
    });
    for (const entry of this.index) {
      entry.neighbours = this.index.filter((o) => o !== entry && o.t.regionCode === entry.t.regionCode);
    }
    this.territories = weighted(this.index.map((e) => [e, e.t.weight] as const));
  }

  run(): BatchResult {
    const { batch, batchSize, children } = this.spec;
    const first = batch * batchSize;
    const last = Math.min(children, first + batchSize);
    for (let i = first; i < last; i++) this.child(i);
    return { rows: this.rows, identities: this.identities };
  }

  /** Registration time of the i-th child: registrations grow as DTIPEs spread (density 0.35 + x). */
  private registrationTime(i: number): number {
    const q = (i + this.rng.next()) / this.spec.children;
    const x = -0.35 + Math.sqrt(0.1225 + 1.7 * q);
    return this.start + x * (this.now - this.start - HOUR);
  }

  private child(i: number) {
    const rng = this.rng;
    const registeredAt = this.registrationTime(i);
    const home = rng.weighted(this.territories);
    const r = rng.next();
    const sex: ChildState['sex'] = r < 0.515 ? 'male' : r < 0.997 ? 'female' : 'unknown';
    const age = rng.weighted(AGE_WEIGHTS);
    const harm = this.harmForms(age, sex);
    const situations = this.situations(age, sex, harm, home);
    const urgency = this.urgency(harm);
    // Reports of the last days may still wait in the triage queue: no child is registered yet.
    if (registeredAt > this.now - 3 * DAY && rng.chance(0.45)) {
      this.pendingReport(home, registeredAt, harm, urgency, sex, age);
      return;
    }
    const childId = rng.uuid();
    const birthMs = registeredAt - age * 365.25 * DAY - rng.next() * 364 * DAY;
    const identity = this.identity(sex, birthMs, age, situations, harm, home);
    const child: ChildState = {
      id: childId,
      birthMs: identity.birthDate ? Date.parse(identity.birthDate) : null,
      identity,
      sex,
      age,
    };
    this.identities.push({ childId, identity });

    const kase = this.caseFor(child, home, harm, situations, urgency, registeredAt, null);
    // A second report about the same child: joins the open case, or opens a new one if closed.
    if (rng.chance(0.75)) {
      const again = kase.openedAt + rng.between(120, 1000) * DAY;
      if (again < this.now) {
        if (!this.closedAt(kase, again)) this.linkedReport(kase, again);
        else if (child.birthMs === null || again < child.birthMs + 17.5 * 365.25 * DAY) {
          const harm2 = rng.chance(0.6) ? harm : this.harmForms(age + 1, sex);
          this.caseFor(child, kase.moved?.to ?? home, harm2, situations, this.urgency(harm2), again, kase);
        }
      }
    }
    const finalTerritory = kase.moved && kase.moved.at <= this.now ? kase.moved.to : home;
    const year = dayOf(kase.openedAt).slice(0, 4);
    this.rows.child.push([
      childId,
      new Numbered(`${home.t.prefix}-${year}-`, `${home.t.code}|${year}`),
      finalTerritory.t.code,
      sex,
      identity.birthDate ? Number(identity.birthDate.slice(0, 4)) : null,
      identity.birthDateEstimated,
      new Sealed(JSON.stringify(identity), identityAad(childId)),
      kase.worker,
      iso(kase.openedAt),
      iso(finalTerritory === home ? kase.openedAt : kase.moved!.at),
      finalTerritory === home ? 0 : 1,
    ]);
  }

  private harmForms(age: number, sex: string): string[] {
    const table = harmWeights(Math.min(age, 17), sex);
    const count = this.rng.chance(0.65) ? 1 : this.rng.chance(0.8) ? 2 : 3;
    const forms = new Set<string>();
    for (let k = 0; k < count * 3 && forms.size < count; k++) forms.add(this.rng.weighted(table));
    return [...forms];
  }

  private situations(age: number, sex: string, harm: string[], t: TerritoryIndex): string[] {
    const rng = this.rng;
    const has = (h: string) => harm.includes(h);
    const s = new Set<string>();
    if (rng.chance(0.95)) s.add('victim');
    if (rng.chance(0.05)) s.add('witness');
    if (
      age >= 6 &&
      rng.chance(has('child_labour') || has('begging_exploitation') || has('domestic_work') ? 0.8 : 0.2)
    )
      s.add('out_of_school');
    if (rng.chance(0.35)) s.add('poor_family');
    if (rng.chance(0.25)) s.add('broken_family');
    if (rng.chance(has('abandonment') ? 0.5 : 0.03)) s.add('not_registered_civil_status');
    if (has('abandonment') || rng.chance(0.03)) s.add('deprived_of_family');
    if (rng.chance(0.04)) s.add('in_care_institution');
    if (rng.chance(has('begging_exploitation') ? 0.4 : age >= 8 ? 0.04 : 0.005)) s.add('street_situation');
    if (has('child_labour') || has('domestic_work')) s.add('working_child');
    if (rng.chance(0.04)) s.add('disability');
    if (t.t.rural && rng.chance(0.25)) s.add('isolated_rural');
    if (age >= 13 && rng.chance(0.04)) s.add('addiction');
    if (age >= 12 && sex === 'male' && rng.chance(0.04)) s.add('in_conflict_with_law');
    if (age >= 12 && MIGRATION_TERRITORIES.has(t.t.code) && rng.chance(0.06)) s.add('unaccompanied_migrant');
    if (age === 17 && rng.chance(0.05)) s.add('care_leaver');
    return [...s];
  }

  private urgency(harm: string[]): string {
    const grave = harm.some((h) =>
      [
        'sexual_violence',
        'abandonment',
        'trafficking',
        'torture_degrading_treatment',
        'sexual_exploitation',
      ].includes(h),
    );
    const r = this.rng.next();
    if (r < (grave ? 0.3 : 0.05)) return 'immediate';
    if (r < (grave ? 0.65 : 0.25)) return 'urgent';
    return 'normal';
  }

  private identity(
    sex: ChildState['sex'],
    birthMs: number,
    age: number,
    situations: string[],
    harm: string[],
    t: TerritoryIndex,
  ): ChildIdentity {
    const rng = this.rng;
    const named = sex === 'unknown' ? (rng.chance(0.5) ? 'male' : 'female') : sex;
    const migrant = situations.includes('unaccompanied_migrant');
    const unknownOrigin = migrant || harm.includes('abandonment') || situations.includes('street_situation');
    let firstAr: string | null = null;
    let lastAr: string | null = null;
    let firstLatin: string | null = null;
    let lastLatin: string | null = null;
    let family = FAMILY_NAME_FREQUENCIES[0]!;
    if (migrant && rng.chance(0.6)) {
      firstLatin = rng.pick(MIGRANT_FIRST[named]);
      lastLatin = rng.pick(MIGRANT_FAMILY);
    } else {
      const first = rng.weighted(FIRST_BY_SEX[named]);
      family = rng.weighted(FAMILY);
      const spelling = (latin: readonly string[]) =>
        latin.length > 1 && rng.chance(0.3)
          ? latin[1 + Math.floor(rng.next() * (latin.length - 1))]!
          : latin[0]!;
      // Both scripts on most files; some only in Arabic (a handwritten report), a few only in Latin.
      const scripts = rng.next();
      if (scripts < 0.95) {
        firstAr = first.ar;
        lastAr = family.ar;
      }
      if (scripts < 0.88 || scripts >= 0.95) {
        firstLatin = spelling(first.latin);
        lastLatin = spelling(family.latin);
      }
      // A foundling is registered under a first name only until the civil status gives a name.
      if (harm.includes('abandonment') && age < 2 && rng.chance(0.5)) {
        lastAr = null;
        lastLatin = null;
      }
    }
    const birthDate = rng.chance(migrant ? 0.1 : 0.01) ? null : new Date(birthMs).toISOString().slice(0, 10);
    const birthYear = birthDate ? birthDate.slice(0, 4) : null;
    const parents = !situations.includes('deprived_of_family');
    const phone = () => `0${rng.chance(0.6) ? 6 : 7}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    const phones = parents && rng.chance(0.62) ? (rng.chance(0.15) ? [phone(), phone()] : [phone()]) : [];
    return {
      firstNameAr: firstAr,
      lastNameAr: lastAr,
      firstNameLatin: firstLatin,
      lastNameLatin: lastLatin,
      birthDate,
      birthDateEstimated: birthDate !== null && rng.chance(unknownOrigin ? 0.6 : 0.04),
      fatherName: parents && !migrant && rng.chance(0.85) ? `${rng.weighted(FATHERS)} ${family.ar}` : null,
      motherName:
        parents && !migrant && rng.chance(0.8) ? `${rng.weighted(MOTHERS)} ${rng.weighted(FAMILY).ar}` : null,
      birthRecordNumber:
        !situations.includes('not_registered_civil_status') && !migrant && birthYear && rng.chance(0.88)
          ? `${rng.int(1, 2400)}/${birthYear}`
          : null,
      nationalId:
        age >= 16 && !migrant && rng.chance(0.35)
          ? `${rng.pick(CNIE_LETTERS[t.t.regionCode] ?? ['A'])}${rng.int(100_000, 999_999)}`
          : null,
      address:
        situations.includes('street_situation') || migrant
          ? null
          : rng.chance(0.85)
            ? `${rng.int(1, 250)} ${rng.pick(texts.ADDRESSES)}, ${t.t.cityFr}`
            : null,
      phones,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Reports
  // -------------------------------------------------------------------------------------------

  /** Who records a report from a source: the partner who met the child, else the CAPE's staff. */
  private recorder(t: TerritoryIndex, source: string): { user: string; institution: string | null } {
    const rng = this.rng;
    if (source === 'upe' && t.t.upeReporterId) {
      return { user: t.t.upeReporterId, institution: t.byType.get('upe')?.[0]?.id ?? null };
    }
    for (const type of SOURCE_INSTITUTION[source] ?? []) {
      const found = t.byType.get(type);
      if (found?.length && rng.chance(0.7)) {
        const institution = rng.pick(found);
        if (institution.focalUserId) return { user: institution.focalUserId, institution: institution.id };
      }
    }
    const user = rng.chance(0.4) ? t.t.infoOfficerId : rng.pick(t.t.workerIds);
    return { user, institution: t.cape.id };
  }

  private reporter(source: string): {
    anonymous: boolean;
    name: string | null;
    phone: string | null;
    relation: string | null;
  } {
    const rng = this.rng;
    const anonymous = rng.chance(
      source === 'citizen' || source === 'green_line_2511' ? 0.5 : source === 'family' ? 0.3 : 0.05,
    );
    const relations = texts.REPORTER_RELATIONS[source] ?? texts.REPORTER_RELATIONS.citizen!;
    const relation = rng.chance(0.85) ? rng.pick(relations) : null;
    if (anonymous) return { anonymous: true, name: null, phone: null, relation };
    return {
      anonymous: false,
      // A reporter's name is confidential too; synthetic reporters are named by their function.
      name: relation ?? 'Déclarant',
      phone: rng.chance(0.7) ? `06${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null,
      relation,
    };
  }

  /**
   * A report (بطاقة التبليغ) and its child line, as createReport writes them; `triage` marks it
   * triaged into a case, else it stays new (or is closed without a case).
   */
  private report(
    t: TerritoryIndex,
    receivedAt: number,
    harm: string[],
    urgency: string,
    child: { sex: string; age: number; identity: ChildIdentity | null },
    triage: { childId: string; caseId: string; at: number; by: string } | null,
    closed: { at: number; by: string; reason: string } | null = null,
  ) {
    const rng = this.rng;
    const id = rng.uuid();
    const source = rng.weighted(SOURCES);
    const by = this.recorder(t, source);
    const reporter = rng.chance(0.1) ? null : this.reporter(source);
    const createdAt = receivedAt + rng.between(0.05, 2) * HOUR;
    const facts = rng.pick(texts.FACTS[harm[0]!] ?? texts.FACTS.neglect!);
    const status = triage ? 'triaged' : closed ? 'closed' : 'new';
    this.rows.report.push([
      id,
      t.t.code,
      source,
      iso(receivedAt),
      rng.chance(0.6) ? t.t.communeId : null,
      urgency,
      harm,
      reporter?.anonymous ?? false,
      reporter ? new Sealed(JSON.stringify(reporter), reportAad.reporter(id)) : null,
      new Sealed(
        JSON.stringify({
          address: rng.chance(0.5) ? `${rng.pick(texts.ADDRESSES)}, ${t.t.cityFr}` : null,
          facts,
        }),
        reportAad.details(id),
      ),
      status,
      closed ? closed.reason : null,
      triage ? iso(triage.at) : closed ? iso(closed.at) : null,
      triage ? triage.by : closed ? closed.by : null,
      by.user,
      by.institution,
      iso(createdAt),
      status === 'new' ? 0 : 1,
    ]);
    const identity = child.identity;
    const knowsName = identity !== null && rng.chance(0.75);
    const described = {
      firstName: knowsName ? (identity.firstNameLatin ?? identity.firstNameAr) : null,
      lastName: knowsName && rng.chance(0.6) ? (identity.lastNameLatin ?? identity.lastNameAr) : null,
      approximateAge: rng.chance(0.85) ? Math.max(0, child.age + rng.int(-1, 1)) : null,
      sex: rng.chance(0.9) ? child.sex : 'unknown',
      notes: rng.pick(texts.REPORT_NOTES),
    };
    this.rows.report_child.push([
      id,
      0,
      new Sealed(JSON.stringify(described), reportAad.child(id, 0)),
      described.sex,
      triage?.childId ?? null,
      triage?.caseId ?? null,
    ]);
    // Some reports turn out not to concern a child in danger: closed at triage, no case.
    if (triage && rng.chance(0.08)) {
      const at = receivedAt + rng.between(0.1, 20) * DAY;
      if (at < this.now) {
        this.report(t, at, harm, 'normal', { sex: child.sex, age: child.age, identity: null }, null, {
          at: Math.min(this.now - HOUR, office(at + rng.between(0.1, 3) * DAY, rng)),
          by: rng.pick(t.t.workerIds),
          reason: rng.pick(texts.CLOSED_REPORT_REASONS),
        });
      }
    }
    return id;
  }

  private pendingReport(
    t: TerritoryIndex,
    at: number,
    harm: string[],
    urgency: string,
    sex: string,
    age: number,
  ) {
    const rng = this.rng;
    const named = sex === 'unknown' ? 'male' : (sex as 'male' | 'female');
    const first = rng.weighted(FIRST_BY_SEX[named]);
    const family = rng.weighted(FAMILY);
    const identity = {
      firstNameAr: first.ar,
      lastNameAr: family.ar,
      firstNameLatin: first.latin[0]!,
      lastNameLatin: family.latin[0]!,
    } as ChildIdentity;
    this.report(t, at - rng.between(0, 1) * DAY, harm, urgency, { sex, age, identity }, null);
  }

  private linkedReport(kase: CaseState, at: number) {
    const t = kase.moved && kase.moved.at <= at ? kase.moved.to : kase.territory;
    const receivedAt = at - this.rng.between(0.05, 1) * DAY;
    const triagedAt = Math.min(this.now - HOUR, office(at, this.rng));
    if (triagedAt <= receivedAt) return;
    this.report(
      t,
      receivedAt,
      kase.harmForms,
      'normal',
      { sex: kase.child.sex, age: kase.child.age, identity: kase.child.identity },
      { childId: kase.childId, caseId: kase.id, at: triagedAt, by: kase.worker },
    );
    this.touch(kase, triagedAt);
    kase.version += 1;
  }

  // -------------------------------------------------------------------------------------------
  // Cases
  // -------------------------------------------------------------------------------------------

  /** Whether the case is closed at a moment. */
  private closedAt(kase: CaseState, at: number): boolean {
    return kase.closures.some((c) => c.at <= at && at < c.reopenedAt);
  }

  /** The first closure after a moment: when what is still open on the case stops. */
  private endAfter(kase: CaseState, at: number): number {
    for (const c of kase.closures) if (c.at >= at) return c.at;
    return Number.POSITIVE_INFINITY;
  }

  private touch(kase: CaseState, at: number) {
    if (at <= this.now && at > kase.lastActivity) kase.lastActivity = at;
  }

  private caseFor(
    child: ChildState,
    t: TerritoryIndex,
    harm: string[],
    situations: string[],
    urgency: string,
    registeredAt: number,
    previous: CaseState | null,
  ): CaseState {
    const rng = this.rng;
    const lag =
      urgency === 'immediate'
        ? rng.between(0.5, 6) * HOUR
        : rng.between(0.2, urgency === 'urgent' ? 1.5 : 5) * DAY;
    const openedAt = Math.min(this.now - HOUR, office(registeredAt, rng));
    const receivedAt = openedAt - lag;
    const worker = rng.pick(t.t.workerIds);
    const kase: CaseState = {
      id: rng.uuid(),
      childId: child.id,
      child,
      territory: t,
      moved: null,
      worker,
      harmForms: harm,
      situations,
      urgency,
      openedAt,
      closedAt: Number.POSITIVE_INFINITY,
      closures: [],
      lastActivity: openedAt,
      version: 0,
      items: [],
      plannedServices: new Set(),
      assessments: [],
    };
    this.report(
      t,
      receivedAt,
      harm,
      urgency,
      { sex: child.sex, age: child.age, identity: child.identity },
      { childId: child.id, caseId: kase.id, at: openedAt, by: worker },
    );
    void previous;
    this.rows.case_transition.push([kase.id, null, 'detection', null, null, null, worker, iso(openedAt)]);
    this.rows.case_assignment.push([kase.id, worker, worker, iso(openedAt)]);
    const end = this.path(kase);
    this.replay(kase, end.visits);
    if (end.closureRequest) end.closureRequest.openServices = this.openItemsAt(kase, end.closureRequest.at);
    this.emitCase(kase, end);
    return kase;
  }

  /** Staff of the case at a moment: the receiving territory's once a transfer was accepted. */
  private workerAt(kase: CaseState, at: number): string {
    if (kase.moved && at >= kase.moved.at) return kase.moved.worker ?? kase.moved.to.t.coordinatorId;
    return kase.worker;
  }

  private coordinatorAt(kase: CaseState, at: number): string {
    return kase.moved && at >= kase.moved.at ? kase.moved.to.t.coordinatorId : kase.territory.t.coordinatorId;
  }

  private territoryAt(kase: CaseState, at: number): TerritoryIndex {
    return kase.moved && at >= kase.moved.at ? kase.moved.to : kase.territory;
  }

  /**
   * Walks the case through the circuit until today: each stage lasts what such stages last, some
   * cases leave early (lost contact, the family refuses, the child turns 18), some go back (a
   * relapse), a few close and reopen. Returns the case's final state.
   */
  private path(kase: CaseState) {
    const rng = this.rng;
    const now = this.now;
    let stage = 'detection';
    let at = kase.openedAt;
    let closureRequest: { at: number; reason: string; note: string | null; openServices: number } | null =
      null;
    const visits: { stage: string; at: number }[] = [{ stage, at }];
    const transition = (
      to: string,
      when: number,
      extra: { reason?: string | null; closureReason?: string; by?: string } = {},
    ) => {
      const closing = to === 'closed';
      const actor = extra.by ?? (closing ? this.coordinatorAt(kase, when) : this.workerAt(kase, when));
      this.rows.case_transition.push([
        kase.id,
        stage,
        to,
        extra.reason ? new Sealed(extra.reason, transitionReasonAad(kase.id)) : null,
        closing ? (extra.closureReason ?? null) : null,
        closing ? actor : null,
        actor,
        iso(when),
      ]);
      kase.version += 1;
      this.touch(kase, when);
      if (closing) {
        kase.closedAt = when;
        kase.closures.push({ at: when, reopenedAt: Number.POSITIVE_INFINITY });
      } else if (stage === 'closed') {
        kase.closedAt = Number.POSITIVE_INFINITY;
        kase.closures.at(-1)!.reopenedAt = when;
      }
      stage = to;
      at = when;
      visits.push({ stage, at });
      // The danger assessment decides what comes after the diagnosis: it is made on the way.
      if (to === 'initial_diagnosis') {
        this.assess(kase, office(when + rng.logNormal(3, 0.7) * DAY, rng), this.initialSeverity(kase));
      }
    };
    const eighteen =
      kase.child.birthMs !== null ? kase.child.birthMs + 18 * 365.25 * DAY : Number.POSITIVE_INFINITY;
    const needsEmergency = kase.urgency !== 'normal' ? rng.chance(0.75) : rng.chance(0.12);
    let reopened = false;
    let relapsed = false;
    let transferred = false;

    for (let step = 0; step < 12; step++) {
      let next: {
        to: string;
        at: number;
        reason?: string | null;
        closureReason?: string;
        request?: boolean;
      } | null = null;
      switch (stage) {
        case 'detection':
          next = needsEmergency
            ? { to: 'immediate_assistance', at: at + rng.logNormal(0.3, 0.8) * DAY }
            : { to: 'initial_diagnosis', at: office(at + rng.logNormal(4, 1) * DAY, rng) };
          if (rng.chance(0.004))
            next = {
              to: 'closed',
              at: office(at + rng.between(1, 10) * DAY, rng),
              closureReason: 'duplicate',
            };
          break;
        case 'immediate_assistance':
          next = { to: 'initial_diagnosis', at: office(at + rng.logNormal(4, 0.5) * DAY, rng) };
          break;
        case 'initial_diagnosis': {
          const assessed = kase.assessments.at(-1);
          const after = (assessed?.at ?? at) + rng.logNormal(5, 0.6) * DAY;
          if (assessed?.score.level === 'no_danger' && rng.chance(0.65)) {
            next = { to: 'closed', at: office(after, rng), closureReason: 'not_protection_case' };
          } else if (rng.chance(0.025)) {
            next = {
              to: 'closed',
              at: office(at + rng.between(5, 40) * DAY, rng),
              closureReason: 'family_refusal',
            };
          } else next = { to: 'care', at: office(Math.max(after, at + DAY), rng) };
          break;
        }
        case 'care': {
          next = { to: 'reintegration', at: office(at + rng.logNormal(100, 0.5) * DAY, rng) };
          if (rng.chance(0.03))
            next = {
              to: 'closed',
              at: office(at + rng.between(20, 150) * DAY, rng),
              closureReason: 'lost_contact',
            };
          else if (rng.chance(0.02))
            next = {
              to: 'closed',
              at: office(at + rng.between(10, 90) * DAY, rng),
              closureReason: 'family_refusal',
            };
          const requestedAt = office(at + rng.between(10, 60) * DAY, rng);
          if (!transferred && !kase.moved && rng.chance(0.008) && requestedAt < next.at) {
            transferred = true;
            this.transfer(kase, requestedAt);
          }
          break;
        }
        case 'reintegration':
          if (!relapsed && rng.chance(0.06)) {
            relapsed = true;
            next = {
              to: 'care',
              at: office(at + rng.between(20, 60) * DAY, rng),
              reason: rng.pick(texts.RELAPSE_REASONS),
            };
          } else next = { to: 'follow_up', at: office(at + rng.logNormal(75, 0.5) * DAY, rng) };
          if (rng.chance(0.03))
            next = {
              to: 'closed',
              at: office(at + rng.between(20, 100) * DAY, rng),
              closureReason: 'lost_contact',
            };
          break;
        case 'follow_up': {
          const reason = rng.chance(0.008) ? 'other' : 'plan_goals_met';
          next = {
            to: 'closed',
            at: office(at + rng.logNormal(200, 0.4) * DAY, rng),
            closureReason: reason,
            request: true,
          };
          break;
        }
        case 'closed':
          if (!reopened && rng.chance(0.03)) {
            reopened = true;
            next = {
              to: 'initial_diagnosis',
              at: office(at + rng.between(60, 400) * DAY, rng),
              reason: rng.pick(texts.REOPENING_REASONS),
            };
          }
          break;
      }
      if (!next) break;
      // Turning 18 ends child protection: the case closes soon after the birthday.
      if (stage !== 'closed' && next.to !== 'closed' && eighteen < next.at) {
        next = {
          to: 'closed',
          at: office(Math.max(at + HOUR, eighteen + rng.between(0, 20) * DAY), rng),
          closureReason: 'reached_majority',
        };
      }
      if (next.at <= at) next.at = at + HOUR;
      if (next.to === 'closed') {
        const note =
          next.closureReason === 'other'
            ? rng.pick(texts.OTHER_CLOSURE_NOTES)
            : next.closureReason === 'plan_goals_met' && rng.chance(0.7)
              ? rng.pick(texts.CLOSURE_NOTES)
              : null;
        if (next.request) {
          // The social worker asks; the coordinator approves days later.
          const requestedAt = next.at;
          const approvedAt = office(requestedAt + rng.logNormal(4, 0.6) * DAY, rng);
          if (requestedAt > now) break;
          if (approvedAt > now) {
            closureRequest = { at: requestedAt, reason: next.closureReason!, note, openServices: 0 };
            kase.version += 1;
            this.touch(kase, requestedAt);
            break;
          }
          transition('closed', approvedAt, { reason: note, closureReason: next.closureReason! });
        } else {
          if (next.at > now) break;
          transition('closed', next.at, { reason: note, closureReason: next.closureReason! });
        }
        continue;
      }
      if (next.at > now) break;
      transition(next.to, next.at, { reason: next.reason ?? null });
    }
    return { stage, closureRequest, visits };
  }

  /**
   * The work of each stage, once the path is known (so that what is open when the case closes is
   * known too): its services planned and referred, evaluations on the way out of care.
   */
  private replay(kase: CaseState, visits: { stage: string; at: number }[]) {
    const rng = this.rng;
    for (const { stage, at } of visits) {
      if (stage === 'closed') continue;
      if (stage === 'reintegration' || (stage === 'follow_up' && rng.chance(0.2))) {
        this.evaluate(kase, office(at + rng.between(3, 25) * DAY, rng));
      }
      this.plan(kase, stage, at);
    }
    kase.assessments.sort((a, b) => a.at - b.at);
  }

  private initialSeverity(kase: CaseState): number {
    const rng = this.rng;
    if (kase.urgency === 'immediate') return rng.between(1.4, 2.8);
    if (kase.urgency === 'urgent') return rng.between(0.9, 2.2);
    return rng.between(0.1, 1.7);
  }

  /** Answers to the default instrument for a child at a severity (0–3), on the domains their harm touches. */
  private answers(kase: CaseState, severity: number): AssessmentAnswers {
    const rng = this.rng;
    const facts = new Set([...kase.harmForms, ...kase.situations]);
    const items: Record<string, number> = {};
    for (const domain of INSTRUMENT.domains) {
      const relevant = domain.protective || (DOMAIN_TRIGGERS[domain.code] ?? []).some((f) => facts.has(f));
      for (const item of domain.items) {
        const base = domain.protective ? 3 - severity : relevant ? severity : severity * 0.25;
        items[item.code] = Math.max(
          INSTRUMENT.scale.min,
          Math.min(INSTRUMENT.scale.max, Math.round(base + (rng.next() - 0.5) * 1.4)),
        );
      }
    }
    const redFlags = severity > 2.3 && rng.chance(0.3) ? [rng.pick(RED_FLAGS)] : [];
    return { items, redFlags };
  }

  private assess(kase: CaseState, at: number, severity: number) {
    if (at > this.now || this.closedAt(kase, at)) return null;
    const rng = this.rng;
    const answers = this.answers(kase, severity);
    const outcome = scoreAssessment(INSTRUMENT, answers);
    if (!outcome.ok) throw new Error('generated answers do not fit the default instrument');
    const score = outcome.score;
    const proposed = score.orientation!.code;
    const override = rng.chance(0.04);
    const confirmed = override
      ? rng.pick(INSTRUMENT.orientations.filter((o) => o.code !== proposed)).code
      : proposed;
    const id = rng.uuid();
    const by = this.workerAt(kase, at);
    this.rows.assessment.push([
      id,
      kase.id,
      null, // territory: filled in when the case is written (a transfer moves it)
      INSTRUMENT.version,
      new Json(answers.items),
      [...new Set(answers.redFlags ?? [])],
      new Json(score),
      score.level,
      proposed,
      confirmed,
      override ? new Sealed(rng.pick(texts.OVERRIDE_JUSTIFICATIONS), justificationAad(id)) : null,
      by,
      iso(at),
    ]);
    kase.assessments.push({ id, at, answers, score });
    kase.version += 1;
    this.touch(kase, at);
    return score;
  }

  /** An evaluation card (بطاقة التقييم) with a new assessment compared to the first one. */
  private evaluate(kase: CaseState, at: number) {
    if (at > this.now || this.closedAt(kase, at) || kase.assessments.length === 0) return;
    const rng = this.rng;
    const baseline = kase.assessments.reduce((a, b) => (b.at < a.at ? b : a));
    const before = baseline.score.total;
    const worse = rng.chance(0.1);
    const severity = Math.max(
      0,
      Math.min(
        3,
        (before / Math.max(1, maxTotal())) * 3 + (worse ? rng.between(0, 0.5) : -rng.between(0.2, 0.9)),
      ),
    );
    const score = this.assess(kase, at, severity);
    if (!score) return;
    const current = kase.assessments.at(-1)!;
    const id = rng.uuid();
    const recommendation =
      worse || score.level === 'danger' || score.level === 'grave_imminent_danger'
        ? 'adjust_plan'
        : score.level === 'no_danger' && rng.chance(0.5)
          ? 'close'
          : 'continue';
    const by = this.workerAt(kase, at);
    // The comparison is computed when the case is written: it needs the plan as it stood then.
    this.pendingEvaluations.push({ kase, id, at, by, baseline, current, recommendation });
  }

  private readonly pendingEvaluations: {
    kase: CaseState;
    id: string;
    at: number;
    by: string;
    baseline: CaseState['assessments'][number];
    current: CaseState['assessments'][number];
    recommendation: string;
  }[] = [];

  private openItemsAt(kase: CaseState, at: number): number {
    return kase.items.filter((i) => i.createdAt <= at && i.closedAt > at).length;
  }

  // -------------------------------------------------------------------------------------------
  // The plan and its referral cards
  // -------------------------------------------------------------------------------------------

  private plan(kase: CaseState, stage: string, at: number) {
    const rng = this.rng;
    const matches = matchProtocol(RULES, { stage, harmForms: kase.harmForms, situations: kase.situations });
    for (const m of matches) {
      if (kase.plannedServices.has(m.serviceCode)) continue;
      const universal = UNIVERSAL_SERVICES.has(`${stage}|${m.serviceCode}`);
      if (!rng.chance(universal ? 0.3 : 0.5)) continue;
      const createdAt = office(at + rng.logNormal(0.8, 0.8) * DAY, rng);
      if (createdAt > this.now || this.closedAt(kase, createdAt)) continue;
      kase.plannedServices.add(m.serviceCode);
      const t = this.territoryAt(kase, createdAt);
      const provider = this.provider(t, m.serviceCode, m.sectorCode);
      const id = rng.uuid();
      const hasNeed = rng.chance(0.3);
      const dueOn = dayOf(createdAt + m.maxDelayDays * DAY);
      const item: PlanItemState = {
        id,
        row: [],
        serviceCode: m.serviceCode,
        sector: m.sectorCode,
        maxDelay: m.maxDelayDays,
        createdAt,
        dueOn,
        status: 'planned',
        version: 0,
        updatedAt: createdAt,
        closedAt: Number.POSITIVE_INFINITY,
        hasNeed,
        history: [{ at: createdAt, status: 'planned' }],
      };
      item.row = [
        id,
        kase.id,
        null,
        stage,
        hasNeed ? new Sealed(rng.pick(texts.NEEDS), needAad(id)) : null,
        m.serviceCode,
        m.sectorCode,
        provider?.id ?? null,
        dueOn,
        'planned',
        null,
        this.workerAt(kase, createdAt),
        iso(createdAt),
        iso(createdAt),
        0,
      ];
      kase.items.push(item);
      this.touch(kase, createdAt);
      if (provider && provider.id === t.cape.id) this.deliverByCape(kase, item);
      else if (provider) this.refer(kase, item, provider, createdAt, 1);
      else if (rng.chance(0.6)) {
        const at2 = office(Date.parse(`${dueOn}T12:00:00Z`) + rng.between(0, 20) * DAY, rng);
        this.setItem(kase, item, 'not_delivered', at2, 'service_unavailable');
      }
    }
  }

  /** An institution that offers the service: in the territory, else a neighbour, else the sector. */
  private provider(t: TerritoryIndex, service: string, sector: string): ContextInstitution | null {
    const rng = this.rng;
    // What the CAPE does itself it does not refer; another province's CAPE takes no cards.
    if (t.cape.services.includes(service)) return t.cape;
    const partner = (i: ContextInstitution) => i.type !== 'cape';
    const here = t.byService.get(service)?.filter(partner) ?? [];
    if (here.length && !rng.chance(0.02)) return rng.pick(here);
    const elsewhere = t.neighbours.flatMap((n) => n.byService.get(service) ?? []).filter(partner);
    if (elsewhere.length && rng.chance(0.7)) return rng.pick(elsewhere);
    const sectorHere = t.bySector.get(sector)?.filter(partner) ?? [];
    if (sectorHere.length && rng.chance(0.5)) return rng.pick(sectorHere);
    return here.length ? rng.pick(here) : null;
  }

  private setItem(
    kase: CaseState,
    item: PlanItemState,
    status: string,
    at: number,
    reason: string | null = null,
    institutionId?: string,
  ) {
    if (at > this.now) return false;
    item.status = status;
    item.version += 1;
    item.updatedAt = Math.max(item.updatedAt, at);
    item.history.push({ at, status });
    item.row[9] = status;
    item.row[10] = status === 'not_delivered' ? reason : null;
    if (institutionId) item.row[7] = institutionId;
    item.closedAt = status === 'delivered' || status === 'not_delivered' ? at : Number.POSITIVE_INFINITY;
    this.touch(kase, at);
    return true;
  }

  /** A service the CAPE gives itself (social inquiry, home visits...): no card, the worker records it. */
  private deliverByCape(kase: CaseState, item: PlanItemState) {
    const rng = this.rng;
    if (rng.chance(0.04)) {
      const at = office(item.createdAt + rng.between(3, 40) * DAY, rng);
      if (at < this.endAfter(kase, item.createdAt))
        this.setItem(
          kase,
          item,
          'not_delivered',
          at,
          rng.pick(['refused_by_family', 'child_unreachable', 'no_longer_needed']),
        );
      return;
    }
    const end = this.endAfter(kase, item.createdAt);
    const started = office(
      item.createdAt + rng.logNormal(Math.max(0.5, item.maxDelay * 0.3), 0.8) * DAY,
      rng,
    );
    const done = office(started + rng.logNormal(Math.max(1, item.maxDelay * 0.5), 0.7) * DAY, rng);
    if (started < end && rng.chance(0.5)) this.setItem(kase, item, 'in_progress', started);
    if (done < end) this.setItem(kase, item, 'delivered', done);
  }

  /**
   * A referral card (بطاقة الربط) for a plan item, and its life: drafted, sent, acknowledged,
   * started, completed — or declined (the item is then referred elsewhere), cancelled when the
   * case closes, or left unanswered past its due date (reminded, then escalated).
   */
  private refer(
    kase: CaseState,
    item: PlanItemState,
    institution: ContextInstitution,
    after: number,
    attempt: number,
  ) {
    const rng = this.rng;
    const now = this.now;
    const createdAt = attempt === 1 ? office(after + rng.logNormal(0.2, 1) * DAY, rng) : after;
    if (createdAt > now || this.closedAt(kase, createdAt)) return;
    const t = this.territoryAt(kase, createdAt);
    const sender = this.workerAt(kase, createdAt);
    const id = rng.uuid();
    const year = dayOf(createdAt).slice(0, 4);
    const today = dayOf(createdAt);
    // As the application does: the plan item's due date, or today when that has passed.
    const dueOn = [item.dueOn, today].sort()[1]!;
    const emergency = item.maxDelay <= 1;
    const urgency = emergency
      ? rng.chance(0.6)
        ? 'immediate'
        : 'urgent'
      : kase.urgency === 'normal'
        ? rng.chance(0.1)
          ? 'urgent'
          : 'normal'
        : 'urgent';
    const sections = ['profile'];
    const shareIdentity = rng.chance(IDENTITY_SHARE[institution.sector] ?? 0.2);
    if (shareIdentity) sections.push('identity');
    if (rng.chance(0.7)) sections.push('situation');
    if (kase.assessments.some((a) => a.at <= createdAt) && rng.chance(0.4)) sections.push('assessment');
    if (item.hasNeed && rng.chance(0.6)) sections.push('plan_item_need');

    let version = 0;
    let status = 'draft';
    let updatedAt = createdAt;
    const at: Record<
      'sent' | 'received' | 'started' | 'completed' | 'declined' | 'cancelled',
      number | null
    > = {
      sent: null,
      received: null,
      started: null,
      completed: null,
      declined: null,
      cancelled: null,
    };
    const focal = institution.focalUserId ?? sender;
    const step = (name: keyof typeof at, when: number, next: string) => {
      if (when > now) return false;
      at[name] = when;
      status = next;
      version += 1;
      updatedAt = when;
      this.touch(kase, when);
      return true;
    };
    // Sent at once, or after a while as a draft (the worker waits for a document).
    const sentAt = rng.chance(0.05)
      ? office(createdAt + rng.between(1, 6) * DAY, rng)
      : createdAt + rng.between(2, 90) * 60_000;
    let measures: Sealed | null = null;
    let declineReason: Sealed | null = null;
    let cancelledBy: string | null = null;
    let retryAfter: number | null = null;
    const end = this.endAfter(kase, createdAt);
    if (sentAt >= end) {
      if (end <= now) {
        step('cancelled', end, 'cancelled');
        cancelledBy = this.workerAt(kase, end);
      }
    } else if (step('sent', sentAt, 'sent')) {
      this.setItem(kase, item, 'requested', sentAt, null, institution.id);
      const slow = institution.slowness;
      const inOffice = (ms: number) =>
        emergency || institution.sector === 'national_security' ? ms : office(ms, rng);
      const unresponsive = rng.chance(0.03 * slow);
      const ackAt = inOffice(
        sentAt + rng.logNormal((ACK_HOURS[institution.sector] ?? 24) * slow, 0.9) * HOUR,
      );
      const declines = rng.chance(0.05);
      const cancels = rng.chance(0.02);
      const cancelAt = cancels ? office(sentAt + rng.between(1, 20) * DAY, rng) : Number.POSITIVE_INFINITY;
      // Cards still open when the case closes are mostly cancelled by the CAPE.
      const closeCancel =
        end < Number.POSITIVE_INFINITY && rng.chance(0.95)
          ? office(end + rng.between(0, 2) * DAY, rng)
          : Number.POSITIVE_INFINITY;
      const cancelWhen = Math.min(cancelAt, closeCancel);
      let open = true;
      const tryCancel = (before: number) => {
        if (open && cancelWhen < before && step('cancelled', cancelWhen, 'cancelled')) {
          cancelledBy = this.workerAt(kase, cancelWhen);
          this.setItem(kase, item, 'planned', cancelWhen);
          open = false;
        }
        return open;
      };
      if (!unresponsive && tryCancel(ackAt) && step('received', ackAt, 'received')) {
        if (declines) {
          const declinedAt = inOffice(ackAt + rng.logNormal(2, 0.7) * DAY);
          if (tryCancel(declinedAt) && step('declined', declinedAt, 'declined')) {
            declineReason = new Sealed(rng.pick(texts.DECLINE_REASONS), referralAad.declineReason(id));
            this.setItem(kase, item, 'planned', declinedAt);
            open = false;
            retryAfter = declinedAt;
          }
        } else {
          let from = ackAt;
          if (rng.chance(0.7)) {
            const startedAt = inOffice(ackAt + rng.logNormal(1 * slow, 0.8) * DAY);
            if (tryCancel(startedAt) && step('started', startedAt, 'in_progress')) {
              this.setItem(kase, item, 'in_progress', startedAt);
              from = startedAt;
            } else from = Number.POSITIVE_INFINITY;
          }
          if (from < Number.POSITIVE_INFINITY) {
            const completedAt = inOffice(
              from + rng.logNormal(Math.max(0.15, 0.45 * item.maxDelay * slow), 0.7) * DAY,
            );
            if (tryCancel(completedAt) && step('completed', completedAt, 'completed')) {
              measures = new Sealed(
                rng.pick(texts.MEASURES[institution.sector] ?? texts.MEASURES.civil_society!),
                referralAad.measures(id),
              );
              this.setItem(kase, item, 'delivered', completedAt);
              open = false;
            }
          }
        }
      } else if (unresponsive) tryCancel(Number.POSITIVE_INFINITY);
      if (open) tryCancel(Number.POSITIVE_INFINITY);
    }
    // The jobs: a reminder the day after the due date, escalation past the escalation delay.
    const isOpen = status === 'sent' || status === 'received' || status === 'in_progress';
    const overdueDay = dayStart(dueOn) + DAY;
    const remindedAt = overdueDay + rng.between(0, 1) * HOUR;
    const escalatedAt = overdueDay + ESCALATION_DAYS * DAY + rng.between(0.5, 1.5) * HOUR;
    const reminded = isOpen && remindedAt <= now ? remindedAt : null;
    const escalated = isOpen && escalatedAt <= now ? escalatedAt : null;
    const received = at.received ?? at.declined ?? at.completed ?? at.started;
    const receiver = (ms: number | null) => (ms === null ? null : focal);
    this.rows.referral_card.push([
      id,
      new Numbered(`RC-${t.t.prefix}-${year}-`, `${t.t.code}|${year}`),
      kase.id,
      item.id,
      null,
      t.cape.id,
      sender,
      institution.id,
      item.serviceCode,
      urgency,
      dueOn,
      status,
      sections,
      shareIdentity,
      rng.chance(0.55) ? new Sealed(rng.pick(texts.CARD_NOTES), referralAad.note(id)) : null,
      measures,
      declineReason,
      iso(createdAt),
      iso(updatedAt),
      at.sent === null ? null : iso(at.sent),
      at.sent === null ? null : sender,
      received === null ? null : iso(received),
      receiver(received),
      at.started === null ? null : iso(at.started),
      receiver(at.started),
      at.completed === null ? null : iso(at.completed),
      receiver(at.completed),
      at.declined === null ? null : iso(at.declined),
      receiver(at.declined),
      at.cancelled === null ? null : iso(at.cancelled),
      cancelledBy,
      reminded === null ? null : iso(reminded),
      escalated === null ? null : iso(escalated),
      version,
    ]);
    // The thread: a few messages between the two sides while the card is open.
    if (at.sent !== null && focal !== sender) {
      const closedAt = at.completed ?? at.declined ?? at.cancelled ?? now;
      const count = rng.poisson(reminded ? 1.2 : 0.35);
      let when = at.sent;
      for (let k = 0; k < count; k++) {
        when = when + rng.between(0.1, 0.6) * Math.max(HOUR, closedAt - at.sent);
        if (when > closedAt || when > now) break;
        const answered = at.received !== null && when >= at.received;
        const side = answered && !(k % 2 === 0 && reminded) && rng.chance(0.5) ? 'receiver' : 'sender';
        const messageId = rng.uuid();
        this.rows.referral_message.push([
          messageId,
          id,
          kase.id,
          null,
          side === 'sender' ? this.workerAt(kase, when) : focal,
          side,
          new Sealed(rng.pick(texts.MESSAGES[side]), referralAad.message(messageId)),
          iso(when),
        ]);
        this.touch(kase, when);
      }
    }
    // A declined service is looked for elsewhere.
    if (retryAfter !== null && attempt < 3 && rng.chance(0.6)) {
      const other = this.provider(this.territoryAt(kase, retryAfter), item.serviceCode, item.sector);
      if (other && other.id !== institution.id && other.type !== 'cape') {
        this.refer(kase, item, other, office(retryAfter + rng.logNormal(2, 0.6) * DAY, rng), attempt + 1);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Transfers, follow-ups, and the case row
  // -------------------------------------------------------------------------------------------

  /** A transfer to another province's DTIPE: mostly accepted, sometimes declined, some still waiting. */
  private transfer(kase: CaseState, requestedAt: number) {
    const rng = this.rng;
    if (requestedAt > this.now) return;
    const from = kase.territory;
    const candidates =
      from.neighbours.length && rng.chance(0.6) ? from.neighbours : this.index.filter((x) => x !== from);
    const to = rng.pick(candidates);
    const id = rng.uuid();
    const decidedAt = office(requestedAt + rng.logNormal(3, 0.7) * DAY, rng);
    const decided = decidedAt <= this.now;
    const accepted = decided && rng.chance(0.82);
    const status = !decided ? 'requested' : accepted ? 'accepted' : 'declined';
    this.rows.case_transfer.push([
      id,
      kase.id,
      from.t.code,
      to.t.code,
      status,
      new Sealed(rng.pick(texts.TRANSFER_REASONS), transferAad.reason(id)),
      status === 'declined' || (accepted && rng.chance(0.3))
        ? new Sealed(rng.pick(texts.TRANSFER_DECLINE_NOTES), transferAad.decisionNote(id))
        : null,
      from.t.coordinatorId,
      iso(requestedAt),
      decided ? to.t.coordinatorId : null,
      decided ? iso(decidedAt) : null,
      decided ? 1 : 0,
    ]);
    this.touch(kase, requestedAt);
    if (!accepted) return;
    // The case moves with its file; the receiving coordinator assigns a worker of their own.
    this.rows.case_assignment.push([kase.id, null, to.t.coordinatorId, iso(decidedAt)]);
    kase.version += 1;
    const assignedAt = office(decidedAt + rng.between(0.1, 3) * DAY, rng);
    const worker = assignedAt <= this.now ? rng.pick(to.t.workerIds) : null;
    if (worker) {
      this.rows.case_assignment.push([kase.id, worker, to.t.coordinatorId, iso(assignedAt)]);
      kase.version += 1;
    }
    kase.moved = { to, at: decidedAt, worker, assignedAt };
    this.touch(kase, decidedAt);
  }

  /** Follow-up cards (بطاقة التتبع) through the stages where the worker keeps in touch. */
  private followUps(kase: CaseState, visits: { stage: string; at: number }[]) {
    const rng = this.rng;
    const interval: Record<string, [number, number]> = {
      care: [80, 120],
      reintegration: [80, 120],
      follow_up: [120, 190],
    };
    let nextOn: string | null = null;
    visits.forEach((visit, k) => {
      const span = interval[visit.stage];
      if (!span || (visit.stage === 'care' && rng.chance(0.7))) return;
      const until = Math.min(visits[k + 1]?.at ?? this.now, this.now);
      let contact = office(visit.at + rng.between(7, span[0]) * DAY, rng);
      while (contact < until) {
        const id = rng.uuid();
        const next = dayOf(contact + rng.between(span[0] * 0.5, span[1] * 0.7) * DAY);
        const type = rng.weighted(CONTACT_TYPES);
        const content = {
          observations: rng.pick(texts.OBSERVATIONS),
          childViews: rng.pick(texts.CHILD_VIEWS),
          nextSteps: rng.pick(texts.NEXT_STEPS),
        };
        const by = this.workerAt(kase, contact);
        this.rows.follow_up.push([
          id,
          kase.id,
          null,
          type,
          iso(contact),
          new Sealed(JSON.stringify(content), followUpContentAad(id)),
          next,
          by,
          iso(contact + rng.between(0, 6) * HOUR),
        ]);
        kase.version += 1;
        this.touch(kase, contact);
        nextOn = next;
        // The next contact comes around the date set — often a little late, sometimes much later.
        contact = office(dayStart(next) + rng.logNormal(2, 1.2) * DAY, rng);
      }
    });
    return nextOn;
  }

  private emitCase(kase: CaseState, end: ReturnType<BatchSimulation['path']>) {
    const nextFollowUpOn = this.followUps(kase, end.visits);
    const final = kase.moved && kase.moved.at <= this.now ? kase.moved.to : kase.territory;
    const territory = final.t.code;
    // Evaluation cards, with the plan as it stood on their day.
    for (const e of this.pendingEvaluations.splice(0)) {
      const outcome = compareAssessments(INSTRUMENT, e.baseline.answers, e.current.answers);
      if (!outcome.ok) throw new Error('generated assessments no longer score');
      const items = e.kase.items.filter((i) => i.createdAt <= e.at);
      const byStatus = { planned: 0, requested: 0, in_progress: 0, delivered: 0, not_delivered: 0 };
      const delivered: string[] = [];
      const notDelivered: string[] = [];
      for (const item of items) {
        const status = [...item.history].reverse().find((h) => h.at <= e.at)!.status as keyof typeof byStatus;
        byStatus[status] += 1;
        if (status === 'delivered') delivered.push(item.serviceCode);
        if (status === 'not_delivered') notDelivered.push(item.serviceCode);
      }
      const c = outcome.comparison;
      const comparison = {
        instrumentVersion: INSTRUMENT.version,
        baselineAssessedAt: iso(e.baseline.at),
        currentAssessedAt: iso(e.current.at),
        earlierInstrumentIgnored: false,
        domains: [...c.domains],
        total: c.total,
        level: c.level,
        redFlags: {
          initial: [...c.redFlags.initial],
          current: [...c.redFlags.current],
          resolved: [...c.redFlags.resolved],
          appeared: [...c.redFlags.appeared],
        },
        initialScore: c.initialScore,
        currentScore: c.currentScore,
        services: { total: items.length, byStatus, delivered, notDelivered },
      };
      this.rows.evaluation.push([
        e.id,
        e.kase.id,
        territory,
        e.baseline.id,
        e.current.id,
        new Json(comparison),
        new Sealed(this.rng.pick(texts.SERVICES_EFFECT), servicesEffectAad(e.id)),
        e.recommendation,
        e.by,
        iso(e.at),
      ]);
    }
    // Rows written before the case's territory was known take it now (a transfer moves them all).
    const fill = (rows: Row[], caseColumn: number, territoryColumn: number) => {
      for (let k = rows.length - 1; k >= 0; k--) {
        const row = rows[k]!;
        if (row[caseColumn] !== kase.id) break;
        if (row[territoryColumn] === null) row[territoryColumn] = territory;
      }
    };
    fill(this.rows.assessment, 1, 2);
    fill(this.rows.follow_up, 1, 2);
    for (const item of kase.items) {
      item.row[2] = territory;
      item.row[13] = iso(item.updatedAt);
      item.row[14] = item.version;
      this.rows.plan_item.push(item.row);
    }
    for (let k = this.rows.referral_card.length - 1; k >= 0; k--) {
      const row = this.rows.referral_card[k]!;
      if (row[2] !== kase.id) break;
      row[4] = territory;
    }
    fill(this.rows.referral_message, 2, 3);
    const last = kase.assessments.at(-1);
    const closed = kase.closedAt <= this.now;
    const request = end.closureRequest;
    const worker = kase.moved && kase.moved.at <= this.now ? kase.moved.worker : kase.worker;
    this.rows.protection_case.push([
      kase.id,
      kase.childId,
      territory,
      end.stage,
      worker,
      kase.situations,
      kase.harmForms,
      last?.score.level ?? null,
      iso(kase.openedAt),
      closed ? iso(kase.closedAt) : null,
      closed ? lastClosureReason(this.rows.case_transition, kase.id) : null,
      request
        ? new Json({
            reason: request.reason,
            note: request.note,
            by: this.fullNames.get(this.workerAt(kase, request.at)) ?? '',
            at: iso(request.at),
            openServices: request.openServices,
          })
        : null,
      nextFollowUpOn,
      iso(kase.lastActivity),
      kase.worker,
      kase.version,
      kase.child.sex,
      kase.child.identity.birthDate ? Number(kase.child.identity.birthDate.slice(0, 4)) : null,
    ]);
  }
}

const CONTACT_TYPES = weighted<string>([
  ['home_visit', 40],
  ['interview', 25],
  ['phone_call', 25],
  ['school_visit', 7],
  ['other', 3],
]);

let maxTotalCache: number | null = null;
/** The highest risk total of the instrument: to turn a score back into a severity. */
function maxTotal(): number {
  maxTotalCache ??= INSTRUMENT.domains
    .filter((d) => !d.protective)
    .reduce((n, d) => n + d.items.length * INSTRUMENT.scale.max, 0);
  return maxTotalCache;
}

function lastClosureReason(transitions: Row[], caseId: string): string | null {
  for (let k = transitions.length - 1; k >= 0; k--) {
    const row = transitions[k]!;
    if (row[0] !== caseId) continue;
    if (row[2] === 'closed') return row[4] as string | null;
  }
  return null;
}

export function simulateBatch(ctx: GenerationContext, spec: BatchSpec): BatchResult {
  return new BatchSimulation(ctx, spec).run();
}

/** Every service code used by the protocol is in the basket (checked once, at load). */
for (const rule of RULES) {
  if (!basketService(rule.serviceCode)) throw new Error(`unknown service ${rule.serviceCode}`);
}
void referenceTaxonomies;
