import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import taxonomies from '../reference/taxonomies.json' with { type: 'json' };
import {
  allowedTransitions,
  CIRCUIT_STAGES,
  type CircuitStage,
  checkTransition,
  REOPENING_STAGE,
} from './index';

const closure = {
  to: 'closed',
  closureReason: 'plan_goals_met',
  approvedByCoordinator: true,
  openServicesCount: 0,
} as const;

function codes(check: ReturnType<typeof checkTransition>): string[] {
  return check.ok ? [] : check.violations.map((v) => v.code);
}

describe('circuit stages', () => {
  it('are the codes of taxonomies.json, in order', () => {
    expect(CIRCUIT_STAGES).toEqual(taxonomies.circuit_stages.map((stage) => stage.code));
  });
});

describe('allowedTransitions', () => {
  it('lists forward, skipped, backward and closing moves from an open stage', () => {
    const moves = Object.fromEntries(allowedTransitions('detection').map((t) => [t.to, t]));
    expect(moves.immediate_assistance).toMatchObject({ kind: 'forward', requires: [] });
    expect(moves.initial_diagnosis).toMatchObject({ kind: 'forward', requires: [] });
    expect(moves.care).toMatchObject({ kind: 'skip', requires: ['reason'] });
    expect(moves.closed).toMatchObject({
      kind: 'closure',
      requires: ['closure_reason', 'coordinator_approval'],
    });
    expect(moves.detection).toBeUndefined();
    expect(allowedTransitions('care').find((t) => t.to === 'initial_diagnosis')?.kind).toBe('backward');
  });

  it('only reopens a closed case at the initial diagnosis', () => {
    expect(allowedTransitions('closed')).toEqual([
      { to: REOPENING_STAGE, kind: 'reopening', requires: ['reason'] },
    ]);
  });

  it('agrees with checkTransition', () => {
    const stages = fc.constantFrom(...CIRCUIT_STAGES);
    fc.assert(
      fc.property(stages, stages, (from: CircuitStage, to: CircuitStage) => {
        const allowed = allowedTransitions(from).find((t) => t.to === to);
        const check = checkTransition({
          from,
          to,
          reason: 'documented',
          closureReason: 'plan_goals_met',
          approvedByCoordinator: true,
        });
        return allowed ? check.ok && check.kind === allowed.kind : !check.ok;
      }),
    );
  });
});

describe('checkTransition', () => {
  it('moves forward one stage without anything else', () => {
    expect(checkTransition({ from: 'care', to: 'reintegration' })).toEqual({ ok: true, kind: 'forward' });
  });

  it('lets detection skip immediate assistance when there is no emergency', () => {
    expect(checkTransition({ from: 'detection', to: 'initial_diagnosis' })).toEqual({
      ok: true,
      kind: 'forward',
    });
  });

  it('needs a reason to skip another stage or to go back', () => {
    expect(codes(checkTransition({ from: 'detection', to: 'care' }))).toEqual(['reason_required']);
    expect(codes(checkTransition({ from: 'care', to: 'initial_diagnosis', reason: '   ' }))).toEqual([
      'reason_required',
    ]);
    expect(checkTransition({ from: 'follow_up', to: 'care', reason: 'relapse' })).toEqual({
      ok: true,
      kind: 'backward',
    });
  });

  it('rejects unknown and identical stages', () => {
    expect(checkTransition({ from: 'limbo', to: 'care' })).toEqual({
      ok: false,
      violations: [{ code: 'unknown_stage', detail: 'limbo' }],
    });
    expect(codes(checkTransition({ from: 'care', to: 'care' }))).toEqual(['same_stage']);
  });

  it('closes from any open stage with a reason and the coordinator', () => {
    for (const from of CIRCUIT_STAGES.filter((s) => s !== 'closed')) {
      expect(checkTransition({ from, ...closure })).toEqual({ ok: true, kind: 'closure' });
    }
  });

  it('requires a closure reason from the taxonomy', () => {
    expect(codes(checkTransition({ ...closure, from: 'care', closureReason: null }))).toEqual([
      'closure_reason_required',
    ]);
    expect(checkTransition({ ...closure, from: 'care', closureReason: 'bored' })).toEqual({
      ok: false,
      violations: [{ code: 'closure_reason_unknown', detail: 'bored' }],
    });
    expect(
      checkTransition({ ...closure, from: 'care', closureReason: 'bored' }, { closureReasons: ['bored'] }).ok,
    ).toBe(true);
  });

  it('requires a written reason when the closure reason is "other"', () => {
    expect(codes(checkTransition({ ...closure, from: 'care', closureReason: 'other' }))).toEqual([
      'reason_required',
    ]);
    expect(
      checkTransition({ ...closure, from: 'care', closureReason: 'other', reason: 'moved abroad' }).ok,
    ).toBe(true);
  });

  it('requires the coordinator to approve a closure', () => {
    expect(codes(checkTransition({ ...closure, from: 'care', approvedByCoordinator: false }))).toEqual([
      'closure_needs_coordinator_approval',
    ]);
  });

  it('requires open services to be acknowledged before closing', () => {
    expect(checkTransition({ ...closure, from: 'care', openServicesCount: 2 })).toEqual({
      ok: false,
      violations: [{ code: 'closure_with_open_services_needs_confirmation', detail: '2' }],
    });
    expect(
      checkTransition({ ...closure, from: 'care', openServicesCount: 2, confirmOpenServices: true }).ok,
    ).toBe(true);
    expect(codes(checkTransition({ ...closure, from: 'care', openServicesCount: -1 }))).toEqual([
      'invalid_open_services_count',
    ]);
  });

  it('lists every broken closure rule at once', () => {
    expect(codes(checkTransition({ from: 'care', to: 'closed', openServicesCount: 1 }))).toEqual([
      'closure_reason_required',
      'closure_needs_coordinator_approval',
      'closure_with_open_services_needs_confirmation',
    ]);
  });

  it('reopens a closed case at the initial diagnosis with a reason, and nowhere else', () => {
    expect(checkTransition({ from: 'closed', to: 'initial_diagnosis', reason: 'new report' })).toEqual({
      ok: true,
      kind: 'reopening',
    });
    expect(codes(checkTransition({ from: 'closed', to: 'initial_diagnosis' }))).toEqual(['reason_required']);
    expect(codes(checkTransition({ from: 'closed', to: 'care', reason: 'new report' }))).toEqual([
      'transition_not_allowed',
    ]);
  });
});
