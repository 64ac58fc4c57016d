// Rules for moving a child's case through the protection circuit (مسار الحماية).
//
// - Forward one stage at a time needs nothing more. Immediate assistance may be skipped without a reason,
//   because it only exists for medical or social emergencies.
// - Skipping any other stage, or going back, needs a written reason: the path is the child's history, and
//   the database cell must be able to explain it in the monthly report (e.g. diagnosis already done by the
//   DTIPE that transferred the case, or a relapse that sends a reintegrated child back to care).
// - Closing is possible from any open stage, with a closure reason from taxonomies `closure_reasons`
//   ("other" also needs a written reason) and the CAPE coordinator's approval. Services still open in the
//   basket must be explicitly acknowledged, because closing would leave them without follow-up.
// - A closed case reopens at the initial diagnosis, with a reason: a case is reopened because something new
//   happened to a known child, and the new situation must be assessed before services are chosen. If it is
//   an emergency, the case can then go back to immediate assistance (backward move, reason given). Reopening
//   does not wait for the coordinator: a child in danger again must not wait for an approval.

import taxonomies from '../reference/taxonomies.json' with { type: 'json' };

/** Circuit stages in order; the codes and order of taxonomies.json `circuit_stages`. */
export const CIRCUIT_STAGES = [
  'detection',
  'immediate_assistance',
  'initial_diagnosis',
  'care',
  'reintegration',
  'follow_up',
  'closed',
] as const;
export type CircuitStage = (typeof CIRCUIT_STAGES)[number];

export const REOPENING_STAGE: CircuitStage = 'initial_diagnosis';

const OPTIONAL_STAGES: ReadonlySet<CircuitStage> = new Set(['immediate_assistance']);

/** Closure reason codes of taxonomies.json, the default when a caller does not pass its own list. */
export const DEFAULT_CLOSURE_REASONS: readonly string[] = taxonomies.closure_reasons.map(
  (reason) => reason.code,
);

export function isCircuitStage(value: string): value is CircuitStage {
  return (CIRCUIT_STAGES as readonly string[]).includes(value);
}

export type TransitionKind = 'forward' | 'skip' | 'backward' | 'closure' | 'reopening';

/** What a transition needs besides the two stages. Closing also needs confirmation when services are open. */
export type TransitionRequirement = 'reason' | 'closure_reason' | 'coordinator_approval';

export interface AllowedTransition {
  readonly to: CircuitStage;
  readonly kind: TransitionKind;
  readonly requires: readonly TransitionRequirement[];
}

function classify(from: CircuitStage, to: CircuitStage): AllowedTransition | null {
  if (from === to) return null;
  if (from === 'closed')
    return to === REOPENING_STAGE ? { to, kind: 'reopening', requires: ['reason'] } : null;
  if (to === 'closed') return { to, kind: 'closure', requires: ['closure_reason', 'coordinator_approval'] };
  const fromIndex = CIRCUIT_STAGES.indexOf(from);
  const toIndex = CIRCUIT_STAGES.indexOf(to);
  if (toIndex < fromIndex) return { to, kind: 'backward', requires: ['reason'] };
  const skipped = CIRCUIT_STAGES.slice(fromIndex + 1, toIndex);
  if (skipped.every((stage) => OPTIONAL_STAGES.has(stage))) return { to, kind: 'forward', requires: [] };
  return { to, kind: 'skip', requires: ['reason'] };
}

/** Every stage a case can move to from `from`, and what each move requires. */
export function allowedTransitions(from: CircuitStage): AllowedTransition[] {
  return CIRCUIT_STAGES.map((to) => classify(from, to)).filter((t): t is AllowedTransition => t !== null);
}

export interface TransitionRequest {
  readonly from: string;
  readonly to: string;
  readonly reason?: string | null;
  readonly closureReason?: string | null;
  /** Services of the basket still open on the case (linking cards without a final answer). */
  readonly openServicesCount?: number;
  readonly confirmOpenServices?: boolean;
  readonly approvedByCoordinator?: boolean;
}

export type TransitionViolationCode =
  | 'unknown_stage'
  | 'same_stage'
  | 'transition_not_allowed'
  | 'reason_required'
  | 'closure_reason_required'
  | 'closure_reason_unknown'
  | 'closure_needs_coordinator_approval'
  | 'closure_with_open_services_needs_confirmation'
  | 'invalid_open_services_count';

export interface TransitionViolation {
  readonly code: TransitionViolationCode;
  /** The offending value or field, when there is one. */
  readonly detail?: string;
}

export type TransitionCheck =
  | { readonly ok: true; readonly kind: TransitionKind }
  | { readonly ok: false; readonly violations: readonly TransitionViolation[] };

export interface TransitionOptions {
  /** Closure reason codes in force (administrators may extend the taxonomy). */
  readonly closureReasons?: readonly string[];
}

function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim() === '';
}

/** Checks a stage change and returns every rule it breaks, with stable machine codes. */
export function checkTransition(
  request: TransitionRequest,
  options: TransitionOptions = {},
): TransitionCheck {
  const { from, to } = request;
  const unknown = [from, to].filter((stage) => !isCircuitStage(stage));
  if (unknown.length > 0)
    return { ok: false, violations: unknown.map((detail) => ({ code: 'unknown_stage', detail })) };
  if (from === to) return { ok: false, violations: [{ code: 'same_stage', detail: from }] };
  const transition = classify(from as CircuitStage, to as CircuitStage);
  if (!transition)
    return { ok: false, violations: [{ code: 'transition_not_allowed', detail: `${from}→${to}` }] };

  const violations: TransitionViolation[] = [];
  const needsReason = transition.requires.includes('reason') || request.closureReason === 'other';
  if (needsReason && isBlank(request.reason)) violations.push({ code: 'reason_required' });

  if (transition.kind === 'closure') {
    const closureReasons = options.closureReasons ?? DEFAULT_CLOSURE_REASONS;
    if (isBlank(request.closureReason)) violations.push({ code: 'closure_reason_required' });
    else if (!closureReasons.includes(request.closureReason!)) {
      violations.push({ code: 'closure_reason_unknown', detail: request.closureReason! });
    }
    if (request.approvedByCoordinator !== true)
      violations.push({ code: 'closure_needs_coordinator_approval' });
    const openServices = request.openServicesCount ?? 0;
    if (!Number.isInteger(openServices) || openServices < 0) {
      violations.push({ code: 'invalid_open_services_count', detail: String(openServices) });
    } else if (openServices > 0 && request.confirmOpenServices !== true) {
      violations.push({
        code: 'closure_with_open_services_needs_confirmation',
        detail: String(openServices),
      });
    }
  }
  return violations.length > 0 ? { ok: false, violations } : { ok: true, kind: transition.kind };
}
