import { describe, expect, it } from 'vitest';
import { referenceTaxonomies } from '../reference';
import { newFollowUpInputSchema } from './follow-ups';
import {
  addDays,
  basketService,
  casablancaDate,
  daysBetween,
  defaultProtocolRules,
  matchProtocol,
  PLAN_ITEM_STATUSES,
  PROTOCOL_STAGES,
  type ProtocolRuleValues,
  planStatusChangeAllowed,
  SERVICE_BASKET,
} from './plans';

const codes = (list: { code: string }[]) => new Set(list.map((i) => i.code));

describe('the default protocol', () => {
  const rules = defaultProtocolRules();
  const find = (stage: string, service: string, when: { harmForm?: string; situation?: string } = {}) =>
    rules.find(
      (r) =>
        r.stage === stage &&
        r.serviceCode === service &&
        r.harmForm === (when.harmForm ?? null) &&
        r.situation === (when.situation ?? null),
    );

  it('names only services of the basket, delivered by the sector the basket gives them', () => {
    for (const rule of rules) {
      const service = basketService(rule.serviceCode);
      expect(service, rule.serviceCode).toBeDefined();
      expect(rule.sectorCode, rule.serviceCode).toBe(service!.sector);
    }
  });

  it('names only known forms of harm and situations, stages of the circuit, and no rule twice', () => {
    const harms = codes(referenceTaxonomies.harm_forms);
    const situations = codes(referenceTaxonomies.child_situations);
    const keys = new Set<string>();
    for (const rule of rules) {
      expect(PROTOCOL_STAGES).toContain(rule.stage);
      if (rule.harmForm) expect(harms.has(rule.harmForm), rule.harmForm).toBe(true);
      if (rule.situation) expect(situations.has(rule.situation), rule.situation).toBe(true);
      expect(rule.harmForm !== null && rule.situation !== null).toBe(false);
      expect(rule.maxDelayDays).toBeGreaterThan(0);
      const key = [rule.stage, rule.harmForm, rule.situation, rule.serviceCode].join('|');
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });

  it("gives each stage's services for every child the stage's delay", () => {
    expect(find('immediate_assistance', 'emergency_medical_care')?.maxDelayDays).toBe(1);
    expect(find('initial_diagnosis', 'social_inquiry')?.maxDelayDays).toBe(7);
    expect(find('care', 'psychological_support')?.maxDelayDays).toBe(15);
    expect(find('reintegration', 'family_reintegration')?.maxDelayDays).toBe(30);
    expect(find('follow_up', 'home_visit')?.maxDelayDays).toBe(30);
    for (const stage of PROTOCOL_STAGES.filter((s) => s !== 'detection')) {
      expect(
        rules.some((r) => r.stage === stage && !r.harmForm && !r.situation),
        stage,
      ).toBe(true);
    }
  });

  it('calls for the forensic examination and the prosecutor within a day after sexual violence, from detection on', () => {
    for (const stage of ['detection', 'immediate_assistance', 'initial_diagnosis']) {
      expect(find(stage, 'forensic_examination', { harmForm: 'sexual_violence' })).toMatchObject({
        sectorCode: 'health',
        maxDelayDays: 1,
      });
      expect(find(stage, 'report_to_prosecutor', { harmForm: 'sexual_violence' })).toMatchObject({
        sectorCode: 'public_prosecution',
        maxDelayDays: 1,
      });
    }
  });

  it('calls for the labour inspection within 7 days for child labour, and civil registration within 30', () => {
    expect(find('care', 'withdrawal_from_work', { harmForm: 'child_labour' })).toMatchObject({
      sectorCode: 'labour',
      maxDelayDays: 7,
    });
    expect(
      find('reintegration', 'civil_registration', { situation: 'not_registered_civil_status' }),
    ).toMatchObject({ sectorCode: 'interior', maxDelayDays: 30 });
  });
});

describe('matchProtocol', () => {
  const rule = (values: Partial<ProtocolRuleValues>): ProtocolRuleValues => ({
    stage: 'care',
    harmForm: null,
    situation: null,
    serviceCode: 'psychological_support',
    sectorCode: 'family_solidarity',
    maxDelayDays: 15,
    ...values,
  });

  it('keeps the rules of the stage whose harm form and situation are the case’s', () => {
    const rules = [
      rule({}),
      rule({ stage: 'reintegration', serviceCode: 'family_reintegration' }),
      rule({ harmForm: 'neglect', serviceCode: 'family_mediation' }),
      rule({ harmForm: 'child_marriage', serviceCode: 'legal_aid', sectorCode: 'justice' }),
      rule({ situation: 'addiction', serviceCode: 'psychiatric_care', sectorCode: 'health' }),
      rule({
        harmForm: 'neglect',
        situation: 'disability',
        serviceCode: 'medical_treatment',
        sectorCode: 'health',
      }),
    ];
    const matched = matchProtocol(rules, {
      stage: 'care',
      harmForms: ['neglect'],
      situations: ['addiction'],
    });
    expect(matched.map((m) => m.serviceCode).sort()).toEqual(
      ['family_mediation', 'psychiatric_care', 'psychological_support'].sort(),
    );
    expect(matched.find((m) => m.serviceCode === 'family_mediation')).toMatchObject({
      harmForms: ['neglect'],
      situations: [],
    });
  });

  it('merges rules of one service: the shortest delay and its sector win, every reason is kept; urgent first', () => {
    const rules = [
      rule({ serviceCode: 'report_to_prosecutor', sectorCode: 'public_prosecution', maxDelayDays: 15 }),
      rule({
        serviceCode: 'report_to_prosecutor',
        sectorCode: 'justice',
        maxDelayDays: 2,
        harmForm: 'trafficking',
      }),
      rule({
        serviceCode: 'report_to_prosecutor',
        sectorCode: 'public_prosecution',
        maxDelayDays: 5,
        situation: 'street_situation',
      }),
      rule({ serviceCode: 'psychological_support', maxDelayDays: 15 }),
      rule({ serviceCode: 'legal_aid', sectorCode: 'justice', maxDelayDays: 15 }),
    ];
    const matched = matchProtocol(rules, {
      stage: 'care',
      harmForms: ['trafficking'],
      situations: ['street_situation'],
    });
    expect(matched[0]).toEqual({
      serviceCode: 'report_to_prosecutor',
      sectorCode: 'justice',
      maxDelayDays: 2,
      harmForms: ['trafficking'],
      situations: ['street_situation'],
    });
    // Equal delays follow the basket's order.
    expect(matched.slice(1).map((m) => m.serviceCode)).toEqual(['psychological_support', 'legal_aid']);
  });
});

describe('plan item statuses', () => {
  it('allows any change but a final status back to planned', () => {
    for (const from of PLAN_ITEM_STATUSES) {
      for (const to of PLAN_ITEM_STATUSES) {
        const final = from === 'delivered' || from === 'not_delivered';
        expect(planStatusChangeAllowed(from, to), `${from} → ${to}`).toBe(!(final && to === 'planned'));
      }
    }
  });
});

describe('calendar dates', () => {
  it("takes today's date in Morocco, not in UTC", () => {
    expect(casablancaDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16');
    expect(casablancaDate(new Date('2026-01-15T22:30:00Z'))).toBe('2026-01-15');
  });

  it('adds days and counts them across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-01-10', -15)).toBe('2025-12-26');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
  });
});

describe('the follow-up card', () => {
  const valid = {
    contactType: 'interview',
    contactAt: '2026-03-01T10:00:00+01:00',
    observations: 'Calme.',
    childViews: 'Je veux rester chez ma tante.',
    nextSteps: null,
    nextFollowUpOn: '2026-03-15',
  };

  it("requires the child's views, with a code of its own", () => {
    expect(newFollowUpInputSchema.safeParse(valid).success).toBe(true);
    for (const childViews of [undefined, null, '', '  ', 'no']) {
      const result = newFollowUpInputSchema.safeParse({ ...valid, childViews });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['childViews', 'child_views_required'],
      ]);
    }
  });

  it('is every basket service a real one (sanity of the shipped basket)', () => {
    expect(SERVICE_BASKET.length).toBeGreaterThan(20);
    expect(new Set(SERVICE_BASKET.map((s) => s.code)).size).toBe(SERVICE_BASKET.length);
  });
});
