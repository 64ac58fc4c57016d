import {
  type AssessmentInstrument,
  type DangerLevel,
  dangerSeverity,
  mostSevere,
  type Orientation,
} from './instrument';

/** Answers to one assessment: item code → scale value (null while unanswered), and the red flags ticked. */
export interface AssessmentAnswers {
  readonly items: Readonly<Record<string, number | null | undefined>>;
  readonly redFlags?: readonly string[];
}

export type AnswerError =
  | { readonly code: 'unknown_item'; readonly item: string }
  | { readonly code: 'unknown_red_flag'; readonly item: string }
  | { readonly code: 'missing_answer'; readonly item: string }
  | {
      readonly code: 'value_out_of_scale';
      readonly item: string;
      readonly value: unknown;
      readonly min: number;
      readonly max: number;
    };

export interface DomainScore {
  readonly code: string;
  readonly protective: boolean;
  readonly score: number;
  readonly maxScore: number;
}

export interface AssessmentScore {
  readonly instrumentVersion: string;
  readonly domains: readonly DomainScore[];
  /** Sum of the risk domains' scores. */
  readonly riskScore: number;
  /** Sum of the protective domains' scores. */
  readonly protectiveScore: number;
  readonly total: number;
  /** Level given by the thresholds alone. */
  readonly scoreLevel: DangerLevel;
  /** Level after level floors and red flags: the one to act on. */
  readonly level: DangerLevel;
  readonly appliedFloors: readonly { readonly domain: string; readonly level: DangerLevel }[];
  readonly triggeredRedFlags: readonly string[];
  readonly orientation: Orientation | null;
  /** Items without an answer (only with allowIncomplete). */
  readonly unanswered: readonly string[];
}

export type ScoreOutcome =
  | { readonly ok: true; readonly score: AssessmentScore }
  | { readonly ok: false; readonly errors: readonly AnswerError[] };

export interface ScoreOptions {
  /**
   * Score a draft: unanswered items count as the scale minimum. That understates risk items and overstates
   * missing protective factors, so a draft's level is a preview, never a decision.
   */
  readonly allowIncomplete?: boolean;
}

function validateAnswers(
  instrument: AssessmentInstrument,
  answers: AssessmentAnswers,
  options: ScoreOptions,
) {
  const errors: AnswerError[] = [];
  const { min, max } = instrument.scale;
  const itemCodes = new Set(instrument.domains.flatMap((d) => d.items.map((i) => i.code)));
  const flagCodes = new Set(instrument.red_flags.items.map((f) => f.code));

  for (const [item, value] of Object.entries(answers.items)) {
    if (!itemCodes.has(item)) errors.push({ code: 'unknown_item', item });
    else if (
      value !== null &&
      value !== undefined &&
      !(Number.isInteger(value) && value >= min && value <= max)
    ) {
      errors.push({ code: 'value_out_of_scale', item, value, min, max });
    }
  }
  const unanswered = [...itemCodes].filter(
    (item) => answers.items[item] === null || answers.items[item] === undefined,
  );
  if (!options.allowIncomplete) for (const item of unanswered) errors.push({ code: 'missing_answer', item });
  for (const flag of answers.redFlags ?? []) {
    if (!flagCodes.has(flag)) errors.push({ code: 'unknown_red_flag', item: flag });
  }
  return { errors, unanswered };
}

const ROUNDING = { floor: Math.floor, round: Math.round, ceil: Math.ceil } as const;

/**
 * Scores answers with an instrument: per-domain scores, total, danger level (thresholds, then level floors,
 * then red flags, each of which can only raise it) and the orientation the instrument proposes for it.
 */
export function scoreAssessment(
  instrument: AssessmentInstrument,
  answers: AssessmentAnswers,
  options: ScoreOptions = {},
): ScoreOutcome {
  const { errors, unanswered } = validateAnswers(instrument, answers, options);
  if (errors.length > 0) return { ok: false, errors };

  const { scale, scoring } = instrument;
  const answerTo = (item: string) => answers.items[item] ?? scale.min;
  const domains = instrument.domains.map((domain): DomainScore => {
    const values = domain.items.map((item) => answerTo(item.code));
    const isMax = scoring.domain_score === 'max';
    return {
      code: domain.code,
      protective: domain.protective,
      score: isMax ? Math.max(...values) : values.reduce((sum, v) => sum + v, 0),
      maxScore: isMax ? scale.max : scale.max * values.length,
    };
  });
  const sum = (list: readonly DomainScore[]) => list.reduce((total, d) => total + d.score, 0);
  const riskScore = sum(domains.filter((d) => !d.protective));
  const protectiveScore = sum(domains.filter((d) => d.protective));
  const total = Math.max(
    0,
    ROUNDING[scoring.rounding](riskScore - scoring.protective_weight * protectiveScore),
  );

  const thresholds = scoring.thresholds;
  const scoreLevel = (
    thresholds.find((t) => t.max_total === null || total <= t.max_total) ?? thresholds.at(-1)!
  ).level;

  const appliedFloors = scoring.level_floors.filter((floor) => {
    const domain = instrument.domains.find((d) => d.code === floor.domain);
    return domain?.items.some((item) => answerTo(item.code) >= floor.min_item_value) ?? false;
  });
  let level = appliedFloors.reduce((current, floor) => mostSevere(current, floor.level), scoreLevel);

  const triggeredRedFlags = [...new Set(answers.redFlags ?? [])];
  const overrideLevel =
    instrument.red_flags.override_level === undefined
      ? thresholds.at(-1)!.level
      : instrument.red_flags.override_level;
  if (triggeredRedFlags.length > 0 && overrideLevel !== null) level = mostSevere(level, overrideLevel);

  return {
    ok: true,
    score: {
      instrumentVersion: instrument.version,
      domains,
      riskScore,
      protectiveScore,
      total,
      scoreLevel,
      level,
      appliedFloors: appliedFloors.map(({ domain, level: floorLevel }) => ({ domain, level: floorLevel })),
      triggeredRedFlags,
      orientation: instrument.orientations.find((o) => o.level === level) ?? null,
      unanswered: options.allowIncomplete ? unanswered : [],
    },
  };
}

export type Trend = 'improved' | 'unchanged' | 'worsened';

function trendOf(then: number, now: number, higherIsBetter: boolean): Trend {
  if (then === now) return 'unchanged';
  return now > then === higherIsBetter ? 'improved' : 'worsened';
}

export interface DomainComparison {
  readonly code: string;
  readonly ar: string;
  readonly fr: string;
  readonly en: string;
  readonly protective: boolean;
  readonly initial: number;
  readonly current: number;
  readonly delta: number;
  readonly trend: Trend;
}

export interface AssessmentComparison {
  readonly domains: readonly DomainComparison[];
  readonly total: {
    readonly initial: number;
    readonly current: number;
    readonly delta: number;
    readonly trend: Trend;
  };
  readonly level: { readonly initial: DangerLevel; readonly current: DangerLevel; readonly trend: Trend };
  readonly redFlags: {
    readonly initial: readonly string[];
    readonly current: readonly string[];
    readonly resolved: readonly string[];
    readonly appeared: readonly string[];
  };
  readonly initialScore: AssessmentScore;
  readonly currentScore: AssessmentScore;
}

export type ComparisonOutcome =
  | { readonly ok: true; readonly comparison: AssessmentComparison }
  | {
      readonly ok: false;
      readonly errors: { readonly initial: readonly AnswerError[]; readonly current: readonly AnswerError[] };
    };

/**
 * Then (initial) and now (current) per domain for the evaluation card (بطاقة التقييم): how the child's situation moved between the
 * initial diagnosis and the current assessment. Both must have been answered with this instrument. A lower
 * score is an improvement, except in protective domains where a higher one is.
 */
export function compareAssessments(
  instrument: AssessmentInstrument,
  initial: AssessmentAnswers,
  current: AssessmentAnswers,
  options: ScoreOptions = {},
): ComparisonOutcome {
  const before = scoreAssessment(instrument, initial, options);
  const after = scoreAssessment(instrument, current, options);
  if (!before.ok || !after.ok) {
    return {
      ok: false,
      errors: { initial: before.ok ? [] : before.errors, current: after.ok ? [] : after.errors },
    };
  }
  const domains = instrument.domains.map((domain, index): DomainComparison => {
    const then = before.score.domains[index]!.score;
    const now = after.score.domains[index]!.score;
    return {
      code: domain.code,
      ar: domain.ar,
      fr: domain.fr,
      en: domain.en,
      protective: domain.protective,
      initial: then,
      current: now,
      delta: now - then,
      trend: trendOf(then, now, domain.protective),
    };
  });
  const flagsThen = before.score.triggeredRedFlags;
  const flagsNow = after.score.triggeredRedFlags;
  return {
    ok: true,
    comparison: {
      domains,
      total: {
        initial: before.score.total,
        current: after.score.total,
        delta: after.score.total - before.score.total,
        trend: trendOf(before.score.total, after.score.total, false),
      },
      level: {
        initial: before.score.level,
        current: after.score.level,
        trend: trendOf(dangerSeverity(before.score.level), dangerSeverity(after.score.level), false),
      },
      redFlags: {
        initial: flagsThen,
        current: flagsNow,
        resolved: flagsThen.filter((flag) => !flagsNow.includes(flag)),
        appeared: flagsNow.filter((flag) => !flagsThen.includes(flag)),
      },
      initialScore: before.score,
      currentScore: after.score,
    },
  };
}
