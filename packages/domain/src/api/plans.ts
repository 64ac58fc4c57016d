import { z } from 'zod';
import { CIRCUIT_STAGES, type CircuitStage } from '../circuit';
import { type ReferenceItem, referenceTaxonomies } from '../reference';
import { versionSchema } from './common';

// ---------------------------------------------------------------------------------------------
// Calendar dates of the case plan. Due dates and follow-up dates are days in Morocco, not instants:
// "today" is taken in Africa/Casablanca so a service due today is not overdue at 23:30 in Tanger.
// ---------------------------------------------------------------------------------------------

const casablancaDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Africa/Casablanca',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of an instant in Morocco. */
export function casablancaDate(at: Date = new Date()): string {
  return casablancaDay.format(at);
}

function utcDays(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

export function addDays(date: string, days: number): string {
  return new Date((utcDays(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(utcDays(to) - utcDays(from));
}

// ---------------------------------------------------------------------------------------------
// The basket of services (سلة الخدمات) and the protocol (البروتوكول).
// ---------------------------------------------------------------------------------------------

export interface BasketService extends ReferenceItem {
  stage: CircuitStage;
  sector: string;
}

/** The basket of services shipped with Madar (taxonomies.json `service_basket`). */
export const SERVICE_BASKET: readonly BasketService[] = (
  referenceTaxonomies as unknown as { service_basket: BasketService[] }
).service_basket;

const basketByCode = new Map(SERVICE_BASKET.map((s) => [s.code, s]));

export function basketService(code: string): BasketService | undefined {
  return basketByCode.get(code);
}

/** Stages a protocol rule can apply to: every stage of the circuit but closure. */
export const PROTOCOL_STAGES = CIRCUIT_STAGES.filter(
  (s): s is Exclude<CircuitStage, 'closed'> => s !== 'closed',
);
export type ProtocolStage = (typeof PROTOCOL_STAGES)[number];

/**
 * Maximum delay of a stage's services when nothing more urgent applies: emergencies within a day,
 * the initial diagnosis within a week, care within a fortnight, reintegration and follow-up within
 * a month.
 */
export const STAGE_MAX_DELAY_DAYS: Record<ProtocolStage, number> = {
  detection: 1,
  immediate_assistance: 1,
  initial_diagnosis: 7,
  care: 15,
  reintegration: 30,
  follow_up: 30,
};

export interface ProtocolRuleValues {
  stage: ProtocolStage;
  harmForm: string | null;
  situation: string | null;
  serviceCode: string;
  sectorCode: string;
  maxDelayDays: number;
}

type Trigger = { harmForm: string } | { situation: string } | Record<string, never>;

/** Services every child of a stage is offered, whatever the harm or situation. */
const UNIVERSAL: Record<ProtocolStage, string[]> = {
  detection: [],
  immediate_assistance: ['emergency_medical_care', 'social_emergency_assistance'],
  initial_diagnosis: ['medical_examination', 'psychological_assessment', 'social_inquiry'],
  care: ['psychological_support'],
  reintegration: ['family_reintegration'],
  follow_up: ['home_visit', 'follow_up_interview'],
};

const EARLY: ProtocolStage[] = ['detection', 'immediate_assistance', 'initial_diagnosis'];

/**
 * Services a form of harm or a situation calls for, at the stages where they are needed (which may
 * come before the service's own stage in the basket: a forensic certificate after sexual violence
 * cannot wait for the diagnosis stage). `days` overrides the stage's delay when the matter is urgent.
 */
const SPECIFIC: { when: Trigger; stages: ProtocolStage[]; service: string; days?: number }[] = [
  // Sexual violence and exploitation, torture: forensic evidence and the prosecutor within a day.
  ...['sexual_violence', 'sexual_exploitation', 'torture_degrading_treatment'].flatMap((harmForm) => [
    { when: { harmForm }, stages: EARLY, service: 'forensic_examination', days: 1 },
    { when: { harmForm }, stages: EARLY, service: 'report_to_prosecutor', days: 1 },
    { when: { harmForm }, stages: ['care'] as ProtocolStage[], service: 'medical_treatment' },
    { when: { harmForm }, stages: ['care'] as ProtocolStage[], service: 'legal_aid' },
  ]),
  { when: { harmForm: 'physical_violence' }, stages: ['initial_diagnosis'], service: 'forensic_examination' },
  { when: { harmForm: 'physical_violence' }, stages: ['care'], service: 'report_to_prosecutor' },
  { when: { harmForm: 'physical_violence' }, stages: ['care'], service: 'medical_treatment' },
  { when: { harmForm: 'trafficking' }, stages: EARLY, service: 'police_protection', days: 1 },
  { when: { harmForm: 'trafficking' }, stages: EARLY, service: 'emergency_shelter', days: 1 },
  { when: { harmForm: 'trafficking' }, stages: EARLY, service: 'report_to_prosecutor', days: 1 },
  { when: { harmForm: 'trafficking' }, stages: ['care'], service: 'legal_aid' },
  // Child labour: the labour inspection withdraws the child from work within a week.
  ...['child_labour', 'domestic_work'].map((harmForm) => ({
    when: { harmForm },
    stages: [...EARLY, 'care'] as ProtocolStage[],
    service: 'withdrawal_from_work',
    days: 7,
  })),
  {
    when: { situation: 'working_child' },
    stages: ['initial_diagnosis', 'care'],
    service: 'withdrawal_from_work',
    days: 7,
  },
  { when: { situation: 'working_child' }, stages: ['reintegration'], service: 'vocational_training' },
  { when: { harmForm: 'begging_exploitation' }, stages: ['care'], service: 'report_to_prosecutor' },
  { when: { harmForm: 'child_marriage' }, stages: ['care'], service: 'report_to_prosecutor' },
  { when: { harmForm: 'child_marriage' }, stages: ['care'], service: 'legal_aid' },
  { when: { harmForm: 'online_harm' }, stages: ['care'], service: 'report_to_prosecutor' },
  { when: { harmForm: 'harmful_practices' }, stages: ['care'], service: 'report_to_prosecutor' },
  {
    when: { harmForm: 'abandonment' },
    stages: ['detection', 'immediate_assistance'],
    service: 'emergency_shelter',
    days: 1,
  },
  { when: { harmForm: 'abandonment' }, stages: ['care'], service: 'juvenile_judge_measure' },
  { when: { harmForm: 'abandonment' }, stages: ['care'], service: 'placement_care_institution' },
  { when: { harmForm: 'neglect' }, stages: ['care'], service: 'family_mediation' },
  { when: { harmForm: 'psychological_violence' }, stages: ['care'], service: 'family_mediation' },
  // Situations.
  {
    when: { situation: 'not_registered_civil_status' },
    stages: ['initial_diagnosis', 'care', 'reintegration'],
    service: 'civil_registration',
    days: 30,
  },
  { when: { situation: 'out_of_school' }, stages: ['reintegration'], service: 'school_reintegration' },
  {
    when: { situation: 'deprived_of_family' },
    stages: ['immediate_assistance'],
    service: 'emergency_shelter',
    days: 1,
  },
  { when: { situation: 'deprived_of_family' }, stages: ['care'], service: 'juvenile_judge_measure' },
  { when: { situation: 'deprived_of_family' }, stages: ['care'], service: 'placement_care_institution' },
  {
    when: { situation: 'street_situation' },
    stages: ['detection', 'immediate_assistance'],
    service: 'emergency_shelter',
    days: 1,
  },
  { when: { situation: 'street_situation' }, stages: ['care'], service: 'juvenile_judge_measure' },
  {
    when: { situation: 'unaccompanied_migrant' },
    stages: ['immediate_assistance'],
    service: 'emergency_shelter',
    days: 1,
  },
  { when: { situation: 'unaccompanied_migrant' }, stages: ['care'], service: 'juvenile_judge_measure' },
  { when: { situation: 'unaccompanied_migrant' }, stages: ['care'], service: 'legal_aid' },
  { when: { situation: 'in_conflict_with_law' }, stages: ['care'], service: 'legal_aid' },
  { when: { situation: 'addiction' }, stages: ['care'], service: 'psychiatric_care' },
  { when: { situation: 'disability' }, stages: ['care'], service: 'medical_treatment' },
  { when: { situation: 'disability' }, stages: ['reintegration'], service: 'social_programme_access' },
  { when: { situation: 'poor_family' }, stages: ['reintegration'], service: 'social_programme_access' },
  { when: { situation: 'broken_family' }, stages: ['care'], service: 'family_mediation' },
  { when: { situation: 'care_leaver' }, stages: ['reintegration'], service: 'after_care_18' },
];

function sectorOf(serviceCode: string): string {
  const service = basketService(serviceCode);
  if (!service) throw new Error(`default protocol names a service not in the basket: ${serviceCode}`);
  return service.sector;
}

/**
 * The national default protocol, until a province adopts its own: each service delivered by the
 * sector the basket names, within the delay of the stage or the urgency of the harm.
 */
export function defaultProtocolRules(): ProtocolRuleValues[] {
  const rules: ProtocolRuleValues[] = [];
  for (const stage of PROTOCOL_STAGES) {
    for (const serviceCode of UNIVERSAL[stage]) {
      rules.push({
        stage,
        harmForm: null,
        situation: null,
        serviceCode,
        sectorCode: sectorOf(serviceCode),
        maxDelayDays: STAGE_MAX_DELAY_DAYS[stage],
      });
    }
  }
  for (const rule of SPECIFIC) {
    for (const stage of rule.stages) {
      rules.push({
        stage,
        harmForm: 'harmForm' in rule.when ? rule.when.harmForm : null,
        situation: 'situation' in rule.when ? rule.when.situation : null,
        serviceCode: rule.service,
        sectorCode: sectorOf(rule.service),
        maxDelayDays: rule.days ?? STAGE_MAX_DELAY_DAYS[stage],
      });
    }
  }
  return rules;
}

export interface ProtocolMatch {
  serviceCode: string;
  sectorCode: string;
  maxDelayDays: number;
  /** The case's harm forms and situations that called for the service (empty: every child of the stage). */
  harmForms: string[];
  situations: string[];
}

/**
 * The services a protocol recommends for a case: rules of its stage whose harm form and situation
 * (when set) are the case's. A service called for by several rules keeps the shortest delay and
 * the sector of that rule. Most urgent first, then in basket order.
 */
export function matchProtocol(
  rules: readonly ProtocolRuleValues[],
  facts: { stage: string; harmForms: readonly string[]; situations: readonly string[] },
): ProtocolMatch[] {
  const byService = new Map<string, ProtocolMatch>();
  for (const rule of rules) {
    if (rule.stage !== facts.stage) continue;
    if (rule.harmForm !== null && !facts.harmForms.includes(rule.harmForm)) continue;
    if (rule.situation !== null && !facts.situations.includes(rule.situation)) continue;
    let match = byService.get(rule.serviceCode);
    if (!match) {
      match = {
        serviceCode: rule.serviceCode,
        sectorCode: rule.sectorCode,
        maxDelayDays: rule.maxDelayDays,
        harmForms: [],
        situations: [],
      };
      byService.set(rule.serviceCode, match);
    } else if (rule.maxDelayDays < match.maxDelayDays) {
      match.maxDelayDays = rule.maxDelayDays;
      match.sectorCode = rule.sectorCode;
    }
    if (rule.harmForm !== null && !match.harmForms.includes(rule.harmForm))
      match.harmForms.push(rule.harmForm);
    if (rule.situation !== null && !match.situations.includes(rule.situation))
      match.situations.push(rule.situation);
  }
  const order = (code: string) => {
    const i = SERVICE_BASKET.findIndex((s) => s.code === code);
    return i < 0 ? SERVICE_BASKET.length : i;
  };
  return [...byService.values()].sort(
    (a, b) => a.maxDelayDays - b.maxDelayDays || order(a.serviceCode) - order(b.serviceCode),
  );
}

// ---------------------------------------------------------------------------------------------
// Plan items: a service of the basket for the child, its responsible service, due date and status.
// ---------------------------------------------------------------------------------------------

export const PLAN_ITEM_STATUSES = [
  'planned',
  'requested',
  'in_progress',
  'delivered',
  'not_delivered',
] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];
export const OPEN_PLAN_ITEM_STATUSES: readonly PlanItemStatus[] = ['planned', 'requested', 'in_progress'];
export const FINAL_PLAN_ITEM_STATUSES: readonly PlanItemStatus[] = ['delivered', 'not_delivered'];

/**
 * Why a service was not delivered: codes rather than free text, so the provincial report can count
 * services lost for want of a provider, refused, or made unnecessary.
 */
export const NOT_DELIVERED_REASONS = [
  'service_unavailable',
  'no_response_from_service',
  'refused_by_child',
  'refused_by_family',
  'child_unreachable',
  'child_moved',
  'no_longer_needed',
  'other',
] as const;

/**
 * Whether a plan item may go from one status to another. A delivered or not-delivered service is a
 * fact of the child's path: it may be taken up again (requested, in progress) but never go back to
 * "planned" as if nothing had happened.
 */
export function planStatusChangeAllowed(from: PlanItemStatus, to: PlanItemStatus): boolean {
  return !(FINAL_PLAN_ITEM_STATUSES.includes(from) && to === 'planned');
}

const calendarDate = z.iso.date();

export const planItemSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  territoryCode: z.string(),
  /** The case's stage when the service was planned. */
  stage: z.string(),
  serviceCode: z.string(),
  sectorCode: z.string(),
  institution: z
    .object({ id: z.uuid(), nameAr: z.string(), nameFr: z.string(), active: z.boolean() })
    .nullable(),
  need: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(PLAN_ITEM_STATUSES),
  notDeliveredReason: z.enum(NOT_DELIVERED_REASONS).nullable(),
  /** Open and past its due date (in Morocco). */
  overdue: z.boolean(),
  createdBy: z.uuid(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const planSchema = z.object({ items: z.array(planItemSchema) });

const needSchema = z.string().trim().max(4000).nullable();

export const newPlanItemInputSchema = z.strictObject({
  serviceCode: z.string().min(2).max(60),
  sectorCode: z.string().min(2).max(60),
  institutionId: z.uuid().nullable(),
  /** The child's need the service answers; may name people, so it is stored encrypted. */
  need: needSchema,
  dueOn: calendarDate,
});
export type NewPlanItemInput = z.infer<typeof newPlanItemInputSchema>;

export const updatePlanItemInputSchema = z.strictObject({
  status: z.enum(PLAN_ITEM_STATUSES),
  notDeliveredReason: z.enum(NOT_DELIVERED_REASONS).nullable(),
  institutionId: z.uuid().nullable(),
  dueOn: calendarDate,
  need: needSchema,
  version: versionSchema,
});
export type UpdatePlanItemInput = z.infer<typeof updatePlanItemInputSchema>;

export const planSuggestionSchema = z.object({
  serviceCode: z.string(),
  labels: z.object({ ar: z.string(), fr: z.string(), en: z.string() }),
  sectorCode: z.string(),
  maxDelayDays: z.number().int(),
  suggestedDueOn: z.string(),
  /** The case's harm forms and situations that call for it; both empty for a service of every child. */
  harmForms: z.array(z.string()),
  situations: z.array(z.string()),
  /** Active institutions of the case's territory in the responsible sector. */
  candidates: z.array(z.object({ id: z.uuid(), nameAr: z.string(), nameFr: z.string(), type: z.string() })),
});
export type PlanSuggestion = z.infer<typeof planSuggestionSchema>;

export const planSuggestionsSchema = z.object({
  stage: z.string(),
  /** Whose protocol applied: the territory's own, or the national default. */
  protocol: z.enum(['territory', 'national']),
  items: z.array(planSuggestionSchema),
});

// ---------------------------------------------------------------------------------------------
// The protocol's rules, read and replaced as a set per territory (null: the national default).
// ---------------------------------------------------------------------------------------------

const codeSchema = z.string().min(2).max(60);

export const protocolRuleInputSchema = z.strictObject({
  stage: z.enum(PROTOCOL_STAGES),
  harmForm: codeSchema.nullable(),
  situation: codeSchema.nullable(),
  serviceCode: codeSchema,
  sectorCode: codeSchema,
  maxDelayDays: z.number().int().min(1).max(365),
});

export const protocolRuleSchema = protocolRuleInputSchema.extend({
  id: z.uuid(),
  territoryCode: z.string().nullable(),
});
export type ProtocolRule = z.infer<typeof protocolRuleSchema>;

export const protocolQuerySchema = z.object({
  territoryCode: z.string().min(2).max(60).optional(),
  stage: z.enum(PROTOCOL_STAGES).optional(),
});

/**
 * A territory's rule set replaces the national one for that territory as a whole (an empty set
 * returns the territory to the national default). The national set cannot be emptied. `version` is
 * the one read with the protocol: two people editing it at once cannot overwrite each other.
 */
export const replaceProtocolInputSchema = z.strictObject({
  territoryCode: z.string().min(2).max(60).nullable(),
  rules: z.array(protocolRuleInputSchema).max(1000),
  version: versionSchema,
});

export const protocolSchema = z.object({
  territoryCode: z.string().nullable(),
  /** True when the territory has no rules of its own and the national ones apply. */
  inherited: z.boolean(),
  rules: z.array(protocolRuleSchema),
  /**
   * The version of the territory's own set (of the national set for `territoryCode: null`), even
   * while it inherits the national rules: what a replacement of this territory's set must send.
   */
  version: z.number().int(),
});
