import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultDocument from '../reference/danger-assessment-default.json' with { type: 'json' };
import taxonomies from '../reference/taxonomies.json' with { type: 'json' };
import {
  type AssessmentAnswers,
  type AssessmentInstrument,
  type AssessmentInstrumentDocument,
  assessmentInstrumentSchema,
  compareAssessments,
  DANGER_LEVELS,
  dangerSeverity,
  defaultAssessmentInstrument,
  scoreAssessment,
} from './index';

const instrument = defaultAssessmentInstrument();

const ITEM_CODES = instrument.domains.flatMap((d) => d.items.map((i) => i.code));
const RISK_ITEM_CODES = instrument.domains
  .filter((d) => !d.protective)
  .flatMap((d) => d.items.map((i) => i.code));
const PROTECTIVE_ITEM_CODES = instrument.domains
  .filter((d) => d.protective)
  .flatMap((d) => d.items.map((i) => i.code));

function answers(values: Record<string, number> = {}, redFlags: string[] = []): AssessmentAnswers {
  return { items: Object.fromEntries(ITEM_CODES.map((code) => [code, values[code] ?? 0])), redFlags };
}

function score(values: Record<string, number> = {}, redFlags: string[] = [], using = instrument) {
  const outcome = scoreAssessment(using, answers(values, redFlags));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.score;
}

function document(): AssessmentInstrumentDocument {
  return structuredClone(defaultDocument) as AssessmentInstrumentDocument;
}

describe('assessmentInstrumentSchema', () => {
  it('accepts the default instrument and fills the rules its prose states', () => {
    const parsed = assessmentInstrumentSchema.parse(defaultDocument);
    expect(parsed.scale).toEqual({ min: 0, max: 3 });
    expect(parsed.scoring).toMatchObject({ domain_score: 'max', protective_weight: 0.5, rounding: 'floor' });
    expect(instrument.scoring.level_floors).toEqual([
      { domain: 'safety', min_item_value: 3, level: 'danger' },
    ]);
  });

  it('uses the danger level codes of taxonomies.json, in order', () => {
    expect(DANGER_LEVELS).toEqual(taxonomies.danger_levels.map((level) => level.code));
  });

  type Mutation = [string, (d: AssessmentInstrumentDocument) => void];
  const mutations: Mutation[] = [
    [
      'a missing Arabic label',
      (d) => {
        delete (d.domains[0] as { ar?: string }).ar;
      },
    ],
    [
      'a duplicate item code',
      (d) => {
        d.domains[1]!.items[0]!.code = 'injury';
      },
    ],
    [
      'a level outside the taxonomy',
      (d) => {
        d.orientations[0]!.level = 'low' as never;
      },
    ],
    [
      'thresholds out of order',
      (d) => {
        d.scoring.thresholds.reverse();
      },
    ],
    [
      'a decreasing max_total',
      (d) => {
        d.scoring.thresholds[1]!.max_total = 1;
      },
    ],
    [
      'an open threshold before the last',
      (d) => {
        d.scoring.thresholds[1]!.max_total = null;
      },
    ],
    [
      'a level without orientation',
      (d) => {
        d.orientations.pop();
      },
    ],
    [
      'only protective domains',
      (d) => {
        d.domains = d.domains.slice(-1);
      },
    ],
    [
      'a floor on an unknown domain',
      (d) => {
        d.scoring.level_floors = [{ domain: 'x', min_item_value: 3, level: 'danger' }];
      },
    ],
    [
      'an inverted scale',
      (d) => {
        d.scale = { min: 3, max: 0 };
      },
    ],
  ];

  it.each(mutations)('rejects %s', (_, mutate) => {
    const broken = document();
    mutate(broken);
    expect(assessmentInstrumentSchema.safeParse(broken).success).toBe(false);
  });
});

describe('scoreAssessment', () => {
  it('scores a child with no concern as no danger', () => {
    const result = score();
    expect(result).toMatchObject({ total: 0, level: 'no_danger', triggeredRedFlags: [] });
    expect(result.orientation?.code).toBe('information_orientation');
  });

  it('takes the highest item of each domain', () => {
    const result = score({ nutrition: 2, substance_use: 1, distress: 1 });
    expect(result.domains.find((d) => d.code === 'health')?.score).toBe(2);
    expect(result.riskScore).toBe(3);
  });

  it.each([
    [{ nutrition: 2 }, 2, 'no_danger'],
    [{ nutrition: 2, out_of_school: 1 }, 3, 'risk'],
    [{ nutrition: 3, distress: 3, out_of_school: 1 }, 7, 'risk'],
    [{ nutrition: 3, distress: 3, out_of_school: 2 }, 8, 'danger'],
    [{ nutrition: 3, distress: 3, domestic_violence: 3, poverty: 3, out_of_school: 1 }, 13, 'danger'],
    [
      { nutrition: 3, distress: 3, domestic_violence: 3, poverty: 3, out_of_school: 2 },
      14,
      'grave_imminent_danger',
    ],
  ])('%j → total %i, %s (threshold boundaries)', (values, total, level) => {
    expect(score(values)).toMatchObject({ total, level, scoreLevel: level });
  });

  it('subtracts half the protective score, rounded down, never below 0', () => {
    const risk8 = { nutrition: 3, distress: 3, out_of_school: 2 };
    expect(score({ ...risk8, trusted_adult: 1 })).toMatchObject({ total: 7, level: 'risk' });
    expect(score({ ...risk8, trusted_adult: 3, child_resources: 2 })).toMatchObject({
      protectiveScore: 3,
      total: 6,
    });
    expect(score({ nutrition: 1, trusted_adult: 3 }).total).toBe(0);
  });

  it('lifts any safety item at 3 to at least danger', () => {
    const result = score({ no_shelter: 3 });
    expect(result).toMatchObject({ total: 3, scoreLevel: 'risk', level: 'danger' });
    expect(result.appliedFloors).toEqual([{ domain: 'safety', level: 'danger' }]);
    expect(result.orientation?.code).toBe('report_to_prosecutor');
    expect(score({ no_shelter: 2 }).level).toBe('no_danger');
  });

  it('makes any red flag grave and imminent danger whatever the score', () => {
    const result = score({}, ['young_child_alone']);
    expect(result).toMatchObject({ total: 0, scoreLevel: 'no_danger', level: 'grave_imminent_danger' });
    expect(result.triggeredRedFlags).toEqual(['young_child_alone']);
    expect(result.orientation?.code).toBe('emergency_protection');
  });

  it('records red flags without overriding when the instrument says null', () => {
    const informational: AssessmentInstrument = {
      ...instrument,
      red_flags: { ...instrument.red_flags, override_level: null },
    };
    expect(score({}, ['trafficking'], informational)).toMatchObject({
      level: 'no_danger',
      triggeredRedFlags: ['trafficking'],
    });
  });

  it('lists every offending answer', () => {
    const outcome = scoreAssessment(instrument, {
      items: { ...answers().items, injury: 4, nutrition: -1, distress: 1.5, unknown_item: 1, housing: null },
      redFlags: ['life_threat', 'aliens'],
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        { code: 'value_out_of_scale', item: 'injury', value: 4, min: 0, max: 3 },
        { code: 'value_out_of_scale', item: 'nutrition', value: -1, min: 0, max: 3 },
        { code: 'value_out_of_scale', item: 'distress', value: 1.5, min: 0, max: 3 },
        { code: 'unknown_item', item: 'unknown_item' },
        { code: 'missing_answer', item: 'housing' },
        { code: 'unknown_red_flag', item: 'aliens' },
      ]),
    );
    expect(outcome.errors).toHaveLength(6);
  });

  it('scores a draft when asked, listing what is unanswered', () => {
    const outcome = scoreAssessment(instrument, { items: { nutrition: 2 } }, { allowIncomplete: true });
    expect(outcome.ok && outcome.score.total).toBe(2);
    expect(outcome.ok && outcome.score.unanswered).toHaveLength(ITEM_CODES.length - 1);
    expect(scoreAssessment(instrument, { items: { nutrition: 2 } }).ok).toBe(false);
  });

  const fullAnswers = fc.record(
    Object.fromEntries(ITEM_CODES.map((code) => [code, fc.integer({ min: 0, max: 3 })])),
  );
  const redFlags = fc.subarray(instrument.red_flags.items.map((f) => f.code));

  it('never lowers the level when a risk item is raised or a red flag added', () => {
    fc.assert(
      fc.property(fullAnswers, fc.constantFrom(...RISK_ITEM_CODES), redFlags, (values, item, flags) => {
        const before = score(values, flags);
        const raised = score({ ...values, [item]: Math.min(3, (values[item] ?? 0) + 1) }, flags);
        const flagged = score(values, [...flags, 'life_threat']);
        return (
          dangerSeverity(raised.level) >= dangerSeverity(before.level) &&
          dangerSeverity(flagged.level) >= dangerSeverity(before.level)
        );
      }),
    );
  });

  it('never raises the level when a protective factor is raised', () => {
    fc.assert(
      fc.property(fullAnswers, fc.constantFrom(...PROTECTIVE_ITEM_CODES), redFlags, (values, item, flags) => {
        const before = score(values, flags);
        const raised = score({ ...values, [item]: Math.min(3, (values[item] ?? 0) + 1) }, flags);
        return dangerSeverity(raised.level) <= dangerSeverity(before.level);
      }),
    );
  });
});

describe('compareAssessments', () => {
  it('gives then, now and delta per domain, with protective domains read the other way', () => {
    const outcome = compareAssessments(
      instrument,
      answers({ injury: 3, domestic_violence: 3, trusted_adult: 0 }, ['life_threat']),
      answers({ injury: 1, out_of_school: 2, trusted_adult: 2 }),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const byCode = Object.fromEntries(outcome.comparison.domains.map((d) => [d.code, d]));
    expect(byCode.safety).toMatchObject({
      initial: 3,
      current: 1,
      delta: -2,
      trend: 'improved',
      fr: "Sécurité immédiate de l'enfant",
    });
    expect(byCode.education).toMatchObject({ initial: 0, current: 2, delta: 2, trend: 'worsened' });
    expect(byCode.health).toMatchObject({ delta: 0, trend: 'unchanged' });
    expect(byCode.protective).toMatchObject({ initial: 0, current: 2, trend: 'improved' });
    expect(outcome.comparison.level).toEqual({
      initial: 'grave_imminent_danger',
      current: 'no_danger',
      trend: 'improved',
    });
    expect(outcome.comparison.redFlags).toMatchObject({ resolved: ['life_threat'], appeared: [] });
  });

  it('reports the errors of each assessment', () => {
    const outcome = compareAssessments(instrument, answers({ injury: 9 }), answers());
    expect(outcome).toEqual({
      ok: false,
      errors: {
        initial: [{ code: 'value_out_of_scale', item: 'injury', value: 9, min: 0, max: 3 }],
        current: [],
      },
    });
  });
});
