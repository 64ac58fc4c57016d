import type { ReferralCard, ReferralStatus } from '@madar/domain';

/** Pure parts of the referral screens: query keys, what a live event makes stale, a card's steps. */

export type ReferralBox = 'inbox' | 'outbox';

export interface ReferralListQuery {
  box: ReferralBox;
  status?: ReferralStatus;
  overdue?: 'true';
  limit: number;
  offset: number;
}

export const referralKeys = {
  lists: ['referrals', 'list'] as const,
  list: (query: ReferralListQuery) => ['referrals', 'list', query] as const,
  card: (id: string) => ['referrals', 'card', id] as const,
  messages: (id: string) => ['referrals', 'messages', id] as const,
  suggestions: (planItemId: string) => ['referrals', 'suggestions', planItemId] as const,
  ofCase: (caseId: string) => ['case', caseId, 'referrals'] as const,
  /** The case plan: a card's steps move its plan item (requested, in progress, delivered…). */
  plan: (caseId: string) => ['case', caseId, 'plan'] as const,
};

/** The queries a `referral.updated` event makes stale: the card, its thread, the lists, its case. */
export function staleKeysOf(data: Record<string, unknown>): readonly (readonly string[])[] {
  const keys: (readonly string[])[] = [referralKeys.lists];
  if (typeof data.cardId === 'string' && data.cardId) {
    keys.push(referralKeys.card(data.cardId), referralKeys.messages(data.cardId));
  }
  if (typeof data.caseId === 'string' && data.caseId) {
    keys.push(referralKeys.ofCase(data.caseId), referralKeys.plan(data.caseId));
  }
  return keys;
}

export type StepName = 'created' | 'sent' | 'received' | 'started' | 'completed' | 'declined' | 'cancelled';

export interface CardStep {
  name: StepName;
  at: string;
  byName: string;
}

/**
 * The card's life so far, oldest first: when it was written and each step since, with who took it.
 * Steps not taken are left out.
 */
export function stepsOf(
  card: Pick<
    ReferralCard,
    'createdAt' | 'senderName' | 'sent' | 'received' | 'started' | 'completed' | 'declined' | 'cancelled'
  >,
): CardStep[] {
  const steps: CardStep[] = [{ name: 'created', at: card.createdAt, byName: card.senderName }];
  for (const name of ['sent', 'received', 'started', 'completed', 'declined', 'cancelled'] as const) {
    const step = card[name];
    if (step) steps.push({ name, at: step.at, byName: step.byName });
  }
  // Stable: two steps at the same instant (an answer that also acknowledged) keep the lifecycle order.
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.at.localeCompare(b.step.at) || a.index - b.index)
    .map(({ step }) => step);
}

/** A calendar day (yyyy-mm-dd) as an instant at noon UTC, so it is the same day in Casablanca. */
export const dayIso = (day: string) => `${day}T12:00:00Z`;
