import { z } from 'zod';
import { assessmentInstrumentSchema, DANGER_LEVELS } from '../assessment';

const code = z.string().min(1).max(60);
const trend = z.enum(['improved', 'unchanged', 'worsened']);
const dangerLevel = z.enum(DANGER_LEVELS);

// ---------------------------------------------------------------------------------------------------
// Instruments

/** A version of the danger-assessment instrument, as listed to administrators. */
export const instrumentVersionSchema = z.object({
  version: z.string(),
  /** The instrument shipped with Madar: shown as "default" until the Ministry's référentiel is loaded. */
  isDefault: z.boolean(),
  active: z.boolean(),
  loadedAt: z.string(),
  loadedByName: z.string().nullable(),
});
export type InstrumentVersion = z.infer<typeof instrumentVersionSchema>;

export const instrumentListSchema = z.object({ items: z.array(instrumentVersionSchema) });

/** A version with its whole document: what the assessment form is drawn from. */
export const instrumentDetailSchema = instrumentVersionSchema.extend({
  document: assessmentInstrumentSchema,
});
export type InstrumentDetail = z.infer<typeof instrumentDetailSchema>;

/** Loading a new version: the document itself, validated structurally and for internal consistency. */
export const loadInstrumentInputSchema = assessmentInstrumentSchema;

// ---------------------------------------------------------------------------------------------------
// Assessments

/**
 * Answers to the instrument: item code → scale value, and the red flags ticked. Values are checked against
 * the active instrument by the server (unknown_item, value_out_of_scale, missing_answer, unknown_red_flag at
 * `answers.items.<code>` / `answers.redFlags.<index>`); null marks an item left unanswered.
 */
export const assessmentAnswersInputSchema = z.strictObject({
  items: z.record(code, z.number().nullable()),
  redFlags: z.array(code).max(50).default([]),
});
export type AssessmentAnswersInput = z.infer<typeof assessmentAnswersInputSchema>;

const justification = z
  .string()
  .trim()
  .max(4000)
  .nullable()
  .default(null)
  .transform((text) => (text ? text : null));

export const createAssessmentInputSchema = z.strictObject({
  answers: assessmentAnswersInputSchema,
  /** The orientation the social worker decides; another than the proposed one needs a justification. */
  confirmedOrientation: code,
  overrideJustification: justification,
});
export type CreateAssessmentInput = z.input<typeof createAssessmentInputSchema>;

const orientationSchema = z.object({
  level: dangerLevel,
  code: z.string(),
  ar: z.string(),
  fr: z.string(),
  en: z.string(),
});

/** The scorer's result, kept with the assessment as it was computed. */
export const assessmentScoreSchema = z.object({
  instrumentVersion: z.string(),
  domains: z.array(
    z.object({ code: z.string(), protective: z.boolean(), score: z.number(), maxScore: z.number() }),
  ),
  riskScore: z.number(),
  protectiveScore: z.number(),
  total: z.number(),
  /** Level from the thresholds alone. */
  scoreLevel: dangerLevel,
  /** Level after level floors and red flags: the one the case takes. */
  level: dangerLevel,
  appliedFloors: z.array(z.object({ domain: z.string(), level: dangerLevel })),
  triggeredRedFlags: z.array(z.string()),
  orientation: orientationSchema.nullable(),
  unanswered: z.array(z.string()),
});

export const assessmentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  instrumentVersion: z.string(),
  /** Assessed with the shipped default instrument (to label it so). */
  instrumentIsDefault: z.boolean(),
  answers: z.object({ items: z.record(z.string(), z.number()), redFlags: z.array(z.string()) }),
  result: assessmentScoreSchema,
  dangerLevel: dangerLevel,
  proposedOrientation: z.string(),
  confirmedOrientation: z.string(),
  overridden: z.boolean(),
  overrideJustification: z.string().nullable(),
  assessedBy: z.uuid(),
  assessedByName: z.string(),
  assessedAt: z.string(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

/** After recording an assessment: the case's danger level changed, so its version did too. */
export const assessmentCreatedSchema = assessmentSchema.extend({ caseVersion: z.number().int() });

export const assessmentListSchema = z.object({ items: z.array(assessmentSchema) });

// ---------------------------------------------------------------------------------------------------
// Evaluation card (بطاقة التقييم)

export const RECOMMENDATIONS = ['continue', 'adjust_plan', 'close'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/**
 * The current situation is either an assessment already recorded (`currentAssessmentId`), new answers
 * (an assessment is then recorded first, confirming the proposed orientation unless another is given), or
 * neither (the case's latest assessment). The baseline is always the initial diagnosis: the case's first
 * assessment made with the same instrument.
 */
export const createEvaluationInputSchema = z
  .strictObject({
    currentAssessmentId: z.uuid().nullable().optional(),
    answers: assessmentAnswersInputSchema.optional(),
    confirmedOrientation: code.optional(),
    overrideJustification: justification,
    servicesEffect: z.string().trim().min(1).max(10_000),
    recommendation: z.enum(RECOMMENDATIONS),
  })
  .superRefine((input, ctx) => {
    if (input.answers !== undefined && input.currentAssessmentId) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'answers_or_assessment' });
    }
  });
export type CreateEvaluationInput = z.input<typeof createEvaluationInputSchema>;

const comparedNumber = z.object({
  initial: z.number(),
  current: z.number(),
  delta: z.number(),
  trend,
});

const SERVICE_STATUSES = ['planned', 'requested', 'in_progress', 'delivered', 'not_delivered'] as const;

/** Snapshot kept with the evaluation: the card shows what was known when it was written. */
export const evaluationComparisonSchema = z.object({
  instrumentVersion: z.string(),
  baselineAssessedAt: z.string(),
  currentAssessedAt: z.string(),
  /** Earlier assessments made with another instrument version were left out of the baseline. */
  earlierInstrumentIgnored: z.boolean(),
  domains: z.array(
    comparedNumber.extend({
      code: z.string(),
      ar: z.string(),
      fr: z.string(),
      en: z.string(),
      protective: z.boolean(),
    }),
  ),
  total: comparedNumber,
  level: z.object({ initial: dangerLevel, current: dangerLevel, trend }),
  redFlags: z.object({
    initial: z.array(z.string()),
    current: z.array(z.string()),
    resolved: z.array(z.string()),
    appeared: z.array(z.string()),
  }),
  initialScore: assessmentScoreSchema,
  currentScore: assessmentScoreSchema,
  /** Effect of the services delivered: the case plan's services by status when the card was written. */
  services: z.object({
    total: z.number().int(),
    byStatus: z.record(z.enum(SERVICE_STATUSES), z.number().int()),
    delivered: z.array(z.string()),
    notDelivered: z.array(z.string()),
  }),
});
export type EvaluationComparison = z.infer<typeof evaluationComparisonSchema>;

export const evaluationSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  baselineAssessmentId: z.uuid().nullable(),
  currentAssessmentId: z.uuid().nullable(),
  comparison: evaluationComparisonSchema,
  servicesEffect: z.string().nullable(),
  recommendation: z.enum(RECOMMENDATIONS),
  createdBy: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const evaluationCreatedSchema = evaluationSchema.extend({
  /** Set when new answers were given: the assessment recorded with the card. */
  assessment: assessmentSchema.nullable(),
  caseVersion: z.number().int(),
});

export const evaluationListSchema = z.object({ items: z.array(evaluationSchema) });
