// The standardised danger-assessment instrument is data, not code: the Ministry's official Référentiel will
// replace the default one, and administrators edit it. This schema is what an instrument document must
// satisfy before anything is scored with it. Rules that the default document only states in prose
// ("about" fields) have machine-readable fields here, with defaults equal to that prose.

import { z } from 'zod';
import defaultInstrumentDocument from '../reference/danger-assessment-default.json' with { type: 'json' };

/** Danger levels from least to most severe; the codes and order of taxonomies.json `danger_levels`. */
export const DANGER_LEVELS = ['no_danger', 'risk', 'danger', 'grave_imminent_danger'] as const;
export type DangerLevel = (typeof DANGER_LEVELS)[number];

export function dangerSeverity(level: DangerLevel): number {
  return DANGER_LEVELS.indexOf(level);
}

export function mostSevere(a: DangerLevel, b: DangerLevel): DangerLevel {
  return dangerSeverity(a) >= dangerSeverity(b) ? a : b;
}

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'codes are lower_snake_case');
const label = z.string().trim().min(1);
const labels = { ar: label, fr: label, en: label };
const dangerLevel = z.enum(DANGER_LEVELS);

const scaleSchema = z.object({
  min: z.number().int(),
  max: z.number().int(),
  labels: z.array(z.object({ value: z.number().int(), ...labels })).optional(),
});

const itemSchema = z.object({ code, ...labels });

const domainSchema = z.object({
  code,
  ...labels,
  /** Protective-factor domains lower the total instead of raising it. */
  protective: z.boolean().default(false),
  items: z.array(itemSchema).min(1),
});

const thresholdSchema = z.object({
  level: dangerLevel,
  /** Highest total that stays at this level; null on the last (open-ended) threshold. */
  max_total: z.number().int().min(0).nullable(),
});

const levelFloorSchema = z.object({
  domain: code,
  /** Any item of the domain answered at or above this value... */
  min_item_value: z.number().int(),
  /** ...lifts the level to at least this one. */
  level: dangerLevel,
});

const scoringSchema = z.object({
  about: z.string().optional(),
  /** How a domain's items make its score; the default document uses the highest item. */
  domain_score: z.enum(['max', 'sum']).default('max'),
  /** Share of the protective score subtracted from the risk score. */
  protective_weight: z.number().min(0).default(0.5),
  /** Applied to (risk − weight × protective) before it is clamped at 0. */
  rounding: z.enum(['floor', 'round', 'ceil']).default('floor'),
  level_floors: z.array(levelFloorSchema).default([]),
  thresholds: z.array(thresholdSchema).min(1),
});

const redFlagsSchema = z.object({
  about: z.string().optional(),
  /**
   * Level that any red flag imposes whatever the score. Absent: the most severe threshold level (what the
   * default document says). null: red flags are recorded but do not change the level.
   */
  override_level: dangerLevel.nullable().optional(),
  items: z.array(z.object({ code, ...labels })),
});

const orientationSchema = z.object({ level: dangerLevel, code, ...labels });

const instrumentShape = z.object({
  about: z.string().optional(),
  version: z.string().trim().min(1),
  /** Answer scale shared by every item; the default document states 0–3 in its "about". */
  scale: scaleSchema.default({ min: 0, max: 3 }),
  domains: z.array(domainSchema).min(1),
  red_flags: redFlagsSchema,
  scoring: scoringSchema,
  orientations: z.array(orientationSchema).min(1),
});

type InstrumentShape = z.output<typeof instrumentShape>;
type Issue = { message: string; path: (string | number)[] };

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function consistencyIssues(instrument: InstrumentShape): Issue[] {
  const issues: Issue[] = [];
  const { scale, domains, scoring, red_flags: redFlags, orientations } = instrument;

  if (scale.min >= scale.max) issues.push({ message: 'scale.min must be below scale.max', path: ['scale'] });
  for (const value of scale.labels ?? []) {
    if (value.value < scale.min || value.value > scale.max) {
      issues.push({ message: `scale label ${value.value} is outside the scale`, path: ['scale', 'labels'] });
    }
  }

  for (const duplicate of duplicates(domains.map((d) => d.code))) {
    issues.push({ message: `duplicate domain code "${duplicate}"`, path: ['domains'] });
  }
  // Answers are keyed by item code alone, so item codes must be unique across domains.
  for (const duplicate of duplicates(domains.flatMap((d) => d.items.map((i) => i.code)))) {
    issues.push({ message: `duplicate item code "${duplicate}"`, path: ['domains'] });
  }
  if (!domains.some((d) => !d.protective)) {
    issues.push({ message: 'at least one domain must be a risk (non-protective) domain', path: ['domains'] });
  }
  for (const duplicate of duplicates(redFlags.items.map((f) => f.code))) {
    issues.push({ message: `duplicate red flag code "${duplicate}"`, path: ['red_flags', 'items'] });
  }

  const thresholds = scoring.thresholds;
  thresholds.forEach((threshold, index) => {
    const path = ['scoring', 'thresholds', index];
    const previous = thresholds[index - 1];
    const isLast = index === thresholds.length - 1;
    if (isLast !== (threshold.max_total === null)) {
      issues.push({ message: 'only the last threshold, and always the last, has max_total null', path });
    }
    if (previous && dangerSeverity(previous.level) >= dangerSeverity(threshold.level)) {
      issues.push({ message: 'threshold levels must go from least to most severe', path });
    }
    if (
      previous?.max_total != null &&
      threshold.max_total !== null &&
      threshold.max_total <= previous.max_total
    ) {
      issues.push({ message: 'threshold max_total values must increase', path });
    }
  });

  const levels = new Set<DangerLevel>(thresholds.map((t) => t.level));
  scoring.level_floors.forEach((floor, index) => {
    const path = ['scoring', 'level_floors', index];
    const domain = domains.find((d) => d.code === floor.domain);
    if (!domain) issues.push({ message: `unknown domain "${floor.domain}"`, path });
    if (domain?.protective)
      issues.push({ message: 'a level floor cannot apply to a protective domain', path });
    if (floor.min_item_value < scale.min || floor.min_item_value > scale.max) {
      issues.push({ message: 'min_item_value is outside the scale', path });
    }
    if (!levels.has(floor.level)) issues.push({ message: `level "${floor.level}" has no threshold`, path });
  });
  if (redFlags.override_level != null && !levels.has(redFlags.override_level)) {
    issues.push({ message: `level "${redFlags.override_level}" has no threshold`, path: ['red_flags'] });
  }

  for (const duplicate of duplicates(orientations.map((o) => o.level))) {
    issues.push({ message: `more than one orientation for level "${duplicate}"`, path: ['orientations'] });
  }
  for (const level of levels) {
    if (!orientations.some((o) => o.level === level)) {
      issues.push({ message: `no orientation for level "${level}"`, path: ['orientations'] });
    }
  }
  return issues;
}

/** Validates an instrument document (structure, labels in ar/fr/en, and internal consistency). */
export const assessmentInstrumentSchema = instrumentShape.superRefine((instrument, ctx) => {
  for (const issue of consistencyIssues(instrument)) ctx.addIssue({ code: 'custom', ...issue });
});

export type AssessmentInstrument = z.output<typeof assessmentInstrumentSchema>;
export type AssessmentInstrumentDocument = z.input<typeof assessmentInstrumentSchema>;
export type AssessmentDomain = AssessmentInstrument['domains'][number];
export type Orientation = AssessmentInstrument['orientations'][number];

/**
 * The default-1 document states "any item at 3 in 'safety' lifts the level to at least 'danger'" only in
 * prose; until the document carries it as `scoring.level_floors`, that sentence is transcribed here.
 */
export function withDocumentedRules(document: AssessmentInstrumentDocument): AssessmentInstrumentDocument {
  if (document.version !== 'default-1' || document.scoring.level_floors !== undefined) return document;
  return {
    ...document,
    scoring: {
      ...document.scoring,
      level_floors: [{ domain: 'safety', min_item_value: 3, level: 'danger' }],
    },
  };
}

/** The default instrument from reference/danger-assessment-default.json, validated. */
let parsedDefault: AssessmentInstrument | undefined;

/**
 * The default instrument, validated on first use rather than at import: importing the domain
 * package (in the browser too) must stay cheap.
 */
export function defaultAssessmentInstrument(): AssessmentInstrument {
  parsedDefault ??= assessmentInstrumentSchema.parse(
    withDocumentedRules(defaultInstrumentDocument as AssessmentInstrumentDocument),
  );
  return parsedDefault;
}
